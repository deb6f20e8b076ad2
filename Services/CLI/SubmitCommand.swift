import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging

struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Publish CloudEvent JSON files (e.g. docs/examples/*.json) to the applications topic, byte for byte.")

    @Argument(help: "Files, each one structured-mode CloudEvent.") var files: [String]
    @Option(help: "Topic to publish to.") var topic = Topics.applications
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "submit")
        logger.logLevel = .warning
        let publisher = try ApplicationPublisher(bootstrapServers: stack.bootstrap, logger: logger)
        var messages: [OutgoingMessage] = []
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let key = (try? JSONValue.parse(data))?["applicationid"]?.stringValue
            messages.append(OutgoingMessage(topic: topic, key: key.map { Data($0.utf8) }, value: data,
                                            headers: [("content-type", Data(EnvelopeCodec.structuredContentType.utf8))]))
            print("\(file) → \(topic) (key \(key ?? "none"))")
        }
        try await publisher.publishRaw(messages)
        await publisher.close()
    }
}
