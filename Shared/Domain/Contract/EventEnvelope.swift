import Foundation

/// A CloudEvents 1.0 event as it travels on Qyzmet topics (structured mode: the whole envelope
/// is the Kafka value, `content-type: application/cloudevents+json`, key = application id).
///
/// Extension attributes (lowercase, as CloudEvents requires): `applicationid`, `correlationid`,
/// `causationid`, `traceparent` (W3C trace context), `schemaversion` (contract version).
public struct EventEnvelope: Sendable, Equatable {
    public var id: String
    public var type: String
    public var source: String
    public var time: Date
    public var applicationId: String
    public var correlationId: String
    public var causationId: String?
    public var traceparent: String
    public var schemaVersion: String
    public var data: JSONValue
    /// The producing service's signature (`EventSignature`), `qyzmetsignature` on the wire.
    public var signature: String?

    public init(
        id: String = UUID().uuidString.lowercased(),
        type: String,
        source: String,
        time: Date,
        applicationId: String,
        correlationId: String,
        causationId: String? = nil,
        traceparent: String,
        schemaVersion: String = ContractVersion.current,
        data: JSONValue,
        signature: String? = nil
    ) {
        self.id = id
        self.type = type
        self.source = source
        self.time = time
        self.applicationId = applicationId
        self.correlationId = correlationId
        self.causationId = causationId
        self.traceparent = traceparent
        self.schemaVersion = schemaVersion
        self.data = data
        self.signature = signature
    }

    /// A follow-up event caused by `cause`: same application, correlation and trace, a new span.
    public static func following(
        _ cause: EventEnvelope, type: String, source: String, time: Date, data: JSONValue
    ) -> EventEnvelope {
        EventEnvelope(
            type: type, source: source, time: time,
            applicationId: cause.applicationId, correlationId: cause.correlationId, causationId: cause.id,
            traceparent: TraceContext.child(of: cause.traceparent), data: data
        )
    }

    public func decodeData<T: Decodable>(_ type: T.Type) throws -> T {
        try ContractCoding.decode(type, from: data)
    }
}

public enum ContractVersion {
    public static let current = "1.3"
    public static let major = 1

    /// Minor versions only add optional fields, so any 1.x is readable.
    public static func isSupported(_ version: String) -> Bool {
        guard let majorPart = version.split(separator: ".").first, let major = Int(majorPart) else { return false }
        return major == ContractVersion.major
    }
}

/// W3C trace context: `00-<32 hex trace id>-<16 hex span id>-<flags>`.
public enum TraceContext {
    public static func isValid(_ value: String) -> Bool {
        let parts = value.split(separator: "-")
        return parts.count == 4 && parts[0].count == 2 && parts[1].count == 32 && parts[2].count == 16 && parts[3].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) } && parts[1] != String(repeating: "0", count: 32)
    }

    public static func newRoot() -> String { "00-\(randomHex(16))-\(randomHex(8))-01" }

    public static func child(of parent: String) -> String {
        let parts = parent.split(separator: "-")
        guard isValid(parent) else { return newRoot() }
        return "00-\(parts[1])-\(randomHex(8))-\(parts[3])"
    }

    private static func randomHex(_ bytes: Int) -> String {
        Hex.lowercase((0..<bytes).map { _ in UInt8.random(in: 0...255) })
    }
}
