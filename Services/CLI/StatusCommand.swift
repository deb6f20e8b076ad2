import ArgumentParser
import Foundation
import QyzmetDomain
import QyzmetLoad

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Where is an application and when is it due (by application id or registration number).")

    @Argument(help: "Application id or registration number.")
    var id: String

    @Flag(help: "Print the raw JSON.")
    var json = false

    @OptionGroup var stack: StackOptions

    func run() async throws {
        let client = stack.client
        let (code, data) = try await client.get(client.intake, "applications/\(id)")
        guard code == 200, let view = client.json(data) else {
            print(code == 404 ? "No application \(id) is known to intake." : "intake answered HTTP \(code): \(String(decoding: data, as: UTF8.self))")
            throw ExitCode(code == 404 ? 2 : 1)
        }
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        func s(_ key: String) -> String { view[key]?.stringValue ?? "-" }
        print("""
            Application  \(s("applicationId"))   registration \(s("registrationNumber"))
            Service      \(s("serviceTitle"))
            Status       \(s("status"))   (held by \(s("heldBy")))\(view["overdue"]?.boolValue == true ? "   OVERDUE" : "")
            Where        \(s("location"))
            Due          \(s("dueAt"))
            Detail       \(s("detail"))
            History:
            """)
        if case .array(let steps)? = view["history"] {
            for step in steps {
                print("  \(step["at"]?.stringValue ?? "")  \((step["status"]?.stringValue ?? "").padding(toLength: 22, withPad: " ", startingAt: 0)) \(step["actor"]?.stringValue ?? "")  \(step["detail"]?.stringValue ?? "")")
            }
        }
    }
}

struct Worklist: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The executors' worklist in review.")

    @OptionGroup var stack: StackOptions

    func run() async throws {
        let items = try await stack.client.worklist()
        if items.isEmpty { print("The worklist is empty.") }
        for item in items {
            print("\(item["registrationNumber"]?.stringValue ?? "")  \(item["applicationId"]?.stringValue ?? "")  \(item["state"]?.stringValue ?? "")  due \(item["stateDueAt"]?.stringValue ?? "-")  \(item["executorId"]?.stringValue ?? "-")  suggests \(item["recommendation"]?.stringValue ?? "")  can: \((item["actions"].flatMap { if case .array(let a) = $0 { return a.compactMap { $0["action"]?.stringValue } } else { return nil } } ?? []).joined(separator: ", "))")
        }
    }
}

struct Decide: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take an action on a case on the worklist as an executor (the worklist lists each case's actions).")

    @Argument(help: "Application id.") var id: String
    @Argument(help: "approve, refuse, record-findings, interim-reply, complete-check, extend, schedule-hearing, record-hearing.") var action: String
    @Option(help: "Executor id.") var executor: String = "lmab-officer-1"
    @Option(help: "Findings as name=value, comma separated (e.g. criminalRecord=none).") var findings: String?
    @Option(help: "Refusal ground codes, comma separated.") var grounds: String?
    @Option(help: "Motivation of a refusal.") var motivation: String?
    @OptionGroup var stack: StackOptions

    func run() async throws {
        let client = stack.client
        let recorded = findings.map { text in
            Dictionary(text.split(separator: ",").compactMap { pair -> (String, String)? in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            }, uniquingKeysWith: { _, b in b })
        }
        let body = OfficerSimulation.ExecutorAction(action: action, executorId: executor, findings: recorded,
                                                    grounds: grounds?.split(separator: ",").map(String.init), motivation: motivation)
        let (code, data) = try await client.post(client.review, "cases/\(id)/actions", body)
        print("HTTP \(code): \(String(decoding: data, as: UTF8.self))")
        if code != 200 { throw ExitCode(1) }
    }
}
