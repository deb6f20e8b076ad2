import Foundation
import QyzmetDomain
import QyzmetMessaging
import QyzmetPopulation

/// Malformed messages for every topic a Qyzmet service consumes: broken bytes and JSON, broken
/// envelopes, unsigned or wrongly signed hand-offs, and applications correctly signed by a channel
/// but wrong inside. Each message has its own Kafka key, so what answers it (a dead letter or a
/// receipt) can be matched. Seeded: the same seed gives the same corpus.
public struct FuzzCorpus {
    public struct Case: Sendable {
        public var mutation: String
        public var message: OutgoingMessage
        public var key: String
    }

    /// Envelope-level mutations, sent to every consumed topic.
    public static let envelopeMutations = [
        "random-bytes", "not-an-object", "invalid-utf8", "duplicate-keys", "missing-attribute", "bad-specversion", "bad-time",
        "key-mismatch", "deeply-nested", "huge-number", "truncated", "unsigned-hand-off", "forged-signature", "wrong-data-types",
        "sealed-garbage",
    ]
    /// Application-level mutations, signed by the channel, sent to the applications and complaints topics.
    public static let applicationMutations = [
        "string-for-boolean", "fractional-number", "unknown-service", "bad-iin", "too-large", "from-the-future", "missing-field",
        "tampered-after-signing", "wrong-channel-key", "unknown-delivery",
    ]

    var random: SplitMix64
    let signer: ChannelSigner
    let factory = ApplicationFactory()
    var dealer: PopulationIndex.Dealer
    let now: Date

    public init(seed: UInt64, signer: ChannelSigner, index: PopulationIndex, now: Date = Date()) {
        random = SplitMix64(seed: seed)
        self.signer = signer
        dealer = index.dealer()
        self.now = now
    }

    /// `count` cases spread over every consumed topic and every mutation.
    public mutating func cases(count: Int) throws -> [Case] {
        let topics = Topics.consumed.values.reduce(into: Set<String>()) { $0.formUnion($1) }.sorted()
        var plan: [(String, String)] = []
        for topic in topics { for m in Self.envelopeMutations { plan.append((topic, m)) } }
        for topic in [Topics.applications, Topics.complaints] { for m in Self.applicationMutations { plan.append((topic, m)) } }
        return try (0..<count).map { n in
            let (topic, mutation) = plan[n % plan.count]
            return try make(mutation, topic: topic)
        }
    }

