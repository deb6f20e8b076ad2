import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging
import QyzmetRuntime
import Testing

/// Anyone who can write to a topic: a forged decision, a forged case and a forged status change
/// nothing, because each hand-off must carry the signature of the service that produces it.
extension StackSuite {
    @Suite("Forged hand-offs, through real processes")
    struct ForgeryTests {
        static func message(_ envelope: EventEnvelope, to topic: String) -> OutgoingMessage {
            OutgoingMessage(topic: topic, key: Data(envelope.applicationId.utf8), value: EnvelopeCodec.encode(envelope), headers: EnvelopeCodec.headers(for: envelope))
        }

        static func envelope(_ type: String, source: String, applicationId: String, data: some Encodable) throws -> EventEnvelope {
            EventEnvelope(type: type, source: source, time: Date(), applicationId: applicationId, correlationId: UUID().uuidString,
                          traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", data: try ContractCoding.tree(data))
        }

        @Test("a forged decision issues no certificate, a forged case opens no case, a forged status moves no desk")
        func forgeries() async throws {
            let stack = try await EmbeddedStack("forgery")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let person = dealer.next(.criminalClear)
            // A real application, answered, whose status a forger will try to move.
            let real = session.factory.criminalRecord(for: person, channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Date())
            try await session.submit([real])
            try await session.waitForAnswers([real.applicationId])
            let before = try await stack.http.status(real.applicationId)?["status"]?.stringValue

            // 1. A decision for an invented application, unsigned, as if from review.
            let invented = ApplicationFactory.newApplicationId()
            var decision = Decision(applicationId: invented, registrationNumber: "CRC-20261130-999999", service: "gp.criminal-record-certificate",
                                    channel: .portal, purpose: "general", outcome: .approved, decidedAt: Date(), decidedBy: .init(kind: "automatic"),
                                    grounds: [], motivation: nil, facts: ["criminalRecord": "none"], reapplyAfter: nil, holder: person.person,
                                    branchId: nil, delivery: Delivery(method: .personalCabinet), dueAt: Date())
            decision.rulesVersion = "gp-order-64@2022-01-25"
            let forgedDecision = try Self.envelope(EventType.decisionMade, source: "/qyzmet/review", applicationId: invented, data: decision)
            // 2. The same decision signed with a channel's key (a portal key is trusted, but not for decisions).
            var channelSigned = try Self.envelope(EventType.decisionMade, source: "/qyzmet/review", applicationId: ApplicationFactory.newApplicationId(), data: decision)
            let portal = try KeyMaterial.load(directory: Paths.devKeys, keyName: "portal").signingKey!
            channelSigned.signature = try EventSignature.sign(channelSigned, with: portal)
            // 3. A case for review, unsigned, as if from intake.
            let opened = CaseOpened(applicationId: ApplicationFactory.newApplicationId(), registrationNumber: "EMG-20261130-999999",
                                    service: "mod.emigration-certificate", scenario: "conscript", channel: .portal, purpose: nil, acceptedAt: Date(),
                                    acceptedOn: KazakhstanTime.localDate(of: Date()), dueAt: Date(), dueDate: KazakhstanTime.localDate(of: Date()),
                                    applicant: person.person, subjectIin: nil, consent: nil, branchId: nil, delivery: Delivery(method: .personalCabinet),
                                    form: [:], documents: [])
            let forgedCase = try Self.envelope(EventType.caseOpened, source: "/qyzmet/intake", applicationId: opened.applicationId, data: opened)
            // 4. A status for the real application: "collected", as if from issuance.
            let status = StatusChanged(applicationId: real.applicationId, status: .collected, at: Date(), actor: "issuance")
            let forgedStatus = try Self.envelope(EventType.statusChanged, source: "/qyzmet/issuance", applicationId: real.applicationId, data: status)

            try await session.publishRaw([Self.message(forgedDecision, to: Topics.decisions), Self.message(channelSigned, to: Topics.decisions),
                                          Self.message(forgedCase, to: Topics.cases), Self.message(forgedStatus, to: Topics.status)])
            _ = try await eventually("four dead letters") { session.seen.deadLetters.count >= 4 ? true : nil }
            let codes = session.seen.deadLetters.map(\.code).sorted()
            #expect(codes == ["event.signature-invalid", "event.unsigned", "event.unsigned", "event.unsigned"])
            #expect(session.seen.results[invented] == nil && session.seen.results[channelSigned.applicationId] == nil)
            #expect(try await stack.http.status(opened.applicationId) == nil)
            let worklist = try await stack.http.worklist()
            #expect(!worklist.contains { $0["applicationId"]?.stringValue == opened.applicationId })
            #expect(try await stack.http.status(real.applicationId)?["status"]?.stringValue == before)
            let (code, _) = try await stack.http.get(stack.http.issuance, "documents/\(invented)")
            #expect(code == 404)
            await session.close()
        }
    }
}
