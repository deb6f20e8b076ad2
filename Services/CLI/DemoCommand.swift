import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
import QyzmetRules
import QyzmetLoad

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Submit a demonstration load through both channels and print what became of it.")

    @Option(help: "Applications to submit (both services, both channels).") var count = 240
    @Option(help: "Applications to submit twice (as the same event, and as a new event with the same content).") var duplicates = 10
    @Option(help: "Seconds to wait for every answer.") var timeout: Double = 180
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "demo")
        logger.logLevel = .warning
        let client = stack.client
        try await waitForServices(client)
        let now = Date()
        print("Preparing \(count) applications from the synthetic population…")
        let index = PopulationIndex(today: KazakhstanTime.localDate(of: now))
        let plan = DemoPlan(count: count, index: index, now: now).applications
        let watcher = try OutcomeWatcher(bootstrapServers: stack.bootstrap, sessionTimeoutMilliseconds: stack.sessionTimeoutMs, logger: logger)
        let watching = Task { await watcher.run() }
        defer { watcher.stop() }
        while !watcher.isAssigned { try await Task.sleep(for: .milliseconds(100)) }
        let publisher = try ApplicationPublisher(bootstrapServers: stack.bootstrap, logger: logger)
        let signer = try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys))
        let run = LoadRun(signer: signer, publisher: publisher,
                          watcher: watcher, officers: OfficerSimulation(client: client))
        // Apostille duties are paid through the payment gateway before the application is filed.
        let paid = try await client.payDuties(plan)
        if paid > 0 { print("Paid \(paid) apostille duties through the payment gateway before filing") }
        print("Submitting through the portal and State Corporation front offices; officers work the review worklist…")
        var lastReport = Date.distantPast
        let outcome = try await run.run(plan, duplicates: duplicates, timeout: timeout) { done, total in
            guard done == total || Date().timeIntervalSince(lastReport) >= 1 else { return }
            lastReport = Date()
            print("  \(done)/\(total) answered")
        }
        let catalogue = try CatalogueLoader.bundled()
        DemoReport(outcome: outcome, catalogue: catalogue).print(ports: stack.ports)
        try await complaintRound(outcome, catalogue: catalogue, watcher: watcher, client: client, signer: signer, publisher: publisher)
        await publisher.close()
        try await trainingRound(plan: plan, catalogue: catalogue, watcher: watcher, client: client, now: now)
        watcher.stop()
        await watching.value
        if !outcome.complete { throw ExitCode(1) }
    }

    /// Complaints against answered applications, worked by the officers and the reviewing bodies.
    func complaintRound(_ outcome: LoadRun.Outcome, catalogue: Catalogue, watcher: OutcomeWatcher, client: StackHTTPClient, signer: ChannelSigner,
                        publisher: ApplicationPublisher) async throws {
        let report = try await ComplaintRoundDemo(client: client, catalogue: catalogue, signer: signer, publisher: publisher).run(outcome, watcher: watcher)
        guard !report.filed.isEmpty else { return }
        print("\nComplaints (order 64 para 11, order 28 para 97): \(report.filed.count) filed on qyzmet.complaints.v1")
        for entry in report.filed {
            let reopened = report.reconsidered.contains(entry.appealed) ? "; the appealed case was decided again with a new result" : ""
            print("  \(entry.complaint) (to the \(entry.addressee)) about \(entry.appealed): \(report.answers[entry.complaint] ?? "no answer yet")\(reopened)")
        }
    }

    /// With the embedded stack's shared clock: moves it to the first referral round of the course
    /// the demonstration queued people for, and shows the proactive service at work.
    func trainingRound(plan: [PlannedApplication], catalogue: Catalogue, watcher: OutcomeWatcher, client: StackHTTPClient, now: Date) async throws {
        let queued = plan.filter { $0.application.service == "mod.training-queue" }
        guard let clockFile = ProcessInfo.processInfo.environment["QYZMET_CLOCK_OFFSET_FILE"], !queued.isEmpty,
              let (course, roundDay) = TrainingRoundDemo.course(in: catalogue, after: KazakhstanTime.localDate(of: now)) else { return }
        print("\nPaid training (order 357): \(queued.count) persons put on the queue for \(course.id) (\(course.speciality.en), starts \(course.start), \(course.places) places).")
        print("Moving the stack's clock to \(roundDay), 10:00, the first referral round (12 working days before the start)…")
        let report = try await TrainingRoundDemo(client: client, clockFile: clockFile, catalogue: catalogue).run(course: course, roundDay: roundDay, watcher: watcher)
        print("  referral cases opened in queue order: \(report.offered) (removed from the register, App 10: \(report.removed); no mobile on the portal, closed: \(report.closed))")
        print("  App 11 (payment of \(course.priceTenge ?? 0) tenge) by SMS and to the cabinet: \(report.askedToPay); paid through the payment gateway: \(report.paid); App 13 referrals: \(report.referred)")
        print("  the one left unpaid gets App 14 after 2 working days and the next in the queue is referred 6 working days before the start")
        print("  the stack's clock now stands at \(roundDay); GET localhost:8083/queues/paid-training shows the queue")
    }

    func waitForServices(_ client: StackHTTPClient) async throws {
        let deadline = Date().addingTimeInterval(120)
        for (name, url) in [("intake", client.intake), ("review", client.review), ("issuance", client.issuance)] {
            while !(await client.isReady(url)) {
                if Date() > deadline { throw ValidationError("\(name) at \(url) is not ready; is the stack running? (./compose/up.sh)") }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
