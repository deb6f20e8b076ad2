import Foundation

/// The holiday rules, the government's yearly transfers and the time zones of the regions, as data
/// (`Resources/calendar-kz.json`). Every entry says where it comes from; an entry that follows a
/// report rather than a published act is `provisional` and says why in its `note`.
public struct CalendarData: Codable, Sendable {
    public struct FixedHoliday: Codable, Sendable {
        public var month: Int
        public var day: Int
        public var name: String
        /// When the holiday falls on a Saturday or Sunday, the next working day is a day off
        /// (Law "On holidays", art. 5). Not so for 7 January and Kurban Ait (Labour Code art. 84 p. 5).
        public var movesOffWeekend: Bool
        /// First year the holiday is kept (nil: since before the data begins).
        public var sinceYear: Int?
        /// Last year the holiday is kept (nil: still kept).
        public var untilYear: Int?
        /// The change this rule records (its `sinceYear` or `untilYear`) is reported but not
        /// confirmed by a published act. For a rule with `sinceYear` the holiday itself is
        /// provisional in its years; for a rule with only `untilYear` its absence after that year is.
        public var provisional: Bool
        public var note: String?
        public var source: String?

        public init(month: Int, day: Int, name: String, movesOffWeekend: Bool, sinceYear: Int? = nil, untilYear: Int? = nil,
                    provisional: Bool = false, note: String? = nil, source: String? = nil) {
            self.month = month
            self.day = day
            self.name = name
            self.movesOffWeekend = movesOffWeekend
            self.sinceYear = sinceYear
            self.untilYear = untilYear
            self.provisional = provisional
            self.note = note
            self.source = source
        }

        public func isKept(in year: Int) -> Bool {
            if let since = sinceYear, year < since { return false }
            if let until = untilYear, year > until { return false }
            return true
        }

        /// True when `year` is on the unconfirmed side of a provisional change (see `provisional`).
        public func isProvisional(in year: Int) -> Bool {
            guard provisional else { return false }
            if sinceYear != nil { return isKept(in: year) }
            if let until = untilYear { return year > until }
            return true
        }

