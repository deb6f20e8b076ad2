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
    @Flag(help: "Give each application a new id and submittedAt = now, and sign it again with the channel's key from --keys (the examples' fixed times are outside intake's 72-hour submission window).")
    var restamp = false
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "submit")
        logger.logLevel = .warning
        let publisher = try ApplicationPublisher(bootstrapServers: stack.bootstrap, logger: logger)
        var messages: [OutgoingMessage] = []
        let signer = restamp ? try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys)) : nil
        for file in files {
            var data = try Data(contentsOf: URL(fileURLWithPath: file))
            if let signer { data = try Self.restamped(data, signer: signer) }
            let key = (try? JSONValue.parse(data))?["applicationid"]?.stringValue
            messages.append(OutgoingMessage(topic: topic, key: key.map { Data($0.utf8) }, value: data,
                                            headers: [("content-type", Data(EnvelopeCodec.structuredContentType.utf8))]))
            print("\(file) → \(topic) (key \(key ?? "none"))")
        }
        try await publisher.publishRaw(messages)
        await publisher.close()
    }

    static func restamped(_ data: Data, signer: ChannelSigner) throws -> Data {
        guard case .object(var application)? = try JSONValue.parse(data)["data"]?["application"],
              let channel = application["channel"]?.stringValue.flatMap(Channel.init(rawValue:)) else {
            throw ValidationError("not an application event: data.application with a channel is needed for --restamp")
        }
        let id = ApplicationFactory.newApplicationId()
        let now = Date()
        application["applicationId"] = .string(id)
        application["submittedAt"] = .string(KazakhstanTime.format(now))
        return EnvelopeCodec.encode(try signer.envelope(signing: .object(application), applicationId: id, as: channel, time: now))
    }
}
