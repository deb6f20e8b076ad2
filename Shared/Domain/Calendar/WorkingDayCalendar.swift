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

    private let daysOff: [Int: DayOff]
    private let transferredWorkingDays: Set<Int>
    private let yearsWithDatedHolidays: Set<Int>

    public init(_ data: CalendarData, years: ClosedRange<Int> = 1995...2100) {
        var off: [Int: DayOff] = [:]
        var working: Set<Int> = []
        let dated = Dictionary(grouping: data.datedHolidays, by: { $0.date.year })

        for year in years {
            var holidays: [(date: LocalDate, name: String, moves: Bool)] = []
            for rule in data.fixedHolidays {
                if let since = rule.sinceYear, year < since { continue }
                if let until = rule.untilYear, year > until { continue }
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
            }
        }
        for transfer in data.transfers {
            off[transfer.dayOff.dayNumber] = .transfer(source: transfer.source)
            if let workingDay = transfer.workingDay { working.insert(workingDay.dayNumber) }
        }
        self.daysOff = off
        self.transferredWorkingDays = working
        self.yearsWithDatedHolidays = Set(dated.keys)
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
