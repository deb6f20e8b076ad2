import CRdKafka

public struct KafkaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// librdkafka's `rd_kafka_resp_err_t` value; negative codes are client-side.
    public let code: Int32
    public let message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    init(_ err: rd_kafka_resp_err_t, context: String? = nil) {
        self.code = err.rawValue
        let text = String(cString: rd_kafka_err2str(err))
        self.message = context.map { "\($0): \(text)" } ?? text
    }

    static func configuration(_ message: String) -> KafkaError {
        KafkaError(code: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue, message: message)
    }

    public var isQueueFull: Bool { code == RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue }

    /// A mistake in the configuration: retrying cannot help.
    public var isConfigurationError: Bool { code == RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue }

    /// The message itself is the problem (too large for the broker, or a record the broker
    /// refuses): retrying the same bytes cannot help. Everything else (a broker down, a timeout,
    /// an unknown topic after a broker lost its memory) is the infrastructure's and passes.
    public var isCausedByMessage: Bool {
        [RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_INVALID_MSG, RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE,
         RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE, RD_KAFKA_RESP_ERR_INVALID_RECORD]
            .contains { $0.rawValue == code }
    }

    public var description: String { "Kafka error \(code): \(message)" }
}
