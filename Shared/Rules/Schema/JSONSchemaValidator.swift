import Foundation
import QyzmetDomain

/// One way an instance fails its schema.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// RFC 6901 pointer into the instance; "" is the whole document.
    public var pointer: String
    /// Reads as a predicate of the value at `pointer`, e.g. `is "weeks", expected one of ...`.
    public var message: String
    /// Where the failing keyword sits in the schema, e.g. "#/$defs/term/properties/unit/enum".
    public var schemaPath: String

    public init(pointer: String, message: String, schemaPath: String) {
        self.pointer = pointer
        self.message = message
        self.schemaPath = schemaPath
    }

    public var description: String { "\(Self.display(pointer)) \(message) (schema \(schemaPath))" }

    static func display(_ pointer: String) -> String { pointer.isEmpty ? "(root)" : pointer }
}

/// Validates `JSONValue` trees against a JSON Schema (a draft 2020-12 subset, see
/// `supportedKeywords`).
///
/// The schema is compiled once: every subschema becomes a node in a flat table, `$ref`s become
/// table indices and patterns are precompiled, so validating is a walk over the instance with no
/// look-ups by name. A keyword outside the subset is an error at init rather than something
/// silently ignored, so a schema never looks stricter than it is.
public struct JSONSchemaValidator: Sendable {
    public struct SchemaError: Error, Sendable, CustomStringConvertible {
        public var schemaPath: String
        public var message: String
        public var description: String { "invalid schema at \(schemaPath): \(message)" }
    }

    /// Keywords that validate, followed by those that are accepted and ignored (annotations).
    public static let supportedKeywords: [String] = assertingKeywords + annotationKeywords

    static let assertingKeywords = [
        "type", "enum", "const",
        "properties", "required", "additionalProperties", "patternProperties", "propertyNames",
        "minProperties", "maxProperties",
        "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "$ref", "$defs", "definitions",
    ]
    static let annotationKeywords = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
        "deprecated", "readOnly", "writeOnly",
    ]

    private let nodes: [Node]

    public init(schema: JSONValue) throws {
        var compiler = Compiler()
        _ = try compiler.compile(schema, at: "#")
        nodes = try compiler.finish()
    }

    /// Every violation, in schema keyword order and with object members in sorted key order, so
    /// the same document always gives the same list.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var run = Run(nodes: nodes)
        run.validate(instance, against: Node.root)
        return run.violations
    }
}

// MARK: - Compiled form

/// A compiled subschema: the checks its keywords make, in a fixed order.
private struct Node: Sendable {
    static let root = 0
    let path: String
    var checks: [Located] = []

    /// A check with its schema path worked out once, not on every visit.
    struct Located: Sendable {
        var check: Check
        let schemaPath: String
    }
}

private enum Check: Sendable {
    case never
    case ref(Int)
    case type([JSONType])
    case enumeration([JSONValue], Set<JSONValue>)
    case constant(JSONValue)
    case required([String])
    case members(Members)
    case propertyNames(Int)
    case minProperties(Int)
    case maxProperties(Int)
    case items(prefix: [Int], rest: Int?)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case minLength(Int)
    case maxLength(Int)
    case pattern(Pattern)
    case format(Format)
    case minimum(Double)
    case maximum(Double)
    case exclusiveMinimum(Double)
    case exclusiveMaximum(Double)
    case multipleOf(Double)
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(if: Int, then: Int?, else: Int?)

    /// The keyword a violation of this check is attributed to.
    var keyword: String {
        switch self {
        case .never: ""
        case .ref: "$ref"
        case .type: "type"
        case .enumeration: "enum"
        case .constant: "const"
        case .required: "required"
        case .members: "properties"
        case .propertyNames: "propertyNames"
        case .minProperties: "minProperties"
        case .maxProperties: "maxProperties"
        case .items: "items"
        case .minItems: "minItems"
        case .maxItems: "maxItems"
        case .uniqueItems: "uniqueItems"
        case .minLength: "minLength"
        case .maxLength: "maxLength"
        case .pattern: "pattern"
        case .format: "format"
        case .minimum: "minimum"
        case .maximum: "maximum"
        case .exclusiveMinimum: "exclusiveMinimum"
        case .exclusiveMaximum: "exclusiveMaximum"
        case .multipleOf: "multipleOf"
        case .allOf: "allOf"
        case .anyOf: "anyOf"
        case .oneOf: "oneOf"
        case .not: "not"
        case .conditional: "if"
        }
    }

