import CRdKafka
import Foundation
import Logging
import Synchronization

/// An idempotent producer. `send` returns when the broker has acknowledged every message
/// (`acks=all`) or delivery has failed for good; delivery reports are served on a dedicated
/// thread, never on the cooperative pool.
public final class KafkaProducer: Sendable {
    private let handle: KafkaHandle
    private let context: Unmanaged<CallbackContext>
    private let logger: Logger
    private let pollLoop: PollLoop

    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws {
        self.logger = logger
        (handle, context) = try KafkaHandleFactory.make(
            type: RD_KAFKA_PRODUCER, properties: configuration.properties, context: CallbackContext(logger: logger)
        ) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
                guard let message, let opaque = message.pointee._private else { return }
                let ticket = Unmanaged<DeliveryTicket>.fromOpaque(opaque).takeRetainedValue()
                let err = message.pointee.err
                ticket.batch.complete(ticket.index, err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err))
            }
        }
        let handle = self.handle
        pollLoop = PollLoop(name: "kafka-producer-poll") { rd_kafka_poll(handle.pointer, 100) }
    }

    /// Sends messages in order and waits for every delivery report. The result at index `i`
    /// belongs to `messages[i]`.
    public func send(_ messages: [OutgoingMessage]) async -> [Result<Void, KafkaError>] {
        guard !messages.isEmpty else { return [] }
        let batch = DeliveryBatch(count: messages.count)
        for (index, message) in messages.enumerated() {
            while true {
                let ticket = Unmanaged.passRetained(DeliveryTicket(batch: batch, index: index))
                if let error = enqueue(message, opaque: ticket.toOpaque()) {
                    ticket.release()
                    if error.isQueueFull {
                        // librdkafka's local queue is full; delivery reports drain it.
                        try? await Task.sleep(for: .milliseconds(2))
                        continue
                    }
                    batch.complete(index, error)
                }
                break
            }
        }
        return await batch.wait()
    }

    public func send(_ message: OutgoingMessage) async throws(KafkaError) {
        if case .failure(let error) = await send([message])[0] { throw error }
    }

    private func enqueue(_ message: OutgoingMessage, opaque: UnsafeMutableRawPointer) -> KafkaError? {
        guard let headers = rd_kafka_headers_new(message.headers.count) else {
            return KafkaError.configuration("rd_kafka_headers_new failed")
        }
        for (name, value) in message.headers {
            _ = value.withUnsafeBytes { bytes in
                rd_kafka_header_add(headers, name, -1, bytes.baseAddress, bytes.count)
            }
        }
        let error: OpaquePointer? = message.topic.withCString { topic in
            message.value.withUnsafeBytes { value in
                (message.key ?? Data()).withUnsafeBytes { key in
                    var vus = [rd_kafka_vu_t](repeating: rd_kafka_vu_t(), count: 5)
                    vus[0].vtype = RD_KAFKA_VTYPE_TOPIC
                    vus[0].u.cstr = topic
                    vus[1].vtype = RD_KAFKA_VTYPE_VALUE
                    vus[1].u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                    vus[1].u.mem.size = value.count
                    vus[2].vtype = RD_KAFKA_VTYPE_MSGFLAGS
                    vus[2].u.i = RD_KAFKA_MSG_F_COPY
                    vus[3].vtype = RD_KAFKA_VTYPE_OPAQUE
                    vus[3].u.ptr = opaque
                    vus[4].vtype = RD_KAFKA_VTYPE_HEADERS
                    vus[4].u.headers = headers
                    if message.key != nil {
                        var keyVu = rd_kafka_vu_t()
                        keyVu.vtype = RD_KAFKA_VTYPE_KEY
                        keyVu.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)
                        keyVu.u.mem.size = key.count
                        vus.append(keyVu)
                    }
                    return rd_kafka_produceva(handle.pointer, vus, vus.count)
                }
            }
        }
        guard let error else { return nil }
        // On failure the headers were not handed over.
        rd_kafka_headers_destroy(headers)
        let code = rd_kafka_error_code(error)
        let text = String(cString: rd_kafka_error_string(error))
        rd_kafka_error_destroy(error)
        return KafkaError(code: code.rawValue, message: text)
    }

    /// Waits for outstanding deliveries, then stops the poll thread and frees the handle.
    public func shutdown(flushTimeout: Duration = .seconds(10)) async {
        let millis = Int32(flushTimeout.components.seconds * 1000)
        let handle = self.handle
        // rd_kafka_flush blocks for up to the timeout: on its own thread, not the cooperative pool.
        let flusher = BlockingThread(name: "kafka-producer-flush")
        let result = await flusher.run { rd_kafka_flush(handle.pointer, millis).rawValue }
        flusher.stop()
        if result != RD_KAFKA_RESP_ERR_NO_ERROR.rawValue {
            logger.warning("producer flush left messages undelivered", metadata: ["outstanding": "\(rd_kafka_outq_len(handle.pointer))"])
        }
        await pollLoop.stop()
        rd_kafka_destroy(handle.pointer)
        context.release()
    }
}

/// Collects the delivery reports of one `send` call.
final class DeliveryBatch: Sendable {
    private struct State {
        var remaining: Int
        var results: [Result<Void, KafkaError>]
        var waiter: CheckedContinuation<[Result<Void, KafkaError>], Never>?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(remaining: count, results: Array(repeating: .success(()), count: count)))
    }

    func complete(_ index: Int, _ error: KafkaError?) {
        let resume = state.withLock { state -> (CheckedContinuation<[Result<Void, KafkaError>], Never>, [Result<Void, KafkaError>])? in
            if let error { state.results[index] = .failure(error) }
            state.remaining -= 1
            guard state.remaining == 0, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return (waiter, state.results)
        }
        if let (waiter, results) = resume { waiter.resume(returning: results) }
    }

    func wait() async -> [Result<Void, KafkaError>] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [Result<Void, KafkaError>]? in
                if state.remaining == 0 { return state.results }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

final class DeliveryTicket {
    let batch: DeliveryBatch
    let index: Int

    init(batch: DeliveryBatch, index: Int) {
        self.batch = batch
        self.index = index
    }
}
