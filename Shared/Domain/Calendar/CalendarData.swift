import Foundation

/// The holiday rules and the government's yearly transfers, as data (`Resources/calendar-kz.json`).
public struct CalendarData: Codable, Sendable {
    public struct FixedHoliday: Codable, Sendable {
        public var month: Int
        public var day: Int
        public var name: String
        /// When the holiday falls on a Saturday or Sunday, the next working day is a day off
        /// (Labour Code art. 85). Not so for 7 January and Kurban Ait.
        public var movesOffWeekend: Bool
        public var sinceYear: Int?
        public var untilYear: Int?

        public init(month: Int, day: Int, name: String, movesOffWeekend: Bool, sinceYear: Int? = nil, untilYear: Int? = nil) {
            self.month = month
            self.day = day
            self.name = name
            self.movesOffWeekend = movesOffWeekend
            self.sinceYear = sinceYear
            self.untilYear = untilYear
        }
    }

    public struct DatedHoliday: Codable, Sendable {
        public var date: LocalDate
        public var name: String
        public var movesOffWeekend: Bool

        public init(date: LocalDate, name: String, movesOffWeekend: Bool) {
            self.date = date
            self.name = name
            self.movesOffWeekend = movesOffWeekend
        }
    }

    /// A government decree moving a day off: `dayOff` becomes a day of rest and `workingDay`
    /// (usually a Saturday) becomes a working day.
    public struct Transfer: Codable, Sendable {
        public var dayOff: LocalDate
        public var workingDay: LocalDate?
        public var source: String

        public init(dayOff: LocalDate, workingDay: LocalDate?, source: String) {
            self.dayOff = dayOff
            self.workingDay = workingDay
            self.source = source
        }
    }

    public var fixedHolidays: [FixedHoliday]
    /// Holidays whose date changes every year (the first day of Kurban Ait), one entry per year.
    public var datedHolidays: [DatedHoliday]
    public var transfers: [Transfer]

    public init(fixedHolidays: [FixedHoliday], datedHolidays: [DatedHoliday], transfers: [Transfer]) {
        self.fixedHolidays = fixedHolidays
        self.datedHolidays = datedHolidays
        self.transfers = transfers
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
