import Foundation
import QyzmetDomain
import Testing

@Suite("Working-day calendar of Kazakhstan")
struct CalendarTests {
    let calendar = WorkingDayCalendar.kazakhstan

    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test("weekends and fixed holidays are days off", arguments: [
        "2026-11-21", "2026-11-22", "2026-01-01", "2026-01-02", "2026-01-07", "2026-03-09", "2026-03-23",
        "2026-05-01", "2026-05-07", "2026-07-06", "2026-10-26", "2026-12-16", "2026-05-27",
    ])
    func daysOff(_ iso: String) {
        #expect(!calendar.isWorkingDay(day(iso)))
    }

    @Test("ordinary weekdays are working days", arguments: ["2026-11-23", "2026-11-24", "2026-12-15", "2026-12-17", "2026-01-05", "2026-01-08"])
    func workingDays(_ iso: String) {
        #expect(calendar.isWorkingDay(day(iso)))
    }

    @Test("a holiday on a weekend gives the next working day off, Nauryz over a weekend gives two")
    func weekendHolidaysMove() {
        // 2025: 21-23 March fell on Fri-Sun; Monday 24 and Tuesday 25 were days off.
        #expect(calendar.dayOff(day("2025-03-24")) == .movedHoliday("Nauryz meiramy", from: day("2025-03-22")))
        #expect(calendar.dayOff(day("2025-03-25")) == .movedHoliday("Nauryz meiramy", from: day("2025-03-23")))
        #expect(calendar.isWorkingDay(day("2025-03-26")))
        // 2025: Constitution Day on Saturday 30 August, Monday 1 September off.
        #expect(!calendar.isWorkingDay(day("2025-09-01")))
        // 2022: 1-2 January on Saturday-Sunday, Monday 3 and Tuesday 4 off.
        #expect(!calendar.isWorkingDay(day("2022-01-03")))
        #expect(!calendar.isWorkingDay(day("2022-01-04")))
    }

    @Test("Orthodox Christmas and Kurban Ait do not move off a weekend")
    func religiousHolidaysDoNotMove() {
        // 7 January 2023 was a Saturday; Monday 9 January was a working day.
        #expect(calendar.isWorkingDay(day("2023-01-09")))
        // Kurban Ait 2022 fell on Saturday 9 July; Monday 11 July was a working day.
        #expect(calendar.isWorkingDay(day("2022-07-11")))
    }

    @Test("Republic Day is a holiday only from 2022")
    func republicDaySince2022() {
        #expect(calendar.isWorkingDay(day("2021-10-25")))
        #expect(!calendar.isWorkingDay(day("2023-10-25")))
    }

    @Test("government transfers: a weekday off, a Saturday worked")
    func transfers() {
        #expect(!calendar.isWorkingDay(day("2024-05-08")))
        #expect(calendar.isWorkingDay(day("2024-05-04")))
        #expect(!calendar.isWorkingDay(day("2025-01-03")))
        #expect(calendar.isWorkingDay(day("2025-01-05")))
    }

    @Test("transfers are data: a calendar built from other data follows it")
    func transfersAreData() {
        let data = CalendarData(
            fixedHolidays: [], datedHolidays: [],
            transfers: [.init(dayOff: day("2027-03-19"), workingDay: day("2027-03-13"), source: "test decree")]
        )
        let custom = WorkingDayCalendar(data)
        #expect(custom.dayOff(day("2027-03-19")) == .transfer(source: "test decree"))
        #expect(custom.isWorkingDay(day("2027-03-13")))
        #expect(custom.adding(workingDays: 1, to: day("2027-03-18")) == day("2027-03-22"))
    }

    @Test("adding working days skips the day of acceptance, weekends and holidays", arguments: [
        ("2026-11-23", 1, "2026-11-24"),
        ("2026-11-27", 1, "2026-11-30"),
        ("2026-12-15", 1, "2026-12-17"),
        ("2026-12-15", 5, "2026-12-23"),
        ("2026-03-20", 1, "2026-03-26"),
        ("2026-11-23", 20, "2026-12-22"),
        ("2026-12-31", 1, "2027-01-05"),
    ])
    func addingWorkingDays(_ from: String, _ count: Int, _ expected: String) {
        #expect(calendar.adding(workingDays: count, to: day(from)) == day(expected))
        #expect(calendar.workingDays(after: day(from), through: day(expected)) == count)
    }

