import Foundation

/// Wall-clock time in Kazakhstan.
///
/// The whole country has kept UTC+5 since 1 March 2024, and the region-less functions use that
/// offset for every instant, past ones included. A fixed offset is used on purpose instead of
/// `TimeZone(identifier: "Asia/Almaty")`: older tzdata on a server still says UTC+6 for Almaty,
/// and a deadline must not move because a base image is stale.
///
/// Where the region matters for an instant before 1 March 2024 (the eastern regions kept UTC+6,
/// Kyzylorda until 21 December 2018), use the functions that take a `region`: they read the dated
/// rules in `calendar-kz.json` (`RegionalTime.kazakhstan`). A nil region means the national rule
/// (UTC+5) and so does a region the data does not know.
public enum KazakhstanTime {
    public static let utcOffsetSeconds = 5 * 3600

    public static func localDate(of instant: Date) -> LocalDate {
        LocalDate(dayNumber: floorDiv(localSeconds(instant, offset: utcOffsetSeconds), 86_400))
    }

    /// Minutes since local midnight.
    public static func minuteOfDay(of instant: Date) -> Int {
        floorMod(localSeconds(instant, offset: utcOffsetSeconds), 86_400) / 60
    }

    /// The instant of `minute` minutes after local midnight on `date`.
    public static func instant(on date: LocalDate, minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + minute * 60 - utcOffsetSeconds))
    }

    /// RFC 3339 with the +05:00 offset, whole seconds, as ops and citizens read it.
    public static func format(_ instant: Date) -> String {
        format(instant, utcOffsetSeconds: utcOffsetSeconds)
    }

    // MARK: By region and date

    /// The UTC offset of the clocks in `region` at `instant` (see `RegionalTime`).
    public static func utcOffsetSeconds(region: String?, at instant: Date) -> Int {
        RegionalTime.kazakhstan.utcOffsetSeconds(region: region, at: instant)
    }

    public static func localDate(of instant: Date, region: String?) -> LocalDate {
        LocalDate(dayNumber: floorDiv(localSeconds(instant, offset: utcOffsetSeconds(region: region, at: instant)), 86_400))
    }

    /// Minutes since local midnight in `region`.
    public static func minuteOfDay(of instant: Date, region: String?) -> Int {
        floorMod(localSeconds(instant, offset: utcOffsetSeconds(region: region, at: instant)), 86_400) / 60
    }

    /// The instant at which the clocks of `region` showed `minute` minutes after midnight of `date`.
    /// When the clocks were turned back, a wall-clock time read twice gives the earlier instant.
    public static func instant(on date: LocalDate, minute: Int = 0, region: String?) -> Date {
        RegionalTime.kazakhstan.instant(localSeconds: date.dayNumber * 86_400 + minute * 60, region: region)
    }

    /// RFC 3339 with the offset of `region` at that instant.
    public static func format(_ instant: Date, region: String?) -> String {
        format(instant, utcOffsetSeconds: utcOffsetSeconds(region: region, at: instant))
    }

    /// RFC 3339 at a given offset (`Z` for 0), whole seconds.
    public static func format(_ instant: Date, utcOffsetSeconds offset: Int) -> String {
        let seconds = localSeconds(instant, offset: offset)
        let date = LocalDate(dayNumber: floorDiv(seconds, 86_400))
        let s = floorMod(seconds, 86_400)
        let time = date.description + "T" + LocalDate.pad(s / 3600, 2) + ":" + LocalDate.pad(s / 60 % 60, 2) + ":" + LocalDate.pad(s % 60, 2)
        if offset == 0 { return time + "Z" }
        let magnitude = abs(offset) / 60
        return time + (offset < 0 ? "-" : "+") + LocalDate.pad(magnitude / 60, 2) + ":" + LocalDate.pad(magnitude % 60, 2)
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

    private static func localSeconds(_ instant: Date, offset: Int) -> Int {
        Int(floor(instant.timeIntervalSince1970)) + offset
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}

/// The dated time-zone rules of the regions (`timeZones` in `calendar-kz.json`).
///
/// Region names are those of `catalogue.json` (`"Astana"`, `"Almaty"`, `"Shymkent"` for the
/// cities of republican significance, `"<Name> region"` for the regions); `regionAliases` maps
/// other spellings. Matching ignores case and surrounding spaces.
public struct RegionalTime: Sendable {
    private struct Change: Sendable {
        let from: Int?
        let offset: Int
    }

    /// Changes per region (lower-cased name), in order of `from`, the start-of-data rule first.
    private let changes: [String: [Change]]
    private let aliases: [String: String]
    /// The regions the data knows, as written in the data.
    public let regions: [String]

    public init(_ data: CalendarData) {
        var byRegion: [String: [Change]] = [:]
        var names: [String] = []
        for rule in data.timeZones {
            for region in rule.regions {
                let key = RegionalTime.key(region)
                if byRegion[key] == nil { names.append(region) }
                byRegion[key, default: []].append(Change(from: rule.from.map { Int(floor($0.timeIntervalSince1970)) }, offset: rule.utcOffsetMinutes * 60))
            }
        }
        self.changes = byRegion.mapValues { list in
            list.sorted { ($0.from ?? Int.min) < ($1.from ?? Int.min) }
        }
        self.aliases = Dictionary(data.regionAliases.map { (RegionalTime.key($0.key), RegionalTime.key($0.value)) }, uniquingKeysWith: { a, _ in a })
        self.regions = names
    }

    /// The rules shipped with this build; a broken resource is a build defect, caught by tests.
    public static let kazakhstan: RegionalTime = {
        do { return RegionalTime(try CalendarData.bundled()) } catch {
            fatalError("calendar-kz.json is missing or malformed: \(error)")
        }
    }()

    public func isKnown(region: String) -> Bool { changes[resolve(region)] != nil }

    /// UTC offset in seconds of `region` at `instant`; the national rule (UTC+5) for a nil or
    /// unknown region.
    public func utcOffsetSeconds(region: String?, at instant: Date) -> Int {
        utcOffsetSeconds(region: region, atUnixSeconds: Int(floor(instant.timeIntervalSince1970)))
    }

    /// The instant at which the wall clock of `region` showed `localSeconds` (seconds since
    /// 1970-01-01T00:00 local). A time shown twice (clocks turned back) gives the earlier instant;
    /// a time never shown (clocks turned forward) is read with the offset in force before.
    public func instant(localSeconds: Int, region: String?) -> Date {
        guard let region, let list = changes[resolve(region)] else {
            return Date(timeIntervalSince1970: TimeInterval(localSeconds - KazakhstanTime.utcOffsetSeconds))
        }
        let offsets = Set(list.map(\.offset)).sorted(by: >)
        for offset in offsets where utcOffsetSeconds(region: region, atUnixSeconds: localSeconds - offset) == offset {
            return Date(timeIntervalSince1970: TimeInterval(localSeconds - offset))
        }
        let before = utcOffsetSeconds(region: region, atUnixSeconds: localSeconds - (offsets.first ?? KazakhstanTime.utcOffsetSeconds))
        return Date(timeIntervalSince1970: TimeInterval(localSeconds - before))
    }

    private func utcOffsetSeconds(region: String?, atUnixSeconds t: Int) -> Int {
        guard let region, let list = changes[resolve(region)], let first = list.first else { return KazakhstanTime.utcOffsetSeconds }
        var offset = first.offset
        for change in list {
            guard let from = change.from else { offset = change.offset; continue }
            if from <= t { offset = change.offset } else { break }
        }
        return offset
    }

    private func resolve(_ region: String) -> String {
        let key = RegionalTime.key(region)
        return changes[key] != nil ? key : (aliases[key] ?? key)
    }

    private static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