    /// Subschemas applied to the same instance location; a cycle through these alone never ends.
    var inPlaceChildren: [Int] {
        switch self {
        case .ref(let target), .not(let target): [target]
        case .allOf(let targets), .anyOf(let targets), .oneOf(let targets): targets
        case .conditional(let condition, let then, let otherwise): [condition] + [then, otherwise].compactMap { $0 }
        default: []
        }
    }
}

/// properties, patternProperties and additionalProperties together, because which of them applies
/// to a member depends on the other two.
private struct Members: Sendable {
    enum Additional: Sendable {
        case allowed
        case forbidden(at: String)
        case schema(Int)
    }

    var properties: [String: Int] = [:]
    var patterns: [(pattern: Pattern, node: Int)] = []
    var additional = Additional.allowed
}

private enum JSONType: String, Sendable, CaseIterable {
    case null, boolean, integer, number, string, array, object

    func admits(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.string, .string), (.array, .array), (.object, .object): true
        case (.integer, .integer), (.number, .integer), (.number, .double): true
        // JSON has one number type: 2.0 is an integer as far as a schema is concerned.
        case (.integer, .double(let d)): d.isFinite && d.rounded() == d
        default: false
        }
    }
}

private struct Pattern: Sendable {
    let source: String
    let regex: NSRegularExpression

    init(_ source: String, at path: String) throws(JSONSchemaValidator.SchemaError) {
        do {
            regex = try NSRegularExpression(pattern: source)
        } catch {
            // NSRegularExpression's error says no more than "The value is invalid", so it is left out.
            throw JSONSchemaValidator.SchemaError(schemaPath: path, message: "\(source) is not a valid regular expression")
        }
        self.source = source
    }

    /// JSON Schema patterns are not anchored: a match anywhere counts.
    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

// MARK: - Compiling

private struct Compiler {
    typealias SchemaError = JSONSchemaValidator.SchemaError

    private var nodes: [Node] = []
    private var indexByPath: [String: Int] = [:]
    /// `$ref`s seen so far, resolved once every subschema has a node. The `.ref` check is always
    /// a node's first, so `finish` knows where to put the target.
    private var pendingRefs: [(node: Int, ref: String)] = []

    mutating func compile(_ schema: JSONValue, at path: String) throws(SchemaError) -> Int {
        let index = nodes.count
        nodes.append(Node(path: path))
        indexByPath[path] = index
        switch schema {
        case .bool(true): break
        case .bool(false): nodes[index].checks = [Node.Located(check: .never, schemaPath: path)]
        case .object(let keywords):
            nodes[index].checks = try checks(keywords, node: index, at: path).map {
                Node.Located(check: $0, schemaPath: path + "/" + $0.keyword)
            }
        default: throw SchemaError(schemaPath: path, message: "a schema must be an object or a boolean")
        }
        return index
    }

    mutating func finish() throws(SchemaError) -> [Node] {
        for (node, ref) in pendingRefs {
            nodes[node].checks[0].check = .ref(try resolve(ref, from: nodes[node].path))
        }
        try rejectInPlaceCycles()
        return nodes
    }

    private func resolve(_ ref: String, from path: String) throws(SchemaError) -> Int {
        let decoded = ref.removingPercentEncoding ?? ref
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        let isLocal = decoded == "#" || (segments.count == 3 && segments[0] == "#" && ["$defs", "definitions"].contains(segments[1]))
        guard isLocal, let target = indexByPath[decoded] else {
            throw SchemaError(
                schemaPath: path + "/$ref",
                message: "$ref \(ref) does not resolve; only \"#\", \"#/$defs/NAME\" and \"#/definitions/NAME\" of this schema are supported"
            )
        }
        return target
    }

