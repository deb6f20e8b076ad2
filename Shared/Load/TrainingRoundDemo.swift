import Foundation
import QyzmetDomain
import QyzmetRules

/// The demonstration's second act: the stack's clock is moved to the first referral round of the
/// course the demonstration queued people for (12 working days before it starts); review opens
/// the proactive cases in queue order up to the course's places, the e-government payment
/// gateway receives the payment of all but one, and the referrals (App 13) come back.
public struct TrainingRoundDemo: Sendable {
    public static let referralService = "mod.training-referral"

    let client: StackHTTPClient
    /// The shared clock offset file of the embedded stack (`QYZMET_CLOCK_OFFSET_FILE`).
    let clockFile: String
    let catalogue: Catalogue

    public init(client: StackHTTPClient, clockFile: String, catalogue: Catalogue) {
        self.client = client
        self.clockFile = clockFile
        self.catalogue = catalogue
    }

    /// The course whose first round is at least a day away: the one the demonstration queues for.
    public static func course(in catalogue: Catalogue, after today: LocalDate) -> (course: TrainingCourse, firstRound: LocalDate)? {
        guard let trigger = catalogue.service(referralService, on: today)?.trigger, let round = trigger.rounds.first else { return nil }
        return catalogue.reference.trainingCourses.filter(\.isPaid).sorted { $0.start < $1.start }.lazy
            .map { ($0, round.firstDay(before: $0.start, calendar: .kazakhstan)) }
            .first { $0.1 > today }
    }

    public struct Report: Sendable {
        public var course: TrainingCourse
        public var roundDay: LocalDate
        public var offered: Int
        public var askedToPay: Int
        public var paid: Int
        public var referred: Int
        public var closed: Int
        public var removed: Int
    }

    struct Payment: Encodable { var applicationId: String; var amountTenge: Int }

    public func run(course: TrainingCourse, roundDay: LocalDate, watcher: OutcomeWatcher, timeout: TimeInterval = 60) async throws -> Report {
        // Ten in the morning of the round's day, Kazakhstan time, on every service's clock.
        let target = KazakhstanTime.instant(on: roundDay, minute: 10 * 60)
        try String(Int(target.timeIntervalSinceNow)).write(toFile: clockFile, atomically: true, encoding: .utf8)
        var report = Report(course: course, roundDay: roundDay, offered: 0, askedToPay: 0, paid: 0, referred: 0, closed: 0, removed: 0)
        let deadline = Date().addingTimeInterval(timeout)
        var paid: Set<String> = []
        while Date() < deadline {
            let offers = try await self.offers(course: course.id)
            report.offered = offers.count
            let results = watcher.seen.results
            let asked = offers.filter { results[$0]?.contains { $0.kind.rawValue == "payment-notice" } == true }
            report.askedToPay = asked.count
            // Everyone pays but the last one asked, who is left to the payment window.
            for id in asked.dropLast() where !paid.contains(id) {
                let (code, _) = try await client.post(client.identity, "payments", Payment(applicationId: id, amountTenge: course.priceTenge ?? 0))
                if code == 200 { paid.insert(id) }
            }
            report.paid = paid.count
            report.referred = offers.filter { results[$0]?.contains { $0.kind.rawValue == "referral" } == true }.count
            report.removed = offers.filter { results[$0]?.contains { $0.kind.rawValue == "removal-notice" } == true }.count
            report.closed = try await closedCount(course: course.id)
            if report.offered > 0, report.referred == paid.count, report.askedToPay + report.removed + report.closed == report.offered, !asked.isEmpty {
                return report
            }
            try await Task.sleep(for: .milliseconds(300))
        }
        return report
    }

    private func offers(course: String) async throws -> [String] {
        try await proactiveCases().filter { $0["course"]?.stringValue == course }.compactMap { $0["applicationId"]?.stringValue }
    }

    /// Cases that ended without a document (no mobile number registered): `closed` on the status desk.
    private func closedCount(course: String) async throws -> Int {
        var closed = 0
        for id in try await offers(course: course) where try await client.status(id)?["status"]?.stringValue == ApplicationStatus.closed.rawValue {
            closed += 1
        }
        return closed
    }

    private func proactiveCases() async throws -> [JSONValue] {
        let (_, body) = try await client.get(client.review, "proactive-cases")
        guard case .array(let cases)? = client.json(body) else { return [] }
        return cases
    }
}
