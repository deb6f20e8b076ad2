import CRdKafka
import Foundation
import Logging
import Synchronization

/// A consumer-group member with manual offset commits.
///
/// Offsets are committed only when the caller says so, after its own transaction: a message is
/// never marked consumed before its effects are durable. Polling and closing block inside
/// librdkafka and run on a dedicated thread.
public final class KafkaConsumer: Sendable {
    private let handle: KafkaHandle
    private let context: Unmanaged<CallbackContext>
    private let thread: BlockingThread
    private let assignment: AssignmentTracker
    private let logger: Logger
    private let closed = Mutex(false)

    public init(configuration: KafkaConsumerConfiguration, logger: Logger) throws {
        self.logger = logger
        let assignment = AssignmentTracker()
        self.assignment = assignment
        let context = CallbackContext(logger: logger) { assigned, revoked in
            assignment.update(assigned: assigned, revoked: revoked)
        }
        (handle, self.context) = try KafkaHandleFactory.make(
            type: RD_KAFKA_CONSUMER, properties: configuration.properties, context: context
        ) { conf in
            rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, opaque in
                guard let rk else { return }
                let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
                let context = CallbackContext.from(opaque)
                let list = [TopicPartition](partitions)
                switch err {
                case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
                    if cooperative {
                        if let error = rd_kafka_incremental_assign(rk, partitions) { rd_kafka_error_destroy(error) }
                    } else {
                        rd_kafka_assign(rk, partitions)
                    }
                    context?.logger.info("partitions assigned", metadata: ["partitions": "\(list.map(\.description).joined(separator: ","))"])
                    context?.onRebalance?(list, [])
                default:
                    // Revoked (or lost): whatever was fetched from these partitions and not yet
                    // committed is delivered again to the next owner; the inbox makes that harmless.
                    if cooperative {
                        if let error = rd_kafka_incremental_unassign(rk, partitions) { rd_kafka_error_destroy(error) }
                    } else {
                        rd_kafka_assign(rk, nil)
                    }
                    context?.logger.info("partitions revoked", metadata: ["partitions": "\(list.map(\.description).joined(separator: ","))"])
                    context?.onRebalance?([], list)
                }
            }
            rd_kafka_conf_set_offset_commit_cb(conf) { _, err, _, opaque in
                guard err != RD_KAFKA_RESP_ERR_NO_ERROR, err != RD_KAFKA_RESP_ERR__NO_OFFSET else { return }
                CallbackContext.from(opaque)?.logger.warning("offset commit failed", metadata: ["error": "\(KafkaError(err))"])
            }
        }
        thread = BlockingThread(name: "kafka-consumer-\(configuration.groupId)")
        rd_kafka_poll_set_consumer(handle.pointer)
        let topics = rd_kafka_topic_partition_list_new(Int32(configuration.topics.count))
        defer { rd_kafka_topic_partition_list_destroy(topics) }
        for topic in configuration.topics {
            rd_kafka_topic_partition_list_add(topics, topic, RD_KAFKA_PARTITION_UA)
        }
        let err = rd_kafka_subscribe(handle.pointer, topics)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            rd_kafka_destroy(handle.pointer)
            self.context.release()
            thread.stop()
            throw KafkaError(err, context: "subscribe")
        }
    }

    /// Waits up to `timeout` for a first message, then takes whatever else is already fetched,
    /// up to `maxMessages`.
    public func poll(maxMessages: Int = 500, timeout: Duration = .milliseconds(200)) async -> [ConsumedMessage] {
        let handle = self.handle
        let logger = self.logger
        let timeoutMs = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let isClosed = closed.withLock { $0 }
        if isClosed { return [] }
        return await thread.run {
            var messages: [ConsumedMessage] = []
            var wait = timeoutMs
            while messages.count < maxMessages, let raw = rd_kafka_consumer_poll(handle.pointer, wait) {
                defer { rd_kafka_message_destroy(raw) }
                wait = 0
                let message = raw.pointee
                if message.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    logger.warning("consumer error", metadata: ["error": "\(KafkaError(message.err))"])
                    continue
                }
                messages.append(ConsumedMessage(raw))
            }
            return messages
        }
    }

    /// Commits asynchronously; failures are logged by the commit callback. Commits are issued in
    /// order, so a later commit covers an earlier one that failed.
    public func commit(_ offsets: [TopicPartition: Int64]) {
        guard !offsets.isEmpty, !closed.withLock({ $0 }) else { return }
        let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (tp, offset) in offsets {
            rd_kafka_topic_partition_list_add(list, tp.topic, tp.partition)?.pointee.offset = offset
        }
        let err = rd_kafka_commit(handle.pointer, list, 1)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR, err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            logger.warning("offset commit not sent", metadata: ["error": "\(KafkaError(err))"])
        }
    }

    /// Commits and waits for the broker's answer (used before leaving the group).
    public func commitAndWait(_ offsets: [TopicPartition: Int64]) async throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let handle = self.handle
        let err = await thread.run { () -> Int32 in
            let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))
            defer { rd_kafka_topic_partition_list_destroy(list) }
            for (tp, offset) in offsets {
                rd_kafka_topic_partition_list_add(list, tp.topic, tp.partition)?.pointee.offset = offset
            }
            return rd_kafka_commit(handle.pointer, list, 0).rawValue
        }
        if err != 0 && err != RD_KAFKA_RESP_ERR__NO_OFFSET.rawValue {
            throw KafkaError(code: err, message: String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(err))))
        }
    }

    public var assignedPartitions: [TopicPartition] { assignment.current }

    /// Leaves the group cleanly (partitions are handed over at once, not after the session
    /// timeout) and frees the handle.
    public func close() async {
        let first = closed.withLock { wasClosed -> Bool in
            defer { wasClosed = true }
            return !wasClosed
        }
        guard first else { return }
        let handle = self.handle
        await thread.run {
            rd_kafka_consumer_close(handle.pointer)
            rd_kafka_destroy(handle.pointer)
        }
        thread.stop()
        context.release()
    }
}

final class AssignmentTracker: Sendable {
    private let partitions = Mutex<Set<TopicPartition>>([])

    func update(assigned: [TopicPartition], revoked: [TopicPartition]) {
        partitions.withLock { set in
            set.formUnion(assigned)
            set.subtract(revoked)
        }
    }

    var current: [TopicPartition] {
        partitions.withLock { Array($0) }.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }
}

extension ConsumedMessage {
    init(_ raw: UnsafeMutablePointer<rd_kafka_message_t>) {
        let message = raw.pointee
        let topic = String(cString: rd_kafka_topic_name(message.rkt))
        let value = message.payload.map { Data(bytes: $0, count: message.len) } ?? Data()
        let key = message.key.map { Data(bytes: $0, count: message.key_len) }
        var headers: [(String, Data)] = []
        var list: OpaquePointer?
        if rd_kafka_message_headers(raw, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list {
            var index = 0
            var name: UnsafePointer<CChar>?
            var bytes: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(list, index, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                if let name {
                    headers.append((String(cString: name), bytes.map { Data(bytes: $0, count: size) } ?? Data()))
                }
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let millis = rd_kafka_message_timestamp(raw, &timestampType)
        self.init(
            topic: topic, partition: message.partition, offset: message.offset, key: key, value: value, headers: headers,
            timestamp: millis >= 0 ? Date(timeIntervalSince1970: TimeInterval(millis) / 1000) : nil
        )
    }
}
