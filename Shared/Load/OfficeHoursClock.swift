import Foundation
import QyzmetDomain

/// Where a demonstration or test stack's clock should stand so that it runs in the providers'
/// working hours: the regulations accept an application filed after hours the next working day
/// and decide nothing before then, so a stack started at night would sit idle until morning.
public enum OfficeHoursClock {
    /// Seconds to add to the real clock: 0 during a working day's 09:05–17:00 in Kazakhstan,
    /// else the time until 09:30 of the next working day.
    public static func offset(now: Date = Date(), calendar: WorkingDayCalendar = .kazakhstan) -> TimeInterval {
        let day = KazakhstanTime.localDate(of: now)
        let minute = KazakhstanTime.minuteOfDay(of: now)
        if calendar.isWorkingDay(day) && minute >= 9 * 60 + 5 && minute < 17 * 60 { return 0 }
        let target = minute < 9 * 60 + 5 ? calendar.workingDay(onOrAfter: day) : calendar.nextWorkingDay(after: day)
        return KazakhstanTime.instant(on: target, minute: 9 * 60 + 30).timeIntervalSince(now).rounded()
    }
}
