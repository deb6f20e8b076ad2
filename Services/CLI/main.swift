import Foundation
import Logging
import QyzmetMessaging

var logger = Logger(label: "smoke")
logger.logLevel = .debug
let client = KafkaClientConfiguration(bootstrapServers: "127.0.0.1:19092", clientId: "smoke")
print("librdkafka", Librdkafka.version)
print("creating topic")
try await KafkaAdmin.createTopics([TopicSpecification(name: "smoke.v1", partitions: 3)], client: client, logger: logger)
print("created")
let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger)
print("producer up")
let results = await producer.send((0..<10).map { OutgoingMessage(topic: "smoke.v1", key: Data("k\($0)".utf8), value: Data("v\($0)".utf8), headers: [("h", Data("x".utf8))]) })
print("sent", results)
await producer.shutdown()
print("done")
var config = KafkaConsumerConfiguration(client: client, groupId: "smoke-g", topics: ["smoke.v1"])
config.sessionTimeoutMilliseconds = 1000
let consumer = try KafkaConsumer(configuration: config, logger: logger)
print("consumer up")
var got: [ConsumedMessage] = []
let start = Date()
while got.count < 10 && Date().timeIntervalSince(start) < 15 {
    let batch = await consumer.poll()
    print("poll ->", batch.count, consumer.assignedPartitions)
    got += batch
}
print("got", got.map { String(decoding: $0.value, as: UTF8.self) }, got.first?.headers.map { $0.0 } ?? [])
try await consumer.commitAndWait(got.nextOffsets())
await consumer.close()
print("closed")
