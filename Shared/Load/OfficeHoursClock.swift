import Foundation
import QyzmetDomain

/// Where a demonstration or test stack's clock should stand so that it runs in the providers'
/// working hours: the regulations accept an application filed after hours or in the lunch break
/// at the provider's next working moment and decide nothing before then, so a stack started at
/// night, or an hour before lunch, would sit idle for a while with its cases deferred.
public enum OfficeHoursClock {
    /// The stretches of a working day a stack may start in: each leaves at least 45 minutes
    /// before the providers' lunch (13:00) or the end of the working day (17:00 for the earliest
    /// closing provider), more than any stack test or the short soak needs.
    static let windows: [(from: Int, until: Int)] = [(9 * 60 + 5, 12 * 60 + 15), (14 * 60 + 35, 16 * 60 + 15)]
    /// Where the clock goes otherwise: the next window's start, with a margin.
    static let starts = [9 * 60 + 30, 14 * 60 + 40]

    /// Seconds to add to the real clock: 0 inside a window of a working day in Kazakhstan,
    /// else the time until the next window starts.
    public static func offset(now: Date = Date(), calendar: WorkingDayCalendar = .kazakhstan) -> TimeInterval {
        let day = KazakhstanTime.localDate(of: now)
        let minute = KazakhstanTime.minuteOfDay(of: now)
        if calendar.isWorkingDay(day) {
            if windows.contains(where: { minute >= $0.from && minute < $0.until }) { return 0 }
            if let next = windows.indices.first(where: { minute < windows[$0].from }) {
                return KazakhstanTime.instant(on: day, minute: starts[next]).timeIntervalSince(now).rounded()
            }
        }
        let target = calendar.isWorkingDay(day) ? calendar.nextWorkingDay(after: day) : calendar.workingDay(onOrAfter: day)
        return KazakhstanTime.instant(on: target, minute: starts[0]).timeIntervalSince(now).rounded()
    }
}
