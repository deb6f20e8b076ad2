import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging

struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dead-letters",
        abstract: "List dead letters, or replay them to the topic they came from (after the cause is fixed)."
    )

    @Argument(help: "list or replay") var action: String = "list"
    @Option(help: "Only dead letters with this code (e.g. signature.invalid).") var code: String?
    @Option(help: "Only dead letters of this application.") var application: String?
    @Option(help: "Stop reading after this many idle seconds.") var idle: Double = 3
    @Flag(help: "Print each letter's original message, opened with ops' key (ops-seal.key in the keys directory).") var show = false
    @OptionGroup var stack: StackOptions

    func run() async throws {
        guard ["list", "replay"].contains(action) else { throw ValidationError("action is list or replay") }
        var logger = Logger(label: "dead-letters")
        logger.logLevel = .warning
        let opsKeys = try SealingKeyRing.load(Topics.opsReader, from: URL(fileURLWithPath: stack.keys)) ?? .none
        let tool = DeadLetterTool(bootstrapServers: stack.bootstrap, sessionTimeoutMilliseconds: stack.sessionTimeoutMs, opsKeys: opsKeys, logger: logger)
        let letters = try await tool.read(idle: idle)
        let selected = letters.filter { letter in
            (code == nil || letter.header(DeadLetterHeader.code) == code)
                && (application == nil || (letter.key.map { String(decoding: $0, as: UTF8.self) } == application))
        }
        for letter in selected {
            let key = letter.key.map { String(decoding: $0, as: UTF8.self) } ?? "-"
            let origin = "\(letter.header(DeadLetterHeader.originalTopic) ?? "-")[\(letter.header(DeadLetterHeader.originalPartition) ?? "-")]@\(letter.header(DeadLetterHeader.originalOffset) ?? "-")"
            print("\(letter.header(DeadLetterHeader.failedAt) ?? "-")  \(letter.header(DeadLetterHeader.consumer) ?? "-")  \(letter.header(DeadLetterHeader.code) ?? "-")  key=\(key)  from \(origin)")
            print("    \(letter.header(DeadLetterHeader.reason) ?? "")")
            if show {
                do {
                    print("    original: \(String(decoding: try tool.original(of: letter).prefix(4000), as: UTF8.self))")
                } catch {
                    print("    original: not opened (\(error))")
                }
            }
            if action == "replay", case .failure(let refusal) = DeadLetterTool.replayTarget(of: letter) {
                print("    not replayed: \(refusal)")
            }
        }
        print("\(selected.count) of \(letters.count) dead letters")
        guard action == "replay", !selected.isEmpty else { return }
        print("replayed \(try await tool.replay(selected)) of \(selected.count)")
    }
}
