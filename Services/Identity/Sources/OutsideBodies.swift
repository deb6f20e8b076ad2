import Foundation
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Bodies outside the e-government databases that answer requests on paper: Kazakh state bodies
/// and the archives of former USSR states (order 555 para 92, L215-217). The simulation answers
/// each after its own delay in working days, set by `QYZMET_OUTSIDE_BODY_DAYS`
/// (`kz-bodies=10,foreign-archive=40` by default, inside the 30 and 90 working days the text
/// allows them).
struct OutsideBodies: Sendable {
    private var delays: [String: Int]

    /// The archives' working hours: an answer arrives in the morning of its day.
    static let officeHours = OfficeHours(weekdays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "18:00", source: "Qyzmet's simulation")

    init(environment: ServiceEnvironment) throws {
        let spec = environment.raw["QYZMET_OUTSIDE_BODY_DAYS"] ?? "kz-bodies=10,foreign-archive=40"
        var delays: [String: Int] = [:]
        for pair in spec.split(separator: ",") {
            let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let days = Int(parts[1]), days >= 0 else {
                throw PoisonMessage("config", "QYZMET_OUTSIDE_BODY_DAYS: expected body=days[,body=days], got \(spec)")
            }
            delays[parts[0]] = days
        }
        self.delays = delays
    }

    var known: [String] { delays.keys.sorted() }

    func delay(for body: String) -> Term? { delays[body].map { .workingDays($0) } }
}
