import Foundation
import QyzmetDomain
import QyzmetRules
import XCTest

final class JSONSchemaValidatorTests: XCTestCase {
    // MARK: Helpers

    private func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do {
            return try JSONValue.parse(Data(text.utf8))
        } catch {
            XCTFail("bad test JSON: \(error)", file: file, line: line)
            return .null
        }
    }

    private func makeValidator(_ schema: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schema: json(schema, file: file, line: line))
    }

    /// Checks that each of `valid` passes and each of `invalid` fails, with every violation
    /// attributed to `keyword`.
    private func assertKeyword(
        _ keyword: String, schema: String, valid: [String], invalid: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let validator = try makeValidator(schema, file: file, line: line)
        for text in valid {
            XCTAssertEqual(validator.validate(json(text)), [], "\(text) should pass \(keyword)", file: file, line: line)
        }
        for text in invalid {
            let violations = validator.validate(json(text))
            XCTAssertFalse(violations.isEmpty, "\(text) should fail \(keyword)", file: file, line: line)
            for violation in violations {
                XCTAssertTrue(violation.schemaPath.hasSuffix("/" + keyword), "\(violation)", file: file, line: line)
            }
        }
    }

    // MARK: Value keywords

    func testType() throws {
        try assertKeyword("type", schema: #"{"type": "null"}"#, valid: ["null"], invalid: ["0", "false", #""""#])
        try assertKeyword("type", schema: #"{"type": "boolean"}"#, valid: ["true", "false"], invalid: ["0", "null"])
        try assertKeyword("type", schema: #"{"type": "integer"}"#, valid: ["3", "-7", "2.0", "1e2"], invalid: ["2.5", #""3""#])
        try assertKeyword("type", schema: #"{"type": "number"}"#, valid: ["3", "2.5"], invalid: [#""3""#, "[]"])
        try assertKeyword("type", schema: #"{"type": "string"}"#, valid: [#""x""#], invalid: ["1", "{}"])
        try assertKeyword("type", schema: #"{"type": "array"}"#, valid: ["[]", "[1]"], invalid: ["{}"])
        try assertKeyword("type", schema: #"{"type": "object"}"#, valid: ["{}"], invalid: ["[]", "null"])
        try assertKeyword("type", schema: #"{"type": ["string", "null"]}"#, valid: [#""x""#, "null"], invalid: ["1"])
    }

    func testTypeMessage() throws {
        let violations = try makeValidator(#"{"type": ["string", "null"]}"#).validate(json("[1, 2]"))
        XCTAssertEqual(violations, [SchemaViolation(pointer: "", message: "is an array, expected string or null", schemaPath: "#/type")])
    }

    func testEnum() throws {
        try assertKeyword("enum", schema: #"{"enum": ["working-days", "calendar-days", 1, null]}"#,
                          valid: [#""working-days""#, "1", "1.0", "null"], invalid: [#""weeks""#, "2", "false"])
        let violations = try makeValidator(#"{"enum": ["working-days", "calendar-days"]}"#).validate(json(#""weeks""#))
        XCTAssertEqual(violations.map(\.message), [#"is "weeks", expected one of working-days, calendar-days"#])
    }

    func testConst() throws {
        try assertKeyword("const", schema: #"{"const": {"a": [1, 2]}}"#,
                          valid: [#"{"a": [1, 2.0]}"#], invalid: [#"{"a": [2, 1]}"#, #"{"a": [1, 2], "b": 0}"#, "1"])
    }

    // MARK: Object keywords

    func testPropertiesAndRequired() throws {
        let schema = #"{"properties": {"code": {"type": "string"}}, "required": ["code", "title"]}"#
        try assertKeyword("required", schema: schema, valid: [#"{"code": "a", "title": 1}"#, "[]"], invalid: [#"{"code": "a"}"#])
        try assertKeyword("type", schema: schema, valid: [], invalid: [#"{"code": 5, "title": 1}"#])
        let violations = try makeValidator(schema).validate(json(#"{"code": 5}"#))
        XCTAssertEqual(violations, [
            SchemaViolation(pointer: "", message: #"is missing required property "title""#, schemaPath: "#/required"),
            SchemaViolation(pointer: "/code", message: "is an integer, expected string", schemaPath: "#/properties/code/type"),
        ])
    }

    func testAdditionalPropertiesFalse() throws {
        let schema = #"{"properties": {"code": {}, "title": {}}, "additionalProperties": false}"#
        try assertKeyword("additionalProperties", schema: schema, valid: [#"{"code": 1}"#, "{}"], invalid: [#"{"code": 1, "cdoe": 2}"#])
        let violations = try makeValidator(schema).validate(json(#"{"cdoe": 2}"#))
        XCTAssertEqual(violations, [SchemaViolation(
            pointer: "/cdoe", message: "is not an allowed property; expected one of code, title", schemaPath: "#/additionalProperties"
        )])
    }

    func testAdditionalPropertiesSchema() throws {
        let schema = #"{"properties": {"code": {"type": "string"}}, "additionalProperties": {"type": "integer"}}"#
        try assertKeyword("type", schema: schema, valid: [#"{"code": "x", "copies": 2}"#], invalid: [#"{"copies": "two"}"#, #"{"code": 1}"#])
        let violations = try makeValidator(schema).validate(json(#"{"copies": "two"}"#))
        XCTAssertEqual(violations.map(\.schemaPath), ["#/additionalProperties/type"])
    }

    func testPatternProperties() throws {
        let schema = #"{"patternProperties": {"^[a-z]{2}$": {"type": "string"}}, "additionalProperties": false}"#
        try assertKeyword("type", schema: schema, valid: [#"{"en": "Passport", "kk": "Төлқұжат"}"#], invalid: [#"{"en": 1}"#])
        let violations = try makeValidator(schema).validate(json(#"{"en": "x", "english": "x"}"#))
        XCTAssertEqual(violations, [SchemaViolation(
            pointer: "/english", message: "is not an allowed property; expected one of a name matching ^[a-z]{2}$",
            schemaPath: "#/additionalProperties"
        )])
        XCTAssertEqual(try makeValidator(schema).validate(json(#"{"en": 1}"#)).map(\.schemaPath), ["#/patternProperties/^[a-z]{2}$/type"])
    }

    func testPropertyNames() throws {
        let schema = #"{"propertyNames": {"pattern": "^[a-z-]+$"}}"#
        try assertKeyword("pattern", schema: schema, valid: [#"{"state-corporation": 1}"#, "{}"], invalid: [#"{"Portal": 1}"#])
        let violations = try makeValidator(schema).validate(json(#"{"Portal": 1}"#))
        XCTAssertEqual(violations, [SchemaViolation(
            pointer: "/Portal", message: #"has an invalid name: is "Portal", expected to match ^[a-z-]+$"#, schemaPath: "#/propertyNames/pattern"
        )])
    }

    func testMinAndMaxProperties() throws {
        try assertKeyword("minProperties", schema: #"{"minProperties": 1}"#, valid: [#"{"a": 1}"#, "[]"], invalid: ["{}"])
        try assertKeyword("maxProperties", schema: #"{"maxProperties": 1}"#, valid: ["{}", #"{"a": 1}"#], invalid: [#"{"a": 1, "b": 2}"#])
        XCTAssertEqual(try makeValidator(#"{"maxProperties": 1}"#).validate(json(#"{"a": 1, "b": 2}"#)).map(\.message),
                       ["has 2 properties, expected at most 1"])
    }

    // MARK: Array keywords

    func testItems() throws {
        try assertKeyword("type", schema: #"{"items": {"type": "string"}}"#, valid: [#"["a", "b"]"#, "[]", "{}"], invalid: [#"["a", 2]"#])
        let violations = try makeValidator(#"{"items": {"type": "string"}}"#).validate(json(#"["a", 2, "c", null]"#))
        XCTAssertEqual(violations.map(\.pointer), ["/1", "/3"])
    }

    func testPrefixItems() throws {
        let schema = #"{"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": {"type": "boolean"}}"#
        try assertKeyword("type", schema: schema, valid: [#"["a"]"#, #"["a", 1, true, false]"#], invalid: [#"[1]"#, #"["a", 1, 2]"#])
        XCTAssertEqual(try makeValidator(schema).validate(json(#"["a", 1, 2]"#)).map(\.schemaPath), ["#/items/type"])
        XCTAssertEqual(try makeValidator(schema).validate(json(#"[1]"#)).map(\.schemaPath), ["#/prefixItems/0/type"])
        // Without items, elements past the prefix are unconstrained.
        XCTAssertEqual(try makeValidator(#"{"prefixItems": [{"type": "string"}]}"#).validate(json(#"["a", 1]"#)), [])
    }

    func testMinAndMaxItems() throws {
        try assertKeyword("minItems", schema: #"{"minItems": 2}"#, valid: ["[1, 2]", "{}"], invalid: ["[1]"])
        try assertKeyword("maxItems", schema: #"{"maxItems": 2}"#, valid: ["[]", "[1, 2]"], invalid: ["[1, 2, 3]"])
        XCTAssertEqual(try makeValidator(#"{"minItems": 2}"#).validate(json("[1]")).map(\.message), ["has 1 item, expected at least 2"])
    }

    func testUniqueItems() throws {
        try assertKeyword("uniqueItems", schema: #"{"uniqueItems": true}"#,
                          valid: ["[1, 2]", #"[{"a": 1}, {"a": 2}]"#], invalid: ["[1, 1.0]", #"[{"a": 1}, {"a": 1}]"#])
        XCTAssertEqual(try makeValidator(#"{"uniqueItems": false}"#).validate(json("[1, 1]")), [])
        XCTAssertEqual(try makeValidator(#"{"uniqueItems": true}"#).validate(json(#"["a", "b", "a"]"#)).map(\.message),
                       ["has equal items at 0 and 2, expected all unique"])
    }

    // MARK: String keywords

    func testMinAndMaxLength() throws {
        // Lengths are in code points: "👍🏽" is one grapheme but two code points.
        try assertKeyword("minLength", schema: #"{"minLength": 2}"#, valid: [#""ab""#, #""👍🏽""#, "5"], invalid: [#""a""#, #""""#])
        try assertKeyword("maxLength", schema: #"{"maxLength": 2}"#, valid: [#""ab""#, #""әк""#], invalid: [#""abc""#, #""👍🏽👍🏽""#])
    }

    func testPatternSearchesRatherThanMatchesWhole() throws {
        try assertKeyword("pattern", schema: #"{"pattern": "[0-9]{3}"}"#, valid: [#""ab123cd""#, "5"], invalid: [#""ab12""#])
        try assertKeyword("pattern", schema: #"{"pattern": "^[A-Z]{2}-\\d+$"}"#, valid: [#""KZ-12""#], invalid: [#""xKZ-12""#, #""KZ-12x""#])
    }

    func testFormatDate() throws {
        try assertKeyword("format", schema: #"{"format": "date"}"#,
                          valid: [#""2026-11-23""#, #""2024-02-29""#, #""2000-02-29""#, "1"],
                          invalid: [#""2026-02-29""#, #""1900-02-29""#, #""2026-13-01""#, #""2026-04-31""#, #""2026-1-1""#, #""2026-11-23T00:00:00Z""#])
    }

    func testFormatDateTime() throws {
        try assertKeyword("format", schema: #"{"format": "date-time"}"#,
                          valid: [#""2026-11-23T09:30:00Z""#, #""2026-11-23t09:30:00.123+05:00""#, #""2016-12-31T23:59:60Z""#,
                                  #""2017-01-01T04:59:60+05:00""#],
                          invalid: [#""2026-11-23""#, #""2026-11-23T09:30:00""#, #""2026-11-23 09:30:00Z""#, #""2026-11-23T24:00:00Z""#,
                                    #""2026-11-23T09:30:00.Z""#, #""2026-11-23T12:00:60Z""#, #""2026-11-23T09:30:00+5:00""#])
    }

    func testFormatTimeAndUnknownFormats() throws {
        try assertKeyword("format", schema: #"{"format": "time"}"#, valid: [#""09:00""#, #""23:59""#], invalid: [#""24:00""#, #""9:00""#, #""09:00:00""#])
        XCTAssertEqual(try makeValidator(#"{"format": "email"}"#).validate(json(#""not an email""#)), [])
    }

    // MARK: Number keywords

    func testMinimumAndMaximum() throws {
        try assertKeyword("minimum", schema: #"{"minimum": 1}"#, valid: ["1", "1.5", #""0""#], invalid: ["0", "0.99"])
        try assertKeyword("maximum", schema: #"{"maximum": 10}"#, valid: ["10", "-3"], invalid: ["10.01", "11"])
        try assertKeyword("exclusiveMinimum", schema: #"{"exclusiveMinimum": 0}"#, valid: ["0.001", "1"], invalid: ["0", "-1"])
        try assertKeyword("exclusiveMaximum", schema: #"{"exclusiveMaximum": 60}"#, valid: ["59"], invalid: ["60", "60.5"])
        XCTAssertEqual(try makeValidator(#"{"minimum": 1}"#).validate(json("0")).map(\.message), ["is 0, expected at least 1"])
    }

    func testMultipleOf() throws {
        try assertKeyword("multipleOf", schema: #"{"multipleOf": 5}"#, valid: ["0", "15", "-10", "20.0"], invalid: ["7", "2.5"])
        try assertKeyword("multipleOf", schema: #"{"multipleOf": 0.01}"#, valid: ["0.07", "19.99", "3"], invalid: ["0.005", "1.001"])
    }

    // MARK: Combinators

    func testAllOf() throws {
        let schema = #"{"allOf": [{"type": "integer"}, {"minimum": 3}]}"#
        XCTAssertEqual(try makeValidator(schema).validate(json("5")), [])
        XCTAssertEqual(try makeValidator(schema).validate(json("2.5")).map(\.schemaPath), ["#/allOf/0/type", "#/allOf/1/minimum"])
    }

    func testAnyOfReportsOneSummaryWithTheClosestAlternative() throws {
        let schema = #"""
        {"anyOf": [
            {"type": "string"},
            {"type": "object", "required": ["workingDays"], "properties": {"workingDays": {"type": "integer"}}},
            {"type": "object", "required": ["calendarDays", "from"]}
        ]}
        """#
        let validator = try makeValidator(schema)
        XCTAssertEqual(validator.validate(json(#""ten""#)), [])
        XCTAssertEqual(validator.validate(json(#"{"workingDays": 10}"#)), [])
        XCTAssertEqual(validator.validate(json(#"{"workingDays": "10"}"#)), [SchemaViolation(
            pointer: "",
            message: "matches none of the 3 alternatives; closest: /workingDays is a string, expected integer",
            schemaPath: "#/anyOf"
        )])
        // The string alternative has fewer violations (one) but is for another type, so it is not the closest.
        let violations = validator.validate(json(#"{"days": 10}"#))
        XCTAssertEqual(violations.map(\.message), [#"matches none of the 3 alternatives; closest: (root) is missing required property "workingDays""#])
    }

    func testOneOfRequiresExactlyOneMatch() throws {
        let schema = #"{"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 10}, {"type": "string"}]}"#
        let validator = try makeValidator(schema)
        XCTAssertEqual(validator.validate(json("5")), [])
        XCTAssertEqual(validator.validate(json("12.5")), [])
        XCTAssertEqual(validator.validate(json(#""x""#)), [])
        XCTAssertEqual(validator.validate(json("12")), [SchemaViolation(
            pointer: "", message: "matches alternatives 0 and 1 of 3, expected exactly one", schemaPath: "#/oneOf"
        )])
        let none = validator.validate(json("null"))
        XCTAssertEqual(none.count, 1)
        XCTAssertTrue(none[0].message.hasPrefix("matches none of the 3 alternatives; closest: "), none[0].message)
    }

    func testNot() throws {
        try assertKeyword("not", schema: #"{"not": {"const": "weeks"}}"#, valid: [#""days""#, "1"], invalid: [#""weeks""#])
    }

    func testIfThenElse() throws {
        let schema = #"""
        {"if": {"properties": {"channel": {"const": "portal"}}},
         "then": {"required": ["signature"]},
         "else": {"required": ["branch"]}}
        """#
        let validator = try makeValidator(schema)
        XCTAssertEqual(validator.validate(json(#"{"channel": "portal", "signature": "eds"}"#)), [])
        XCTAssertEqual(validator.validate(json(#"{"channel": "branch", "branch": "b1"}"#)), [])
        XCTAssertEqual(validator.validate(json(#"{"channel": "portal"}"#)).map(\.schemaPath), ["#/then/required"])
        XCTAssertEqual(validator.validate(json(#"{"channel": "branch"}"#)).map(\.schemaPath), ["#/else/required"])
        // then without if asserts nothing.
        XCTAssertEqual(try makeValidator(#"{"then": false}"#).validate(json("1")), [])
    }

    func testBooleanSchemas() throws {
        XCTAssertEqual(try makeValidator("true").validate(json(#"{"a": 1}"#)), [])
        XCTAssertEqual(try makeValidator("false").validate(json("1")), [SchemaViolation(pointer: "", message: "is not allowed here", schemaPath: "#")])
        XCTAssertEqual(try makeValidator(#"{"items": false}"#).validate(json("[1]")).map(\.pointer), ["/0"])
    }

    // MARK: References

    func testRefToDefsAndDefinitions() throws {
        let schema = #"""
        {"properties": {"unit": {"$ref": "#/$defs/unit"}, "days": {"$ref": "#/definitions/days"}},
         "$defs": {"unit": {"enum": ["working-days", "calendar-days"]}},
         "definitions": {"days": {"type": "integer", "minimum": 1}}}
        """#
        let validator = try makeValidator(schema)
        XCTAssertEqual(validator.validate(json(#"{"unit": "working-days", "days": 3}"#)), [])
        XCTAssertEqual(validator.validate(json(#"{"unit": "weeks", "days": 0}"#)).map(\.schemaPath),
                       ["#/definitions/days/minimum", "#/$defs/unit/enum"])
    }

    func testRecursiveTreeThroughNestedRefs() throws {
        let schema = #"""
        {"$ref": "#/$defs/node",
         "$defs": {
            "node": {"type": "object", "required": ["name"],
                     "properties": {"name": {"$ref": "#/$defs/name"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
                     "additionalProperties": false},
            "name": {"type": "string", "minLength": 1}}}
        """#
        let validator = try makeValidator(schema)
        XCTAssertEqual(validator.validate(json(#"{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}"#)), [])
        let violations = validator.validate(json(#"{"name": "a", "children": [{"name": "b", "children": [{"name": ""}, {"nmae": "d"}]}]}"#))
        XCTAssertEqual(violations, [
            SchemaViolation(pointer: "/children/0/children/0/name", message: "is 0 characters long, expected at least 1", schemaPath: "#/$defs/name/minLength"),
            SchemaViolation(pointer: "/children/0/children/1", message: #"is missing required property "name""#, schemaPath: "#/$defs/node/required"),
            SchemaViolation(pointer: "/children/0/children/1/nmae", message: "is not an allowed property; expected one of children, name",
                            schemaPath: "#/$defs/node/additionalProperties"),
        ])
    }

    func testRootRef() throws {
        let validator = try makeValidator(##"{"type": ["integer", "array"], "items": {"$ref": "#"}}"##)
        XCTAssertEqual(validator.validate(json("[1, [2, [3]]]")), [])
        XCTAssertEqual(validator.validate(json(#"[1, [2, ["x"]]]"#)).map(\.pointer), ["/1/1/0"])
    }

    // MARK: Pointers and reporting

    func testPointerEscaping() throws {
        let schema = #"{"properties": {"a/b": {"properties": {"m~n": {"type": "string"}}}}}"#
        let violations = try makeValidator(schema).validate(json(#"{"a/b": {"m~n": 1}}"#))
        XCTAssertEqual(violations, [SchemaViolation(
            pointer: "/a~1b/m~0n", message: "is an integer, expected string", schemaPath: "#/properties/a~1b/properties/m~0n/type"
        )])
        XCTAssertEqual(violations[0].description, "/a~1b/m~0n is an integer, expected string (schema #/properties/a~1b/properties/m~0n/type)")
    }

    func testReportsAllViolationsInSortedKeyOrder() throws {
        let schema = #"""
        {"type": "object", "required": ["services", "version"],
         "properties": {"services": {"type": "array", "items": {"$ref": "#/$defs/service"}}},
         "$defs": {"service": {"type": "object", "required": ["code"], "additionalProperties": {"type": "string"}}}}
        """#
        let instance = json(#"{"services": [{"code": "a", "zeta": 1, "alpha": 2}, {"beta": "x"}, 7]}"#)
        let violations = try makeValidator(schema).validate(instance)
        XCTAssertEqual(violations.map { "\($0.pointer) \($0.schemaPath)" }, [
            " #/required",
            "/services/0/alpha #/$defs/service/additionalProperties/type",
            "/services/0/zeta #/$defs/service/additionalProperties/type",
            "/services/1 #/$defs/service/required",
            "/services/2 #/$defs/service/type",
        ])
        XCTAssertEqual(try makeValidator(schema).validate(instance), violations, "the same document gives the same list")
    }

    func testAnnotationsAreIgnored() throws {
        let schema = #"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.kz/catalogue", "$comment": "c",
         "title": "t", "description": "d", "default": 1, "examples": [1], "deprecated": false, "readOnly": true, "writeOnly": false,
         "type": "integer"}
        """#
        XCTAssertEqual(try makeValidator(schema).validate(json("1")), [])
        XCTAssertEqual(try makeValidator(schema).validate(json(#""1""#)).count, 1)
    }

    // MARK: Schema errors

    func testUnsupportedKeywordIsRejectedAtInit() throws {
        XCTAssertThrowsError(try makeValidator(#"{"properties": {"a": {"contains": {}}}}"#)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("#/properties/a"), text)
            XCTAssertTrue(text.contains(#"unsupported keyword "contains""#), text)
            XCTAssertTrue(text.contains("supported keywords: type, enum, const"), text)
        }
        // A property that happens to share a keyword's name is not a keyword.
        XCTAssertNoThrow(try makeValidator(#"{"properties": {"minProperties": {}, "contains": {}}}"#))
    }

    func testUnresolvableRefIsRejectedAtInit() {
        for ref in ["#/$defs/missing", "other.json#/$defs/a", "#/properties/a"] {
            XCTAssertThrowsError(try makeValidator(#"{"properties": {"a": {"$ref": "\#(ref)"}}, "$defs": {"b": {}}}"#), ref) { error in
                XCTAssertTrue(String(describing: error).contains("does not resolve"), "\(error)")
            }
        }
    }

    func testMalformedSchemasAreRejectedAtInit() {
        for schema in [
            #"{"type": "text"}"#, #"{"minLength": -1}"#, #"{"pattern": "("}"#, #"{"required": "a"}"#,
            #"{"items": [{}]}"#, #"{"anyOf": []}"#, #"{"multipleOf": 0}"#, "1",
            ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}"##,
        ] {
            XCTAssertThrowsError(try makeValidator(schema), schema)
        }
    }

    // MARK: Scale

    /// A catalogue-sized document (some hundreds of KB) against a schema with refs, patterns and
    /// enums, to keep validation linear and quick.
    func testLargeDocument() throws {
        let schema = #"""
        {"type": "object", "required": ["services"],
         "properties": {"services": {"type": "array", "items": {"$ref": "#/$defs/service"}}},
         "$defs": {
            "service": {"type": "object", "required": ["code", "terms"], "additionalProperties": false,
                        "properties": {"code": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                                       "title": {"$ref": "#/$defs/text"},
                                       "terms": {"type": "array", "items": {"$ref": "#/$defs/term"}}}},
            "term": {"type": "object", "properties": {"unit": {"enum": ["working-days", "calendar-days"]}, "value": {"type": "integer", "minimum": 1}}},
            "text": {"type": "object", "patternProperties": {"^(en|kk|ru)$": {"type": "string", "minLength": 1}}, "additionalProperties": false}}}
        """#
        let service = #"{"code": "service-%d", "title": {"en": "Service title", "kk": "Қызмет атауы"}, "terms": [{"unit": "working-days", "value": 5}, {"unit": "calendar-days", "value": 30}]}"#
        let services = (0..<3000).map { String(format: service, $0) }.joined(separator: ",")
        let text = #"{"services": ["# + services + "]}"
        XCTAssertGreaterThan(text.utf8.count, 300_000)
        let validator = try makeValidator(schema)
        let document = json(text)
        XCTAssertEqual(validator.validate(document), [])
        let broken = json(text.replacingOccurrences(of: #""unit": "calendar-days", "value": 30}]}]}"#, with: #""unit": "weeks", "value": 30}]}]}"#))
        XCTAssertEqual(validator.validate(broken).map(\.description), [
            #"/services/2999/terms/1/unit is "weeks", expected one of working-days, calendar-days (schema #/$defs/term/properties/unit/enum)"#,
        ])
    }
}
