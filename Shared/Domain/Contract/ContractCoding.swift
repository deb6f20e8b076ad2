import Foundation

/// JSON coders configured for the contract: RFC 3339 instants with an offset (fractional
/// seconds accepted on input), `YYYY-MM-DD` dates, keys as declared.
public enum ContractCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(KazakhstanTime.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseInstant(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 instant with offset: \(text)"))
            }
            return date
        }
        return decoder
    }

    public static func parseInstant(_ text: String) -> Date? { KazakhstanTime.parse(text) }

    /// Decodes a contract type from an already-parsed JSON tree, without JSON text in between.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoding.decode(type, from: value)
    }

    /// Canonical JSON bytes of a contract type, for storage blobs; read back with `decode(_:data:)`.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        try tree(value).canonicalData()
    }

    public static func decode<T: Decodable>(_ type: T.Type, data: Data) throws -> T {
        try decode(type, from: try JSONValue.parse(data))
    }

    /// Encodes a contract type into a JSON tree (for signing and for envelopes).
    public static func tree<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValueEncoding.encode(value)
    }
}