    /// `{"$defs": {"a": {"$ref": "#/$defs/a"}}}` would recurse forever at validation time, so it
    /// is refused here (depth-first search for a back edge among same-location applicators).
    private func rejectInPlaceCycles() throws(SchemaError) {
        enum Mark { case unvisited, inProgress, done }
        var marks = Array(repeating: Mark.unvisited, count: nodes.count)
        func visit(_ index: Int) throws(SchemaError) {
            marks[index] = .inProgress
            for child in nodes[index].checks.flatMap(\.check.inPlaceChildren) {
                switch marks[child] {
                case .inProgress:
                    throw SchemaError(schemaPath: nodes[index].path, message: "reaches \(nodes[child].path) again without descending into the instance, so validation would never end")
                case .unvisited: try visit(child)
                case .done: break
                }
            }
            marks[index] = .done
        }
        for index in nodes.indices where marks[index] == .unvisited { try visit(index) }
    }

    private mutating func checks(_ keywords: [String: JSONValue], node: Int, at path: String) throws(SchemaError) -> [Check] {
        if let unknown = keywords.keys.sorted().first(where: { !JSONSchemaValidator.supportedKeywords.contains($0) }) {
            throw SchemaError(
                schemaPath: path,
                message: "unsupported keyword \"\(unknown)\"; supported keywords: \(JSONSchemaValidator.supportedKeywords.joined(separator: ", "))"
            )
        }
        let reader = KeywordReader(keywords: keywords, path: path)
        for defs in ["$defs", "definitions"] {
            for (name, schema) in try reader.object(defs)?.sorted(by: { $0.key < $1.key }) ?? [] {
                _ = try compile(schema, at: "\(path)/\(defs)/\(escapePointer(name))")
            }
        }

        var checks: [Check] = []
        if let ref = try reader.string("$ref") {
            pendingRefs.append((node, ref))
            checks.append(.ref(-1))
        }
        checks += try valueChecks(reader)
        checks += try objectChecks(reader)
        checks += try arrayChecks(reader)
        checks += try stringChecks(reader)
        checks += try numberChecks(reader)
        checks += try combinatorChecks(reader)
        return checks
    }

