import Foundation

/// Reads and writes envelopes on Kafka. Writes structured mode; reads structured mode and also
/// binary mode (`ce_*` headers, data as the value), which CloudEvents SDKs for Java and Python
/// produce by default.
public enum EnvelopeCodec {
    public static let structuredContentType = "application/cloudevents+json; charset=utf-8"

    public enum DecodeError: Error, Equatable, CustomStringConvertible {
        case notJSON(String)
        case missingAttribute(String)
        case invalidAttribute(String, String)
        case unsupportedSpecVersion(String)
        case unsupportedSchemaVersion(String)

        public var description: String {
            switch self {
            case .notJSON(let why): return "value is not a JSON object: \(why)"
            case .missingAttribute(let name): return "required CloudEvents attribute '\(name)' is missing"
            case .invalidAttribute(let name, let why): return "attribute '\(name)' is invalid: \(why)"
            case .unsupportedSpecVersion(let v): return "CloudEvents specversion \(v) is not supported (1.0 is)"
            case .unsupportedSchemaVersion(let v): return "schema version \(v) is not supported (1.x is)"
            }
        }

        /// A short stable code for dead-letter headers and metrics.
        public var code: String {
            switch self {
            case .notJSON: return "envelope.not-json"
            case .missingAttribute: return "envelope.missing-attribute"
            case .invalidAttribute: return "envelope.invalid-attribute"
            case .unsupportedSpecVersion: return "envelope.unsupported-specversion"
            case .unsupportedSchemaVersion: return "envelope.unsupported-schema-version"
            }
        }
    }

    public static func encode(_ envelope: EventEnvelope) -> Data {
        var fields: [String: JSONValue] = [
            "specversion": .string("1.0"),
            "id": .string(envelope.id),
            "type": .string(envelope.type),
            "source": .string(envelope.source),
            "time": .string(KazakhstanTime.format(envelope.time)),
            "datacontenttype": .string("application/json"),
            "applicationid": .string(envelope.applicationId),
            "correlationid": .string(envelope.correlationId),
            "traceparent": .string(envelope.traceparent),
            "schemaversion": .string(envelope.schemaVersion),
            "data": envelope.data,
        ]
        if let causation = envelope.causationId { fields["causationid"] = .string(causation) }
        if let signature = envelope.signature { fields[EventSignature.attribute] = .string(signature) }
        return JSONValue.object(fields).canonicalData()
    }

    /// Kafka headers written with every event, for tools that route without parsing the value.
    public static func headers(for envelope: EventEnvelope) -> [(String, Data)] {
        [
            ("content-type", Data(structuredContentType.utf8)),
            ("ce_type", Data(envelope.type.utf8)),
            ("ce_id", Data(envelope.id.utf8)),
            ("traceparent", Data(envelope.traceparent.utf8)),
        ]
    }

    public static func decode(value: Data, headers: [(String, Data)]) throws(DecodeError) -> EventEnvelope {
        let header = { (name: String) -> String? in
            headers.first(where: { $0.0.lowercased() == name }).flatMap { String(data: $0.1, encoding: .utf8) }
        }
        let contentType = header("content-type") ?? ""
        if header("ce_specversion") != nil && !contentType.hasPrefix("application/cloudevents") {
            return try decodeBinary(value: value, header: header)
        }
        let tree: JSONValue
        do { tree = try JSONValue.parse(value) } catch {
            throw .notJSON(error.description)
        }
        guard case .object(let fields) = tree else { throw .notJSON("top level is not an object") }
        return try build { fields[$0]?.stringValue } data: { fields["data"] }
    }

    private static func decodeBinary(value: Data, header: (String) -> String?) throws(DecodeError) -> EventEnvelope {
        let data: JSONValue
        do { data = try JSONValue.parse(value) } catch {
            throw .notJSON("binary-mode data: \(error.description)")
        }
        // W3C trace context travels as a plain `traceparent` header too (OpenTelemetry's Kafka
        // instrumentation), so accept either.
        return try build { header("ce_" + $0) ?? ($0 == "traceparent" ? header("traceparent") : nil) } data: { data }
    }

    private static func build(_ attribute: (String) -> String?, data: () -> JSONValue?) throws(DecodeError) -> EventEnvelope {
        func required(_ name: String) throws(DecodeError) -> String {
            guard let value = attribute(name), !value.isEmpty else { throw .missingAttribute(name) }
            return value
        }
        let spec = try required("specversion")
        guard spec == "1.0" else { throw .unsupportedSpecVersion(spec) }
        let schema = try required("schemaversion")
        guard ContractVersion.isSupported(schema) else { throw .unsupportedSchemaVersion(schema) }
        let timeText = try required("time")
        guard let time = ContractCoding.parseInstant(timeText) else { throw .invalidAttribute("time", "not RFC 3339: \(timeText)") }
        let traceparent = try required("traceparent")
        guard TraceContext.isValid(traceparent) else { throw .invalidAttribute("traceparent", "not a W3C traceparent") }
        guard let payload = data(), payload != .null else { throw .missingAttribute("data") }
        let applicationId = try required("applicationid")
        guard ApplicationID.isValid(applicationId) else {
            throw .invalidAttribute("applicationid", "1-64 characters of A-Z a-z 0-9 - _ . expected")
        }
        return EventEnvelope(
            id: try required("id"), type: try required("type"), source: try required("source"), time: time,
            applicationId: applicationId, correlationId: try required("correlationid"),
            causationId: attribute("causationid"), traceparent: traceparent, schemaVersion: schema, data: payload,
            signature: attribute(EventSignature.attribute)
        )
    }
}

public enum ApplicationID {
    public static func isValid(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 45 || b == 95 || b == 46
        }
    }
}
