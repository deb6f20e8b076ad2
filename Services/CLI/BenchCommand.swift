import ArgumentParser
import Foundation
import Logging
import QyzmetMessaging

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure throughput and latency (see docs/benchmark.md).")
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "probe")
        logger.logLevel = .warning
        let client = KafkaClientConfiguration(bootstrapServers: stack.bootstrap, clientId: "probe")
        let topic = "probe-\(UUID().uuidString.prefix(6))"
        try await KafkaAdmin.createTopics([TopicSpecification(name: topic, partitions: 1)], client: client, logger: logger)
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger)
        var sends: [Double] = []
        for _ in 0..<20 {
            let t = Date()
            try await producer.send(OutgoingMessage(topic: topic, key: nil, value: Data("x".utf8)))
            sends.append(Date().timeIntervalSince(t) * 1000)
        }
        print("send (ack) ms:", sends.map { String(format: "%.1f", $0) }.joined(separator: " "))
        var config = KafkaConsumerConfiguration(client: client, groupId: "probe-\(topic)", topics: [topic])
        config.sessionTimeoutMilliseconds = 3000
        let consumer = try KafkaConsumer(configuration: config, logger: logger)
        var got = 0
        while got < 20 { got += await consumer.poll().count }
        var lat: [Double] = []
        for _ in 0..<20 {
            let t = Date()
            try await producer.send(OutgoingMessage(topic: topic, key: nil, value: Data("y".utf8)))
            let acked = Date().timeIntervalSince(t) * 1000
            var batch: [ConsumedMessage] = []
            while batch.isEmpty { batch = await consumer.poll(maxMessages: 10, timeout: .milliseconds(500)) }
            lat.append(Date().timeIntervalSince(t) * 1000)
            _ = acked
        }
        print("produce→consume ms:", lat.map { String(format: "%.1f", $0) }.joined(separator: " "))
        await consumer.close()
        await producer.shutdown()
    }
}
