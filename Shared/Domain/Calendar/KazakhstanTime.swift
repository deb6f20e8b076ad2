import Foundation

/// Wall-clock time in Kazakhstan.
///
/// The whole country has kept UTC+5 since 1 March 2024. A fixed offset is used on purpose instead
/// of `TimeZone(identifier: "Asia/Almaty")`: older tzdata on a server still says UTC+6 for Almaty,
/// and a deadline must not move because a base image is stale.
public enum KazakhstanTime {
    public static let utcOffsetSeconds = 5 * 3600

    public static func localDate(of instant: Date) -> LocalDate {
        LocalDate(dayNumber: floorDiv(localSeconds(instant), 86_400))
    }

    /// Minutes since local midnight.
    public static func minuteOfDay(of instant: Date) -> Int {
        floorMod(localSeconds(instant), 86_400) / 60
    }

    /// The instant of `minute` minutes after local midnight on `date`.
    public static func instant(on date: LocalDate, minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + minute * 60 - utcOffsetSeconds))
    }

    /// RFC 3339 with the +05:00 offset, whole seconds, as ops and citizens read it.
    public static func format(_ instant: Date) -> String {
        let seconds = localSeconds(instant)
        let date = LocalDate(dayNumber: floorDiv(seconds, 86_400))
        let s = floorMod(seconds, 86_400)
        return date.description + "T" + LocalDate.pad(s / 3600, 2) + ":" + LocalDate.pad(s / 60 % 60, 2) + ":" + LocalDate.pad(s % 60, 2) + "+05:00"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var n = 0
            for i in from..<from + count {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              hour < 24, minute < 60, second < 61,
              let date = LocalDate(year: year, month: month, day: day) else { return nil }
        var index = 19
        var fraction = 0.0
        if index < b.count, b[index] == 46 {
            var scale = 0.1
            index += 1
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                fraction += Double(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        if b[index] == 90 || b[index] == 122 {
            index += 1
        } else if b[index] == 43 || b[index] == 45, b.count == index + 6, b[index + 3] == 58,
                  let oh = number(index + 1, 2), let om = number(index + 4, 2) {
            offset = (oh * 3600 + om * 60) * (b[index] == 43 ? 1 : -1)
            index += 6
        } else {
            return nil
        }
        guard index == b.count else { return nil }
        let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    private static func localSeconds(_ instant: Date) -> Int {
        Int(floor(instant.timeIntervalSince1970)) + utcOffsetSeconds
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}
