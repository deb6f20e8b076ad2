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

@Suite("Calendar data: dated corrections and sources")
struct CalendarCorrectionTests {
    let calendar = WorkingDayCalendar.kazakhstan

    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
    func at(_ text: String) -> Date { KazakhstanTime.parse(text)! }

    @Test("2022: decree No. 713 of 6 October 2021 moved Saturday 5 March to Monday 7 March and Saturday 27 August to Monday 29 August")
    func transfers2022() {
        guard case .transfer(let source) = calendar.dayOff(day("2022-03-07")) else {
            Issue.record("2022-03-07 should be a day off by transfer, got \(String(describing: calendar.dayOff(day("2022-03-07"))))")
            return
        }
        #expect(source.contains("713"))
        #expect(calendar.isWorkingDay(day("2022-03-05")))
        #expect(!calendar.isWorkingDay(day("2022-08-29")))
        #expect(calendar.isWorkingDay(day("2022-08-27")))
        // 8 March 2022 (Tuesday) stays a holiday: 5 to 8 March off after the Saturday worked.
        #expect(calendar.dayOff(day("2022-03-08")) == .holiday("International Women's Day"))
        #expect(calendar.adding(workingDays: 1, to: day("2022-03-04")) == day("2022-03-05"))
    }

    @Test("Kurban Ait 2024 was Sunday 16 June; Monday 17 June 2024 was a working day")
    func kurbanAit2024() {
        #expect(calendar.dayOff(day("2024-06-16")) == .holiday("Kurban Ait (first day)"))
        #expect(calendar.isWorkingDay(day("2024-06-17")))
        #expect(calendar.dayOff(day("2024-06-17")) == nil)
    }

    @Test("first day of Kurban Ait, 2021-2026", arguments: ["2021-07-20", "2022-07-09", "2023-06-28", "2024-06-16", "2025-06-06", "2026-05-27"])
    func kurbanAitDates(_ iso: String) {
        #expect(calendar.dayOff(day(iso)) == .holiday("Kurban Ait (first day)"))
    }

    @Test("transfers 2021-2025 as decreed and ordered")
    func transfers2021to2025() {
        for (off, worked) in [("2021-07-05", "2021-07-03"), ("2022-10-24", "2022-10-22"), ("2023-07-07", "2023-07-01"),
                              ("2024-05-08", "2024-05-04"), ("2025-01-03", "2025-01-05")] {
            #expect(!calendar.isWorkingDay(day(off)), "\(off) off")
            #expect(calendar.isWorkingDay(day(worked)), "\(worked) worked")
        }
        // 2020: 9 May on a Saturday gave Monday 11 May, which the decree moved to Friday 8 May.
        #expect(!calendar.isWorkingDay(day("2020-05-08")))
        #expect(calendar.isWorkingDay(day("2020-05-11")))
    }

    @Test("2026: 30 August is no longer Constitution Day, so Monday 31 August 2026 is a working day")
    func constitutionDayNotOn30August2026() {
        #expect(calendar.dayOff(day("2025-08-30")) == .holiday("Constitution Day"))
        #expect(calendar.dayOff(day("2026-08-30")) == .weekend)
        #expect(calendar.isWorkingDay(day("2026-08-31")))
        #expect(calendar.isWorkingDay(day("2027-08-30")))
    }

    @Test("15 March is Constitution Day from 2027: Monday 15 March 2027 is a holiday, 16 March 2026 is not")
    func constitutionDayOn15MarchFrom2027() {
        #expect(calendar.dayOff(day("2027-03-15")) == .holiday("Constitution Day"))
        #expect(calendar.isWorkingDay(day("2026-03-16")))
        // 15 March 2031 is a Saturday: Monday 17 March 2031 is given.
        #expect(calendar.dayOff(day("2031-03-17")) == .movedHoliday("Constitution Day", from: day("2031-03-15")))
    }

    @Test("fixed holidays by year: First President's Day 2012-2021, 17 December until 2021, 7 May from 2013")
    func fixedHolidayYears() {
        #expect(!calendar.isWorkingDay(day("2021-12-01")))
        #expect(calendar.isWorkingDay(day("2022-12-01")))
        #expect(!calendar.isWorkingDay(day("2021-12-17")))
        // 17 December 2022 was a Saturday and gave no Monday off.
        #expect(calendar.isWorkingDay(day("2022-12-19")))
        #expect(!calendar.isWorkingDay(day("2013-05-07")))
        #expect(calendar.isWorkingDay(day("2012-05-07")))
    }

