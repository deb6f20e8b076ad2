import Foundation
import Synchronization

/// Where every service reads the time. Deadlines, storage periods and retries all go through
/// it, so a test can move all four services weeks ahead at once.
public protocol ServiceClock: Sendable {
    func now() -> Date
}

public struct SystemClock: ServiceClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// The system time plus an offset in seconds read from a file shared by all services
/// (`QYZMET_CLOCK_OFFSET_FILE`). Writing `2592000` into the file moves every service 30 days
/// ahead within a tenth of a second. A missing or empty file means no offset.
public final class OffsetFileClock: ServiceClock {
    private let path: String
    private let cache = Mutex<(checkedAt: Date, offset: TimeInterval)>((.distantPast, 0))

    public init(path: String) {
        self.path = path
    }

    public func now() -> Date {
        let real = Date()
        let offset = cache.withLock { cached -> TimeInterval in
            if real.timeIntervalSince(cached.checkedAt) > 0.1 {
                cached = (real, Self.readOffset(path))
            }
            return cached.offset
        }
        return real.addingTimeInterval(offset)
    }

    static func readOffset(_ path: String) -> TimeInterval {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return TimeInterval(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

/// A clock a unit test sets by hand.
public final class ManualClock: ServiceClock {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
