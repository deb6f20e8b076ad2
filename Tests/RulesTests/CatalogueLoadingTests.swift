import Foundation
import QyzmetDomain
import QyzmetRules
import Testing

/// A bad catalogue stops the service with an error naming the file, the service and the field;
/// versions are chosen by date and kept.
@Suite("Catalogue loading and versions")
struct CatalogueLoadingTests {
    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Shared/Rules/Resources/catalogue")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of the catalogue with one act file changed by `edit`.
    func brokenCopy(_ file: String, _ edit: (inout [String: Any]) -> Void) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.bundled, to: dir)
        let url = dir.appendingPathComponent(file)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        return dir
    }

    func problems(_ dir: URL) -> [CatalogueProblem] {
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try CatalogueLoader().load(from: dir)
            return []
        } catch let error as CatalogueError {
            return error.problems
        } catch {
            return [CatalogueProblem(file: "?", pointer: "", message: "\(error)")]
        }
    }

    static let criminalRecordFile = "acts/gp-order-64/2022-01-25/criminal-record-certificate.json"

    static func editService(_ json: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var services = json["services"] as! [[String: Any]]
        edit(&services[0])
        json["services"] = services
    }

    @Test("a term in an unknown unit fails the schema, naming file, service and pointer")
    func schemaViolation() throws {
        let dir = try brokenCopy(Self.criminalRecordFile) { service in
            var terms = service["terms"] as! [[String: Any]]
            terms[0]["term"] = ["amount": 5, "unit": "weeks"]
            service["terms"] = terms
        }
        let found = problems(dir)
        let problem = try #require(found.first)
        #expect(problem.file == Self.criminalRecordFile)
        #expect(problem.service == "gp.criminal-record-certificate")
        #expect(problem.pointer.hasPrefix("/services/") && problem.pointer.hasSuffix("/terms/0/term/unit"))
        #expect(problem.description.contains("weeks"))
    }

    @Test("a dangling state target, an unreachable state and an unknown guard are caught at load")
    func processGraph() throws {
        let dir = try brokenCopy(Self.criminalRecordFile) { service in
            var process = service["process"] as! [String: Any]
            var states = process["states"] as! [[String: Any]]
            var transitions = states[0]["transitions"] as! [[String: Any]]
            transitions[0]["target"] = "nowhere"
            transitions[1]["guard"] = "made-up-guard"
            states[0]["transitions"] = transitions
            process["states"] = states
            service["process"] = process
        }
        let messages = problems(dir).map(\.description)
        #expect(messages.contains { $0.contains("/process/states/0/transitions/0/target") && $0.contains("no state nowhere") })
        #expect(messages.contains { $0.contains("unknown guard made-up-guard") })
        #expect(messages.contains { $0.contains("cannot be reached") && $0.contains("approved") } == false)
    }

    @Test("a form placeholder that is not a recorded fact, and a result naming no form, are caught")
    func forms() throws {
        // A version kept as a directory: one file per service, each a service object.
        let dir = try brokenCopy("acts/mod-order-28/2021-09-04/emigration-certificate.json") { service in
            var forms = service["forms"] as! [[String: Any]]
            var statements = forms[0]["statements"] as! [[String: Any]]
            statements[0]["text"] = ["en": "{holderName} owes {debt}", "kk": "{holderName}"]
            forms[0]["statements"] = statements
            service["forms"] = forms
            var results = service["results"] as! [[String: Any]]
            results[0]["form"] = "App 99"
            service["results"] = results
        }
        let messages = problems(dir).map(\.description)
        #expect(messages.contains { $0.contains("mod.emigration-certificate") && $0.contains("{debt}") })
        #expect(messages.contains { $0.contains("/results/0/form") && $0.contains("App 99") })
    }

    /// A directory for `CatalogueLoader.load(extra:)` holding one act version as a single file,
    /// `acts/<act>/<effectiveFrom>.json`; the caller removes it.
    static func extraDirectory(holding version: [String: Any]) throws -> URL {
        let extra = FileManager.default.temporaryDirectory.appendingPathComponent("extra-\(UUID().uuidString)")
        let act = extra.appendingPathComponent("acts/\(version["act"] as! String)")
        try FileManager.default.createDirectory(at: act, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: version).write(to: act.appendingPathComponent("\(version["effectiveFrom"] as! String).json"))
        return extra
    }

    @Test("a later version takes effect on its date; earlier filings keep theirs")
    func versions() throws {
        // The next version as one file: the directory's header and services assembled.
        let directory = Self.bundled.appendingPathComponent("acts/gp-order-64/2022-01-25")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("act.json"))) as! [String: Any]
        var services: [[String: Any]] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".json") && file != "act.json" {
            var service = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(file))) as! [String: Any]
            if service["code"] as? String == "gp.criminal-record-certificate" {
                var terms = service["terms"] as! [[String: Any]]
                terms[terms.count - 1]["term"] = ["amount": 20, "unit": "minutes"]
                service["terms"] = terms
            }
            services.append(service)
        }
        json["services"] = services
        json["effectiveFrom"] = "2026-12-01"
        json["datesNote"] = "test-only version"
        let extra = try Self.extraDirectory(holding: json)
        defer { try? FileManager.default.removeItem(at: extra) }
        let catalogue = try CatalogueLoader().load(from: Self.bundled, extra: [extra])
        let before = try #require(catalogue.service("gp.criminal-record-certificate", on: LocalDate(iso: "2026-11-30")!))
        let after = try #require(catalogue.service("gp.criminal-record-certificate", on: LocalDate(iso: "2026-12-01")!))
        #expect(before.version.id == "gp-order-64@2022-01-25" && before.version.effectiveUntil == LocalDate(iso: "2026-12-01"))
        #expect(after.version.id == "gp-order-64@2026-12-01")
        #expect(catalogue.service("gp.criminal-record-certificate", version: before.version.id)?.terms.last?.term == .minutes(10))
        #expect(after.terms.last?.term == .minutes(20))
        #expect(catalogue.history(of: "gp.criminal-record-certificate").map(\.version.id) == ["gp-order-64@2022-01-25", "gp-order-64@2026-12-01"])
    }

    @Test("two acts may not define one service on the same day: which rules applied must not depend on the acts' names")
    func overlappingActs() throws {
        // Standard 7 of 2012 as if it had never been repealed: it meets order 28's military ID in 2021.
        let directory = Self.bundled.appendingPathComponent("acts/gov-resolution-1741/2013-02-11")
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("act.json"))) as! [String: Any]
        json["act"] = "test-overlap"
        json["effectiveFrom"] = "2020-01-01"
        json.removeValue(forKey: "effectiveUntil")
        json["services"] = [try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("standard-07-soldier-sergeant-military-id.json")))]
        let extra = try Self.extraDirectory(holding: json)
        defer { try? FileManager.default.removeItem(at: extra) }
        let error = try #require(throws: CatalogueError.self) { try CatalogueLoader().load(from: Self.bundled, extra: [extra]) }
        #expect(error.problems.contains { $0.message.contains("mod.military-id") && $0.message.contains("mod-order-28@2021-09-04") && $0.message.contains("one act at a time") },
                "\(error.problems)")
    }

    @Test("the schema published in docs is the one the loader validates against")
    func publishedSchema() throws {
        let published = try Data(contentsOf: Self.repository.appendingPathComponent("docs/catalogue/act-version.schema.json"))
        let bundled = try Data(contentsOf: Self.bundled.appendingPathComponent("schema/act-version.schema.json"))
        #expect(published == bundled)
    }

    @Test("docs/catalogue.md is what the catalogue generates")
    func generatedDocs() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repository.appendingPathComponent("docs/tools/generate_catalogue_md.py").path, "--check"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "run python3 docs/tools/generate_catalogue_md.py")
    }
}
