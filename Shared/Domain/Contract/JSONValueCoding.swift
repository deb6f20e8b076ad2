import Foundation

/// Encodes contract types straight into a `JSONValue` tree: no JSON text in between. Instants
/// become RFC 3339 strings with +05:00, like the contract's JSON coders write them.
enum JSONValueEncoding {
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = Node()
        try encode(value, into: root, path: [])
        return root.resolved
    }

    static func encode<T: Encodable>(_ value: T, into node: Node, path: [any CodingKey]) throws {
        switch value {
        case let date as Date: node.value = .string(KazakhstanTime.format(date))
        case let tree as JSONValue: node.value = tree
        default: try value.encode(to: TreeEncoder(node: node, codingPath: path))
        }
    }

    final class Node {
        var value: JSONValue = .null
        var object: [String: Node]?
        var array: [Node]?

        var resolved: JSONValue {
            if let object { return .object(object.mapValues(\.resolved)) }
            if let array { return .array(array.map(\.resolved)) }
            return value
        }
    }

    struct TreeEncoder: Encoder {
        let node: Node
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if node.object == nil { node.object = [:] }
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            if node.array == nil { node.array = [] }
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        var codingPath: [any CodingKey]

        func child(_ key: Key) -> Node {
            let child = Node()
            node.object![key.stringValue] = child
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { child(key).value = .null }
        mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).value = .bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { child(key).value = .string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { child(key).value = .double(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { child(key).value = .double(Double(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { child(key).value = .integer(Int64(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { child(key).value = .integer(Int64(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { child(key).value = .integer(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { child(key).value = .integer(Int64(value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try JSONValueEncoding.encode(value, into: child(key), path: codingPath + [key])
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            TreeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(node: child(Key(stringValue: "super")!), codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(node: child(key), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]
        var count: Int { node.array!.count }

        func next() -> Node {
            let child = Node()
            node.array!.append(child)
            return child
        }

        mutating func encodeNil() throws { next().value = .null }
        mutating func encode(_ value: Bool) throws { next().value = .bool(value) }
        mutating func encode(_ value: String) throws { next().value = .string(value) }
        mutating func encode(_ value: Double) throws { next().value = .double(value) }
        mutating func encode(_ value: Int) throws { next().value = .integer(Int64(value)) }
        mutating func encode(_ value: Int64) throws { next().value = .integer(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try JSONValueEncoding.encode(value, into: next(), path: codingPath) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            TreeEncoder(node: next(), codingPath: codingPath).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { TreeEncoder(node: next(), codingPath: codingPath).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { TreeEncoder(node: next(), codingPath: codingPath) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.value = .null }
        mutating func encode(_ value: Bool) throws { node.value = .bool(value) }
        mutating func encode(_ value: String) throws { node.value = .string(value) }
        mutating func encode(_ value: Double) throws { node.value = .double(value) }
        mutating func encode(_ value: Float) throws { node.value = .double(Double(value)) }
        mutating func encode(_ value: Int) throws { node.value = .integer(Int64(value)) }
        mutating func encode(_ value: Int32) throws { node.value = .integer(Int64(value)) }
        mutating func encode(_ value: Int64) throws { node.value = .integer(value) }
        mutating func encode(_ value: UInt64) throws { node.value = .integer(Int64(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try JSONValueEncoding.encode(value, into: node, path: codingPath) }
    }
}

/// Decodes contract types straight from a `JSONValue` tree, with the same rules as the
/// contract's JSON decoder (RFC 3339 instants, `YYYY-MM-DD` days).
enum JSONValueDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, path: [any CodingKey] = []) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        if T.self == Date.self {
            guard case .string(let text) = value, let date = KazakhstanTime.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "not an RFC 3339 instant with offset"))
            }
            return date as! T
        }
        return try T(from: TreeDecoder(value: value, codingPath: path))
    }

    static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(describe(value))"))
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> I {
        switch value {
        case .integer(let i):
            guard let exact = I(exactly: i) else { throw mismatch(type, value, path) }
            return exact
        case .double(let d):
            guard let exact = I(exactly: d) else { throw mismatch(type, value, path) }
            return exact
        default: throw mismatch(type, value, path)
        }
    }

    static func double(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
        switch value {
        case .double(let d): return d
        case .integer(let i): return Double(i)
        default: throw mismatch(Double.self, value, path)
        }
    }

    struct TreeDecoder: Decoder {
        let value: JSONValue
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            guard case .object(let fields) = value else { throw mismatch([String: JSONValue].self, value, codingPath) }
            return KeyedDecodingContainer(Keyed<Key>(fields: fields, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            guard case .array(let items) = value else { throw mismatch([JSONValue].self, value, codingPath) }
            return Unkeyed(items: items, codingPath: codingPath)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(value: value, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let fields: [String: JSONValue]
        var codingPath: [any CodingKey]
        var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

        func field(_ key: Key) throws -> JSONValue {
            guard let value = fields[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing field '\(key.stringValue)'"))
            }
            return value
        }

        func decodeNil(forKey key: Key) throws -> Bool { try field(key) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            guard case .bool(let b) = try field(key) else { throw mismatch(type, try field(key), codingPath + [key]) }
            return b
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard case .string(let s) = try field(key) else { throw mismatch(type, try field(key), codingPath + [key]) }
            return s
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try double(try field(key), codingPath + [key]) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, try field(key), codingPath + [key]) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, try field(key), codingPath + [key]) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, try field(key), codingPath + [key]) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, try field(key), codingPath + [key]) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let value = try field(key)
            if value == .null && T.self != JSONValue.self {
                throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [key], debugDescription: "'\(key.stringValue)' is null"))
            }
            return try JSONValueDecoding.decode(type, from: value, path: codingPath + [key])
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try TreeDecoder(value: try field(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try TreeDecoder(value: try field(key), codingPath: codingPath + [key]).unkeyedContainer()
        }
        func superDecoder() throws -> any Decoder { TreeDecoder(value: fields["super"] ?? .null, codingPath: codingPath) }
        func superDecoder(forKey key: Key) throws -> any Decoder { TreeDecoder(value: try field(key), codingPath: codingPath + [key]) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        var codingPath: [any CodingKey]
        var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [JSONValue], codingPath: [any CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        mutating func next() throws -> JSONValue {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(JSONValue.self, .init(codingPath: codingPath, debugDescription: "array ended"))
            }
            defer { currentIndex += 1 }
            return items[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex] == .null else { return false }
            currentIndex += 1
            return true
        }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try JSONValueDecoding.decode(type, from: try next(), path: codingPath) }
        mutating func decode(_ type: String.Type) throws -> String {
            let value = try next()
            guard case .string(let s) = value else { throw mismatch(type, value, codingPath) }
            return s
        }
        mutating func decode(_ type: Double.Type) throws -> Double { try double(try next(), codingPath) }
        mutating func decode(_ type: Int.Type) throws -> Int { try integer(type, try next(), codingPath) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, try next(), codingPath) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONValueDecoding.decode(type, from: try next(), path: codingPath) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try TreeDecoder(value: try next(), codingPath: codingPath).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try TreeDecoder(value: try next(), codingPath: codingPath).unkeyedContainer()
        }
        mutating func superDecoder() throws -> any Decoder { TreeDecoder(value: try next(), codingPath: codingPath) }
    }

    struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        var codingPath: [any CodingKey]

        func decodeNil() -> Bool { value == .null }
        func decode(_ type: Bool.Type) throws -> Bool {
            guard case .bool(let b) = value else { throw mismatch(type, value, codingPath) }
            return b
        }
        func decode(_ type: String.Type) throws -> String {
            guard case .string(let s) = value else { throw mismatch(type, value, codingPath) }
            return s
        }
        func decode(_ type: Double.Type) throws -> Double { try double(value, codingPath) }
        func decode(_ type: Float.Type) throws -> Float { Float(try double(value, codingPath)) }
        func decode(_ type: Int.Type) throws -> Int { try integer(type, value, codingPath) }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer(type, value, codingPath) }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, value, codingPath) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type, value, codingPath) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONValueDecoding.decode(type, from: value, path: codingPath) }
    }
}
