import Foundation
import QyzmetDomain
import QyzmetRules
import Testing

@Suite("Due dates")
struct DueDateTests {
    let dueDates = DueDateCalculator(calendar: .kazakhstan)
    let hours = OfficeHours(weekdays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "18:00", source: "test")

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

    @Test("the State Corporation accepts on a Saturday; working days count from the next working day")
    func saturdayAtTheStateCorporation() {
        let sc = OfficeHours(weekdays: [1, 2, 3, 4, 5, 6], opensAt: "09:00", closesAt: "20:00", source: "test")
        let acceptance = dueDates.acceptance(filedAt: at("2026-11-28T11:00:00+05:00"), hours: sc)
        #expect(acceptance.day == LocalDate(iso: "2026-11-28") && acceptance.withinHours)
        #expect(acceptance.countFrom == LocalDate(iso: "2026-11-30"))
        #expect(dueDates.due(.workingDays(1), from: acceptance, hours: hours).date == LocalDate(iso: "2026-12-01"))
    }

    @Test("a filing in the lunch break counts from its end")
    func lunch() {
        let provider = OfficeHours(weekdays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "18:30", lunch: .init(from: "13:00", to: "14:30"), source: "test")
        let acceptance = dueDates.acceptance(filedAt: at("2026-11-23T13:40:00+05:00"), hours: provider)
        #expect(!acceptance.withinHours)
        #expect(KazakhstanTime.format(dueDates.due(.minutes(10), from: acceptance, hours: provider).at) == "2026-11-23T14:40:00+05:00")
    }

    @Test("calendar-day and month terms ending on a day off move to the next working day")
    func calendarTerms() {
        let acceptance = DueDateCalculator.Acceptance(day: LocalDate(iso: "2026-11-20")!, instant: at("2026-11-20T10:00:00+05:00"), withinHours: true)
        // 20 Nov + 8 days = Saturday 28 Nov: the term ends on Monday 30 Nov.
        #expect(dueDates.due(Term(8, .calendarDays), from: acceptance, hours: hours).date == LocalDate(iso: "2026-11-30"))
        #expect(dueDates.due(.calendarMonths(1), from: acceptance, hours: hours).date == LocalDate(iso: "2026-12-21"))
    }

    @Test("three working days before a term: the latest day for a hearing notice")
    func before() {
        let due = DueDateCalculator.Due(at: at("2026-12-04T18:00:00+05:00"), date: LocalDate(iso: "2026-12-04")!)
        #expect(dueDates.before(due, by: .workingDays(3), hours: hours).date == LocalDate(iso: "2026-12-01"))
    }
}

@Suite("Due dates on a region's wall clock")
struct RegionalDueDateTests {
    let hours = OfficeHours(weekdays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "18:00", source: "test")

    @Test("before 1 March 2024 Astana kept UTC+6: 17:30 there was after hours in Aktobe's terms, and a term ends at 18:00 local")
    func easternRegionsBeforeMarch2024() {
        let calculator = DueDateCalculator(calendar: .kazakhstan)
        // 12:30 UTC on Thursday 29 February 2024: 18:30 in Astana (closed), 17:30 in Aktobe (open).
        let instant = KazakhstanTime.parse("2024-02-29T12:30:00Z")!
        let astana = calculator.inRegion("Astana").acceptance(filedAt: instant, hours: hours)
        let aktobe = calculator.inRegion("Aktobe region").acceptance(filedAt: instant, hours: hours)
        #expect(astana.day == LocalDate(iso: "2024-03-01") && !astana.withinHours)
        #expect(aktobe.day == LocalDate(iso: "2024-02-29") && aktobe.withinHours)
        let due = calculator.inRegion("Astana").due(.workingDays(1), from: astana, hours: hours)
        #expect(due.date == LocalDate(iso: "2024-03-04"))
        // 18:00 on 4 March 2024 in Astana is UTC+5 by then: 13:00 UTC.
        #expect(due.at == KazakhstanTime.parse("2024-03-04T13:00:00Z")!)
    }
}