    private func valueChecks(_ reader: KeywordReader) throws(SchemaError) -> [Check] {
        var checks: [Check] = []
        if let type = reader["type"] {
            let names: [JSONValue] = if case .array(let names) = type { names } else { [type] }
            var types: [JSONType] = []
            for name in names {
                guard let type = name.stringValue.flatMap(JSONType.init(rawValue:)) else {
                    throw reader.error("type", "must name one or more of \(JSONType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                types.append(type)
            }
            checks.append(.type(types))
        }
        if let values = reader["enum"] {
            guard case .array(let values) = values else { throw reader.error("enum", "must be an array") }
            checks.append(.enumeration(values, Set(values.map(\.normalised))))
        }
        if let value = reader["const"] { checks.append(.constant(value.normalised)) }
        return checks
    }

    private mutating func objectChecks(_ reader: KeywordReader) throws(SchemaError) -> [Check] {
        var checks: [Check] = []
        if let required = try reader.strings("required") { checks.append(.required(required)) }

        var members = Members()
        for (name, schema) in try reader.object("properties")?.sorted(by: { $0.key < $1.key }) ?? [] {
            members.properties[name] = try compile(schema, at: reader.keywordPath("properties", name))
        }
        for (source, schema) in try reader.object("patternProperties")?.sorted(by: { $0.key < $1.key }) ?? [] {
            let path = reader.keywordPath("patternProperties", source)
            members.patterns.append((try Pattern(source, at: path), try compile(schema, at: path)))
        }
        switch reader["additionalProperties"] {
        case nil, .bool(true): break
        // Kept apart from a compiled `false` so the violation can say which names are allowed.
        case .bool(false): members.additional = .forbidden(at: reader.keywordPath("additionalProperties"))
        case let schema?: members.additional = .schema(try compile(schema, at: reader.keywordPath("additionalProperties")))
        }
        let hasMembers = ["properties", "patternProperties", "additionalProperties"].contains { reader[$0] != nil }
        if hasMembers { checks.append(.members(members)) }

        if let names = reader["propertyNames"] {
            checks.append(.propertyNames(try compile(names, at: reader.keywordPath("propertyNames"))))
        }
        if let min = try reader.count("minProperties") { checks.append(.minProperties(min)) }
        if let max = try reader.count("maxProperties") { checks.append(.maxProperties(max)) }
        return checks
    }

    private mutating func arrayChecks(_ reader: KeywordReader) throws(SchemaError) -> [Check] {
        var checks: [Check] = []
        let prefix = try compileEach(reader.schemas("prefixItems"), at: reader.keywordPath("prefixItems"))
        var rest: Int?
        if let items = reader["items"] {
            if case .array = items {
                throw reader.error("items", "takes one schema in draft 2020-12; use prefixItems for a tuple")
            }
            rest = try compile(items, at: reader.keywordPath("items"))
        }
        if !prefix.isEmpty || rest != nil { checks.append(.items(prefix: prefix, rest: rest)) }
        if let min = try reader.count("minItems") { checks.append(.minItems(min)) }
        if let max = try reader.count("maxItems") { checks.append(.maxItems(max)) }
        if try reader.bool("uniqueItems") == true { checks.append(.uniqueItems) }
        return checks
    }

    private func stringChecks(_ reader: KeywordReader) throws(SchemaError) -> [Check] {
        var checks: [Check] = []
        if let min = try reader.count("minLength") { checks.append(.minLength(min)) }
        if let max = try reader.count("maxLength") { checks.append(.maxLength(max)) }
        if let source = try reader.string("pattern") {
            checks.append(.pattern(try Pattern(source, at: reader.keywordPath("pattern"))))
        }
        // Formats other than these are annotations in 2020-12, so they are accepted and not checked.
        if let name = try reader.string("format"), let format = Format(rawValue: name) {
            checks.append(.format(format))
        }
        return checks
    }

    private func numberChecks(_ reader: KeywordReader) throws(SchemaError) -> [Check] {
        var checks: [Check] = []
        if let limit = try reader.number("minimum") { checks.append(.minimum(limit)) }
        if let limit = try reader.number("maximum") { checks.append(.maximum(limit)) }
        if let limit = try reader.number("exclusiveMinimum") { checks.append(.exclusiveMinimum(limit)) }
        if let limit = try reader.number("exclusiveMaximum") { checks.append(.exclusiveMaximum(limit)) }
        if let divisor = try reader.number("multipleOf") {
            guard divisor > 0 else { throw reader.error("multipleOf", "must be greater than 0") }
            checks.append(.multipleOf(divisor))
        }
        return checks
    }

    private mutating func compileEach(_ schemas: [JSONValue], at path: String) throws(SchemaError) -> [Int] {
        var nodes: [Int] = []
        for (offset, schema) in schemas.enumerated() {
            nodes.append(try compile(schema, at: "\(path)/\(offset)"))
        }
        return nodes
    }

    private mutating func combinatorChecks(_ reader: KeywordReader) throws(SchemaError) -> [Check] {
        var checks: [Check] = []
        let combinators: [(keyword: String, make: ([Int]) -> Check)] = [("allOf", Check.allOf), ("anyOf", Check.anyOf), ("oneOf", Check.oneOf)]
        for (keyword, make) in combinators where reader[keyword] != nil {
            let schemas = try reader.schemas(keyword)
            guard !schemas.isEmpty else { throw reader.error(keyword, "must be a non-empty array") }
            checks.append(make(try compileEach(schemas, at: reader.keywordPath(keyword))))
        }
        if let schema = reader["not"] { checks.append(.not(try compile(schema, at: reader.keywordPath("not")))) }
        // then/else without if do nothing (2020-12), but they are still compiled so that errors
        // in them are found now rather than when someone adds the if.
        var then: Int?
        var otherwise: Int?
        if let schema = reader["then"] { then = try compile(schema, at: reader.keywordPath("then")) }
        if let schema = reader["else"] { otherwise = try compile(schema, at: reader.keywordPath("else")) }
        if let condition = reader["if"] {
            checks.append(.conditional(if: try compile(condition, at: reader.keywordPath("if")), then: then, else: otherwise))
        }
        return checks
    }
}

/// Reads one schema object's keyword values, throwing with the keyword's path when one has the
/// wrong shape.
private struct KeywordReader {
    typealias SchemaError = JSONSchemaValidator.SchemaError

    let keywords: [String: JSONValue]
    let path: String

    subscript(keyword: String) -> JSONValue? { keywords[keyword] }

    func keywordPath(_ segments: String...) -> String {
        segments.reduce(path) { $0 + "/" + escapePointer($1) }
    }

    func error(_ keyword: String, _ message: String) -> SchemaError {
        SchemaError(schemaPath: keywordPath(keyword), message: "\(keyword) \(message)")
    }

    func string(_ keyword: String) throws(SchemaError) -> String? {
        guard let value = keywords[keyword] else { return nil }
        guard case .string(let text) = value else { throw error(keyword, "must be a string") }
        return text
    }

    func bool(_ keyword: String) throws(SchemaError) -> Bool? {
        guard let value = keywords[keyword] else { return nil }
        guard case .bool(let flag) = value else { throw error(keyword, "must be a boolean") }
        return flag
    }

    func number(_ keyword: String) throws(SchemaError) -> Double? {
        switch keywords[keyword] {
        case nil: return nil
        case .integer(let i): return Double(i)
        case .double(let d) where d.isFinite: return d
        default: throw error(keyword, "must be a number")
        }
    }

    func count(_ keyword: String) throws(SchemaError) -> Int? {
        guard let value = keywords[keyword] else { return nil }
        guard case .integer(let count) = value.normalised, count >= 0, let result = Int(exactly: count) else {
            throw error(keyword, "must be a non-negative integer")
        }
        return result
    }

    func object(_ keyword: String) throws(SchemaError) -> [String: JSONValue]? {
        guard let value = keywords[keyword] else { return nil }
        guard case .object(let members) = value else { throw error(keyword, "must be an object") }
        return members
    }

    func schemas(_ keyword: String) throws(SchemaError) -> [JSONValue] {
        guard let value = keywords[keyword] else { return [] }
        guard case .array(let schemas) = value else { throw error(keyword, "must be an array of schemas") }
        return schemas
    }

    func strings(_ keyword: String) throws(SchemaError) -> [String]? {
        guard let value = keywords[keyword] else { return nil }
        guard case .array(let items) = value else { throw error(keyword, "must be an array of strings") }
        var strings: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw error(keyword, "must be an array of strings") }
            strings.append(text)
        }
        return strings
    }
}

// MARK: - Validating

private struct Run {
    let nodes: [Node]
    /// Where in the instance the walk is; rendered to a pointer only when something is reported.
    private var location: [Segment] = []
    private(set) var violations: [SchemaViolation] = []

