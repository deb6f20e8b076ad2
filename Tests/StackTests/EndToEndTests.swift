import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging
import Testing

extension StackSuite {
    @Suite("Both services on both channels, through real processes")
    struct EndToEndTests {
        @Test("applications from the portal and a front office reach their receipts and results; the status desk and verification answer")
        func endToEnd() async throws {
            let stack = try await EmbeddedStack("e2e")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let now = Date()
            let f = session.factory
            let emigrationPortal = f.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: now)
            let emigrationOffice = f.emigration(for: dealer.next(.reservist), channel: .stateCorporation, branchId: "ALA-01", submittedAt: now)
            let refusedByAuthority = f.emigration(for: dealer.next(.notRegistered), channel: .portal, branchId: "AST-01", submittedAt: now, scenario: "conscript")
            let criminalPortal = f.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: now)
            let criminalAbroad = f.criminalRecord(for: dealer.next(.criminalRecord), channel: .stateCorporation, purpose: "travel-abroad", branchId: "KZO-ARA", submittedAt: now)
            let additionalCheck = f.criminalRecord(for: dealer.next(.criminalNeedsCheck), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: now)
            var incomplete = f.emigration(for: dealer.next(.conscript), channel: .stateCorporation, branchId: "SHY-01", submittedAt: now)
            incomplete.documents.removeAll { $0.type == "emigration-proof" }
            let all = [emigrationPortal, emigrationOffice, refusedByAuthority, criminalPortal, criminalAbroad, additionalCheck, incomplete]
            try await session.submit(all)
            try await session.waitForAnswers(all.map(\.applicationId))
            let seen = session.seen

            func result(_ a: ApplicationSubmission) -> ResultIssued? { seen.results[a.applicationId]?.first }
            #expect(result(emigrationPortal)?.kind == .certificate && result(emigrationPortal)?.delivery.method == .personalCabinet)
            #expect(result(emigrationOffice)?.kind == .certificate && result(emigrationOffice)?.copies == 3 && result(emigrationOffice)?.format == .paper)
            #expect(result(refusedByAuthority)?.kind == .refusal)
            #expect(result(criminalPortal)?.kind == .certificate && result(criminalPortal)?.form == "Rules App 4")
            #expect(result(criminalAbroad)?.form == "Rules App 5" && result(criminalAbroad)?.delivery == Delivery(method: .branch, branchId: "KZO-ARA"))
            #expect(result(additionalCheck)?.kind == .interimReply)
            #expect(seen.receipts[incomplete.applicationId]?.first?.refusal?.code == "incomplete-package")
            #expect(result(incomplete) == nil)

            // Due dates: 1 working day for the emigration certificate; 10 working days for a
            // travel-abroad certificate ordered at a district branch.
            let calendar = WorkingDayCalendar.kazakhstan
            let emigrationReceipt = try #require(seen.receipts[emigrationOffice.applicationId]?.first)
            #expect(emigrationReceipt.dueDate == calendar.adding(workingDays: 1, to: emigrationReceipt.acceptedOn!))
            let abroadReceipt = try #require(seen.receipts[criminalAbroad.applicationId]?.first)
            #expect(abroadReceipt.dueDate == calendar.adding(workingDays: 10, to: abroadReceipt.acceptedOn!))

            // The status desk, by registration number.
            let number = try #require(emigrationReceipt.registrationNumber)
            let view = try #require(try await stack.http.status(number))
            #expect(view["applicationId"]?.stringValue == emigrationOffice.applicationId)
            #expect(view["status"]?.stringValue == "ready-for-collection")
            #expect(view["location"]?.stringValue?.contains(emigrationOffice.branchId!) == true)
            #expect(view["dueAt"]?.stringValue == emigrationReceipt.dueAt.map(KazakhstanTime.format))
            if case .array(let history)? = view["history"] {
                let steps = history.compactMap { $0["status"]?.stringValue }
                #expect(Array(steps.prefix(2)) == ["identifying", "accepted"])
            } else {
                Issue.record("no history")
            }

            // Verification of a result by its number; the gateway's message log for the application.
            let document = try #require(result(criminalPortal))
            let (code, body) = try await stack.http.get(stack.http.issuance, "documents/\(document.documentNumber)")
            let verification = try #require(stack.http.json(body))
            #expect(code == 200 && verification["signatureValid"]?.boolValue == true && verification["digest"]?.stringValue == document.digest)
            let (logCode, logBody) = try await stack.http.get(stack.http.identity, "message-log/\(criminalPortal.applicationId)")
            guard case .array(let log)? = stack.http.json(logBody) else { Issue.record("no message log"); return }
            #expect(logCode == 200 && Set(log.compactMap { $0["client"]?.stringValue }) == ["intake", "review"])
            #expect(log.allSatisfy { ($0["requestHash"]?.stringValue?.count ?? 0) == 64 })
            #expect(seen.deadLetters.isEmpty)
            await session.close()
        }

        @Test("the same application submitted again, as the same event or a new one, yields one receipt and one result")
        func duplicates() async throws {
            let stack = try await EmbeddedStack("duplicates")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let application = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Date())
            let envelope = try session.signer.envelope(for: application)
            let retried = try session.signer.envelope(for: application)
            try await session.publisher.publish([envelope, envelope, retried])
            try await session.waitForAnswers([application.applicationId])
            // Send once more after it is done, then wait for something sent later to be answered.
            try await session.publisher.publish([envelope])
            let marker = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Date())
            try await session.submit([marker])
            try await session.waitForAnswers([marker.applicationId])
            let seen = session.seen
            #expect(Set((seen.receipts[application.applicationId] ?? []).map { $0.registrationNumber }).count == 1)
            #expect(seen.receipts[application.applicationId]?.count == 1)
            #expect(seen.results[application.applicationId]?.count == 1)
            #expect(seen.deadLetters.isEmpty)
            await session.close()
        }
    }
}
