import CRdKafka
import Foundation
import Logging

/// An `rd_kafka_t` pointer that may cross threads; librdkafka handles are thread-safe.
struct KafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// What librdkafka's callbacks need: the logger, reached through the handle's opaque pointer.
final class CallbackContext: @unchecked Sendable {
    let logger: Logger
    /// Set by the consumer to learn of assignments; immutable after creation.
    let onRebalance: (@Sendable (_ assigned: [TopicPartition], _ revoked: [TopicPartition]) -> Void)?

    init(logger: Logger, onRebalance: (@Sendable ([TopicPartition], [TopicPartition]) -> Void)? = nil) {
        self.logger = logger
        self.onRebalance = onRebalance
    }

    static func from(_ opaque: UnsafeMutableRawPointer?) -> CallbackContext? {
        opaque.map { Unmanaged<CallbackContext>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// The text librdkafka wrote into an error buffer.
func errorText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

enum KafkaHandleFactory {
    /// Builds a configured handle. On success the returned context is retained until
    /// `release(_:)`; librdkafka owns the configuration.
    static func make(
        type: rd_kafka_type_t,
        properties: [String: String],
        context: CallbackContext,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws -> (KafkaHandle, Unmanaged<CallbackContext>) {
        guard let conf = rd_kafka_conf_new() else { throw KafkaError.configuration("rd_kafka_conf_new failed") }
        var errstr = [CChar](repeating: 0, count: 512)
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            if rd_kafka_conf_set(conf, key, value, &errstr, errstr.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError.configuration("\(key)=\(value): \(errorText(errstr))")
            }
        }
        let retained = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, retained.toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, message in
            guard let rk, let context = CallbackContext.from(rd_kafka_opaque(rk)) else { return }
            let text = "\(String(cString: facility!)): \(String(cString: message!))"
            switch level {
            case 0...3: context.logger.error("librdkafka \(text)")
            case 4: context.logger.warning("librdkafka \(text)")
            case 5, 6: context.logger.info("librdkafka \(text)")
            default: context.logger.debug("librdkafka \(text)")
            }
        }
        rd_kafka_conf_set_error_cb(conf) { _, err, reason, opaque in
            guard let context = CallbackContext.from(opaque) else { return }
            let text = reason.map { String(cString: $0) } ?? ""
            // Broker down and "all brokers down" repeat while the broker restarts; keep them at warning.
            context.logger.warning("kafka client error", metadata: ["code": "\(err)", "reason": "\(text)"])
        }
        configure(conf)
        guard let rk = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            retained.release()
            throw KafkaError.configuration("rd_kafka_new: \(errorText(errstr))")
        }
        return (KafkaHandle(pointer: rk), retained)
    }
}

public enum Librdkafka {
    public static var version: String { String(cString: rd_kafka_version_str()) }

    /// librdkafka before 2.1 mis-skips tagged fields in ApiVersions responses and cannot talk to
    /// tansu ("Read underflow"); Apache Kafka is fine either way.
    public static var canTalkToTansu: Bool { rd_kafka_version() >= 0x0201_0000 }
}

extension Array where Element == TopicPartition {
    init(_ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        guard let list else {
            self = []
            return
        }
        self = (0..<Int(list.pointee.cnt)).map { i in
            let element = list.pointee.elems[i]
            return TopicPartition(topic: String(cString: element.topic), partition: element.partition)
        }
    }
}