    private enum Segment {
        case key(String)
        case index(Int)
    }

    init(nodes: [Node]) {
        self.nodes = nodes
    }

    mutating func validate(_ instance: JSONValue, against index: Int) {
        let node = nodes[index]
        for located in node.checks {
            apply(located.check, to: instance, at: located.schemaPath)
        }
    }

    private var pointer: String {
        location.reduce(into: "") { pointer, segment in
            switch segment {
            case .key(let key): pointer += "/" + escapePointer(key)
            case .index(let index): pointer += "/" + String(index)
            }
        }
    }

    private mutating func report(_ message: String, _ schemaPath: String) {
        violations.append(SchemaViolation(pointer: pointer, message: message, schemaPath: schemaPath))
    }

    /// Validates against a subschema without reporting, for the combinators that decide what
    /// (if anything) to report from the outcome.
    private mutating func trial(_ instance: JSONValue, against index: Int) -> [SchemaViolation] {
        let outer = violations
        violations = []
        validate(instance, against: index)
        let outcome = violations
        violations = outer
        return outcome
    }

    private mutating func descend(into segment: Segment, _ body: (inout Run) -> Void) {
        location.append(segment)
        body(&self)
        location.removeLast()
    }

    private mutating func apply(_ check: Check, to instance: JSONValue, at schemaPath: String) {
        switch check {
        case .never: report("is not allowed here", schemaPath)
        case .ref(let target): validate(instance, against: target)
        case .type(let types):
            if !types.contains(where: { $0.admits(instance) }) {
                report("is \(instance.kindDescription), expected \(types.map(\.rawValue).joined(separator: " or "))", schemaPath)
            }
        case .enumeration(let values, let lookup):
            if !lookup.contains(instance.normalised) {
                report("is \(instance.brief), expected one of \(values.map(\.listed).joined(separator: ", "))", schemaPath)
            }
        case .constant(let value):
            if instance.normalised != value { report("is \(instance.brief), expected \(value.brief)", schemaPath) }
        case .required(let names):
            guard case .object(let members) = instance else { return }
            for name in names where members[name] == nil {
                report("is missing required property \"\(name)\"", schemaPath)
            }
        case .members(let members): applyMembers(members, to: instance)
        case .propertyNames(let target): applyPropertyNames(target, to: instance)
        case .minProperties, .maxProperties: applyObjectBounds(check, to: instance, at: schemaPath)
        case .items(let prefix, let rest): applyItems(prefix: prefix, rest: rest, to: instance)
        case .minItems, .maxItems, .uniqueItems: applyArrayBounds(check, to: instance, at: schemaPath)
        case .minLength, .maxLength, .pattern, .format: applyString(check, to: instance, at: schemaPath)
        case .minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum, .multipleOf: applyNumber(check, to: instance, at: schemaPath)
        case .allOf(let targets): for target in targets { validate(instance, against: target) }
        case .anyOf(let targets): applyAlternatives(targets, exactlyOne: false, to: instance, at: schemaPath)
        case .oneOf(let targets): applyAlternatives(targets, exactlyOne: true, to: instance, at: schemaPath)
        case .not(let target):
            if trial(instance, against: target).isEmpty { report("matches the schema at \(nodes[target].path), which it must not", schemaPath) }
        case .conditional(let condition, let then, let otherwise):
            let branch = trial(instance, against: condition).isEmpty ? then : otherwise
            if let branch { validate(instance, against: branch) }
        }
    }

