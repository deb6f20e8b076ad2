import Foundation

struct TimedOut: Error, CustomStringConvertible {
    let what: String
    let after: Duration
    var description: String { "timed out after \(after) waiting for \(what)" }
}

/// Polls `condition` until it returns a value or `timeout` passes. Tests wait on conditions,
/// never on fixed sleeps.
func eventually<T>(
    _ what: String, timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(50),
    _ condition: () async throws -> T?
) async throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
        if let value = try await condition() { return value }
        if clock.now >= deadline { throw TimedOut(what: what, after: timeout) }
        try await Task.sleep(for: interval)
    }
}
