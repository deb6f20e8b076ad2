import ArgumentParser
import Foundation
import QyzmetRules

struct CatalogueCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "Load the service catalogue as the services do (schema, cross references, process graphs) and list its services, or every problem.")

    @Option(help: "A directory with more act versions (as QYZMET_CATALOGUE_EXTRA).")
    var extra: String?

    func run() throws {
        do {
            let catalogue = try CatalogueLoader.bundled(environment: extra.map { ["QYZMET_CATALOGUE_EXTRA": $0] } ?? [:])
            for version in catalogue.versions {
                print("\(version.versionId): \(version.services.map { "\($0.code) (\($0.scenarios.count) scenarios)" }.joined(separator: ", "))")
            }
        } catch let error as CatalogueError {
            for problem in error.problems { print(problem.description) }
            throw ExitCode(1)
        }
    }
}
