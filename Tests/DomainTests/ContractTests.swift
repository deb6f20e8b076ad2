import Foundation
import QyzmetDomain
import Testing

@Suite("Message contract v1")
struct ContractTests {
    let trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    func envelope(_ data: JSONValue = .object(["x": .integer(1)])) -> EventEnvelope {
        EventEnvelope(id: "e-1", type: EventType.receiptIssued, source: "/qyzmet/intake", time: KazakhstanTime.parse("2026-11-23T10:15:00+05:00")!,
                      applicationId: "APP-1", correlationId: "APP-1", causationId: "e-0", traceparent: trace, data: data)
    }

    @Test("structured mode round-trips every attribute")
    func structuredRoundTrip() throws {
        let original = envelope(.object(["name": .string("Әлихан \"Q\"\n"), "n": .integer(42), "ok": .bool(true), "list": .array([.null])]))
        let decoded = try EnvelopeCodec.decode(value: EnvelopeCodec.encode(original), headers: EnvelopeCodec.headers(for: original))
        #expect(decoded == original)
    }

    @Test("binary mode (ce_ headers, data as value) is read too")
    func binaryMode() throws {
        let headers: [(String, Data)] = [
            ("ce_specversion", "1.0"), ("ce_id", "b-1"), ("ce_type", EventType.applicationSubmitted), ("ce_source", "/egov.kz/portal"),
            ("ce_time", "2026-11-23T05:15:00Z"), ("ce_applicationid", "APP-2"), ("ce_correlationid", "c-2"), ("ce_traceparent", trace),
            ("ce_schemaversion", "1.3"), ("content-type", "application/json"),
        ].map { ($0.0, Data($0.1.utf8)) }
        let decoded = try EnvelopeCodec.decode(value: Data(#"{"a":1}"#.utf8), headers: headers)
        #expect(decoded.id == "b-1" && decoded.applicationId == "APP-2" && decoded.schemaVersion == "1.3")
        #expect(decoded.data == .object(["a": .integer(1)]))
    }

    @Test("bad envelopes are refused with a stable code", arguments: [
        (#"not json"#, "envelope.not-json"),
        (#"{"specversion":"1.0"}"#, "envelope.missing-attribute"),
        (#"{"specversion":"0.3","id":"1"}"#, "envelope.unsupported-specversion"),
        (#"{"specversion":"1.0","id":"1","type":"t","source":"s","time":"2026-11-23T10:00:00+05:00","applicationid":"A","correlationid":"c","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","schemaversion":"2.0","data":{}}"#, "envelope.unsupported-schema-version"),
        (#"{"specversion":"1.0","id":"1","type":"t","source":"s","time":"yesterday","applicationid":"A","correlationid":"c","traceparent":"x","schemaversion":"1.0","data":{}}"#, "envelope.invalid-attribute"),
        (#"{"specversion":"1.0","id":"1","type":"t","source":"s","time":"2026-11-23T10:00:00+05:00","applicationid":"A B/../","correlationid":"c","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","schemaversion":"1.0","data":{}}"#, "envelope.invalid-attribute"),
    ])
    func badEnvelopes(_ value: String, _ code: String) {
        #expect {
            _ = try EnvelopeCodec.decode(value: Data(value.utf8), headers: [])
        } throws: { ($0 as? EnvelopeCodec.DecodeError)?.code == code }
    }

    @Test("canonical JSON: sorted keys, no spaces, minimal escapes, UTF-8 kept")
    func canonical() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(#"{ "b": [1, true, null], "a": "Қ\u0001\"\\/" , "c": {"z": 1, "y": 2} }"#.utf8))
        #expect(String(decoding: value.canonicalData(), as: UTF8.self) == #"{"a":"Қ\u0001\"\\/","b":[1,true,null],"c":{"y":2,"z":1}}"#)
    }

    @Test("signatures verify, and fail when tampered, with another purpose or an untrusted key")
    func signatures() throws {
        let key = SigningKey(keyId: "k1")
        let trust = TrustStore(keys: [.init(keyId: "k1", purpose: "channel:portal", publicKey: key.publicKeyBase64)])
        let content = JSONValue.object(["applicationId": .string("APP-1"), "n": .integer(1)])
        let signature = try key.sign(content, purpose: .application, method: "eds")
        try trust.verify(signature, over: content, purpose: .application, trustedFor: "channel:portal")
        #expect(throws: KeyError.badSignature(keyId: "k1")) {
            try trust.verify(signature, over: .object(["applicationId": .string("APP-2"), "n": .integer(1)]), purpose: .application, trustedFor: "channel:portal")
        }
        #expect(throws: KeyError.badSignature(keyId: "k1")) {
            try trust.verify(signature, over: content, purpose: .resultDocument, trustedFor: "channel:portal")
        }
        #expect(throws: KeyError.wrongPurpose(keyId: "k1", expected: "gateway")) {
            try trust.verify(signature, over: content, purpose: .application, trustedFor: "gateway")
        }
        var forged = signature
        forged.keyId = "k2"
        #expect(throws: KeyError.unknownKey("k2")) { try trust.verify(forged, over: content, purpose: .application, trustedFor: "channel:portal") }
    }

    @Test("an application survives the JSON tree it is signed as")
    func applicationRoundTrip() throws {
        let application = ApplicationSubmission(
            applicationId: "APP-3", service: "mod.emigration-certificate", scenario: "conscript", channel: .stateCorporation,
            submittedAt: KazakhstanTime.parse("2026-11-23T10:15:00+05:00")!,
            applicant: .init(iin: "990117384021", lastName: "Бекмұхамбетов", firstName: "Әлихан"), branchId: "ALA-01",
            delivery: Delivery(method: .branch, branchId: "ALA-01"), form: ["birthPlace": .string("Almaty")],
            documents: [.init(type: "id-card", number: "070454355", issuedOn: LocalDate(iso: "2021-09-24"), validUntil: LocalDate(iso: "2031-09-24"), form: "original")]
        )
        let tree = try ContractCoding.tree(application)
        #expect(try ContractCoding.decode(ApplicationSubmission.self, from: tree) == application)
        #expect(tree["channel"] == .string("state-corporation"))
        #expect(tree["submittedAt"] == .string("2026-11-23T10:15:00+05:00"))
    }

    @Test("follow-up events keep the application, correlation and trace, with a new span")
    func lineage() {
        let cause = envelope()
        let next = EventEnvelope.following(cause, type: EventType.caseOpened, source: "/qyzmet/intake", time: cause.time, data: .null)
        #expect(next.applicationId == cause.applicationId && next.correlationId == cause.correlationId && next.causationId == cause.id)
        #expect(next.traceparent.split(separator: "-")[1] == cause.traceparent.split(separator: "-")[1])
        #expect(next.traceparent != cause.traceparent)
    }

    @Test("status stages never go backwards through the life cycle")
    func stages() {
        let order: [ApplicationStatus] = [.identifying, .accepted, .registered, .gatheringData, .awaitingExecutor, .approved, .resultIssued, .readyForCollection, .storedAtProvider, .filed]
        #expect(zip(order, order.dropFirst()).allSatisfy { $0.stage < $1.stage })
    }
}

@Suite("JSON parser and tree coders")
struct JSONParsingTests {
    @Test("parses escapes, surrogate pairs, big integers and fractions exactly")
    func parses() throws {
        let value = try JSONValue.parse(Data(#"{"a":"\u0041\n\ud83d\ude00\"","n":9223372036854775807,"f":1.5,"e":-2E2,"z":[],"o":{},"t":true,"x":null}"#.utf8))
        #expect(value["a"] == .string("A\n😀\""))
        #expect(value["n"] == .integer(Int64.max))
        #expect(value["f"] == .double(1.5) && value["e"] == .double(-200))
        #expect(value["z"] == .array([]) && value["o"] == .object([:]) && value["t"] == .bool(true) && value["x"] == .null)
    }

    @Test("rejects what is not JSON, with the position", arguments: [
        #"{"a":1,}"#, #"[1 2]"#, #""abc"#, "\"a\u{01}\"", "01", "{\"a\"}", #"["\ud800"]"#, "tru", "1.", "-", "{} x",
        String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
    ])
    func rejects(_ text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test("the tree coders agree with Foundation's JSON coders")
    func agreesWithFoundation() throws {
        let receipt = Receipt(applicationId: "APP-9", service: "gp.criminal-record-certificate", channel: .portal, outcome: .accepted,
                              issuedAt: KazakhstanTime.parse("2026-11-23T10:15:00+05:00")!, registrationNumber: "CRC-20261123-000001",
                              acceptedOn: LocalDate(iso: "2026-11-23"), dueAt: KazakhstanTime.parse("2026-11-23T10:25:00+05:00")!,
                              dueDate: LocalDate(iso: "2026-11-23"))
        let viaFoundation = try JSONValue.parse(ContractCoding.encoder().encode(receipt))
        #expect(try ContractCoding.tree(receipt) == viaFoundation)
        #expect(try ContractCoding.decode(Receipt.self, from: viaFoundation) == receipt)
        #expect(throws: DecodingError.self) { try ContractCoding.decode(Receipt.self, from: .object(["applicationId": .integer(1)])) }
    }
}
