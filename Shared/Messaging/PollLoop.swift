import Foundation
import Synchronization

/// Calls `body` over and over on a dedicated OS thread until stopped: librdkafka's blocking
/// poll calls live here, never on the cooperative pool.
final class PollLoop: Sendable {
    private struct State {
        var running = true
        var finished = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    init(name: String, body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while state.withLock({ $0.running }) { body() }
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.finished = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
        thread.name = name
        thread.start()
    }

    /// Returns once the current `body` call has returned and the thread has ended.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                state.running = false
                if state.finished { return true }
                state.waiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }
}
