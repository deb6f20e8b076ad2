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
            print("\(item["registrationNumber"]?.stringValue ?? "")  \(item["applicationId"]?.stringValue ?? "")  due \(item["executorDueAt"]?.stringValue ?? "-")  \(item["executorId"]?.stringValue ?? "-")  suggests \(item["recommendation"]?.stringValue ?? "")")
        }
    }
}

struct Decide: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Decide a case on the worklist as an executor.")

    @Argument(help: "Application id.") var id: String
    @Argument(help: "approve or refuse.") var action: String
    @Option(help: "Executor id.") var executor: String = "lmab-officer-1"
    @Option(help: "Refusal ground codes, comma separated.") var grounds: String?
    @Option(help: "Motivation of a refusal.") var motivation: String?
    @OptionGroup var stack: StackOptions

    func run() async throws {
        let client = stack.client
        let body = OfficerSimulation.ExecutorDecision(action: action, executorId: executor, grounds: grounds?.split(separator: ",").map(String.init), motivation: motivation)
        let (code, data) = try await client.post(client.review, "cases/\(id)/decision", body)
        print("HTTP \(code): \(String(decoding: data, as: UTF8.self))")
        if code != 200 { throw ExitCode(1) }
    }
}
