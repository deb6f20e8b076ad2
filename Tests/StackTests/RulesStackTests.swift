import Foundation
import QyzmetDomain
import QyzmetLoad
import Testing

/// The rules engine through the real processes: an executor's findings are what the certificate
/// states, consent is taken as each channel's rules say, uncollected results wait as their
/// regulation says, and a case keeps its version when a new one takes effect.
extension StackSuite {
    @Suite("Rules as data, through real processes")
    struct RulesStackTests {
        struct Action: Encodable {
            var action: String
            var executorId: String
            var findings: [String: String]? = nil
        }

        @Test("a criminal-record case that reaches the committee: the certificate states exactly the recorded findings, about the subject")
        func criminalRecordThroughAnExecutor() async throws {
            let stack = try await EmbeddedStack("rules-executor")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let subject = dealer.next(.criminalNeedsCheck)
            let application = session.factory.criminalRecord(for: dealer.next(.criminalClear), about: subject, channel: .portal, purpose: "general",
                                                              branchId: "AST-01", submittedAt: Date())
            try await session.submit([application])
            let item = try await eventually("the case on the worklist in the additional check") { () -> JSONValue? in
                try await stack.http.worklist().first { $0["applicationId"]?.stringValue == application.applicationId && $0["state"]?.stringValue == "additional-check" }
            }
            let executor = try #require(item["executorId"]?.stringValue)
            let path = "cases/\(application.applicationId)/actions"
            // No certificate without findings: approve is not open until they are recorded.
            #expect(try await stack.http.post(stack.http.review, path, Action(action: "approve", executorId: executor)).0 == 409)
            #expect(try await stack.http.post(stack.http.review, path, Action(action: "record-findings", executorId: executor, findings: ["criminalRecord": "maybe"])).0 == 409)
            #expect(try await stack.http.post(stack.http.review, path, Action(action: "record-findings", executorId: executor,
                                                                              findings: ["criminalRecord": "present", "checkedAgainst": "card index"])).0 == 200)
            #expect(try await stack.http.post(stack.http.review, path, Action(action: "approve", executorId: executor)).0 == 200)
            _ = try await eventually("the certificate issued") { session.answered(application.applicationId) ? true : nil }

            let result = try #require(session.seen.results[application.applicationId]?.first)
            #expect(result.kind == .certificate && result.form == "Rules App 4")
            let (code, body) = try await stack.http.get(stack.http.issuance, "documents/\(result.documentNumber)")
            #expect(code == 200)
            let content = try #require(stack.http.json(body)?["content"])
            #expect(content["holder"]?["fullName"]?.stringValue == subject.person.fullName)
            #expect(content["facts"] == .object(["criminalRecord": .string("present")]))
            #expect(content["statement"]?.stringValue?.contains("has a criminal record") == true)
            #expect(content["statement"]?.stringValue?.contains(subject.person.fullName) == true)
            #expect(content["rulesVersion"]?.stringValue == "gp-order-64@2022-01-25")
            // Who did what, recorded by review.
            let (_, log) = try await stack.http.get(stack.http.review, path)
            guard case .array(let actions)? = stack.http.json(log) else { Issue.record("no action log"); return }
            #expect(actions.compactMap { $0["action"]?.stringValue } == ["data-gathered", "record-findings", "approve"])
            #expect(actions.last?["actor"]?.stringValue == executor)
            await session.close()
        }

        @Test("consent per channel, strict types, and acceptance by receipt: what each channel's rules say, nothing else")
        func consentAndAcceptance() async throws {
            let stack = try await EmbeddedStack("rules-consent")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let now = Date()
            // Front office, about another person, with an SMS consent but no power of attorney.
            var smsAtFrontOffice = session.factory.criminalRecord(for: dealer.next(.criminalClear), about: dealer.next(.criminalClear), channel: .stateCorporation,
                                                                  purpose: "general", branchId: "AST-01", submittedAt: now)
            smsAtFrontOffice.documents.removeAll { $0.type == "power-of-attorney" }
            smsAtFrontOffice.consent = .init(subjectIin: smsAtFrontOffice.subject!.iin, method: "sms", givenAt: now, reference: "SMS-1")
            // Front office with the subject's notarised power of attorney.
            let attorney = dealer.next(.criminalClear)
            let withAttorney = session.factory.criminalRecord(for: dealer.next(.criminalClear), about: attorney, channel: .stateCorporation,
                                                              purpose: "general", branchId: "AST-01", submittedAt: now)
            // Portal, consent dated a year ahead.
            var futureConsent = session.factory.criminalRecord(for: dealer.next(.criminalClear), about: dealer.next(.criminalClear), channel: .portal,
                                                               purpose: "general", branchId: "AST-01", submittedAt: now)
            futureConsent.consent?.givenAt = now.addingTimeInterval(365 * 86_400)
            // A string "true" is not a boolean.
            var stringConsent = session.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: now)
            stringConsent.form["secretInformationConsent"] = .string("true")
            // Back-dated two days (inside the 72-hour submission window): accepted today, not then.
            let backdated = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01",
                                                           submittedAt: now.addingTimeInterval(-2 * 86_400))
            // The apostille under the one-application rule: its duty is paid before acceptance.
            var apostille = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "travel-abroad", branchId: "AST-01", submittedAt: now)
            apostille.form["apostille"] = .bool(true)
            // A legal entity asks about another person, never about itself.
            var entity = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: now)
            entity.party = "legal-entity"
            let all = [smsAtFrontOffice, withAttorney, futureConsent, stringConsent, backdated, apostille, entity]
            try await session.submit(all)
            try await session.waitForAnswers(all.map(\.applicationId))
            let seen = session.seen
            func refusal(_ a: ApplicationSubmission) -> String? { seen.receipts[a.applicationId]?.first?.refusal?.code }
            #expect(refusal(smsAtFrontOffice) == "incomplete-package")
            #expect(seen.receipts[smsAtFrontOffice.applicationId]?.first?.refusal?.missingDocuments == ["power-of-attorney"])
            #expect(seen.receipts[withAttorney.applicationId]?.first?.outcome == .accepted)
            #expect(refusal(futureConsent) == "missing-consent")
            #expect(refusal(stringConsent) == "invalid-application")
            #expect(refusal(apostille) == "duty-unpaid")
            #expect(refusal(entity) == "party-not-served")
            #expect(seen.receipts[entity.applicationId]?.first?.refusal?.reason.contains("conditions for a legal-entity application") == true)
            let receipt = try #require(seen.receipts[backdated.applicationId]?.first)
            #expect(receipt.acceptedOn.map { $0 >= KazakhstanTime.localDate(of: now) } == true, "\(receipt)")
            #expect(receipt.rulesVersion == "gp-order-64@2022-01-25")
            // The certificate about another person is about that person.
            let result = try #require(seen.results[withAttorney.applicationId]?.first)
            let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(result.documentNumber)")
            #expect(stack.http.json(body)?["content"]?["holder"]?["fullName"]?.stringValue == attorney.person.fullName)
            await session.close()
        }

        @Test("an emigration certificate nobody collects for six weeks still waits at its branch, and is handed over")
        func emigrationCollectedLate() async throws {
            let stack = try await EmbeddedStack("rules-collect")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let person = dealer.next(.reservist)
            let application = session.factory.emigration(for: person, channel: .stateCorporation, branchId: "AST-01", submittedAt: Date())
            try await session.submit([application])
            try await session.waitForAnswers([application.applicationId])
            let result = try #require(session.seen.results[application.applicationId]?.first)
            #expect(result.kind == .certificate && result.copies == 3)
            let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(result.documentNumber)")
            let content = try #require(stack.http.json(body)?["content"])
            // Removal and surrender are what the officer recorded, not a default sentence.
            #expect(content["facts"]?["removedFromRegisterOn"] != nil)
            #expect(content["statement"]?.stringValue?.contains("was surrendered") == true)

            try await stack.moveClock(days: 42)
            let branch = try #require(application.branchId)
            _ = try await eventually("still at the branch after six weeks") { () -> Bool? in
                let view = try await stack.http.status(application.applicationId)
                return view?["status"]?.stringValue == "ready-for-collection" ? true : nil
            }
            struct Collect: Encodable { var branchId: String; var identityDocument = "id-card"; var identityDocumentNumber: String }
            let path = "documents/\(result.documentNumber)/collect"
            // An operator hands it over on the holder's identity document only; another branch's operator cannot.
            #expect(try await stack.http.post(stack.http.issuance, path, Collect(branchId: branch, identityDocumentNumber: "000000000")).0 == 403)
            #expect(try await stack.http.post(stack.http.issuance, path, Collect(branchId: branch, identityDocumentNumber: person.person.idDocument.number)).0 == 200)
            _ = try await eventually("collected") { try await stack.http.status(application.applicationId)?["status"]?.stringValue == "collected" ? true : nil }

            // The decision removed the reservist from the military register: the gateway now says
            // so, and a second application is refused on the ground the catalogue names.
            let again = session.factory.emigration(for: person, channel: .portal, branchId: "AST-01", submittedAt: Date())
            try await session.submit([again])
            try await session.waitForAnswers([again.applicationId])
            let refusal = try #require(session.seen.results[again.applicationId]?.first)
            #expect(refusal.kind == .refusal)
            let (_, refused) = try await stack.http.get(stack.http.issuance, "documents/\(refusal.documentNumber)")
            #expect(stack.http.json(refused)?["content"]?["statement"]?.stringValue?.contains("already been removed from military registration") == true)
            await session.close()
        }

        @Test("a case keeps the version of its filing day when a new version takes effect mid-flight")
        func versionKeptMidFlight() async throws {
            // A test-only version of order 28 that takes effect tomorrow: 3 working days instead of 1.
            let extra = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-extra-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: extra) }
            // The stack is not started yet: its clock will stand where OfficeHoursClock puts it.
            let tomorrow = KazakhstanTime.localDate(of: Date().addingTimeInterval(OfficeHoursClock.offset())).adding(days: 1)
            // The whole act, as one file: a version is a full snapshot of its services.
            let bundled = Paths.packageRoot.appendingPathComponent("Shared/Rules/Resources/catalogue/acts/mod-order-28/2021-09-04")
            var act = try JSONSerialization.jsonObject(with: Data(contentsOf: bundled.appendingPathComponent("act.json"))) as! [String: Any]
            act["effectiveFrom"] = tomorrow.description
            act["datesNote"] = "test-only version"
            var services: [[String: Any]] = []
            for file in try FileManager.default.contentsOfDirectory(atPath: bundled.path).sorted() where file.hasSuffix(".json") && file != "act.json" {
                var service = try JSONSerialization.jsonObject(with: Data(contentsOf: bundled.appendingPathComponent(file))) as! [String: Any]
                if service["code"] as? String == "mod.emigration-certificate" {
                    service["terms"] = [["term": ["amount": 3, "unit": "working-days"], "source": "test-only"]]
                }
                services.append(service)
            }
            act["services"] = services
            try FileManager.default.createDirectory(at: extra.appendingPathComponent("acts/mod-order-28"), withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: act).write(to: extra.appendingPathComponent("acts/mod-order-28/\(tomorrow).json"))
            let environment = ["QYZMET_CATALOGUE_EXTRA": extra.path]
            let stack = try await EmbeddedStack("rules-version", overrides: ["intake": environment, "review": environment, "issuance": environment, "identity": environment])
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let today = session.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Date())
            try await session.submit([today])
            _ = try await eventually("on the worklist under today's rules") { () -> Bool? in
                try await stack.http.worklist().contains { $0["applicationId"]?.stringValue == today.applicationId } ? true : nil
            }
            let first = try #require(session.seen.receipts[today.applicationId]?.first)
            #expect(first.rulesVersion == "mod-order-28@2021-09-04")

            try await stack.moveClock(days: 2)
            let later = session.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Date())
            try await session.submit([later])
            try await session.waitForAnswers([today.applicationId, later.applicationId])
            let second = try #require(session.seen.receipts[later.applicationId]?.first)
            #expect(second.rulesVersion == "mod-order-28@\(tomorrow)")
            let calendar = WorkingDayCalendar.kazakhstan
            #expect(second.dueDate == calendar.adding(workingDays: 3, to: calendar.workingDay(onOrAfter: second.acceptedOn!)))
            #expect(first.dueDate == calendar.adding(workingDays: 1, to: calendar.workingDay(onOrAfter: first.acceptedOn!)))
            // The first case was decided by its own version, and its certificate says so.
            let result = try #require(session.seen.results[today.applicationId]?.first)
            let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(result.documentNumber)")
            #expect(stack.http.json(body)?["content"]?["rulesVersion"]?.stringValue == "mod-order-28@2021-09-04")
            await session.close()
        }
    }
}
