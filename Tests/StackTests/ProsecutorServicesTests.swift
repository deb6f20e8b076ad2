import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation
import QyzmetRules
import Testing

/// The Prosecutor General's services of order 64 as amended by order 2 (seeds/003) through the
/// real processes: the apostille with its duty before acceptance, its check against the systems
/// and the card index and its hearing; archival certificates with the special-resettlement card
/// index, the no-information answer as the applicant chose it and the refusal ground's example;
/// one application for the certificate and the apostille; the criminal-record certificate's
/// variants (a legal entity, former personal data, a representative).
extension StackSuite {
    @Suite("Prosecutor General's services (order 64), through real processes")
    struct ProsecutorServicesTests {
        static let applications = try! CatalogueApplicationFactory.bundled()
        static let apostille = "gp.apostille"
        static let archival = "gp.archival-certificate"

        struct Payment: Encodable { var applicationId: String; var amountTenge: Int }

        /// 0.5 MCI of the day, the apostille's duty per document.
        static func duty(on day: LocalDate) throws -> Int {
            let service = try #require(applications.catalogue.service(apostille, on: day))
            let fee = try #require(service.fees?.first)
            return try #require(applications.catalogue.tenge(for: fee, on: day))
        }

        static func pay(_ stack: EmbeddedStack, _ id: String, _ tenge: Int) async throws {
            #expect(try await stack.http.post(stack.http.identity, "payments", Payment(applicationId: id, amountTenge: tenge)).0 == 200)
        }

        static func status(_ stack: EmbeddedStack, _ id: String) async throws -> String? {
            try await stack.http.status(id)?["status"]?.stringValue
        }

        static func apostilleApplication(_ person: SyntheticPerson, at: Date, number: String? = nil, count: Int? = nil) throws -> ApplicationSubmission {
            var a = try applications.application(apostille, scenario: "individual-document", channel: .stateCorporation, for: person, submittedAt: at,
                                                 form: count.map { ["documentCount": .integer(Int64($0))] } ?? [:])
            if let number, let i = a.documents.firstIndex(where: { $0.type == "prosecution-official-document" }) { a.documents[i].number = number }
            return a
        }

        @Test("the apostille: unpaid or short is not accepted; paid, logged on arrival, checked against the systems and the card index, apostilled on paper at the branch; a forged document refused only after the hearing")
        func apostilleService() async throws {
            let stack = try await EmbeddedStack("apostille")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            let day = KazakhstanTime.localDate(of: stack.now)
            let duty = try Self.duty(on: day)
            let paid = try Self.apostilleApplication(dealer.next(.criminalClear), at: stack.now)
            let unpaid = try Self.apostilleApplication(dealer.next(.criminalClear), at: stack.now)
            let short = try Self.apostilleApplication(dealer.next(.criminalClear), at: stack.now, count: 2)
            let forged = try Self.apostilleApplication(dealer.next(.criminalClear), at: stack.now, number: "PGO-2026-0417-FORGED")
            try await Self.pay(stack, paid.applicationId, duty)
            try await Self.pay(stack, short.applicationId, duty)
            try await Self.pay(stack, forged.applicationId, duty)
            try await session.submit([paid, unpaid, short, forged])
            for a in [paid, unpaid, short, forged] {
                _ = try await eventually("receipt of \(a.applicationId)") { session.seen.receipts[a.applicationId]?.first }
            }
            #expect(session.seen.receipts[unpaid.applicationId]?.first?.refusal?.code == "duty-unpaid")
            let shortRefusal = try #require(session.seen.receipts[short.applicationId]?.first?.refusal)
            #expect(shortRefusal.code == "duty-unpaid" && shortRefusal.reason.contains("\(2 * duty) tenge"))
            #expect(session.seen.receipts[paid.applicationId]?.first?.outcome == .accepted)

            // Logged on arrival, then the officer's check once the card index has answered.
            _ = try await eventually("logged on arrival") { () -> Bool? in
                guard case .array(let steps)? = try await stack.http.status(paid.applicationId)?["history"] else { return nil }
                return steps.contains { $0["status"]?.stringValue == "registered-in-log" } ? true : nil
            }
            _ = try await eventually("the card index answered") { () -> Bool? in
                try await desk.item(paid.applicationId, state: "verification")["recorded"]?["cardIndexAuthentic"]?.stringValue == "yes" ? true : nil
            }
            #expect(try await desk.act(paid.applicationId, "approve") == 200)
            let result = try await eventually("the apostille") { session.seen.results[paid.applicationId]?.first }
            #expect(result.format == .paper && result.delivery.method == .branch)
            _ = try await eventually("at the branch") { try await Self.status(stack, paid.applicationId) == "ready-for-collection" ? true : nil }

            // A forged document: the checks suggest the refusal, which needs the hearing first.
            let item = try await eventually("the forged document's checks in") { () -> JSONValue? in
                let item = try await desk.item(forged.applicationId, state: "verification")
                return item["recorded"]?["cardIndexAuthentic"] != nil ? item : nil
            }
            #expect(item["recorded"]?["documentAuthentic"]?.stringValue == "no")
            #expect(try await desk.suggestion(forged.applicationId).grounds == ["unreliable-data"])
            #expect(try await desk.act(forged.applicationId, "approve") == 409)
            #expect(try await desk.act(forged.applicationId, "schedule-hearing", hearingAt: stack.now.addingTimeInterval(86_400)) == 200)
            _ = try await eventually("the hearing notice") { session.seen.results[forged.applicationId]?.contains { $0.kind == .hearingNotice } == true ? true : nil }
            try await stack.moveClock(days: 1)
            #expect(try await desk.act(forged.applicationId, "record-hearing", hearingOutcome: "heard; the applicant could not explain the seal") == 200)
            #expect(try await desk.refuse(forged.applicationId, ground: "unreliable-data") == 200)
            _ = try await eventually("the reasoned refusal") { session.seen.results[forged.applicationId]?.contains { $0.kind == .refusal } == true ? true : nil }
            await session.close()
        }