    private mutating func applyMembers(_ members: Members, to instance: JSONValue) {
        guard case .object(let fields) = instance else { return }
        for key in fields.keys.sorted() {
            let value = fields[key]!
            var matched = false
            if let target = members.properties[key] {
                matched = true
                descend(into: .key(key)) { $0.validate(value, against: target) }
            }
            for (pattern, target) in members.patterns where pattern.matches(key) {
                matched = true
                descend(into: .key(key)) { $0.validate(value, against: target) }
            }
            guard !matched else { continue }
            switch members.additional {
            case .allowed: break
            case .schema(let target): descend(into: .key(key)) { $0.validate(value, against: target) }
            case .forbidden(let schemaPath):
                let message = "is not an allowed property; expected " + members.allowedNames
                descend(into: .key(key)) { $0.report(message, schemaPath) }
            }
        }
    }

    private mutating func applyPropertyNames(_ target: Int, to instance: JSONValue) {
        guard case .object(let fields) = instance else { return }
        for key in fields.keys.sorted() {
            // The name is what failed, so the violation points at its member.
            descend(into: .key(key)) { run in
                for violation in run.trial(.string(key), against: target) {
                    run.report("has an invalid name: \(violation.message)", violation.schemaPath)
                }
            }
        }
    }

    private mutating func applyObjectBounds(_ check: Check, to instance: JSONValue, at schemaPath: String) {
        guard case .object(let fields) = instance else { return }
        let count = "\(fields.count) propert\(fields.count == 1 ? "y" : "ies")"
        switch check {
        case .minProperties(let min) where fields.count < min: report("has \(count), expected at least \(min)", schemaPath)
        case .maxProperties(let max) where fields.count > max: report("has \(count), expected at most \(max)", schemaPath)
        default: break
        }
    }

    private mutating func applyItems(prefix: [Int], rest: Int?, to instance: JSONValue) {
        guard case .array(let items) = instance else { return }
        for (index, item) in items.enumerated() {
            guard let target = index < prefix.count ? prefix[index] : rest else { break }
            descend(into: .index(index)) { $0.validate(item, against: target) }
        }
    }

    private mutating func applyArrayBounds(_ check: Check, to instance: JSONValue, at schemaPath: String) {
        guard case .array(let items) = instance else { return }
        switch check {
        case .minItems(let min) where items.count < min:
            report("has \(items.count) item\(items.count == 1 ? "" : "s"), expected at least \(min)", schemaPath)
        case .maxItems(let max) where items.count > max:
            report("has \(items.count) item\(items.count == 1 ? "" : "s"), expected at most \(max)", schemaPath)
        case .uniqueItems:
            var firstIndex: [JSONValue: Int] = [:]
            for (index, item) in items.enumerated() {
                let key = item.normalised
                if let first = firstIndex[key] {
                    report("has equal items at \(first) and \(index), expected all unique", schemaPath)
                } else {
                    firstIndex[key] = index
                }
            }
        default: break
        }
    }

