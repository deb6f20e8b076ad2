import ArgumentParser
import Foundation
import QyzmetDomain
import QyzmetRules

/// `qyzmet replay`: how an application filed on a past day would have been handled, by the rules
/// in force that day. Offline and pure (no stack, no store, no number drawn); the status desk
/// answers the same at `POST /replay` and `GET /replay` on intake.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay an application by the rules of its filing day (which version, documents, due date, result forms); touches no live case.",
        discussion: """
            qyzmet replay application.json --filed-at 2013-05-06T10:00:00+06:00
            qyzmet replay --service mod.military-id --scenario lost --channel authority-office --filed-at 2013-05-06 --region Astana
            """
    )

    @Argument(help: "A contract v1 application (JSON; - reads stdin). Without it, --service, --scenario and --channel give what applied that day.")
    var application: String?

    @Option(help: "The filing instant (ISO 8601) or day (YYYY-MM-DD, read as 10:00 local); default: the application's submittedAt.")
    var filedAt: String?

    @Option(help: "The region whose wall clock the filing was on (default: the office of filing's).")
    var region: String?

    @Option var service: String?
    @Option var scenario: String?
    @Option var channel: String?
    @Option(help: "The office of filing (a branch, a Public Service Centre, an authority) by id.")
    var office: String?

    @Flag(help: "Print the raw JSON.")
    var json = false

    func run() throws {
        let catalogue = try CatalogueLoader.bundled()
        let replay = FilingReplay(catalogue: catalogue)
        let outcome: FilingReplayOutcome
        if let path = application {
            let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
            let submission = try ContractCoding.decode(ApplicationSubmission.self, from: try JSONValue.parse(data))
            let filed = try filedAt.map { try instant($0, replay, submission.channel, submission.branchId) } ?? submission.submittedAt
            outcome = replay.replay(submission, filedAt: filed, region: region)
        } else {
            guard let service, let scenario, let channel = channel.flatMap(Channel.init(rawValue:)), let filedAt else {
                throw ValidationError("give an application file, or --service, --scenario, --channel (\(Channel.allCases.map(\.rawValue).joined(separator: ", "))) and --filed-at")
            }
            outcome = replay.requirements(service: service, scenario: scenario, channel: channel, office: office, filedAt: try instant(filedAt, replay, channel, office), region: region)
        }
        if json {
            let encoder = ContractCoding.encoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            print(String(decoding: try encoder.encode(outcome), as: UTF8.self))
        } else {
            print(Self.text(outcome))
        }
        if outcome.rulesVersion == nil { throw ExitCode(2) }
    }

    func instant(_ text: String, _ replay: FilingReplay, _ channel: Channel, _ office: String?) throws -> Date {
        guard let instant = replay.filingInstant(text, channel: channel, office: office, region: region) else {
            throw ValidationError("--filed-at is an ISO 8601 instant or a day YYYY-MM-DD, not \(text)")
        }
        return instant
    }

    static func text(_ o: FilingReplayOutcome) -> String {
        var lines = ["REPLAY (not a live application; nothing was filed or numbered)  \(o.reference ?? "-")",
                     "Service       \(o.service) / \(o.scenario) via \(o.channel.rawValue)",
                     "Filed         \(KazakhstanTime.format(o.filedAt, region: o.region)) (\(o.filingDay)\(o.region.map { ", \($0)" } ?? ""))"]
        guard let version = o.rulesVersion else {
            return (lines + ["Rules         none: \(o.refusal?.reason ?? "not provided")"]).joined(separator: "\n")
        }
        lines.append("Rules         \(version.id) (in force \(version.effectiveFrom)\(version.effectiveUntil.map { " to \($0.adding(days: -1))" } ?? " onwards"))")
        if let next = o.continuedBy { lines.append("Today         continued as \(next)") }
        switch o.outcome {
        case .wouldAccept: lines.append("Package       would be accepted")
        case .wouldRefuseToAccept: lines.append("Package       would be refused to accept: \(o.refusal?.code ?? "") — \(o.refusal?.reason ?? "")")
        case .requirements: break
        }
        lines.append("Documents     " + (o.documentsRequired.isEmpty ? "none" : ""))
        lines += o.documentsRequired.map { "  - \($0.anyOf.joined(separator: " or "))\($0.form.map { " (\($0))" } ?? "")\($0.atCollection ? ", at collection" : "")  [\($0.source)]" }
        if !o.fieldsRequired.isEmpty { lines.append("Form fields   \(o.fieldsRequired.joined(separator: ", "))") }
        if let term = o.term {
            lines.append("Term          \(term.upTo == true ? "up to " : "")\(term.amount) \(term.unit.rawValue)  [\(o.termSource ?? "")]")
        }
        lines.append("Accepted      \(o.acceptedOn.map { "\($0)" } ?? "-")\(o.acceptedWithinHours == false ? " (filed out of hours)" : "")")
        lines.append("Due           \(o.dueDate.map { "\($0)" } ?? "-")\(o.dueAt.map { " (\(KazakhstanTime.format($0, region: o.region)))" } ?? "")")
        lines.append("Results")
        lines += o.results.map { "  - \($0.outcome): \($0.form)\($0.title.map { " — \($0)" } ?? ""), \($0.format), \($0.delivery)" }
        if !o.indicators.isEmpty {
            lines.append("Indicators    (the act's normative values)")
            lines += o.indicators.map { "  \($0.code) \($0.text.en): \(Int($0.normative)) %" }
        }
        if !o.calendarWarnings.isEmpty { lines.append("Calendar      " + o.calendarWarnings.joined(separator: "\n              ")) }
        lines.append("Not checked   " + o.notChecked.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }
}
