import Foundation
import Logging
import QyzmetMessaging
import Testing

extension StackSuite {
    @Suite("Messaging over librdkafka against tansu")
    struct MessagingTests {
        @Test("produces with headers and keys, consumes, and resumes after the last committed offset")
        func produceConsumeCommitResume() async throws {
            let scratch = try ScratchDirectory("messaging")
            let broker = try TansuBroker(logDirectory: scratch.url)
            defer { broker.stop() }
            try await broker.waitUntilReady()
            let logger = Logger(label: "test")
            let client = KafkaClientConfiguration(bootstrapServers: broker.bootstrap, clientId: "messaging-test")
            try await KafkaAdmin.createTopics([TopicSpecification(name: "t.v1", partitions: 3)], client: client, logger: logger)

            let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger)
            let messages = (0..<200).map { i in
                OutgoingMessage(topic: "t.v1", key: Data("app-\(i % 20)".utf8), value: Data("value-\(i)".utf8), headers: [("ce_id", Data("id-\(i)".utf8))])
            }
            let results = await producer.send(messages)
            #expect(results.allSatisfy { if case .success = $0 { true } else { false } })

            var config = KafkaConsumerConfiguration(client: client, groupId: "g1", topics: ["t.v1"])
            config.sessionTimeoutMilliseconds = 1000
            let consumer = try KafkaConsumer(configuration: config, logger: logger)
            var received: [ConsumedMessage] = []
            _ = try await eventually("the first 120 messages") { () -> Bool? in
                received += await consumer.poll(maxMessages: 120 - received.count)
                return received.count >= 120 ? true : nil
            }
            #expect(Set(received.map { $0.header("ce_id")! }).count == 120)
            #expect(received.allSatisfy { $0.key != nil && $0.value.starts(with: Data("value-".utf8)) })
            try await consumer.commitAndWait(received.nextOffsets())
            await consumer.close()

            // A new member of the same group starts after the committed offsets.
            let second = try KafkaConsumer(configuration: config, logger: logger)
            var rest: [ConsumedMessage] = []
            _ = try await eventually("the remaining 80 messages") { () -> Bool? in
                rest += await second.poll()
                return rest.count >= 80 ? true : nil
            }
            let all = Set((received + rest).map { $0.header("ce_id")! })
            #expect(rest.count == 80)
            #expect(all.count == 200)
            await second.close()
            await producer.shutdown()
        }
    }
}