    private mutating func applyString(_ check: Check, to instance: JSONValue, at schemaPath: String) {
        guard case .string(let text) = instance else { return }
        // JSON Schema counts characters as Unicode code points, not grapheme clusters.
        let length = text.unicodeScalars.count
        switch check {
        case .minLength(let min) where length < min:
            report("is \(length) character\(length == 1 ? "" : "s") long, expected at least \(min)", schemaPath)
        case .maxLength(let max) where length > max:
            report("is \(length) character\(length == 1 ? "" : "s") long, expected at most \(max)", schemaPath)
        case .pattern(let pattern) where !pattern.matches(text):
            report("is \(instance.brief), expected to match \(pattern.source)", schemaPath)
        case .format(let format) where !format.admits(text):
            report("is \(instance.brief), expected \(format.expectation)", schemaPath)
        default: break
        }
    }

    private mutating func applyNumber(_ check: Check, to instance: JSONValue, at schemaPath: String) {
        let number: Double
        switch instance {
        case .integer(let i): number = Double(i)
        case .double(let d): number = d
        default: return
        }
        let shown = instance.brief
        switch check {
        case .minimum(let limit) where number < limit: report("is \(shown), expected at least \(limit.shown)", schemaPath)
        case .maximum(let limit) where number > limit: report("is \(shown), expected at most \(limit.shown)", schemaPath)
        case .exclusiveMinimum(let limit) where number <= limit: report("is \(shown), expected more than \(limit.shown)", schemaPath)
        case .exclusiveMaximum(let limit) where number >= limit: report("is \(shown), expected less than \(limit.shown)", schemaPath)
        case .multipleOf(let divisor) where !instance.isMultiple(of: divisor):
            report("is \(shown), expected a multiple of \(divisor.shown)", schemaPath)
        default: break
        }
    }

    /// anyOf and oneOf: a single violation at the instance, since listing every alternative's
    /// failures buries the one the author meant.
    private mutating func applyAlternatives(_ targets: [Int], exactlyOne: Bool, to instance: JSONValue, at schemaPath: String) {
        var failures: [[SchemaViolation]] = []
        var matching: [Int] = []
        for (offset, target) in targets.enumerated() {
            let outcome = trial(instance, against: target)
            if outcome.isEmpty {
                matching.append(offset)
                // anyOf is settled by the first match; oneOf must know whether there is a second.
                if !exactlyOne || matching.count > 1 { break }
            } else {
                failures.append(outcome)
            }
        }
        if matching.isEmpty {
            let closest = closestFailure(failures).map { "\(SchemaViolation.display($0.pointer)) \($0.message)" }
            report("matches none of the \(targets.count) alternatives; closest: \(closest.joined(separator: "; "))", schemaPath)
        } else if exactlyOne, matching.count > 1 {
            report("matches alternatives \(matching.map(String.init).joined(separator: " and ")) of \(targets.count), expected exactly one", schemaPath)
        }
    }

    /// The alternative with the fewest violations, except that one whose `type` rejects the
    /// instance outright ranks after those that got further: it was meant for another kind of value.
    private func closestFailure(_ failures: [[SchemaViolation]]) -> [SchemaViolation] {
        let here = pointer
        func rank(_ violations: [SchemaViolation]) -> (Int, Int) {
            let wrongType = violations.contains { $0.pointer == here && $0.schemaPath.hasSuffix("/type") }
            return (wrongType ? 1 : 0, violations.count)
        }
        return failures.min { rank($0) < rank($1) } ?? []
    }
}

private extension Members {
    var allowedNames: String {
        var allowed = properties.keys.sorted()
        allowed += patterns.map { "a name matching \($0.pattern.source)" }
        return allowed.isEmpty ? "no properties" : "one of " + allowed.joined(separator: ", ")
    }
}

// MARK: - Formats

private enum Format: String, Sendable {
    case date
    case dateTime = "date-time"
    case time

    var expectation: String {
        switch self {
        case .date: "a date (YYYY-MM-DD)"
        case .dateTime: "an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM))"
        case .time: "a time of day (HH:MM)"
        }
    }

