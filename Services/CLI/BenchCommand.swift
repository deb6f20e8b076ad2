import ArgumentParser
import Foundation
import Logging
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput, latency and memory against a running stack (compose/bench.sh runs it on a release build).",
        discussion: "Baseline: a bare Kafka relay (consume, produce, no storage) on the same broker. Then the whole pipeline with criminal-record applications, decided automatically: a burst for throughput and a steady rate for latency."
    )

    @Option(help: "Applications in the burst.") var count = 2000
    @Option(help: "Applications per second in the steady run.") var rate = 50.0
    @Option(help: "Seconds of the steady run.") var seconds = 20.0
    @Option(help: "Directory with the services' pid files, for memory and CPU.") var pids = ".run/pids"
    @OptionGroup var stack: StackOptions

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let processes = ServiceProcesses(pidDirectory: pids)
        print("Qyzmet benchmark on \(ProcessInfo.processInfo.activeProcessorCount) cores, librdkafka \(Librdkafka.version), broker \(stack.bootstrap)\n")

        let relay = try await BareRelay(bootstrap: stack.bootstrap, logger: logger).run(count: count)
        print("Bare Kafka relay (one hop: consume, produce; no storage, no signatures):")
        print("  \(count) messages: \(String(format: "%.0f", relay.throughput)) msg/s; hop latency \(relay.latency)\n")

        let index = PopulationIndex(today: KazakhstanTime.localDate(of: Date()))
        var dealer = index.dealer()
        let factory = ApplicationFactory()
        let cpuBefore = processes.cpuSeconds()
        let burstPlan = (0..<count).map { i in
            PlannedApplication(application: factory.criminalRecord(for: dealer.next(.criminalClear), channel: i % 2 == 0 ? .portal : .stateCorporation,
                                                                   purpose: "general", branchId: "ALA-01", submittedAt: Date()), expectation: .certificate)
        }
        let watcher = try OutcomeWatcher(bootstrapServers: stack.bootstrap, sessionTimeoutMilliseconds: stack.sessionTimeoutMs, logger: logger)
        let watching = Task { await watcher.run() }
        while !watcher.isAssigned { try await Task.sleep(for: .milliseconds(50)) }
        let publisher = try ApplicationPublisher(bootstrapServers: stack.bootstrap, logger: logger)
        // Warm the producer (connection, producer id) outside the measurement.
        try await publisher.publish([try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys)).envelope(for: burstPlan[0].application)])
        let runner = LoadRun(signer: try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys)), publisher: publisher, watcher: watcher, officers: nil)
        let burst = try await runner.run(Array(burstPlan.dropFirst()), timeout: 600)
        let cpuAfter = processes.cpuSeconds()
        let results = Double(burst.plan.count) / burst.duration
        print("Pipeline, burst of \(burst.plan.count) applications through intake, identity (x2), review and issuance (7 hops, 2 signatures checked, 1 signed result):")
        print("  \(String(format: "%.0f", results)) results/s; all answered: \(burst.complete); \(String(format: "%.1f", burst.duration)) s")
        print("  submission → receipt \(latencies(burst, \.receiptSeenAt)); → result \(latencies(burst, \.resultSeenAt))")
        print("  service CPU during the burst: " + cpuAfter.keys.sorted().map { "\($0) \(String(format: "%.1f", (cpuAfter[$0] ?? 0) - (cpuBefore[$0] ?? 0))) s" }.joined(separator: ", "))

        var steady: [PlannedApplication] = []
        let total = Int(rate * seconds)
        let signer = try ChannelSigner(keysDirectory: URL(fileURLWithPath: stack.keys))
        var sentAt: [String: Date] = [:]
        let start = Date()
        for i in 0..<total {
            let application = factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "ALA-01", submittedAt: Date())
            steady.append(PlannedApplication(application: application, expectation: .certificate))
            let due = start.addingTimeInterval(Double(i) / rate)
            if due > Date() { try await Task.sleep(for: .milliseconds(Int(due.timeIntervalSinceNow * 1000))) }
            try await publisher.publish([try signer.envelope(for: application)])
            sentAt[application.applicationId] = Date()
        }
        _ = try? await waitUntil(deadline: Date().addingTimeInterval(120)) { steady.allSatisfy { watcher.seen.resultSeenAt[$0.application.applicationId] != nil } }
        let steadyOutcome = LoadRun.Outcome(plan: steady, seen: watcher.seen, sentAt: sentAt, started: start, finished: Date(), complete: true, duplicatesSent: 0)
        print("\nPipeline, steady \(String(format: "%.0f", rate)) applications/s for \(String(format: "%.0f", seconds)) s:")
        print("  submission → receipt \(latencies(steadyOutcome, \.receiptSeenAt)); → result \(latencies(steadyOutcome, \.resultSeenAt))")
        print("\nMemory (peak resident set):")
        for (name, kilobytes) in processes.peakMemoryKilobytes().sorted(by: { $0.key < $1.key }) {
            print("  \(name.padding(toLength: 9, withPad: " ", startingAt: 0)) \(kilobytes / 1024) MiB")
        }
        watcher.stop()
        await watching.value
        await publisher.close()
    }

    func latencies(_ outcome: LoadRun.Outcome, _ path: KeyPath<OutcomeWatcher.Seen, [String: Date]>) -> String {
        let values = outcome.plan.compactMap { p -> Double? in
            let id = p.application.applicationId
            guard let sent = outcome.sentAt[id], let seen = outcome.seen[keyPath: path][id] else { return nil }
            return seen.timeIntervalSince(sent)
        }
        let p = Percentiles(values)
        return values.isEmpty ? "n/a" : String(format: "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms", p.at(0.5) * 1000, p.at(0.95) * 1000, p.at(0.99) * 1000)
    }

    func waitUntil(deadline: Date, _ condition: () -> Bool) async throws -> Bool {
        while !condition() {
            if Date() > deadline { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
        return true
    }
}

/// The limit: a consumer that forwards every message to another topic, without storage,
/// signatures or logic; one hop of what each Qyzmet service does.
struct BareRelay {
    let bootstrap: String
    let logger: Logger

    struct Result {
        var throughput: Double
        var latency: String
    }

    func run(count: Int) async throws -> Result {
        let client = KafkaClientConfiguration(bootstrapServers: bootstrap, clientId: "bench-relay")
        let suffix = UUID().uuidString.prefix(6)
        let input = "bench.in.\(suffix)", output = "bench.out.\(suffix)"
        try await KafkaAdmin.createTopics([TopicSpecification(name: input, partitions: 3), TopicSpecification(name: output, partitions: 3)], client: client, logger: logger)
        func consumer(_ topic: String) throws -> KafkaConsumer {
            var configuration = KafkaConsumerConfiguration(client: client, groupId: "bench-\(topic)", topics: [topic])
            configuration.sessionTimeoutMilliseconds = 3000
            return try KafkaConsumer(configuration: configuration, logger: logger)
        }
        let relayIn = try consumer(input), sink = try consumer(output)
        let relayOut = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger)
        let source = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger)
        let relaying = Task {
            while !Task.isCancelled {
                let batch = await relayIn.poll(maxMessages: 500, timeout: .milliseconds(100))
                guard !batch.isEmpty else { continue }
                _ = await relayOut.send(batch.map { OutgoingMessage(topic: output, key: $0.key, value: $0.value, headers: $0.headers) })
                relayIn.commit(batch.nextOffsets())
            }
        }
        while relayIn.assignedPartitions.isEmpty || sink.assignedPartitions.isEmpty {
            _ = await sink.poll(maxMessages: 1, timeout: .milliseconds(50))
        }
        let payload = Data(repeating: UInt8(ascii: "x"), count: 3000)
        try await source.send(OutgoingMessage(topic: input, key: Data("warm".utf8), value: payload))
        var received: [String: Date] = [:]
        while received["warm"] == nil {
            for message in await sink.poll() { received[String(decoding: message.key ?? Data(), as: UTF8.self)] = Date() }
        }
        var sent: [String: Date] = [:]
        let started = Date()
        for chunk in stride(from: 0, to: count, by: 500) {
            let keys = (chunk..<min(count, chunk + 500)).map { "m\($0)" }
            _ = await source.send(keys.map { OutgoingMessage(topic: input, key: Data($0.utf8), value: payload) })
            let now = Date()
            for key in keys { sent[key] = now }
        }
        while received.count < count + 1 {
            for message in await sink.poll(maxMessages: 1000) { received[String(decoding: message.key ?? Data(), as: UTF8.self)] = Date() }
        }
        let duration = Date().timeIntervalSince(started)
        relaying.cancel()
        _ = await relaying.value
        await relayIn.close()
        await sink.close()
        await relayOut.shutdown()
        await source.shutdown()
        let values = sent.compactMap { key, at in received[key].map { $0.timeIntervalSince(at) } }
        let p = Percentiles(values)
        return Result(throughput: Double(count) / duration, latency: String(format: "p50 %.0f ms, p95 %.0f ms (burst)", p.at(0.5) * 1000, p.at(0.95) * 1000))
    }
}

/// The services' processes, read from /proc through their pid files.
struct ServiceProcesses {
    let pidDirectory: String

    var pids: [String: Int32] {
        var result: [String: Int32] = [:]
        for name in ["intake", "identity", "review", "issuance", "tansu"] {
            if let text = try? String(contentsOfFile: "\(pidDirectory)/\(name).pid", encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                result[name] = pid
            }
        }
        return result
    }

    /// User plus system CPU seconds so far.
    func cpuSeconds() -> [String: Double] {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return pids.compactMapValues { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
            return (user + system) / ticks
        }
    }

    func peakMemoryKilobytes() -> [String: Int] {
        pids.compactMapValues { pid in
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
    }
}
