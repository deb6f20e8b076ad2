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

    @Test("a rotation: sealed with the newest key the trust store publishes; the reader opens with the current key and the previous one")
    func rotation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qyzmet-seal-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let next = SealingKey(keyId: "review-seal-next")
        for (file, key) in [("review-seal.previous.key", review), ("review-seal.key", next)] {
            try JSONEncoder().encode(["keyId": key.keyId, "privateKey": key.privateKeyBase64]).write(to: directory.appendingPathComponent(file))
        }
        let ring = try #require(try SealingKeyRing.load("review", from: directory))
        var rotated = trust
        rotated.keys.append(.init(keyId: next.keyId, purpose: SealedData.purpose(for: "review"), publicKey: next.publicKeyBase64))
        var before = envelope(), after = envelope()
        try SealedData.seal(&before, for: "review", trust: trust)
        try SealedData.seal(&after, for: "review", trust: rotated)
        #expect(after.data["sealed"]?["keyId"]?.stringValue == next.keyId)
        try SealedData.open(&before, keys: ring)
        try SealedData.open(&after, keys: ring)
        #expect(before.data == envelope().data && after.data == envelope().data)
    }

    @Test("data a producer sealed in Python (pyhpke 0.6 and cryptography, the contract's recipe) opens with intake's development key")
    func pythonInterop() throws {
        let keys = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("compose/dev-keys")
        let ring = try #require(try SealingKeyRing.load("intake", from: keys))
        let sealed = JSONValue.object(["sealed": .object([
            "alg": .string(SealedData.algorithm), "for": .string("intake"), "keyId": .string("intake-seal-dev-2026"),
            "enc": .string("rbv6l9EJfhv+M1PlyAs2vJ7dzNriqHeCrt/XVQxWhQM="), "wk": .string("2K2CfMfIKRaNrusbp3w6Yu8sz9/3ogzhy//1yoV6Np1OhjSyDGIvspy4fXTZaAaz"),
            "ct": .string("AlYJpawl+Wio9D8GG83b2jxWHMPe7CSnBXW0bWu3pNj/m9M="),
        ])])
        let context = SealedData.context(id: "id1", type: EventType.applicationSubmitted, source: "/egov.kz/portal", applicationId: "APP-1")
        #expect(try SealedData.open(sealed, context: context, keys: ring) == Data(#"{"a":1}"#.utf8))
    }

    @Test("one data key for many messages, each with its own nonce; a wrapped key swapped under a known one does not open")
    func dataKeyReuse() throws {
        var first = envelope(), second = envelope()
        try SealedData.seal(&first, for: "review", trust: trust)
        try SealedData.seal(&second, for: "review", trust: trust)
        #expect(first.data["sealed"]?["wk"] == second.data["sealed"]?["wk"])
        #expect(first.data["sealed"]?["ct"] != second.data["sealed"]?["ct"])
        var other = envelope()
        try SealedData.seal(&other, for: "identity", trust: trust)
        var swapped = first
        swapped.data = .object(["sealed": .object((first.data["sealed"]?.objectValue ?? [:]).merging(["wk": other.data["sealed"]!["wk"]!]) { _, new in new })])
        #expect(throws: SealedData.Problem.self) { try SealedData.open(&swapped, keys: SealingKeyRing([review])) }
        try SealedData.open(&second, keys: SealingKeyRing([review]))
        #expect(second.data == envelope().data)
    }
}
