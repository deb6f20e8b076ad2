import Logging
import ServiceLifecycle

/// Runs `body` every `interval` until shutdown: retries of unanswered gateway requests,
/// deadline checks, storage periods. Errors are logged and the next tick tries again.
public struct PeriodicTask: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let body: @Sendable () async throws -> Void

    public init(name: String, every interval: Duration, logger: Logger, body: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.body = body
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { try await body() } catch {
                logger.error("periodic task failed", metadata: ["task": "\(name)", "error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