    mutating func make(_ mutation: String, topic: String) throws -> Case {
        let key = ApplicationFactory.newApplicationId()
        func raw(_ bytes: Data) -> Case {
            Case(mutation: mutation, message: OutgoingMessage(topic: topic, key: Data(key.utf8), value: bytes, headers: []), key: key)
        }
        func envelope(_ e: EventEnvelope) -> Case {
            Case(mutation: mutation, message: OutgoingMessage(topic: topic, key: Data(key.utf8), value: EnvelopeCodec.encode(e), headers: EnvelopeCodec.headers(for: e)), key: key)
        }
        func plain(_ data: JSONValue = .object(["x": .integer(1)]), id: String? = nil) -> EventEnvelope {
            EventEnvelope(type: Self.expectedType(on: topic), source: "/qyzmet/\(["intake", "review", "identity", "issuance"][Int(random.next() % 4)])", time: now,
                          applicationId: id ?? key, correlationId: key, traceparent: TraceContext.newRoot(), data: data)
        }
        func fields(of e: EventEnvelope) -> [String: JSONValue] { (try? JSONValue.parse(EnvelopeCodec.encode(e)))?.objectValue ?? [:] }
        switch mutation {
        case "random-bytes":
            return raw(Data((0..<Int(random.next() % 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
        case "not-an-object":
            return raw(Data(["[1,2,3]", "\"text\"", "null", "42", "", "{"][Int(random.next() % 6)].utf8))
        case "invalid-utf8":
            var bytes = Data(#"{"specversion":"1.0","id":""#.utf8)
            bytes += [0xFF, 0xFE, 0xC0, 0x80]
            bytes += Data(#"","type":"x"}"#.utf8)
            return raw(bytes)
        case "duplicate-keys":
            let body = String(decoding: EnvelopeCodec.encode(plain()), as: UTF8.self)
            return raw(Data(("{\"applicationid\":\"APP-OTHER\"," + body.dropFirst()).utf8))
        case "missing-attribute":
            var f = fields(of: plain())
            let names = ["id", "type", "source", "time", "specversion", "applicationid", "data", "traceparent"]
            f[names[Int(random.next() % UInt64(names.count))]] = nil
            return raw(JSONValue.object(f).canonicalData())
        case "bad-specversion":
            var f = fields(of: plain())
            f["specversion"] = .string("0.3")
            return raw(JSONValue.object(f).canonicalData())
        case "bad-time":
            var f = fields(of: plain())
            f["time"] = .string(["2026-13-45T99:00:00Z", "yesterday", "2026-11-30T10:00:00"][Int(random.next() % 3)])
            return raw(JSONValue.object(f).canonicalData())
        case "key-mismatch":
            return envelope(plain(id: ApplicationFactory.newApplicationId()))
        case "deeply-nested":
            let depth = 200 + Int(random.next() % 5000)
            return raw(Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8))
        case "huge-number":
            let body = String(decoding: EnvelopeCodec.encode(plain(.object(["n": .integer(0)]))), as: UTF8.self)
            return raw(Data(body.replacingOccurrences(of: "\"n\":0", with: "\"n\":" + ["1e999999", "-0", "123456789012345678901234567890", "0x10", "NaN"][Int(random.next() % 5)]).utf8))
        case "truncated":
            let bytes = EnvelopeCodec.encode(plain())
            return raw(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
        case "unsigned-hand-off":
            return envelope(plain(.object(["applicationId": .string(key), "status": .string("collected"), "outcome": .string("approved")])))
        case "forged-signature":
            var e = plain(.object(["applicationId": .string(key), "outcome": .string("approved")]))
            e.signature = "ed25519:review-2026:" + Data((0..<64).map { _ in UInt8(truncatingIfNeeded: random.next()) }).base64EncodedString()
            return envelope(e)
        case "sealed-garbage":
            // Sealed in form, but no key opens it (or, on a hand-off topic, unsigned).
            func noise(_ n: Int) -> JSONValue { .string(Data((0..<n).map { _ in UInt8(truncatingIfNeeded: random.next()) }).base64EncodedString()) }
            return envelope(plain(.object(["sealed": .object([
                "alg": .string(SealedData.algorithm), "for": .string(Topics.sealedFor(topic) ?? "intake"), "keyId": .string("\(Topics.sealedFor(topic) ?? "intake")-seal-dev-2026"),
                "enc": noise(32), "ct": noise(Int(random.next() % 200) + 16),
            ])])))
        case "wrong-data-types":
            return envelope(plain(.object(["applicationId": .integer(7), "submittedAt": .bool(true), "application": .array([]), "signature": .string("x")])))
        default:
            return try application(mutation, topic: topic, key: key)
        }
    }

    /// A correctly formed application for a synthetic person, changed by `mutation`, signed by its channel.
    mutating func application(_ mutation: String, topic: String, key: String) throws -> Case {
        let person = dealer.next(.reservist)
        var application = factory.emigration(for: person, channel: .portal, branchId: "AST-01", submittedAt: now)
        application.applicationId = key
        var tree = try ContractCoding.tree(application)
        var channel = Channel.portal
        var tamper: ((inout JSONValue) -> Void)?
        switch mutation {
        case "string-for-boolean": tree = tree.replacing(["form", "secretInformationConsent"], with: .string("false"))
        case "fractional-number": tree = tree.replacing(["form", "count"], with: .double(1.5))
        case "unknown-service": tree = tree.replacing(["service"], with: .string("mod.no-such-service"))
        case "bad-iin": tree = tree.replacing(["applicant", "iin"], with: .string("123456789012"))
        case "too-large": tree = tree.replacing(["form", "note"], with: .string(String(repeating: "x", count: 70_000)))
        case "from-the-future": tree = tree.replacing(["submittedAt"], with: .string(KazakhstanTime.format(now.addingTimeInterval(30 * 86_400))))
        case "missing-field": tree = tree.replacing(["applicant"], with: nil)
        case "tampered-after-signing": tamper = { $0 = $0.replacing(["application", "scenario"], with: .string("conscript")) }
        case "wrong-channel-key": channel = .stateCorporation
        case "unknown-delivery": tree = tree.replacing(["delivery", "method"], with: .string("pigeon"))
        default: throw FuzzError.unknownMutation(mutation)
        }
        var e = try signer.envelope(signing: tree, applicationId: key, as: channel, complaint: topic == Topics.complaints, time: now, sealed: false)
        if let tamper { tamper(&e.data) }
        try signer.seal(&e)
        return Case(mutation: mutation, message: OutgoingMessage(topic: topic, key: Data(key.utf8), value: EnvelopeCodec.encode(e), headers: EnvelopeCodec.headers(for: e)), key: key)
    }

    static func expectedType(on topic: String) -> String {
        switch topic {
        case Topics.applications: EventType.applicationSubmitted
        case Topics.complaints: EventType.complaintFiled
        case Topics.cases: EventType.caseOpened
        case Topics.decisions: EventType.decisionMade
        case Topics.status: EventType.statusChanged
        case Topics.gatewayRequests: EventType.gatewayRequested
        case Topics.registers: EventType.registerChanged
        default: EventType.gatewayResponded
        }
    }

    public enum FuzzError: Error { case unknownMutation(String) }
}

extension JSONValue {
    /// This value with the member at `path` replaced (nil removes it); objects are created on the way.
    func replacing(_ path: [String], with value: JSONValue?) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        var fields = objectValue ?? [:]
        if path.count == 1 {
            fields[first] = value
        } else {
            fields[first] = (fields[first] ?? .object([:])).replacing(Array(path.dropFirst()), with: value)
        }
        return .object(fields)
    }
}