    @Test("back to 2007: the transfers confirmed from the decrees (2009, 2013, 2014, 2016), Nauryz on one day until 2009, and unconfirmed years flagged")
    func historicalYears() {
        // Decree No. 1936 of 2009: Friday 18 December off, Sunday 20 December worked.
        #expect(!calendar.isWorkingDay(day("2009-12-18")) && calendar.isWorkingDay(day("2009-12-20")))
        // 2013: Friday 10 May off for Saturday 4 May; 2014: 3 January, 2 and 8 May off.
        #expect(!calendar.isWorkingDay(day("2013-05-10")) && calendar.isWorkingDay(day("2013-05-04")))
        #expect(!calendar.isWorkingDay(day("2014-01-03")) && !calendar.isWorkingDay(day("2014-05-02")) && !calendar.isWorkingDay(day("2014-05-08")))
        // 2016: Monday 7 March off for Saturday 5 March.
        #expect(!calendar.isWorkingDay(day("2016-03-07")) && calendar.isWorkingDay(day("2016-03-05")))
        // Nauryz was 22 March alone until 2009 (a Saturday in 2008: Monday 24th given), 21-23 March from 2010.
        #expect(!calendar.isWorkingDay(day("2008-03-24")) && calendar.isWorkingDay(day("2008-03-21")))
        #expect(!calendar.isWorkingDay(day("2010-03-23")))
        #expect(calendar.calendarWarnings(for: 2013).isEmpty)
        #expect(calendar.calendarWarnings(for: 2008).contains { $0.contains("not confirmed") })
        // Astana kept UTC+6 then.
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Astana", at: at("2008-03-21T06:00:00Z")) == 6 * 3600)
    }

    @Test("provisional days: Kurban Ait 2026 and the 2026-2027 Constitution Day change are flagged, 2024-2025 are not")
    func provisionalDays() {
        let days2026 = calendar.provisionalDays(in: 2026).map(\.date)
        #expect(days2026.contains(day("2026-05-27")))
        #expect(days2026.contains(day("2026-08-31")))
        #expect(calendar.isProvisional(day("2027-03-15")))
        #expect(calendar.provisionalDays(in: 2024).isEmpty)
        #expect(calendar.provisionalDays(in: 2025).isEmpty)
        #expect(calendar.calendarWarnings(for: 2025).isEmpty)
        #expect(calendar.calendarWarnings(for: 2026).contains { $0.contains("2026-05-27") })
    }

    @Test("warnings for 2028, a year without data: no Kurban Ait, transfers not confirmed")
    func warningsForYearWithoutData() {
        let warnings = calendar.calendarWarnings(for: 2028)
        #expect(!calendar.hasDatedHolidays(for: 2028))
        #expect(!calendar.hasConfirmedTransfers(for: 2028))
        #expect(warnings.contains { $0.contains("Kurban Ait") })
        #expect(warnings.contains { $0.contains("transfers") })
        #expect(warnings.allSatisfy { $0.hasPrefix("2028:") })
    }

    @Test("data from other sources: provisional flags are data too")
    func provisionalIsData() {
        let data = CalendarData(
            fixedHolidays: [],
            datedHolidays: [.init(date: day("2030-04-13"), name: "Kurban Ait (first day)", movesOffWeekend: false, provisional: true, note: "test")],
            transfers: [.init(dayOff: day("2030-04-12"), workingDay: day("2030-04-06"), source: "draft order", provisional: true)],
            transfersConfirmedYears: [2030]
        )
        let custom = WorkingDayCalendar(data)
        #expect(custom.provisionalDays(in: 2030).map(\.date) == [day("2030-04-06"), day("2030-04-12"), day("2030-04-13")])
        #expect(custom.calendarWarnings(for: 2030).count == 3)
    }

