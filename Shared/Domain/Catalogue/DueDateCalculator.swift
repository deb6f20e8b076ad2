import Foundation

/// Turns a filing instant and a catalogue term into the moment counting starts and the due date.
public struct DueDateCalculator: Sendable {
    public struct Acceptance: Equatable, Sendable {
        /// The day of acceptance; working-day terms start counting the day after it.
        public var day: LocalDate
        /// When minute terms start: the filing instant, or opening time when filed out of hours.
        public var instant: Date
        /// False when the filing came after hours, on a weekend or a holiday.
        public var withinHours: Bool

        public init(day: LocalDate, instant: Date, withinHours: Bool) {
            self.day = day
            self.instant = instant
            self.withinHours = withinHours
        }
    }

    public struct Due: Equatable, Sendable {
        public var at: Date
        public var date: LocalDate
    }

    public let calendar: WorkingDayCalendar

    public init(calendar: WorkingDayCalendar) {
        self.calendar = calendar
    }

    /// An application filed after the provider's working hours, on a weekend or a holiday is
    /// accepted on the next working day (the standards' schedule rows).
    public func acceptance(filedAt: Date, hours: OfficeHours) -> Acceptance {
        let day = KazakhstanTime.localDate(of: filedAt)
        let minute = KazakhstanTime.minuteOfDay(of: filedAt)
        if calendar.isWorkingDay(day) && minute < hours.closesAtMinute {
            let opening = KazakhstanTime.instant(on: day, minute: hours.opensAtMinute)
            return Acceptance(day: day, instant: max(filedAt, opening), withinHours: minute >= hours.opensAtMinute)
        }
        let next = calendar.nextWorkingDay(after: day)
        return Acceptance(day: next, instant: KazakhstanTime.instant(on: next, minute: hours.opensAtMinute), withinHours: false)
    }

    /// The due moment: the end of the provider's working day `n` working days after acceptance,
    /// or `m` minutes after counting starts.
    public func due(_ term: Term, from acceptance: Acceptance, hours: OfficeHours) -> Due {
        switch term {
        case .workingDays(let count):
            let date = calendar.adding(workingDays: count, to: acceptance.day)
            return Due(at: KazakhstanTime.instant(on: date, minute: hours.closesAtMinute), date: date)
        case .minutes(let minutes):
            let at = acceptance.instant.addingTimeInterval(TimeInterval(minutes * 60))
            return Due(at: at, date: KazakhstanTime.localDate(of: at))
        }
    }

    /// A term counted from an arbitrary instant (executor deadlines, interim replies).
    public func due(_ term: Term, after instant: Date, hours: OfficeHours) -> Due {
        due(term, from: acceptance(filedAt: instant, hours: hours), hours: hours)
    }
}
