import Foundation
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Bodies outside the e-government databases that answer requests on paper: Kazakh state bodies
/// and the archives of former USSR states (order 555 para 92, L215-217). The simulation answers
/// each after its own delay, set by `QYZMET_OUTSIDE_BODY_DAYS`: working days
/// (`kz-bodies=10,foreign-archive=40`, the default, inside the 30 and 90 working days the text
/// allows them), or seconds with an `s` (`kz-bodies=20s`) so that a demonstration shows the
/// whole path without moving the clock.
struct OutsideBodies: Sendable {
    enum Delay: Sendable, Equatable {
        case workingDays(Int)
        case seconds(Int)
    }

    private var delays: [String: Delay]

    /// The archives' working hours: an answer arrives during them.
    static let officeHours = OfficeHours(weekdays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "18:00", source: "Qyzmet's simulation")

    /// Each body's delay unless the setting names it: the Kazakh bodies and former USSR archives
    /// inside the 30 and 90 working days order 555 allows them; the Committee's paper card
    /// indexes (the special-resettlement index searched for archival certificates, the index an
    /// apostilled document is checked against) within the 8 and 3 working days their services have.
    static let defaults: [String: Delay] = [
        "kz-bodies": .workingDays(10), "foreign-archive": .workingDays(40),
        "special-resettlement-card-index": .workingDays(3), "prosecution-card-index": .workingDays(1),
    ]

    init(environment: ServiceEnvironment) throws {
        let spec = environment.raw["QYZMET_OUTSIDE_BODY_DAYS"] ?? ""
        var delays = Self.defaults
        for pair in spec.split(separator: ",") where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw Self.invalid(spec) }
            if parts[1].hasSuffix("s"), let seconds = Int(parts[1].dropLast()), seconds >= 0 {
                delays[parts[0]] = .seconds(seconds)
            } else if let days = Int(parts[1]), days >= 0 {
                delays[parts[0]] = .workingDays(days)
            } else {
                throw Self.invalid(spec)
            }
        }
        self.delays = delays
    }

    private static func invalid(_ spec: String) -> PoisonMessage {
        PoisonMessage("config", "QYZMET_OUTSIDE_BODY_DAYS: expected body=working-days or body=<seconds>s, comma-separated; got \(spec)")
    }

    var known: [String] { delays.keys.sorted() }

    func isKnown(_ body: String) -> Bool { delays[body] != nil }

    /// When the body's answer goes out, for a request received at `now`.
    func answerAt(_ body: String, after now: Date, dueDates: DueDateCalculator) -> Date? {
        switch delays[body] {
        case .workingDays(let days)?: return days == 0 ? now : dueDates.due(.workingDays(days), after: now, hours: Self.officeHours).at
        case .seconds(let seconds)?: return now.addingTimeInterval(Double(seconds))
        case nil: return nil
        }
    }
}
