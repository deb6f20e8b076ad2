import Foundation
import QyzmetDomain
import QyzmetRules

/// The demonstration's complaints, filed once the load is answered: against a refused case and
/// against an issued certificate (with the provider, which forwards them to the reviewing body
/// that upholds or rejects each), and one about the State Corporation's staff. The officers work
/// them as they work every case; an upheld complaint reopens its case, decided again.
public struct ComplaintRoundDemo: Sendable {
    public struct Report: Sendable {
        public var filed: [(complaint: String, appealed: String, addressee: String)] = []
        public var answers: [String: String] = [:]
        public var reconsidered: [String] = []
    }

    let catalogue: Catalogue
    let signer: ChannelSigner
    let publisher: ApplicationPublisher
    let officers: OfficerSimulation

    public init(client: StackHTTPClient, catalogue: Catalogue, signer: ChannelSigner, publisher: ApplicationPublisher) {
        self.catalogue = catalogue
        self.signer = signer
        self.publisher = publisher
        officers = OfficerSimulation(client: client)
    }

    /// The complaint procedure of the act an application's service belongs to, as intake's
    /// appeal check requires (`Appeals`): the service of that act with a `complaint` block.
    func procedure(for service: String) -> String? {
        guard let act = catalogue.latest(service)?.version.act else { return nil }
        return catalogue.serviceCodes.first { code in
            catalogue.latest(code).map { $0.complaint != nil && $0.version.act == act } ?? false
        }
    }

    public func run(_ outcome: LoadRun.Outcome, watcher: OutcomeWatcher, timeout: TimeInterval = 60) async throws -> Report {
        let seen = outcome.seen
        let portal = outcome.plan.filter { $0.application.channel == .portal && procedure(for: $0.application.service) != nil }
        let refused = portal.first { seen.outcome($0.application.applicationId) == .refusal }
        let certified = portal.filter { seen.outcome($0.application.applicationId) == .certificate && $0.application.service == "gp.criminal-record-certificate" }
        var picks: [(PlannedApplication, String)] = []
        if let refused { picks.append((refused, "provider")) }
        if let first = certified.first { picks.append((first, "provider")) }
        if certified.count > 1 { picks.append((certified[1], "state-corporation")) }
        var report = Report()
        var complaints: [ApplicationSubmission] = []
        for (planned, addressee) in picks {
            let appealed = planned.application
            guard let procedure = procedure(for: appealed.service) else { continue }
            let complaint = ApplicationSubmission(
                applicationId: ApplicationFactory.newApplicationId(), service: procedure, scenario: addressee, channel: .portal, submittedAt: Date(),
                applicant: appealed.applicant, delivery: Delivery(method: .personalCabinet),
                form: ["appealedApplicationId": .string(appealed.applicationId),
                       "appealsAgainst": .string(addressee == "state-corporation" ? "state-corporation-staff" : "decision"),
                       "demands": .string(addressee == "state-corporation" ? "The operator kept me waiting past the 15 minutes the standard allows"
                                                                          : "Decide my application again on the facts")])
            complaints.append(complaint)
            report.filed.append((complaint.applicationId, appealed.applicationId, addressee))
        }
        guard !complaints.isEmpty else { return report }
        try await publisher.publish(try complaints.map { try signer.envelope(for: $0, complaint: true) })
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            _ = try? await officers.workOnce()
            let now = watcher.seen
            if complaints.allSatisfy({ now.isAnswered($0.applicationId) }) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let final = watcher.seen
        for entry in report.filed {
            if let receipt = final.receipts[entry.complaint]?.first, receipt.outcome == .refused {
                report.answers[entry.complaint] = "refused to accept (\(receipt.refusal?.code ?? "?"))"
            } else if let answer = final.results[entry.complaint]?.first {
                report.answers[entry.complaint] = answer.form
            }
        }
        // An upheld complaint against the provider reopens its case: wait for the second result.
        let upheld = report.filed.filter { $0.addressee != "state-corporation" && report.answers[$0.complaint] == "complaint-upheld" }.count
        let settle = Date().addingTimeInterval(20)
        while Date() < settle {
            _ = try? await officers.workOnce()
            let now = watcher.seen
            report.reconsidered = report.filed.filter { (now.results[$0.appealed]?.filter { $0.notice != true && $0.kind != .collectionNotice }.count ?? 0) >= 2 }.map(\.appealed)
            if report.reconsidered.count >= upheld { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        return report
    }
}