    @Test("time zones: on 2024-02-29 18:00 local is 12:00 UTC in Astana (UTC+6) and 13:00 UTC in Aktobe (UTC+5)")
    func regionalTimeBeforeMarch2024() {
        let day = day("2024-02-29")
        #expect(KazakhstanTime.instant(on: day, minute: 18 * 60, region: "Astana") == at("2024-02-29T12:00:00Z"))
        #expect(KazakhstanTime.instant(on: day, minute: 18 * 60, region: "Aktobe region") == at("2024-02-29T13:00:00Z"))
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Kostanay region", at: at("2024-02-29T12:00:00Z")) == 6 * 3600)
        #expect(KazakhstanTime.localDate(of: at("2024-02-29T18:30:00Z"), region: "Almaty") == self.day("2024-02-29"))
        #expect(KazakhstanTime.minuteOfDay(of: at("2024-02-29T17:30:00Z"), region: "Almaty") == 23 * 60 + 30)
        #expect(KazakhstanTime.format(at("2024-02-29T12:00:00Z"), region: "Astana") == "2024-02-29T18:00:00+06:00")
    }

    @Test("time zones: from 2024-03-01 00:00 local the whole country is UTC+5")
    func regionalTimeFromMarch2024() {
        let day = day("2024-03-01")
        #expect(KazakhstanTime.instant(on: day, minute: 18 * 60, region: "Astana") == at("2024-03-01T13:00:00Z"))
        #expect(KazakhstanTime.instant(on: day, minute: 18 * 60, region: "Aktobe region") == at("2024-03-01T13:00:00Z"))
        // The change: 23:59:59 +06 was followed by 23:00:00 +05 on 29 February.
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Astana", at: at("2024-02-29T17:59:59Z")) == 6 * 3600)
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Astana", at: at("2024-02-29T18:00:00Z")) == 5 * 3600)
        // 23:30 on 29 February was read twice in Astana; the earlier instant is taken.
        #expect(KazakhstanTime.instant(on: self.day("2024-02-29"), minute: 23 * 60 + 30, region: "Astana") == at("2024-02-29T17:30:00Z"))
        #expect(KazakhstanTime.instant(on: day, minute: 0, region: "Astana") == at("2024-02-29T19:00:00Z"))
    }

    @Test("time zones: Kyzylorda moved to UTC+5 on 2018-12-21; no region means UTC+5 at any date")
    func regionalTimeKyzylordaAndDefaults() {
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Kyzylorda region", at: at("2018-12-20T12:00:00Z")) == 6 * 3600)
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Kyzylorda region", at: at("2018-12-21T12:00:00Z")) == 5 * 3600)
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Kyzylorda region", at: at("2024-02-29T12:00:00Z")) == 5 * 3600)
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Mangystau region", at: at("2010-06-01T12:00:00Z")) == 5 * 3600)
        #expect(KazakhstanTime.utcOffsetSeconds(region: nil, at: at("2020-06-01T12:00:00Z")) == 5 * 3600)
        #expect(KazakhstanTime.utcOffsetSeconds(region: "Atlantis", at: at("2020-06-01T12:00:00Z")) == 5 * 3600)
        #expect(KazakhstanTime.utcOffsetSeconds(region: "nur-sultan", at: at("2020-06-01T12:00:00Z")) == 6 * 3600)
        #expect(KazakhstanTime.instant(on: LocalDate(iso: "2020-06-01")!, minute: 0) == at("2020-05-31T19:00:00Z"))
    }

    @Test("every dated entry names its source; provisional entries say why; the data round-trips through JSON")
    func dataIsSourced() throws {
        let data = try CalendarData.bundled()
        #expect(data.datedHolidays.allSatisfy { !($0.source ?? "").isEmpty })
        #expect(data.transfers.allSatisfy { !$0.source.isEmpty })
        #expect(data.timeZones.allSatisfy { !$0.source.isEmpty })
        #expect(data.fixedHolidays.filter(\.provisional).allSatisfy { !($0.note ?? "").isEmpty })
        #expect(data.datedHolidays.filter(\.provisional).allSatisfy { !($0.note ?? "").isEmpty })
        #expect(!data.transfersConfirmedYears.contains(2026))
        let again = try JSONDecoder().decode(CalendarData.self, from: JSONEncoder().encode(data))
        #expect(again.timeZones.map(\.from) == data.timeZones.map(\.from))
        #expect(again.fixedHolidays.map(\.provisional) == data.fixedHolidays.map(\.provisional))
        #expect(again.transfers.count == data.transfers.count)
    }

}

