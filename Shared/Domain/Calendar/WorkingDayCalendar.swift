/// Working days of Kazakhstan: Monday to Friday, less public holidays, less the next working day
/// after a holiday that fell on a weekend, adjusted by the government's yearly transfers.
public struct WorkingDayCalendar: Sendable {
    /// Why a day is not a working day.
    public enum DayOff: Equatable, Sendable {
        case weekend
        case holiday(String)
        case movedHoliday(String, from: LocalDate)
        case transfer(source: String)
    }

    /// A day whose status (working or not) follows data that is not confirmed yet.
    public struct ProvisionalDay: Equatable, Sendable, CustomStringConvertible {
        public let date: LocalDate
        /// What the calendar assumes, e.g. "Kurban Ait (first day)" or "Constitution Day is not a holiday".
        public let reason: String
        public let note: String?

        public var description: String {
            date.description + " " + reason + (note.map { " (" + $0 + ")" } ?? "")
        }
    }

    private let daysOff: [Int: DayOff]
    private let transferredWorkingDays: Set<Int>
    private let yearsWithDatedHolidays: Set<Int>
    private let transfersConfirmedYears: Set<Int>
    private let provisional: [Int: [ProvisionalDay]]
    /// The years the calendar was built for; outside them only weekends are days off.
    public let years: ClosedRange<Int>

    public init(_ data: CalendarData, years: ClosedRange<Int> = 1995...2100) {
        var off: [Int: DayOff] = [:]
        var working: Set<Int> = []
        var movedTo: [Int: LocalDate] = [:]
        let dated = Dictionary(grouping: data.datedHolidays, by: { $0.date.year })

        for year in years {
            var holidays: [(date: LocalDate, name: String, moves: Bool)] = []
            for rule in data.fixedHolidays where rule.isKept(in: year) {
                if let date = LocalDate(year: year, month: rule.month, day: rule.day) {
                    holidays.append((date, rule.name, rule.movesOffWeekend))
                }
            }
            for holiday in dated[year] ?? [] {
                holidays.append((holiday.date, holiday.name, holiday.movesOffWeekend))
            }
            holidays.sort { $0.date < $1.date }
            let holidayDays = Set(holidays.map(\.date.dayNumber))
            for holiday in holidays where off[holiday.date.dayNumber] == nil {
                off[holiday.date.dayNumber] = .holiday(holiday.name)
            }
            // Each weekend holiday gives the first following weekday that is neither a holiday nor
            // already given to an earlier one (21-23 March on Fri-Sun gives Monday and Tuesday).
            for holiday in holidays where holiday.moves && holiday.date.isWeekend {
                var candidate = holiday.date.adding(days: 1)
                while candidate.isWeekend || holidayDays.contains(candidate.dayNumber) || off[candidate.dayNumber] != nil {
                    candidate = candidate.adding(days: 1)
                }
                off[candidate.dayNumber] = .movedHoliday(holiday.name, from: holiday.date)
                movedTo[holiday.date.dayNumber] = candidate
            }
        }
        for transfer in data.transfers {
            off[transfer.dayOff.dayNumber] = .transfer(source: transfer.source)
        }
        // A transfer's working day wins over the weekend and over a day off given for a weekend
        // holiday (2020: 9 May on a Saturday gave Monday 11 May, moved by decree to Friday 8 May).
        for transfer in data.transfers {
            guard let workingDay = transfer.workingDay else { continue }
            working.insert(workingDay.dayNumber)
            if case .movedHoliday = off[workingDay.dayNumber] { off[workingDay.dayNumber] = nil }
        }

        var provisional: [Int: [ProvisionalDay]] = [:]
        func mark(_ date: LocalDate, _ reason: String, _ note: String?) {
            provisional[date.year, default: []].append(ProvisionalDay(date: date, reason: reason, note: note))
        }
        for year in years {
            for rule in data.fixedHolidays where rule.isProvisional(in: year) {
                guard let date = LocalDate(year: year, month: rule.month, day: rule.day) else { continue }
                if rule.isKept(in: year) {
                    mark(date, rule.name + " is a holiday", rule.note)
                    if let moved = movedTo[date.dayNumber] { mark(moved, "day off for " + rule.name + " on " + date.description, rule.note) }
                } else {
                    mark(date, rule.name + " is not a holiday", rule.note)
                    if rule.movesOffWeekend && date.isWeekend {
                        // The weekday the old rule would have given off, now counted as working.
                        var candidate = date.adding(days: 1)
                        while candidate.isWeekend || off[candidate.dayNumber] != nil { candidate = candidate.adding(days: 1) }
                        mark(candidate, "working day (no day off for " + rule.name + " on " + date.description + ")", rule.note)
                    }
                }
            }
        }
        for holiday in data.datedHolidays where holiday.provisional {
            mark(holiday.date, holiday.name, holiday.note)
            if let moved = movedTo[holiday.date.dayNumber] { mark(moved, "day off for " + holiday.name + " on " + holiday.date.description, holiday.note) }
        }
        for transfer in data.transfers where transfer.provisional {
            mark(transfer.dayOff, "day off by transfer (" + transfer.source + ")", transfer.note)
            if let workingDay = transfer.workingDay {
                mark(workingDay, "working day by transfer (" + transfer.source + ")", transfer.note)
            }
        }

        self.daysOff = off
        self.transferredWorkingDays = working
        self.yearsWithDatedHolidays = Set(dated.keys)
        self.transfersConfirmedYears = Set(data.transfersConfirmedYears)
        self.provisional = provisional.mapValues { $0.sorted { $0.date < $1.date } }
        self.years = years
    }

