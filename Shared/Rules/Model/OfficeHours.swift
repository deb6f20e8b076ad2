import QyzmetDomain

/// When an office (the provider, a State Corporation branch, the portal) takes applications:
/// which weekdays, opening and closing time, a lunch break. Days off and holidays are the
/// calendar's business.
public struct OfficeHours: Codable, Sendable, Equatable {
    public struct Break: Codable, Sendable, Equatable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// ISO weekdays, 1 = Monday.
    public var weekdays: [Int]
    public var opensAt: String
    public var closesAt: String
    public var lunch: Break?
    /// True for the portal: it takes applications at any hour, but what comes after the
    /// provider's hours counts from the next working day.
    public var roundTheClock: Bool?
    public var source: String

    public init(weekdays: [Int], opensAt: String, closesAt: String, lunch: Break? = nil, roundTheClock: Bool? = nil, source: String) {
        self.weekdays = weekdays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.lunch = lunch
        self.roundTheClock = roundTheClock
        self.source = source
    }

    public var opensAtMinute: Int { Self.minutes(opensAt) }
    public var closesAtMinute: Int { Self.minutes(closesAt) }

    /// True when `minute` of a working `weekday` is within the hours and not in the break.
    public func isOpen(weekday: Int, minute: Int) -> Bool {
        guard weekdays.contains(weekday), minute >= opensAtMinute, minute < closesAtMinute else { return false }
        if let lunch, minute >= Self.minutes(lunch.from), minute < Self.minutes(lunch.to) { return false }
        return true
    }

    /// The first open minute at or after `minute` on the same day, nil when the day is over.
    public func nextOpenMinute(from minute: Int) -> Int? {
        if minute < opensAtMinute { return opensAtMinute }
        if let lunch, minute >= Self.minutes(lunch.from), minute < Self.minutes(lunch.to) { return Self.minutes(lunch.to) }
        return minute < closesAtMinute ? minute : nil
    }

    static func minutes(_ hhmm: String) -> Int {
        let parts = hhmm.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 60 + parts[1] : 0
    }
}
