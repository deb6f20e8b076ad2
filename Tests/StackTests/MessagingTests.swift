import Foundation
import Logging
import QyzmetMessaging
import QyzmetRuntime
import QyzmetStorage
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

        @Test("the outbox relay parks only a message the broker refuses for what it is; a broker that is down parks nothing and is reported")
        func relayParksOnlyWhatTheMessageCauses() async throws {
            var logger = Logger(label: "test")
            // librdkafka reports every refused connection; the test needs none of it.
            logger.logLevel = .critical
            let now = Date()
            func fill(_ store: ServiceStore, _ values: [Data]) throws {
                try store.pool.write { db in
                    for (n, value) in values.enumerated() {
                        try Outbox.enqueue(db, topic: "t.v1", key: Data("APP-\(n)".utf8), value: value, headers: [], eventId: "e\(n)", eventType: "x", applicationId: "APP-\(n)", now: now)
                    }
                }
            }
            // 1. Nothing listens: every round fails, and still nothing is parked or counted.
            let nowhere = try ServiceStore.temporary()
            try fill(nowhere, [Data("a".utf8), Data("b".utf8)])
            var unreachable = KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: "127.0.0.1:1", clientId: "relay-test"))
            unreachable.deliveryTimeoutMilliseconds = 500
            let down = OutboxRelay(service: "test", store: nowhere, producer: try KafkaProducer(configuration: unreachable, logger: logger), clock: SystemClock(), logger: logger)
            for _ in 0..<(OutboxRelay.maxAttempts + 2) { #expect(try await down.publishReady() == .failed) }
            #expect(down.failingSince != nil)
            let (pending, parked, attempts) = try await nowhere.pool.read { db in
                (try Outbox.pendingCount(db), try OutboxParking.count(db), try Int.fetchOne(db, sql: "SELECT MAX(attempts) FROM outbox"))
            }
            #expect(pending == 2 && parked == 0 && attempts == 0)

            // 2. A real broker that refuses one message for its size: it is parked, the others go.
            let scratch = try ScratchDirectory("relay")
            let broker = try TansuBroker(logDirectory: scratch.url)
            defer { broker.stop() }
            try await broker.waitUntilReady()
            var client = KafkaClientConfiguration(bootstrapServers: broker.bootstrap, clientId: "relay-test")
            try await KafkaAdmin.createTopics([TopicSpecification(name: "t.v1", partitions: 1)], client: client, logger: logger)
            client.properties["message.max.bytes"] = "4000"
            let store = try ServiceStore.temporary()
            try fill(store, [Data("first".utf8), Data(repeating: 0x41, count: 10_000), Data("third".utf8)])
            let relay = OutboxRelay(service: "test", store: store, producer: try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger),
                                    clock: SystemClock(), logger: logger)
            var rounds = 0
            while try await store.pool.read({ try Outbox.pendingCount($0) }) > 0, rounds < 20 {
                _ = try await relay.publishReady()
                rounds += 1
            }
            #expect(try await store.pool.read { try OutboxParking.count($0) } == 1)
            #expect(relay.failingSince == nil)
            // Released, it is back at the head of the outbox with its attempts reset.
            #expect(try await store.pool.write { try OutboxParking.release($0) } == 1)
            let back = try await store.pool.read { try Outbox.ready($0, now: Date(), limit: 10) }
            #expect(back.map(\.eventId) == ["e1"] && back[0].attempts == 0)
        }
    }
