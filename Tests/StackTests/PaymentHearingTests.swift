import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation
import Testing

/// A paid service with an extension and a preliminary-refusal hearing, from a test-only act
/// (Tests/StackTests/Fixtures/catalogue): the duty checked with the payment gateway before the
/// case proceeds, a term extended with its notice, a hearing notified, held and recorded before
/// the refusal, with the clock moved.
extension StackSuite {
    @Suite("Duties, extensions and hearings, through real processes")
    struct PaymentHearingTests {
        static let fixtures = Paths.packageRoot.appendingPathComponent("Tests/StackTests/Fixtures/catalogue")

        struct Action: Encodable {
            var action: String
            var executorId: String
            var term: [String: AnyEncodable]? = nil
            var hearingAt: String? = nil
            var hearingOutcome: String? = nil
            var grounds: [String]? = nil
            var motivation: String? = nil
        }

        struct AnyEncodable: Encodable {
            let value: any Encodable & Sendable
            func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
        }

        struct Payment: Encodable { var applicationId: String; var amountTenge: Int }

        static func stack(_ name: String) async throws -> EmbeddedStack {
            let extra = ["QYZMET_CATALOGUE_EXTRA": fixtures.path]
            return try await EmbeddedStack(name, overrides: ["intake": extra, "identity": extra, "issuance": extra,
                                                             "review": extra.merging(["QYZMET_PAYMENT_RECHECK_SECONDS": "1"]) { a, _ in a }])
        }

        static func application(_ person: SyntheticPersonView) -> ApplicationSubmission {
            ApplicationSubmission(applicationId: ApplicationFactory.newApplicationId(), service: "test.paid-hearing", scenario: "self", channel: .portal,
                                  submittedAt: Date(), applicant: .init(iin: person.iin, lastName: person.lastName, firstName: person.firstName),
                                  delivery: Delivery(method: .personalCabinet))
        }

        static func status(_ stack: EmbeddedStack, _ id: String) async throws -> String? {
            try await stack.http.status(id)?["status"]?.stringValue
        }

        static func onWorklist(_ stack: EmbeddedStack, _ id: String) async throws -> JSONValue? {
            try await stack.http.worklist().first { $0["applicationId"]?.stringValue == id }
        }

        @Test("the case waits for its state duty: short is not enough, paid in full it proceeds, unpaid in time it is refused")
        func duty() async throws {
            let stack = try await Self.stack("duty")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let payer = Self.application(SyntheticPersonView(dealer.next(.criminalClear)))
            let defaulter = Self.application(SyntheticPersonView(dealer.next(.criminalClear)))
            try await session.submit([payer, defaulter])
            for id in [payer.applicationId, defaulter.applicationId] {
                _ = try await eventually("awaiting payment") { try await Self.status(stack, id) == "awaiting-payment" ? true : nil }
            }
            #expect(try await stack.http.post(stack.http.identity, "payments", Payment(applicationId: payer.applicationId, amountTenge: 1000)).0 == 200)
            _ = try await eventually("the short payment seen") { () -> Bool? in
                let (_, body) = try await stack.http.get(stack.http.review, "cases/\(payer.applicationId)/actions")
                guard case .array(let actions)? = stack.http.json(body) else { return nil }
                return actions.filter { $0["action"]?.stringValue == "payment-checked" }.count >= 2 ? true : nil
            }
            #expect(try await Self.status(stack, payer.applicationId) == "awaiting-payment")
            #expect(try await Self.onWorklist(stack, payer.applicationId) == nil)
            // 0.5 MCI of 2026 (4,325 tenge) is 2,163 tenge.
            #expect(try await stack.http.post(stack.http.identity, "payments", Payment(applicationId: payer.applicationId, amountTenge: 1163)).0 == 200)
            _ = try await eventually("paid in full: on the worklist") { try await Self.onWorklist(stack, payer.applicationId) }

            try await stack.moveClock(days: 4)
            _ = try await eventually("the unpaid case refused") { session.answered(defaulter.applicationId) ? true : nil }
            let refusal = try #require(session.seen.results[defaulter.applicationId]?.first)
            #expect(refusal.kind == ResultIssued.Kind.refusal && refusal.form == "unpaid-refusal")
            let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(refusal.documentNumber)")
            #expect(stack.http.json(body)?["content"]?["statement"]?.stringValue == "The state duty of 2163 tenge was not paid in time (paid: 0 tenge).")
            #expect(session.seen.results[payer.applicationId] == nil)
            await session.close()
        }

