import QyzmetDomain

/// A period as the regulations state it: "5 (five) working days", "10 (ten) minutes",
/// "1 (one) month", "up to 30 working days".
public struct Term: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Unit: String, Codable, Sendable, CaseIterable {
        case workingDays = "working-days"
        case calendarDays = "calendar-days"
        case calendarMonths = "calendar-months"
        case hours
        case minutes
    }

    public var amount: Int
    public var unit: Unit
    /// "Up to": the regulation allows less, and an extension up to this term.
    public var upTo: Bool?

    public init(_ amount: Int, _ unit: Unit, upTo: Bool? = nil) {
        self.amount = amount
        self.unit = unit
        self.upTo = upTo
    }

    public static func workingDays(_ n: Int) -> Term { Term(n, .workingDays) }
    public static func minutes(_ n: Int) -> Term { Term(n, .minutes) }
    public static func calendarMonths(_ n: Int) -> Term { Term(n, .calendarMonths) }

    public var description: String {
        let name = amount == 1 ? String(unit.rawValue.replacingOccurrences(of: "days", with: "day").replacingOccurrences(of: "months", with: "month")
            .replacingOccurrences(of: "hours", with: "hour").replacingOccurrences(of: "minutes", with: "minute")) : unit.rawValue
        return "\(upTo == true ? "up to " : "")\(amount) \(name.replacingOccurrences(of: "-", with: " "))"
    }
}

/// A term that holds when its condition does; a list of them is read first match wins, and
/// the last must be unconditional.
public struct TermRule: Codable, Sendable {
    public var when: Condition?
    public var term: Term
    public var source: String

    public init(when: Condition? = nil, term: Term, source: String) {
        self.when = when
        self.term = term
        self.source = source
    }
}
