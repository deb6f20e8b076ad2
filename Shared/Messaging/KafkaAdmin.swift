import CRdKafka
import Foundation
import Logging

public struct TopicSpecification: Sendable {
    public var name: String
    public var partitions: Int
    public var replicationFactor: Int

    public init(name: String, partitions: Int, replicationFactor: Int = 1) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
    }
}

/// Topic administration through the Kafka admin API.
public enum KafkaAdmin {
    /// Creates the topics that do not exist yet; existing ones are left as they are.
    public static func createTopics(
        _ topics: [TopicSpecification], client: KafkaClientConfiguration, timeout: Duration = .seconds(30), logger: Logger
    ) async throws(KafkaError) {
        let (handle, context) = try wrap {
            try KafkaHandleFactory.make(type: RD_KAFKA_PRODUCER, properties: client.baseProperties.merging(client.properties) { _, b in b }, context: CallbackContext(logger: logger))
        }
        let thread = BlockingThread(name: "kafka-admin")
        defer {
            thread.stop()
        }
        let timeoutMs = Int32(timeout.components.seconds * 1000)
        let failure: KafkaError? = await thread.run {
            defer {
                rd_kafka_destroy(handle.pointer)
                context.release()
            }
            var errstr = [CChar](repeating: 0, count: 512)
            var newTopics: [OpaquePointer?] = []
            defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
            for topic in topics {
                guard let t = rd_kafka_NewTopic_new(topic.name, Int32(topic.partitions), Int32(topic.replicationFactor), &errstr, errstr.count) else {
                    return KafkaError.configuration("topic \(topic.name): \(errorText(errstr))")
                }
                newTopics.append(t)
            }
            let queue = rd_kafka_queue_new(handle.pointer)
            defer { rd_kafka_queue_destroy(queue) }
            let options = rd_kafka_AdminOptions_new(handle.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
            defer { rd_kafka_AdminOptions_destroy(options) }
            rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errstr, errstr.count)
            rd_kafka_CreateTopics(handle.pointer, &newTopics, newTopics.count, options, queue)
            guard let event = rd_kafka_queue_poll(queue, timeoutMs + 1000) else {
                return KafkaError(code: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue, message: "CreateTopics timed out")
            }
            defer { rd_kafka_event_destroy(event) }
            let err = rd_kafka_event_error(event)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                return KafkaError(err, context: "CreateTopics")
            }
            var count = 0
            guard let result = rd_kafka_event_CreateTopics_result(event),
                  let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return nil }
            for i in 0..<count {
                let topicErr = rd_kafka_topic_result_error(results[i])
                if topicErr != RD_KAFKA_RESP_ERR_NO_ERROR && topicErr != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS {
                    let name = String(cString: rd_kafka_topic_result_name(results[i]))
                    return KafkaError(topicErr, context: "create \(name)")
                }
            }
            return nil
        }
        if let failure { throw failure }
    }

    private static func wrap<T>(_ body: () throws -> T) throws(KafkaError) -> T {
        do { return try body() } catch let error as KafkaError { throw error } catch {
            throw KafkaError.configuration("\(error)")
        }
    }
}