        @Test("an extension with its notice, then a preliminary refusal: notice, hearing, outcome recorded, and only then the refusal")
        func extensionAndHearing() async throws {
            let stack = try await Self.stack("hearing")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let application = Self.application(SyntheticPersonView(dealer.next(.criminalClear)))
            #expect(try await stack.http.post(stack.http.identity, "payments", Payment(applicationId: application.applicationId, amountTenge: 5000)).0 == 200)
            try await session.submit([application])
            let item = try await eventually("paid and on the worklist") { try await Self.onWorklist(stack, application.applicationId) }
            let executor = try #require(item["executorId"]?.stringValue)
            let receipt = try #require(session.seen.receipts[application.applicationId]?.first)
            let path = "cases/\(application.applicationId)/actions"
            func act(_ action: Action) async throws -> Int { try await stack.http.post(stack.http.review, path, action).0 }

            // Up to 30 working days: 40 is refused, 20 is granted with a notice to the applicant.
            #expect(try await act(Action(action: "extend", executorId: executor, term: ["amount": .init(value: 40), "unit": .init(value: "working-days")])) == 409)
            #expect(try await act(Action(action: "extend", executorId: executor, term: ["amount": .init(value: 20), "unit": .init(value: "working-days")])) == 200)
            _ = try await eventually("the extension notice") { session.seen.results[application.applicationId]?.contains { $0.kind == .extensionNotice } == true ? true : nil }
            let calendar = WorkingDayCalendar.kazakhstan
            let extended = calendar.adding(workingDays: 20, to: calendar.workingDay(onOrAfter: receipt.acceptedOn!))
            _ = try await eventually("the status desk shows the new due date") { try await stack.http.status(application.applicationId)?["dueDate"]?.stringValue == extended.description ? true : nil }

            // The hearing: within 2 working days of the notice; a refusal is not open before it is held.
            #expect(try await act(Action(action: "refuse", executorId: executor, grounds: ["unreliable-data"], motivation: "The documents were not reliable.")) == 409)
            let tooLate = KazakhstanTime.format(stack.now.addingTimeInterval(8 * 86_400))
            #expect(try await act(Action(action: "schedule-hearing", executorId: executor, hearingAt: tooLate)) == 409)
            let hearingAt = KazakhstanTime.format(stack.now.addingTimeInterval(86_400))
            #expect(try await act(Action(action: "schedule-hearing", executorId: executor, hearingAt: hearingAt)) == 200)
            _ = try await eventually("the hearing notice") { session.seen.results[application.applicationId]?.contains { $0.kind == .hearingNotice } == true ? true : nil }
            #expect(try await Self.status(stack, application.applicationId) == "hearing-scheduled")
            #expect(try await act(Action(action: "refuse", executorId: executor, grounds: ["unreliable-data"], motivation: "The documents were not reliable.")) == 409)

            try await stack.moveClock(days: 1)
            #expect(try await act(Action(action: "record-hearing", executorId: executor, hearingOutcome: "heard; the applicant brought no new documents")) == 200)
            #expect(try await act(Action(action: "refuse", executorId: executor, grounds: ["unreliable-data"], motivation: "The documents were not reliable.")) == 200)
            _ = try await eventually("the motivated refusal") { session.answered(application.applicationId) ? true : nil }
            let kinds = session.seen.results[application.applicationId]?.map(\.kind)
            #expect(kinds == [ResultIssued.Kind.extensionNotice, .hearingNotice, .refusal])
            let (_, log) = try await stack.http.get(stack.http.review, path)
            guard case .array(let actions)? = stack.http.json(log) else { Issue.record("no action log"); return }
            #expect(actions.compactMap { $0["action"]?.stringValue }.suffix(4) == ["extend", "schedule-hearing", "record-hearing", "refuse"])
            await session.close()
        }
    }
}

/// The parts of a synthetic person an application states.
struct SyntheticPersonView {
    var iin: String
    var lastName: String
    var firstName: String

    init(_ person: SyntheticPerson) {
        iin = person.person.iin
        lastName = person.person.lastName
        firstName = person.person.firstName
    }
}
