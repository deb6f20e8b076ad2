import Foundation
import QyzmetDomain

/// Reads the catalogue directory: `acts/<act>/<effective-from>.json` or `acts/<act>/<effective-from>/`
/// (`act.json` and a file per service; each version assembled, then validated against
/// `schema/act-version.schema.json`), `reference/*.json` and `parameters/*.json`; then checks what
/// a schema cannot (cross references, the process graph, named guards and checks). Everything
/// wrong is reported at once, each with its file and JSON pointer.
public struct CatalogueLoader: Sendable {
    /// Names the engine binds: a catalogue naming anything else does not load.
    public var knownGuards: Set<String>
    public var knownChecks: Set<String>

    public init(knownGuards: Set<String> = NamedRules.guards, knownChecks: Set<String> = NamedRules.checks) {
        self.knownGuards = knownGuards
        self.knownChecks = knownChecks
    }

    /// The catalogue shipped with this build, plus act versions from `QYZMET_CATALOGUE_EXTRA`
    /// (a directory with an `acts/` folder; tests add versions that take effect mid-flight).
    public static func bundled(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Catalogue {
        guard let url = Bundle.module.url(forResource: "catalogue", withExtension: nil) else { throw CocoaError(.fileNoSuchFile) }
        let extra = environment["QYZMET_CATALOGUE_EXTRA"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        return try CatalogueLoader().load(from: url, extra: extra.map { [$0] } ?? [])
    }

    public static var bundledSchemaURL: URL? {
        Bundle.module.url(forResource: "catalogue", withExtension: nil)?.appendingPathComponent("schema/act-version.schema.json")
    }

    public func load(from root: URL, extra: [URL] = []) throws -> Catalogue {
        var problems: [CatalogueProblem] = []
        let schema = try loadSchema(root.appendingPathComponent("schema/act-version.schema.json"))
        let documentTypes: [DocumentType] = decodeFile(root.appendingPathComponent("reference/document-types.json"), root: root, problems: &problems) ?? []
        let offices: [Office] = decodeFile(root.appendingPathComponent("reference/offices.json"), root: root, problems: &problems) ?? []
        let mci: DatedValues<Int>? = decodeFile(root.appendingPathComponent("parameters/mci.json"), root: root, problems: &problems)
        var reference = ReferenceData(documentTypes: documentTypes, offices: offices, mci: mci ?? DatedValues(name: "mci", unit: "KZT", values: []))
        // The paid-training plan; an extra directory may add courses (a plan approved later, or a
        // test's course) and replaces a course of the same id.
        for base in [root] + extra {
            let url = base.appendingPathComponent("reference/training-courses.json")
            guard FileManager.default.fileExists(atPath: url.path),
                  let courses: [TrainingCourse] = decodeFile(url, root: base, problems: &problems) else { continue }
            reference.trainingCourses.removeAll { course in courses.contains { $0.id == course.id } }
            reference.trainingCourses += courses
        }

        var versions: [ActVersion] = []
        for base in [root] + extra {
            for source in actSources(under: base.appendingPathComponent("acts")) {
                let name = relativeName(source.version, base: base)
                guard let assembled = assemble(source, base: base, problems: &problems) else { continue }
                let violations = schema.validate(assembled.tree)
                if !violations.isEmpty {
                    problems += violations.map {
                        CatalogueProblem(file: assembled.file(at: $0.pointer) ?? name, service: serviceCode(in: assembled.tree, at: $0.pointer), pointer: $0.pointer, message: $0.message)
                    }
                    continue
                }
                do {
                    versions.append(try JSONDecoder().decode(ActVersion.self, from: assembled.tree.canonicalData()))
                } catch {
                    problems.append(CatalogueProblem(file: name, pointer: Self.pointer(of: error), message: "\(error)"))
                }
            }
        }
        let catalogue = Catalogue(versions: versions, reference: reference)
        problems += CatalogueValidation(catalogue: catalogue, knownGuards: knownGuards, knownChecks: knownChecks).problems()
        if !problems.isEmpty { throw CatalogueError(problems: problems) }
        return catalogue
    }

    private func loadSchema(_ url: URL) throws -> JSONSchemaValidator {
        do {
            return try JSONSchemaValidator(schema: try JSONValue.parse(Data(contentsOf: url)))
        } catch {
            throw CatalogueError(problems: [CatalogueProblem(file: url.lastPathComponent, pointer: "", message: "the catalogue schema does not load: \(error)")])
        }
    }

    private func decodeFile<T: Decodable>(_ url: URL, root: URL, problems: inout [CatalogueProblem]) -> T? {
        let name = relativeName(url, base: root)
        do {
            return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        } catch {
            problems.append(CatalogueProblem(file: name, pointer: Self.pointer(of: error), message: "\(error)"))
            return nil
        }
    }

    /// An act version: one file holding its services, or a directory with `act.json` (the header)
    /// and one file per service, so that each service is a small file of its own.
    struct ActSource {
        var version: URL
        var serviceFiles: [URL]
    }

    struct AssembledVersion {
        var tree: JSONValue
        /// The file each service came from, by index in `services`.
        var serviceFiles: [String]

        func file(at pointer: String) -> String? {
            let parts = pointer.split(separator: "/")
            guard parts.count >= 2, parts[0] == "services", let index = Int(parts[1]), index < serviceFiles.count else { return nil }
            return serviceFiles[index]
        }
    }

    private func actSources(under directory: URL) -> [ActSource] {
        let files = FileManager.default
        guard let acts = try? files.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var sources: [ActSource] = []
        for act in acts.sorted(by: { $0.path < $1.path }) {
            guard let entries = try? files.contentsOfDirectory(at: act, includingPropertiesForKeys: nil) else { continue }
            for entry in entries.sorted(by: { $0.path < $1.path }) {
                if entry.pathExtension == "json" {
                    sources.append(ActSource(version: entry, serviceFiles: []))
                } else if files.fileExists(atPath: entry.appendingPathComponent("act.json").path) {
                    let services = ((try? files.contentsOfDirectory(at: entry, includingPropertiesForKeys: nil)) ?? [])
                        .filter { $0.pathExtension == "json" && $0.lastPathComponent != "act.json" }.sorted { $0.path < $1.path }
                    sources.append(ActSource(version: entry.appendingPathComponent("act.json"), serviceFiles: services))
                }
            }
        }
        return sources
    }

    private func assemble(_ source: ActSource, base: URL, problems: inout [CatalogueProblem]) -> AssembledVersion? {
        func parse(_ url: URL) -> JSONValue? {
            let name = relativeName(url, base: base)
            guard let data = try? Data(contentsOf: url) else {
                problems.append(CatalogueProblem(file: name, pointer: "", message: "cannot be read"))
                return nil
            }
            do { return try JSONValue.parse(data) } catch {
                problems.append(CatalogueProblem(file: name, pointer: "", message: "is not JSON: \(error)"))
                return nil
            }
        }
        guard let header = parse(source.version), case .object(var fields) = header else { return nil }
        var services: [JSONValue] = []
        if case .array(let inline)? = fields["services"] { services = inline }
        var files = Array(repeating: relativeName(source.version, base: base), count: services.count)
        for url in source.serviceFiles {
            guard let service = parse(url) else { return nil }
            services.append(service)
            files.append(relativeName(url, base: base))
        }
        fields["services"] = .array(services)
        return AssembledVersion(tree: .object(fields), serviceFiles: files)
    }

    private func relativeName(_ file: URL, base: URL) -> String {
        let path = file.standardizedFileURL.path
        let prefix = base.standardizedFileURL.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The service code of the service a pointer like `/services/2/terms/0` is in.
    private func serviceCode(in tree: JSONValue, at pointer: String) -> String? {
        let parts = pointer.split(separator: "/")
        guard parts.count >= 2, parts[0] == "services", let index = Int(parts[1]), case .array(let services)? = tree["services"],
              index < services.count else { return nil }
        return services[index]["code"]?.stringValue
    }

    static func pointer(of error: any Error) -> String {
        let path: [any CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .dataCorrupted(let c)?: path = c.codingPath
        case .keyNotFound(let key, let c)?: path = c.codingPath + [key]
        default: path = []
        }
        return path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
    }
}