        @Test("archival certificates: found in the card index or the system, a paper certificate at the branch with a notice in the cabinet; nothing found, answered as the applicant chose; parents' data for a child of 1940; the relocated child refused after the hearing")
        func archivalService() async throws {
            let stack = try await EmbeddedStack("archival")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            /// A request about a person born in `born`; the registers' answers follow the name.
            func request(_ channel: Channel, born: String, name: String, delivery: String = "electronic", extra: [String: JSONValue] = [:]) throws -> ApplicationSubmission {
                try Self.applications.application(Self.archival, scenario: "self", channel: channel, for: dealer.next(.criminalClear), submittedAt: stack.now, form: [
                    "subjectLastName": .string(name), "subjectFirstName": .string("Асқар"), "subjectBirthDate": .string(born),
                    "request": .string("Certificate of special settlement and release"), "noInformationDelivery": .string(delivery),
                    "fatherName": .string("Бекмұхамбет"), "motherName": .string("Зейнеп"),
                ].merging(extra) { _, new in new })
            }
            // Born 1932: under 16 on 1 January 1940, so the parents' data is required.
            var noParents = try request(.portal, born: "1932-05-01", name: "Ахметов")
            noParents.form["fatherName"] = nil
            noParents.form["motherName"] = nil
            // Find names the simulated registers answer both ways.
            let found = try (0..<200).lazy.map { "Сейтқали\($0)" }.first { RegisterRecords.archiveSystem(key: "\($0)|Асқар|1931-03-02") != nil }.map { try request(.portal, born: "1931-03-02", name: $0) }
            let nothing = try (0..<200).lazy.map { "Жанғали\($0)" }.first {
                RegisterRecords.archiveSystem(key: "\($0)|Асқар|1950-03-02") == nil
            }.map { try request(.stateCorporation, born: "1950-03-02", name: $0, delivery: "paper") }
            let relocatedChild = try request(.portal, born: "1941-06-01", name: "Омаров", extra: ["relocationDate": .string("1944-02-23")])
            let all = try [noParents, #require(found), #require(nothing), relocatedChild]
            try await session.submit(all)
            for a in all { _ = try await eventually("receipt of \(a.applicationId)") { session.seen.receipts[a.applicationId]?.first } }
            let refusal = try #require(session.seen.receipts[noParents.applicationId]?.first?.refusal)
            #expect(refusal.code == "incomplete-package" && Set(refusal.missingFields) == ["fatherName", "motherName"])

            // Found in the automated system: the certificate on paper, signed by the head, at the
            // branch chosen; the portal applicant is told where in the cabinet.
            let hit = try #require(found)
            _ = try await eventually("both searches done") { () -> Bool? in
                try await desk.item(hit.applicationId, state: "search-completed")["recorded"]?["cardIndexRecord"] != nil ? true : nil
            }
            #expect(try await desk.act(hit.applicationId, "approve") == 409)
            #expect(try await desk.act(hit.applicationId, "record-findings", findings: ["archivalInformation": "placed on special settlement in Karaganda region in 1941, released in 1956"]) == 200)
            #expect(try await desk.act(hit.applicationId, "approve") == 200)
            _ = try await eventually("the certificate and the notice") { (session.seen.results[hit.applicationId]?.count ?? 0) >= 2 ? true : nil }
            let hitResults = try #require(session.seen.results[hit.applicationId])
            #expect(Set(hitResults.map(\.delivery.method)) == [.branch, .personalCabinet])
            #expect(hitResults.contains { $0.format == .paper && $0.kind == .certificate })

            // Nothing in either index: the answer on paper, as this applicant chose.
            let miss = try #require(nothing)
            _ = try await eventually("both searches done") { () -> Bool? in
                let item = try await desk.item(miss.applicationId, state: "search-completed")
                return item["recorded"]?["cardIndexRecord"]?.stringValue == "none" ? true : nil
            }
            #expect(try await desk.act(miss.applicationId, "answer-no-information") == 200)
            let answer = try await eventually("the no-information answer") { session.seen.results[miss.applicationId]?.first }
            #expect(answer.format == .paper && answer.delivery.method == .branch)

            // Relocated at two: the ground's example holds; the refusal only after the hearing.
            _ = try await desk.item(relocatedChild.applicationId)
            #expect(try await desk.suggestion(relocatedChild.applicationId).grounds == ["non-compliance"])
            #expect(try await desk.act(relocatedChild.applicationId, "schedule-hearing", hearingAt: stack.now.addingTimeInterval(86_400)) == 200)
            try await stack.moveClock(days: 1)
            #expect(try await desk.act(relocatedChild.applicationId, "record-hearing", hearingOutcome: "heard; no registration card was shown") == 200)
            #expect(try await desk.refuse(relocatedChild.applicationId, ground: "non-compliance") == 200)
            _ = try await eventually("the reasoned refusal") { session.seen.results[relocatedChild.applicationId]?.contains { $0.kind == .refusal } == true ? true : nil }
            await session.close()
        }

        @Test("one application for the travel-abroad certificate and its apostille: one receipt naming both, the apostille waiting for the certificate, then its own term and result")
        func certificateWithApostille() async throws {
            let stack = try await EmbeddedStack("bundle")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            var bundle = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .stateCorporation, purpose: "travel-abroad",
                                                        branchId: "AST-01", submittedAt: stack.now)
            bundle.form["apostille"] = .bool(true)
            var unpaidBundle = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .stateCorporation, purpose: "travel-abroad",
                                                              branchId: "AST-01", submittedAt: stack.now)
            unpaidBundle.form["apostille"] = .bool(true)
            // The apostille goes on the paper certificate only.
            var electronic = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: stack.now)
            electronic.form["apostille"] = .bool(true)
            try await Self.pay(stack, bundle.applicationId, try Self.duty(on: KazakhstanTime.localDate(of: stack.now)))
            try await session.submit([bundle, unpaidBundle, electronic])
            for a in [bundle, unpaidBundle, electronic] { _ = try await eventually("receipt of \(a.applicationId)") { session.seen.receipts[a.applicationId]?.first } }
            #expect(session.seen.receipts[unpaidBundle.applicationId]?.first?.refusal?.code == "duty-unpaid")
            #expect(session.seen.receipts[electronic.applicationId]?.first?.refusal?.code == "option-not-available")
            let receipt = try #require(session.seen.receipts[bundle.applicationId]?.first)
            let linked = try #require(receipt.linked?.first)
            #expect(linked.service == Self.apostille && linked.applicationId == bundle.applicationId + ".apostille")
            #expect(linked.registrationNumber.hasPrefix("APS-"))