    /// The calendar bundled with this build; a broken resource is a build defect, caught by tests.
    public static let kazakhstan: WorkingDayCalendar = {
        do { return WorkingDayCalendar(try CalendarData.bundled()) } catch {
            fatalError("calendar-kz.json is missing or malformed: \(error)")
        }
    }()

    /// Nil for a working day, otherwise the reason it is not one.
    public func dayOff(_ date: LocalDate) -> DayOff? {
        if let reason = daysOff[date.dayNumber] { return reason }
        if transferredWorkingDays.contains(date.dayNumber) { return nil }
        return date.isWeekend ? .weekend : nil
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool { dayOff(date) == nil }

    /// True when the movable holidays (Kurban Ait) of `year` are known; deadlines in a year
    /// without them may land on a day off, so services warn about it at start.
    public func hasDatedHolidays(for year: Int) -> Bool { yearsWithDatedHolidays.contains(year) }

    /// True when the transfers of `year` are checked complete (`transfersConfirmedYears`).
    public func hasConfirmedTransfers(for year: Int) -> Bool { transfersConfirmedYears.contains(year) }

    /// Days of `year` whose status follows provisional data, in date order.
    public func provisionalDays(in year: Int) -> [ProvisionalDay] { provisional[year] ?? [] }

    public func isProvisional(_ date: LocalDate) -> Bool {
        provisionalDays(in: date.year).contains { $0.date == date }
    }

    /// What a service should log at start about `year`: a missing Kurban Ait date, transfers not
    /// confirmed, and each provisional day. Empty when the year is fully confirmed.
    public func calendarWarnings(for year: Int) -> [String] {
        var warnings: [String] = []
        let y = String(year)
        if !years.contains(year) {
            warnings.append("\(y): outside the years the working-day calendar covers (\(years.lowerBound)-\(years.upperBound)); only weekends are days off")
        }
        if !hasDatedHolidays(for: year) {
            warnings.append("\(y): no Kurban Ait date in calendar-kz.json; its first day is counted as a working day")
        }
        if !hasConfirmedTransfers(for: year) {
            warnings.append("\(y): transfers of days off are not confirmed in calendar-kz.json; a government or ministry transfer may be missing")
        }
        for day in provisionalDays(in: year) {
            warnings.append("\(y): provisional: " + day.description)
        }
        return warnings
    }

    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var candidate = date.adding(days: 1)
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        isWorkingDay(date) ? date : nextWorkingDay(after: date)
    }

    /// The `count`-th working day after `start`; `start` itself is not counted, as the
    /// regulations say of the day of acceptance.
    public func adding(workingDays count: Int, to start: LocalDate) -> LocalDate {
        precondition(count >= 0)
        var date = start
        for _ in 0..<count { date = nextWorkingDay(after: date) }
        return date
    }

    /// Working days in (start, end].
    public func workingDays(after start: LocalDate, through end: LocalDate) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var date = start.adding(days: 1)
        while date <= end {
            if isWorkingDay(date) { count += 1 }
            date = date.adding(days: 1)
        }
        return count
    }
}
