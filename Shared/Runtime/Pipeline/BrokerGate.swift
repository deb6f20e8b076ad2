import Foundation
import Logging
import QyzmetMessaging
import QyzmetStorage
import ServiceLifecycle
import Synchronization

/// Closed while the broker is not the one the store was consumed from: the pipeline does not
/// consume and the relay does not publish. Each reopening starts a new epoch, in which the
/// pipeline and the relay take fresh Kafka clients (the old ones hold offsets and producer ids
/// of a log that no longer exists).
public final class BrokerGate: Sendable {
    private struct State {
        var closedReason: String?
        var closedSince: Date?
        var epoch = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var closedReason: String? { state.withLock { $0.closedReason } }
    public var closedSince: Date? { state.withLock { $0.closedSince } }
    public var epoch: Int { state.withLock { $0.epoch } }

    /// True when it was open.
    @discardableResult
    public func close(_ reason: String) -> Bool {
        state.withLock { s in
            defer { s.closedReason = reason }
            guard s.closedReason == nil else { return false }
            s.closedSince = Date()
            return true
        }
    }

    /// True when it was closed.
    @discardableResult
    public func open() -> Bool {
        state.withLock { s in
            guard s.closedReason != nil else { return false }
            s.closedReason = nil
            s.closedSince = nil
            s.epoch += 1
            return true
        }
    }
}

/// Compares the broker's identity with the store's every few seconds and closes or opens the gate.
public struct BrokerWatch: Sendable {
    let client: KafkaClientConfiguration
    let store: ServiceStore
    let gate: BrokerGate
    let logger: Logger
    let reader: BrokerIdentityReader

    public init(client: KafkaClientConfiguration, store: ServiceStore, gate: BrokerGate, logger: Logger) throws {
        self.client = client
        self.store = store
        self.gate = gate
        self.logger = logger
        reader = try BrokerIdentityReader(client: client, logger: logger)
    }

    /// At start: a store with no identity takes the broker's; one with another stays closed.
    public func start() async throws {
        let identity = try await BrokerIdentity.establish(client: client, logger: logger)
        let recorded = try await store.pool.read { try BrokerIdentityRecord.get($0) }
        guard let recorded else {
            try await store.pool.write { try BrokerIdentityRecord.set($0, identity) }
            return
        }
        if recorded != identity { closeGate("the broker's identity is \(identity); this store was consumed from \(recorded)") }
    }

    public func check() async throws {
        let recorded = try await store.pool.read { try BrokerIdentityRecord.get($0) }
        switch await reader.read(timeout: .seconds(3)) {
        case .unreachable:
            // Down or restarting: the relay's alert says so; nothing is known about its memory yet.
            return
        case .identity(let id) where id == recorded:
            if gate.open() { logger.notice("the broker is the one this store was consumed from: consuming and publishing again", metadata: ["broker": "\(id)"]) }
        case .identity(let id):
            closeGate("the broker's identity is \(id); this store was consumed from \(recorded ?? "-")")
        case .absent:
            closeGate("the broker has no identity: it restarted without its memory (the embedded broker keeps topics in memory), or it is another broker")
        }
    }

    private func closeGate(_ reason: String) {
        guard gate.close(reason) else { return }
        logger.critical("broker changed: consuming and publishing stopped; recover with `qyzmet broker recover` (docs/runbook.md, section 15)", metadata: ["reason": "\(reason)"])
    }
}