    func admits(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        switch self {
        case .date: return bytes.count == 10 && Self.isDate(bytes[...])
        case .time: return bytes.count == 5 && Self.hourMinute(bytes[...]) != nil
        case .dateTime: return Self.isDateTime(bytes)
        }
    }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let s = bytes.startIndex
        guard bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-"),
              let year = number(bytes, s, 4), let month = number(bytes, s + 5, 2), let day = number(bytes, s + 8, 2),
              (1...12).contains(month) else { return false }
        return (1...daysIn(month: month, year: year)).contains(day)
    }

    /// "HH:MM" at the start of `bytes`, as minutes since midnight.
    private static func hourMinute(_ bytes: ArraySlice<UInt8>) -> Int? {
        let s = bytes.startIndex
        guard bytes.count >= 5, bytes[s + 2] == UInt8(ascii: ":"),
              let hour = number(bytes, s, 2), let minute = number(bytes, s + 3, 2),
              hour < 24, minute < 60 else { return nil }
        return hour * 60 + minute
    }

    private static func isDateTime(_ bytes: [UInt8]) -> Bool {
        // full-date "T" HH:MM:SS, then an optional fraction and a mandatory offset.
        guard bytes.count >= 20, isDate(bytes[0..<10]), bytes[10] | 0x20 == UInt8(ascii: "t"),
              let local = hourMinute(bytes[11...]), bytes[16] == UInt8(ascii: ":"),
              let second = number(bytes[...], 17, 2), second <= 60 else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return false }
        }
        guard let offset = utcOffset(bytes[index...]) else { return false }
        // A leap second can only be the last second of a UTC day.
        return second < 60 || (local - offset + 1440) % 1440 == 23 * 60 + 59
    }

    /// "Z" or "±HH:MM" filling the rest of `bytes`, in minutes east of UTC.
    private static func utcOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard let sign = bytes.first else { return nil }
        if sign | 0x20 == UInt8(ascii: "z") { return bytes.count == 1 ? 0 : nil }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), bytes.count == 6,
              let minutes = hourMinute(bytes.dropFirst()) else { return nil }
        return sign == UInt8(ascii: "-") ? -minutes : minutes
    }

    private static func number(_ bytes: ArraySlice<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

// MARK: - Helpers

/// RFC 6901: "~" first, so the "~" that "/" turns into is not escaped again.
private func escapePointer(_ token: String) -> String {
    guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
    return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

private extension JSONValue {
    /// The value with every integral double turned into an integer, so that equality (enum,
    /// const, uniqueItems) treats 1 and 1.0 as the same number, as JSON Schema requires.
    var normalised: JSONValue {
        switch self {
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: .integer(Int64(d))
        case .array(let items): .array(items.map(\.normalised))
        case .object(let members): .object(members.mapValues(\.normalised))
        default: self
        }
    }

    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .double: JSONType.integer.admits(self) ? "an integer" : "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as JSON, cut short so a long string or object does not swamp the message.
    var brief: String {
        switch self {
        case .array(let items): return "an array of \(items.count)"
        case .object(let members): return "an object with \(members.count) propert\(members.count == 1 ? "y" : "ies")"
        case .double(let d): return d.shown
        default:
            let json = String(decoding: canonicalData(), as: UTF8.self)
            return json.count > 80 ? String(json.prefix(77)) + "…\"" : json
        }
    }

    /// How an enum member reads in a list: strings bare, anything else as JSON.
    var listed: String {
        if case .string(let text) = self { return text }
        return String(decoding: canonicalData(), as: UTF8.self)
    }

    func isMultiple(of divisor: Double) -> Bool {
        // Integers by an integral divisor exactly, since Double loses digits past 2^53.
        if case .integer(let i) = self, let d = Int64(exactly: divisor) {
            return i % d == 0
        }
        let value: Double = switch self {
        case .integer(let i): Double(i)
        case .double(let d): d
        default: 0
        }
        // Decimal divisors such as 0.01 are not exact in binary, so allow for rounding error.
        let quotient = value / divisor
        return quotient.isFinite && abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }
}

private extension Double {
    /// 5 rather than 5.0, since the schema author probably wrote 5.
    var shown: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
