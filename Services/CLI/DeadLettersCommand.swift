import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
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
    @OptionGroup var stack: StackOptions

    func run() async throws {
        guard ["list", "replay"].contains(action) else { throw ValidationError("action is list or replay") }
        var logger = Logger(label: "dead-letters")
        logger.logLevel = .warning
        var configuration = KafkaConsumerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: stack.bootstrap, clientId: "qyzmet-dlq-tool"),
            groupId: "qyzmet-dlq-tool-\(UUID().uuidString.prefix(8))", topics: [Topics.deadLetter]
        )
        configuration.sessionTimeoutMilliseconds = 1000
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        var letters: [ConsumedMessage] = []
        var lastMessage = Date()
        let started = Date()
        while Date().timeIntervalSince(lastMessage) < idle || (consumer.assignedPartitions.isEmpty && Date().timeIntervalSince(started) < 30) {
            let batch = await consumer.poll(maxMessages: 1000, timeout: .milliseconds(200))
            if !batch.isEmpty { lastMessage = Date() }
            if consumer.assignedPartitions.isEmpty { lastMessage = Date() }
            letters += batch
        }
        await consumer.close()
        let selected = letters.filter { letter in
            (code == nil || letter.header(DeadLetterHeader.code) == code)
                && (application == nil || (letter.key.map { String(decoding: $0, as: UTF8.self) } == application))
        }
        for letter in selected {
            print("\(letter.header(DeadLetterHeader.failedAt) ?? "-")  \(letter.header(DeadLetterHeader.consumer) ?? "-")  \(letter.header(DeadLetterHeader.code) ?? "-")  key=\(letter.key.map { String(decoding: $0, as: UTF8.self) } ?? "-")  from \(letter.header(DeadLetterHeader.originalTopic) ?? "-")[\(letter.header(DeadLetterHeader.originalPartition) ?? "-")]@\(letter.header(DeadLetterHeader.originalOffset) ?? "-")")
            print("    \(letter.header(DeadLetterHeader.reason) ?? "")")
        }
        print("\(selected.count) of \(letters.count) dead letters")
        guard action == "replay", !selected.isEmpty else { return }
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: stack.bootstrap, clientId: "qyzmet-dlq-tool")), logger: logger)
        let replays = selected.compactMap { letter -> OutgoingMessage? in
            guard let topic = letter.header(DeadLetterHeader.originalTopic) else { return nil }
            return OutgoingMessage(topic: topic, key: letter.key, value: letter.value, headers: letter.headers.filter { !$0.0.hasPrefix("dlq-") })
        }
        let results = await producer.send(replays)
        await producer.shutdown()
        print("replayed \(results.filter { if case .success = $0 { true } else { false } }.count) of \(replays.count)")
    }
}