            // The certificate is decided at once (a clean record); the apostille starts then,
            // with its own term of 5 working days at a branch in the capital.
            _ = try await eventually("the certificate") { session.seen.results[bundle.applicationId]?.first }
            _ = try await desk.item(linked.applicationId, state: "verification")
            let calendar = WorkingDayCalendar.kazakhstan
            let started = KazakhstanTime.localDate(of: stack.now)
            let due = try #require(try await stack.http.status(linked.applicationId)?["dueDate"]?.stringValue.flatMap { LocalDate(iso: $0) })
            #expect(due == calendar.adding(workingDays: 5, to: calendar.workingDay(onOrAfter: started)))
            _ = try await eventually("the card index answered") { () -> Bool? in
                try await desk.item(linked.applicationId, state: "verification")["recorded"]?["cardIndexAuthentic"] != nil ? true : nil
            }
            #expect(try await desk.act(linked.applicationId, "approve") == 200)
            let apostilled = try await eventually("the apostille") { session.seen.results[linked.applicationId]?.first }
            #expect(apostilled.format == .paper && apostilled.service == Self.apostille)
            await session.close()
        }

        @Test("the criminal-record certificate's variants: a legal entity with its BIN and the subject's consent, former personal data, a representative under a power of attorney, a parent about a minor child")
        func criminalRecordVariants() async throws {
            let stack = try await EmbeddedStack("crc-variants")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let now = stack.now
            var entity = session.factory.criminalRecord(for: dealer.next(.criminalClear), about: dealer.next(.criminalClear), channel: .portal,
                                                        purpose: "general", branchId: "AST-01", submittedAt: now)
            entity.party = "legal-entity"
            entity.form["bin"] = .string("040540001230")
            var entityWithoutBin = entity
            entityWithoutBin.applicationId = ApplicationFactory.newApplicationId()
            entityWithoutBin.form["bin"] = nil
            var entityWithoutConsent = entity
            entityWithoutConsent.applicationId = ApplicationFactory.newApplicationId()
            entityWithoutConsent.consent = nil
            var former = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: now)
            former.party = "former-data"
            former.form.merge(["formerLastName": .string("Иванова"), "formerFirstName": .string("Айгүл"), "formerBirthDate": .string("1990-01-01")]) { _, new in new }
            var formerIncomplete = former
            formerIncomplete.applicationId = ApplicationFactory.newApplicationId()
            formerIncomplete.form["formerLastName"] = nil
            // The paper certificate for travel abroad, filed and collected under the same power of attorney.
            var representative = session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .stateCorporation, purpose: "travel-abroad",
                                                                branchId: "AST-01", submittedAt: now)
            representative.party = "representative"
            var representativeWithoutAttorney = representative
            representativeWithoutAttorney.applicationId = ApplicationFactory.newApplicationId()
            representative.documents.append(.init(type: "power-of-attorney", number: "NOT-REP-1", issuedOn: KazakhstanTime.localDate(of: now).adding(days: -5), form: "original"))
            // A parent about a minor child at a front office: the birth certificate, no consent of the minor.
            let child = dealer.next("a minor", where: { $0.age < 17 && $0.age > 5 })
            var parent = session.factory.criminalRecord(for: dealer.next(.criminalClear), about: child, channel: .stateCorporation, purpose: "general",
                                                        branchId: "AST-01", submittedAt: now)
            parent.party = "relative"
            parent.documents.removeAll { $0.type == "power-of-attorney" }
            parent.documents.append(.init(type: "birth-certificate", number: "BC-\(child.person.iin.suffix(6))", issuedOn: child.person.birthDate, form: "original"))
            let all = [entity, entityWithoutBin, entityWithoutConsent, former, formerIncomplete, representative, representativeWithoutAttorney, parent]
            try await session.submit(all)
            try await session.waitForAnswers(all.map(\.applicationId))
            func refusal(_ a: ApplicationSubmission) -> RefusalToAccept? { session.seen.receipts[a.applicationId]?.first?.refusal }
            #expect(session.seen.receipts[entity.applicationId]?.first?.outcome == .accepted)
            #expect(refusal(entityWithoutBin)?.missingFields == ["bin"])
            #expect(refusal(entityWithoutConsent)?.code == "missing-consent")
            #expect(refusal(formerIncomplete)?.missingFields == ["formerLastName"])
            #expect(refusal(representativeWithoutAttorney)?.missingDocuments == ["power-of-attorney"])
            for a in [entity, former, representative, parent] {
                #expect(session.seen.results[a.applicationId]?.first?.kind == .certificate)
            }
            // The certificate under former data says it was checked under them too.
            let formerCertificate = try #require(session.seen.results[former.applicationId]?.first)
            let (_, formerBody) = try await stack.http.get(stack.http.issuance, "documents/\(formerCertificate.documentNumber)")
            #expect(stack.http.json(formerBody)?["content"]?["statement"]?.stringValue?.contains("former personal data: Иванова Айгүл") == true)
            // At the branch the representative shows the power of attorney the application was filed under.
            struct Collect: Encodable {
                var branchId = "AST-01"
                var identityDocument = "id-card"
                var identityDocumentNumber = "N0123456"
                var representativePowerOfAttorney: String
            }
            let paper = try #require(session.seen.results[representative.applicationId]?.first)
            _ = try await eventually("at the branch") { try await stack.http.status(representative.applicationId)?["status"]?.stringValue == "ready-for-collection" ? true : nil }
            let collect = "documents/\(paper.documentNumber)/collect"
            #expect(try await stack.http.post(stack.http.issuance, collect, Collect(representativePowerOfAttorney: "NOT-OTHER-9")).0 == 403)
            #expect(try await stack.http.post(stack.http.issuance, collect, Collect(representativePowerOfAttorney: "NOT-REP-1")).0 == 200)
            _ = try await eventually("collected") { try await stack.http.status(representative.applicationId)?["status"]?.stringValue == "collected" ? true : nil }
            await session.close()
        }
    }
}
