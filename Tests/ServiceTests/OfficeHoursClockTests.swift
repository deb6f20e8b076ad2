import Foundation
import QyzmetDomain
import QyzmetLoad
import Testing

/// A test or demonstration stack must not start where its cases would wait for the end of the
/// lunch break or the next morning (a soak started in the lunch break sat idle until 14:00).
@Suite("Office hours clock")
struct OfficeHoursClockTests {
    func december(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 12, day: day)! }

    /// Tuesday 1 December 2026, a working day, at a local time.
    func tuesday(_ hour: Int, _ minute: Int) -> Date {
        KazakhstanTime.instant(on: december(1), minute: hour * 60 + minute)
    }

    /// Where the stack's clock stands, as "day hh:mm" local.
    func shifted(_ now: Date) -> String {
        let moved = now.addingTimeInterval(OfficeHoursClock.offset(now: now))
        let minute = KazakhstanTime.minuteOfDay(of: moved)
        return "\(KazakhstanTime.localDate(of: moved)) \(minute / 60):\(minute % 60)"
    }

    @Test("inside a morning or afternoon stretch the clock stays; before lunch, in it or late in the day it moves on")
    func windows() {
        #expect(OfficeHoursClock.offset(now: tuesday(10, 0)) == 0)
        #expect(OfficeHoursClock.offset(now: tuesday(15, 0)) == 0)
        #expect(shifted(tuesday(12, 30)) == "2026-12-01 14:40")
        #expect(shifted(tuesday(13, 30)) == "2026-12-01 14:40")
        #expect(shifted(tuesday(7, 0)) == "2026-12-01 9:30")
        #expect(shifted(tuesday(16, 30)) == "2026-12-02 9:30")
        // Saturday to Monday.
        #expect(shifted(KazakhstanTime.instant(on: december(5), minute: 11 * 60)) == "2026-12-07 9:30")
    }
}