    @Test("knows which years have their movable holidays")
    func coverage() {
        #expect(calendar.hasDatedHolidays(for: 2026))
        #expect(!calendar.hasDatedHolidays(for: 2031))
    }

    @Test("local dates are computed in UTC+5 regardless of the machine's zone")
    func kazakhstanTime() {
        let lateUTC = KazakhstanTime.parse("2026-11-23T20:30:00Z")!
        #expect(KazakhstanTime.localDate(of: lateUTC) == day("2026-11-24"))
        #expect(KazakhstanTime.minuteOfDay(of: lateUTC) == 90)
        #expect(KazakhstanTime.format(lateUTC) == "2026-11-24T01:30:00+05:00")
        #expect(KazakhstanTime.parse("2026-11-24T01:30:00.250+05:00")!.timeIntervalSince(lateUTC) == 0.25)
        #expect(KazakhstanTime.parse("2026-11-24 01:30") == nil)
    }
}

@Suite("Due dates")
struct DueDateTests {
    let dueDates = DueDateCalculator(calendar: .kazakhstan)
    let hours = OfficeHours(opensAt: "09:00", closesAt: "18:00")

    func at(_ text: String) -> Date { KazakhstanTime.parse(text)! }

    @Test("filed within hours: counting starts the next working day, due at close")
    func withinHours() {
        let acceptance = dueDates.acceptance(filedAt: at("2026-11-23T10:15:00+05:00"), hours: hours)
        #expect(acceptance.day == LocalDate(iso: "2026-11-23"))
        #expect(acceptance.withinHours)
        let due = dueDates.due(.workingDays(1), from: acceptance, hours: hours)
        #expect(due.date == LocalDate(iso: "2026-11-24"))
        #expect(KazakhstanTime.format(due.at) == "2026-11-24T18:00:00+05:00")
    }

    @Test("filed after hours, on a weekend or a holiday: accepted the next working day", arguments: [
        ("2026-11-27T19:30:00+05:00", "2026-11-30", "2026-12-01"),
        ("2026-11-28T11:00:00+05:00", "2026-11-30", "2026-12-01"),
        ("2026-12-16T11:00:00+05:00", "2026-12-17", "2026-12-18"),
        ("2026-12-31T18:00:00+05:00", "2027-01-05", "2027-01-06"),
    ])
    func outOfHours(_ filed: String, _ accepted: String, _ due: String) {
        let acceptance = dueDates.acceptance(filedAt: at(filed), hours: hours)
        #expect(acceptance.day == LocalDate(iso: accepted))
        #expect(!acceptance.withinHours)
        #expect(dueDates.due(.workingDays(1), from: acceptance, hours: hours).date == LocalDate(iso: due))
    }

    @Test("a ten-minute term runs from filing, or from opening when filed out of hours")
    func minuteTerms() {
        let inHours = dueDates.acceptance(filedAt: at("2026-11-23T10:15:00+05:00"), hours: hours)
        #expect(KazakhstanTime.format(dueDates.due(.minutes(10), from: inHours, hours: hours).at) == "2026-11-23T10:25:00+05:00")
        let saturday = dueDates.acceptance(filedAt: at("2026-11-28T23:00:00+05:00"), hours: hours)
        #expect(KazakhstanTime.format(dueDates.due(.minutes(10), from: saturday, hours: hours).at) == "2026-11-30T09:10:00+05:00")
        let early = dueDates.acceptance(filedAt: at("2026-11-23T07:00:00+05:00"), hours: hours)
        #expect(early.day == LocalDate(iso: "2026-11-23"))
        #expect(KazakhstanTime.format(early.instant) == "2026-11-23T09:00:00+05:00")
    }
}
