import Foundation
import QyzmetDomain

/// Turns a filing instant and a term into the day of acceptance, the day counting starts from
/// and the due moment, in the regulations' own words: "the day of acceptance is not counted",
/// "applications after the end of the working day are accepted the next working day".
public struct DueDateCalculator: Sendable {
    public struct Acceptance: Equatable, Sendable {
        /// The day the front office or the provider accepted the application (on the receipt).
        public var day: LocalDate
        /// Working-day terms count the working days after this one. It is the day of acceptance,
        /// or the next working day when the State Corporation accepted on a Saturday.
        public var countFrom: LocalDate
        /// When minute and hour terms start: the filing instant, or opening time.
        public var instant: Date
        /// False when the filing came after hours, in the lunch break, on a day off or a holiday.
        public var withinHours: Bool

        public init(day: LocalDate, countFrom: LocalDate? = nil, instant: Date, withinHours: Bool) {
            self.day = day
            self.countFrom = countFrom ?? day
            self.instant = instant
            self.withinHours = withinHours
        }
    }

    public struct Due: Equatable, Sendable {
        public var at: Date
        public var date: LocalDate

        public init(at: Date, date: LocalDate) {
            self.at = at
            self.date = date
        }
    }

    public let calendar: WorkingDayCalendar
    /// The region whose wall clock counts (the eastern regions kept UTC+6 until 1 March 2024);
    /// nil: UTC+5, the whole country's time since then.
    public let region: String?

    public init(calendar: WorkingDayCalendar, region: String? = nil) {
        self.calendar = calendar
        self.region = region
    }

    /// The same calculator on the wall clock of `region`.
    public func inRegion(_ region: String?) -> DueDateCalculator { DueDateCalculator(calendar: calendar, region: region) }

    /// A day the office takes applications: one of its weekdays that is not a public holiday or
    /// a transferred day off (a Saturday is a working day for the State Corporation).
    public func isOpenDay(_ day: LocalDate, _ hours: OfficeHours) -> Bool {
        guard hours.weekdays.contains(day.isoWeekday) else { return false }
        switch calendar.dayOff(day) {
        case nil, .weekend?: return true
        default: return false
        }
    }

    /// The acceptance of an application filed at `filedAt` with an office keeping `hours`.
    public func acceptance(filedAt: Date, hours: OfficeHours) -> Acceptance {
        let day = KazakhstanTime.localDate(of: filedAt, region: region)
        let minute = KazakhstanTime.minuteOfDay(of: filedAt, region: region)
        if isOpenDay(day, hours), let open = hours.nextOpenMinute(from: minute) {
            let instant = max(filedAt, KazakhstanTime.instant(on: day, minute: open, region: region))
            return Acceptance(day: day, countFrom: calendar.workingDay(onOrAfter: day), instant: instant,
                              withinHours: hours.isOpen(weekday: day.isoWeekday, minute: minute))
        }
        var next = day.adding(days: 1)
        while !isOpenDay(next, hours) { next = next.adding(days: 1) }
        return Acceptance(day: next, countFrom: calendar.workingDay(onOrAfter: next),
                          instant: KazakhstanTime.instant(on: next, minute: hours.opensAtMinute, region: region), withinHours: false)
    }

    /// The due moment of `term` counted from an acceptance, ending at `hours`' closing time.
    public func due(_ term: Term, from acceptance: Acceptance, hours: OfficeHours) -> Due {
        switch term.unit {
        case .workingDays:
            return endOfDay(calendar.adding(workingDays: term.amount, to: acceptance.countFrom), hours)
        case .calendarDays:
            // A term whose last day is a day off ends on the next working day (Civil Code art. 173).
            return endOfDay(calendar.workingDay(onOrAfter: acceptance.countFrom.adding(days: term.amount)), hours)
        case .calendarMonths:
            return endOfDay(calendar.workingDay(onOrAfter: acceptance.countFrom.adding(months: term.amount)), hours)
        case .hours:
            return at(acceptance.instant.addingTimeInterval(TimeInterval(term.amount * 3600)))
        case .minutes:
            return at(acceptance.instant.addingTimeInterval(TimeInterval(term.amount * 60)))
        }
    }

    /// A term counted from an arbitrary instant (an executor's step from registration, a notice).
    public func due(_ term: Term, after instant: Date, hours: OfficeHours) -> Due {
        due(term, from: acceptance(filedAt: instant, hours: hours), hours: hours)
    }

    /// `term` before `due`: a notice at least 3 working days before the term ends, a result at the
    /// branch one day before it.
    public func before(_ due: Due, by term: Term, hours: OfficeHours) -> Due {
        switch term.unit {
        case .workingDays:
            var day = due.date
            for _ in 0..<term.amount { day = previousWorkingDay(before: day) }
            return endOfDay(day, hours)
        case .calendarDays:
            return endOfDay(due.date.adding(days: -term.amount), hours)
        case .calendarMonths:
            return endOfDay(due.date.adding(months: -term.amount), hours)
        case .hours:
            return at(due.at.addingTimeInterval(-TimeInterval(term.amount * 3600)))
        case .minutes:
            return at(due.at.addingTimeInterval(-TimeInterval(term.amount * 60)))
        }
    }

    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var day = date.adding(days: -1)
        while !calendar.isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    private func endOfDay(_ day: LocalDate, _ hours: OfficeHours) -> Due {
        Due(at: KazakhstanTime.instant(on: day, minute: hours.closesAtMinute, region: region), date: day)
    }

    private func at(_ instant: Date) -> Due { Due(at: instant, date: KazakhstanTime.localDate(of: instant, region: region)) }
}
