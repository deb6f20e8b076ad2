import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation
import QyzmetRules
import Testing

/// Complaints (order 64 para 11 and its kin) through the real processes, in each of their
/// outcomes: satisfied by the provider within its 3 working days (the appealed decision taken
/// again, a new result issued, the first kept), forwarded and upheld, forwarded by the timer and
/// rejected, and about the State Corporation's staff; and the complaints intake refuses.
extension StackSuite {
    @Suite("Complaints, through real processes")
    struct ComplaintTests {
        static let applications = try! CatalogueApplicationFactory.bundled()

        /// A complaint by the person who filed `appealed`, on the portal.
        static func complaint(_ appealed: ApplicationSubmission, by person: SyntheticPerson, addressee: String = "provider",
                              against: String = "decision", at: Date) throws -> ApplicationSubmission {
            try applications.application("gp.complaint", scenario: addressee, channel: .portal, for: person, submittedAt: at, form: [
                "appealedApplicationId": .string(appealed.applicationId), "appealsAgainst": .string(against),
                "demands": .string("Issue the certificate again with the correct data"),
            ])
        }

        static func status(_ stack: EmbeddedStack, _ id: String) async throws -> String? {
            try await stack.http.status(id)?["status"]?.stringValue
        }

        @Test("satisfied by the provider, forwarded and upheld, about the State Corporation, refused at intake; each appealed certificate decided again with its first result kept")
        func complaintOutcomes() async throws {
            let stack = try await EmbeddedStack("complaints")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            let people = (0..<5).map { _ in dealer.next(.criminalClear) }
            let certificates = people.map { session.factory.criminalRecord(for: $0, channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: stack.now) }
            try await session.submit(certificates)
            try await session.waitForAnswers(certificates.map(\.applicationId))
            for c in certificates { #expect(session.seen.results[c.applicationId]?.count == 1) }

            let satisfied = try Self.complaint(certificates[0], by: people[0], at: stack.now)
            let upheld = try Self.complaint(certificates[1], by: people[1], at: stack.now)
            let aboutStaff = try Self.complaint(certificates[2], by: people[2], addressee: "state-corporation", against: "state-corporation-staff", at: stack.now)
            // Someone else's application, and a complaint sent as an application.
            let notTheirs = try Self.complaint(certificates[3], by: people[4], at: stack.now)
            let onTheWrongTopic = try Self.complaint(certificates[3], by: people[3], at: stack.now)
            try await session.complain([satisfied, upheld, aboutStaff, notTheirs])
            try await session.submit([onTheWrongTopic])
            for c in [satisfied, upheld, aboutStaff, notTheirs, onTheWrongTopic] {
                _ = try await eventually("receipt of \(c.applicationId)") { session.seen.receipts[c.applicationId]?.first }
            }
            #expect(session.seen.receipts[notTheirs.applicationId]?.first?.refusal?.code == "appeal-invalid")
            #expect(session.seen.receipts[onTheWrongTopic.applicationId]?.first?.refusal?.code == "wrong-topic")
            for c in [satisfied, upheld, aboutStaff] { #expect(session.seen.receipts[c.applicationId]?.first?.outcome == .accepted) }

            // Satisfied by the Committee within its 3 days: the certificate is decided again.
            let withProvider = try await desk.item(satisfied.applicationId, state: "with-provider")
            #expect(withProvider["executorId"]?.stringValue?.hasPrefix("clssa-") == true)
            #expect(try await desk.act(satisfied.applicationId, "satisfy", motivation: "The certificate is issued again on the register's current data.") == 200)
            _ = try await eventually("the appealed certificate in reconsideration") { () -> Bool? in
                try await desk.item(certificates[0].applicationId, state: "reconsideration")["actions"] != nil ? true : nil
            }
            #expect(try await desk.act(certificates[0].applicationId, "approve") == 200)
            _ = try await eventually("a second certificate") { (session.seen.results[certificates[0].applicationId]?.count ?? 0) >= 2 ? true : nil }
            let results = try #require(session.seen.results[certificates[0].applicationId])
            #expect(Set(results.map(\.documentNumber)).count == 2)
            _ = try await eventually("the complaint's answer") { session.seen.results[satisfied.applicationId]?.first }
            #expect(try await Self.status(stack, satisfied.applicationId) == "delivered-to-cabinet")
            let (_, history) = try await stack.http.get(stack.http.review, "cases/\(certificates[0].applicationId)/actions")
            guard case .array(let actions)? = stack.http.json(history) else { Issue.record("no history"); return }
            #expect(actions.contains { $0["action"]?.stringValue == "reconsider" })

            // Forwarded to the Prosecutor General's Office, which upholds it.
            #expect(try await desk.act(upheld.applicationId, "forward") == 200)
            let atReviewer = try await desk.item(upheld.applicationId, state: "forwarded")
            #expect(atReviewer["executorId"]?.stringValue == "gpo-officer-1")
            #expect(try await desk.act(upheld.applicationId, "uphold", motivation: "The Committee's refusal to correct the data was unfounded.") == 200)
            _ = try await desk.item(certificates[1].applicationId, state: "reconsideration")
            #expect(try await desk.act(certificates[1].applicationId, "approve") == 200)
            _ = try await eventually("a second certificate after the upheld complaint") { (session.seen.results[certificates[1].applicationId]?.count ?? 0) >= 2 ? true : nil }

            // About the State Corporation's staff: its head answers; the certificate stands.
            let atHead = try await desk.item(aboutStaff.applicationId, state: "at-state-corporation")
            #expect(atHead["executorId"]?.stringValue == "gfc-officer-1")
            #expect(try await desk.act(aboutStaff.applicationId, "uphold", motivation: "The operator is reprimanded for the delay at the window.") == 200)
            _ = try await eventually("the head's answer") { session.seen.results[aboutStaff.applicationId]?.first }
            #expect(session.seen.results[certificates[2].applicationId]?.count == 1)

            // Not handled within 3 working days: forwarded by the timer, then rejected.
            let rejected = try Self.complaint(certificates[3], by: people[3], addressee: "provider", against: "inaction", at: stack.now)
            try await session.complain([rejected])
            _ = try await desk.item(rejected.applicationId, state: "with-provider")
            try await stack.moveClock(days: 8)
            let forwarded = try await desk.item(rejected.applicationId, state: "forwarded")
            #expect(forwarded["executorId"]?.stringValue == "gpo-officer-1")
            #expect(try await desk.act(rejected.applicationId, "reject", motivation: "The certificate was issued within its term; nothing to correct.") == 200)
            let answer = try await eventually("the rejection letter") { session.seen.results[rejected.applicationId]?.first }
            let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(answer.documentNumber)")
            let content = stack.http.json(body)?["content"]
            #expect(content?["facts"]?["complaintMotivation"]?.stringValue == "The certificate was issued within its term; nothing to correct.")
            let appealedNumber = try #require(session.seen.receipts[certificates[3].applicationId]?.first?.registrationNumber)
            #expect(content?["facts"]?["appealedRegistrationNumber"]?.stringValue == appealedNumber)
            #expect(content?["statement"]?.stringValue?.contains(appealedNumber) == true)
            #expect(session.seen.results[certificates[3].applicationId]?.count == 1)

            // Order 28's procedure: an emigration certificate refused by the defence department,
            // forwarded to the Ministry of Defence, which rejects the complaint.
            let notRegistered = dealer.next(.notRegistered)
            let emigration = session.factory.emigration(for: notRegistered, channel: .portal, branchId: "AST-01", submittedAt: stack.now, scenario: "conscript")
            try await session.submit([emigration])
            try await session.waitForAnswers([emigration.applicationId])
            #expect(session.seen.results[emigration.applicationId]?.first?.kind == .refusal)
            let ministry = try Self.applications.application("mod.complaint", scenario: "provider", channel: .portal, for: notRegistered, submittedAt: stack.now, form: [
                "appealedApplicationId": .string(emigration.applicationId), "appealsAgainst": .string("decision"),
                "demands": .string("Issue the certificate: I am leaving for permanent residence abroad"),
            ])
            try await session.complain([ministry])
            _ = try await desk.item(ministry.applicationId, state: "with-provider")
            #expect(try await desk.act(ministry.applicationId, "forward") == 200)
            #expect(try await desk.item(ministry.applicationId, state: "forwarded")["executorId"]?.stringValue == "mod-officer-1")
            #expect(try await desk.act(ministry.applicationId, "reject", motivation: "The applicant is not on the military register, as the refusal says.") == 200)
            _ = try await eventually("the Ministry's answer") { session.seen.results[ministry.applicationId]?.first }
            #expect(session.seen.results[emigration.applicationId]?.count == 1)
            await session.close()
        }
    }
}
