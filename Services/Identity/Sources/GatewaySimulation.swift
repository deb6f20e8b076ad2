import Foundation
import QyzmetDomain
import QyzmetRuntime

/// How the simulated gateway misbehaves: latency, and a fault rate split between error answers
/// and requests that get no answer at all. Faults are a pure function of the request id, so a
/// run can be repeated.
struct GatewaySimulation: Sendable {
    var latencyMilliseconds: Int
    var jitterMilliseconds: Int
    var faultRate: Double
    var faultSeed: UInt64
    /// A fraction of requests answered late by `slowMilliseconds` more (a slow source database).
    var slowRate: Double
    var slowMilliseconds: Int

    init(environment: ServiceEnvironment) {
        latencyMilliseconds = environment.integer("QYZMET_GATEWAY_LATENCY_MS", default: 0)
        jitterMilliseconds = environment.integer("QYZMET_GATEWAY_JITTER_MS", default: 0)
        faultRate = environment.double("QYZMET_GATEWAY_FAULT_RATE", default: 0)
        faultSeed = UInt64(environment.integer("QYZMET_GATEWAY_FAULT_SEED", default: 7))
        slowRate = environment.double("QYZMET_GATEWAY_SLOW_RATE", default: 0)
        slowMilliseconds = environment.integer("QYZMET_GATEWAY_SLOW_MS", default: 3000)
    }

    enum Fault: String {
        case none
        /// The source database failed: answer `error`, the client retries.
        case sourceError = "error"
        /// The answer is lost: the client's timeout retries.
        case dropped
    }

    func fault(for requestId: String) -> Fault {
        guard faultRate > 0 else { return .none }
        let roll = unit(requestId, salt: 1)
        guard roll < faultRate else { return .none }
        return unit(requestId, salt: 2) < 0.5 ? .sourceError : .dropped
    }

    func delay(for requestId: String) -> TimeInterval {
        let jitter = jitterMilliseconds > 0 ? unit(requestId, salt: 3) * Double(jitterMilliseconds) : 0
        let slow = slowRate > 0 && unit(requestId, salt: 4) < slowRate ? Double(slowMilliseconds) : 0
        return (Double(latencyMilliseconds) + jitter + slow) / 1000
    }

    private func unit(_ text: String, salt: UInt64) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ faultSeed ^ (salt &* 0x9E37_79B9_7F4A_7C15)
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Double(hash >> 11) / Double(1 << 53)
    }
}

/// The fault decisions of the simulation, for tests and tools outside this module.
public struct GatewaySimulationProbe: Sendable {
    let simulation: GatewaySimulation

    public init(environment: ServiceEnvironment) {
        simulation = GatewaySimulation(environment: environment)
    }

    /// `none`, `error` or `dropped`.
    public func fault(for requestId: String) -> String { simulation.fault(for: requestId).rawValue }
}