        enum CodingKeys: String, CodingKey {
            case month, day, name, movesOffWeekend, sinceYear, untilYear, provisional, note, source
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                month: try c.decode(Int.self, forKey: .month),
                day: try c.decode(Int.self, forKey: .day),
                name: try c.decode(String.self, forKey: .name),
                movesOffWeekend: try c.decode(Bool.self, forKey: .movesOffWeekend),
                sinceYear: try c.decodeIfPresent(Int.self, forKey: .sinceYear),
                untilYear: try c.decodeIfPresent(Int.self, forKey: .untilYear),
                provisional: try c.decodeIfPresent(Bool.self, forKey: .provisional) ?? false,
                note: try c.decodeIfPresent(String.self, forKey: .note),
                source: try c.decodeIfPresent(String.self, forKey: .source)
            )
        }
    }

    public struct DatedHoliday: Codable, Sendable {
        public var date: LocalDate
        public var name: String
        public var movesOffWeekend: Bool
        /// The date is announced but may still change (Kurban Ait depends on the new moon and is
        /// confirmed only weeks before).
        public var provisional: Bool
        public var note: String?
        public var source: String?

        public init(date: LocalDate, name: String, movesOffWeekend: Bool, provisional: Bool = false, note: String? = nil, source: String? = nil) {
            self.date = date
            self.name = name
            self.movesOffWeekend = movesOffWeekend
            self.provisional = provisional
            self.note = note
            self.source = source
        }

        enum CodingKeys: String, CodingKey {
            case date, name, movesOffWeekend, provisional, note, source
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                date: try c.decode(LocalDate.self, forKey: .date),
                name: try c.decode(String.self, forKey: .name),
                movesOffWeekend: try c.decode(Bool.self, forKey: .movesOffWeekend),
                provisional: try c.decodeIfPresent(Bool.self, forKey: .provisional) ?? false,
                note: try c.decodeIfPresent(String.self, forKey: .note),
                source: try c.decodeIfPresent(String.self, forKey: .source)
            )
        }
    }

    /// A government decree (since 2024 an order of the Minister of Labour) moving a day off:
    /// `dayOff` becomes a day of rest and `workingDay` (a Saturday or Sunday, or a weekday that a
    /// weekend holiday had made a day off) becomes a working day.
    public struct Transfer: Codable, Sendable {
        public var dayOff: LocalDate
        public var workingDay: LocalDate?
        public var source: String
        /// Drafted or reported, not yet confirmed as signed.
        public var provisional: Bool
        public var note: String?

        public init(dayOff: LocalDate, workingDay: LocalDate?, source: String, provisional: Bool = false, note: String? = nil) {
            self.dayOff = dayOff
            self.workingDay = workingDay
            self.source = source
            self.provisional = provisional
            self.note = note
        }

        enum CodingKeys: String, CodingKey {
            case dayOff, workingDay, source, provisional, note
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                dayOff: try c.decode(LocalDate.self, forKey: .dayOff),
                workingDay: try c.decodeIfPresent(LocalDate.self, forKey: .workingDay),
                source: try c.decode(String.self, forKey: .source),
                provisional: try c.decodeIfPresent(Bool.self, forKey: .provisional) ?? false,
                note: try c.decodeIfPresent(String.self, forKey: .note)
            )
        }
    }

    /// From `from` on, the clocks of `regions` show UTC + `utcOffsetMinutes`. A rule without
    /// `from` holds since the start of the data (the end of daylight saving time, 31 October 2004);
    /// earlier instants are not modelled and get the earliest rule.
    public struct TimeZoneRule: Codable, Sendable {
        public var regions: [String]
        /// The instant of the change, written as the local wall clock before it with its offset,
        /// e.g. `2024-03-01T00:00:00+06:00`.
        public var from: Date?
        public var utcOffsetMinutes: Int
        public var source: String
        public var provisional: Bool
        public var note: String?

        public init(regions: [String], from: Date?, utcOffsetMinutes: Int, source: String, provisional: Bool = false, note: String? = nil) {
            self.regions = regions
            self.from = from
            self.utcOffsetMinutes = utcOffsetMinutes
            self.source = source
            self.provisional = provisional
            self.note = note
        }

        enum CodingKeys: String, CodingKey {
            case regions, from, utcOffsetMinutes, source, provisional, note
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            var instant: Date?
            if let text = try c.decodeIfPresent(String.self, forKey: .from) {
                guard let parsed = KazakhstanTime.parse(text) else {
                    throw DecodingError.dataCorruptedError(forKey: .from, in: c, debugDescription: "not an RFC 3339 instant with offset: \(text)")
                }
                instant = parsed
            }
            self.init(
                regions: try c.decode([String].self, forKey: .regions),
                from: instant,
                utcOffsetMinutes: try c.decode(Int.self, forKey: .utcOffsetMinutes),
                source: try c.decode(String.self, forKey: .source),
                provisional: try c.decodeIfPresent(Bool.self, forKey: .provisional) ?? false,
                note: try c.decodeIfPresent(String.self, forKey: .note)
            )
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(regions, forKey: .regions)
            try c.encodeIfPresent(from.map { KazakhstanTime.format($0, utcOffsetSeconds: 0) }, forKey: .from)
            try c.encode(utcOffsetMinutes, forKey: .utcOffsetMinutes)
            try c.encode(source, forKey: .source)
            if provisional { try c.encode(provisional, forKey: .provisional) }
            try c.encodeIfPresent(note, forKey: .note)
        }
    }

    public var fixedHolidays: [FixedHoliday]
    /// Holidays whose date changes every year (the first day of Kurban Ait), one entry per year.
    public var datedHolidays: [DatedHoliday]
    public var transfers: [Transfer]
    /// Years whose transfers are checked complete against the published acts (a year may have
    /// none). A year missing here may still get a transfer the calendar does not know of.
    public var transfersConfirmedYears: [Int]
    public var timeZones: [TimeZoneRule]
    /// Other spellings of region names (lower-cased look-up), mapped to the names used in
    /// `timeZones` and in `catalogue.json`.
    public var regionAliases: [String: String]
    /// What the data covers and what it does not, for people reading the file.
    public var notes: [String]

    public init(fixedHolidays: [FixedHoliday], datedHolidays: [DatedHoliday], transfers: [Transfer],
                transfersConfirmedYears: [Int] = [], timeZones: [TimeZoneRule] = [], regionAliases: [String: String] = [:],
                notes: [String] = []) {
        self.fixedHolidays = fixedHolidays
        self.datedHolidays = datedHolidays
        self.transfers = transfers
        self.transfersConfirmedYears = transfersConfirmedYears
        self.timeZones = timeZones
        self.regionAliases = regionAliases
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case fixedHolidays, datedHolidays, transfers, transfersConfirmedYears, timeZones, regionAliases, notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            fixedHolidays: try c.decode([FixedHoliday].self, forKey: .fixedHolidays),
            datedHolidays: try c.decode([DatedHoliday].self, forKey: .datedHolidays),
            transfers: try c.decode([Transfer].self, forKey: .transfers),
            transfersConfirmedYears: try c.decodeIfPresent([Int].self, forKey: .transfersConfirmedYears) ?? [],
            timeZones: try c.decodeIfPresent([TimeZoneRule].self, forKey: .timeZones) ?? [],
            regionAliases: try c.decodeIfPresent([String: String].self, forKey: .regionAliases) ?? [:],
            notes: try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        )
    }

    public static func load(from url: URL) throws -> CalendarData {
        try JSONDecoder().decode(CalendarData.self, from: Data(contentsOf: url))
    }

    /// The calendar shipped with this build.
    public static func bundled() throws -> CalendarData {
        guard let url = Bundle.module.url(forResource: "calendar-kz", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try load(from: url)
    }
}
