import Foundation
import QyzmetDomain
import Testing

@Suite("Sealed data (HPKE for the reading service)")
struct SealedDataTests {
    let review = SealingKey(keyId: "review-seal-test")
    let identity = SealingKey(keyId: "identity-seal-test")
    var trust: TrustStore {
        TrustStore(keys: [
            .init(keyId: review.keyId, purpose: SealedData.purpose(for: "review"), publicKey: review.publicKeyBase64),
            .init(keyId: identity.keyId, purpose: SealedData.purpose(for: "identity"), publicKey: identity.publicKeyBase64),
        ])
    }

    func envelope() -> EventEnvelope {
        EventEnvelope(type: EventType.caseOpened, source: "/qyzmet/intake", time: Date(), applicationId: "APP-1", correlationId: "APP-1",
                      traceparent: TraceContext.newRoot(), data: .object(["applicant": .object(["iin": .string("900101300123"), "lastName": .string("Сейітов")])]))
    }

    @Test("sealed for review: no IIN or name in the bytes; review's key opens it to the same data, another reader's key does not")
    func roundTrip() throws {
        let plain = envelope()
        var sealed = plain
        try SealedData.seal(&sealed, for: "review", trust: trust)
        let wire = String(decoding: EnvelopeCodec.encode(sealed), as: UTF8.self)
        #expect(!wire.contains("900101300123") && !wire.contains("Сейітов") && wire.contains("\"sealed\""))
        #expect(SealedData.recipient(of: sealed.data) == "review")

        var opened = sealed
        try SealedData.open(&opened, keys: SealingKeyRing([review]))
        #expect(opened.data == plain.data)

        var wrong = sealed
        #expect(throws: SealedData.Problem.notForUs(keyId: review.keyId, recipient: "review")) { try SealedData.open(&wrong, keys: SealingKeyRing([identity])) }
    }

    @Test("the ciphertext is bound to the envelope: moved to another event or application, or with members beside it, it does not open")
    func bound() throws {
        var sealed = envelope()
        try SealedData.seal(&sealed, for: "review", trust: trust)
        for change in [{ (e: inout EventEnvelope) in e.id = "other" }, { $0.applicationId = "APP-2" }, { $0.type = EventType.decisionMade }] {
            var moved = sealed
            change(&moved)
            #expect(throws: SealedData.Problem.self) { try SealedData.open(&moved, keys: SealingKeyRing([review])) }
        }
        var padded = sealed
        padded.data = .object(["sealed": sealed.data["sealed"]!, "application": .object([:])])
        #expect(throws: SealedData.Problem.self) { try SealedData.open(&padded, keys: SealingKeyRing([review])) }
    }

    @Test("a reader without a published key cannot be sealed for; data in clear is left as it is")
    func noKey() throws {
        var e = envelope()
        #expect(throws: SealedData.Problem.noRecipientKey("issuance")) { try SealedData.seal(&e, for: "issuance", trust: trust) }
        try SealedData.open(&e, keys: SealingKeyRing([review]))
        #expect(e.data == envelope().data)
    }
}
