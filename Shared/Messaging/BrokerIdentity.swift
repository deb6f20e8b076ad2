import CRdKafka
import Foundation
import Logging

/// Which broker (and which log) a service is talking to. The embedded broker keeps everything in
/// memory and comes back from a restart with the same address and cluster id but no topics,
/// offsets or groups; the only sure sign is something it cannot keep. So the first service to
/// find the identity topic empty writes a random id at offset 0, and every service compares that
/// id with the one its store recorded (`BrokerWatch`).
public enum BrokerIdentity {
    /// One partition; offset 0 holds the identity.
    public static let topic = "qyzmet.broker-identity.v1"

    public enum Reading: Sendable, Equatable {
        case identity(String)
        /// The topic does not exist or holds nothing: a broker that has lost its memory, or a new one.
        case absent
        /// The broker does not answer: nothing can be said.
        case unreachable(String)
    }

    /// Reads offset 0 of the identity topic once, with a client of its own.
    public static func read(client: KafkaClientConfiguration, timeout: Duration = .seconds(5), logger: Logger) async -> Reading {
        do {
            let reader = try BrokerIdentityReader(client: client, logger: logger)
            defer { reader.close() }
            return await reader.read(timeout: timeout)
        } catch {
            return .unreachable("\(error)")
        }
    }

    /// The broker's identity, written first if it has none (two writers race harmlessly: offset 0 wins).
    public static func establish(client: KafkaClientConfiguration, logger: Logger) async throws -> String {
        try await KafkaAdmin.createTopics([TopicSpecification(name: topic, partitions: 1)], client: client, logger: logger)
        for _ in 0..<10 {
            switch await read(client: client, logger: logger) {
            case .identity(let id): return id
            case .unreachable(let reason): throw KafkaError(code: RD_KAFKA_RESP_ERR__TRANSPORT.rawValue, message: reason)
            case .absent:
                let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger)
                let id = "broker-" + UUID().uuidString.lowercased()
                _ = await producer.send([OutgoingMessage(topic: topic, key: Data("identity".utf8), value: Data(id.utf8))])
                await producer.shutdown()
            }
        }
        throw KafkaError(code: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue, message: "could not establish the broker identity")
    }
}

/// One librdkafka client kept for reading the broker identity again and again (`BrokerWatch`
/// asks every two seconds; a new client each time costs threads, connections and metadata).
public final class BrokerIdentityReader: Sendable {
    private let handle: KafkaHandle
    private let context: Unmanaged<CallbackContext>
    private let thread = BlockingThread(name: "broker-identity")

    public init(client: KafkaClientConfiguration, logger: Logger) throws {
        var properties = client.baseProperties.merging(client.properties) { _, b in b }
        properties["group.id"] = "qyzmet-broker-identity"
        properties["enable.auto.commit"] = "false"
        properties["enable.partition.eof"] = "true"
        properties["allow.auto.create.topics"] = "false"
        (handle, context) = try KafkaHandleFactory.make(type: RD_KAFKA_CONSUMER, properties: properties, context: CallbackContext(logger: logger))
    }

    /// Offset 0 of the identity topic. Blocks inside librdkafka on the reader's own thread.
    public func read(timeout: Duration = .seconds(5)) async -> BrokerIdentity.Reading {
        let handle = self.handle
        let topic = BrokerIdentity.topic
        let timeoutMs = Int32(timeout.components.seconds * 1000)
        return await thread.run {
            var low: Int64 = 0
            var high: Int64 = 0
            let err = rd_kafka_query_watermark_offsets(handle.pointer, topic, 0, &low, &high, timeoutMs)
            switch err {
            case RD_KAFKA_RESP_ERR_NO_ERROR: break
            case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION: return .absent
            default: return .unreachable(KafkaError(err).description)
            }
            guard high > 0 else { return .absent }
            let list = rd_kafka_topic_partition_list_new(1)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            rd_kafka_topic_partition_list_add(list, topic, 0)?.pointee.offset = low
            rd_kafka_assign(handle.pointer, list)
            // Unassigned again whatever happens, so that the next read starts at offset 0 too.
            defer { rd_kafka_assign(handle.pointer, nil) }
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                guard let raw = rd_kafka_consumer_poll(handle.pointer, 200) else { continue }
                defer { rd_kafka_message_destroy(raw) }
                let message = raw.pointee
                if message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return .absent }
                guard message.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
                return .identity(String(decoding: ConsumedMessage(raw).value, as: UTF8.self))
            }
            return .unreachable("no message at offset \(low) of \(topic) within \(timeout)")
        }
    }

    /// Releases the client; the reader is not used afterwards.
    public func close() {
        rd_kafka_consumer_close(handle.pointer)
        rd_kafka_destroy(handle.pointer)
        context.release()
        thread.stop()
    }
}

