import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging
import QyzmetPopulation
import Testing

extension StackSuite {
    @Suite("Personal data off the wire, through real processes")
    struct PersonalDataTests {
        @Test("a demonstration load across the catalogue, officer paths included: no IIN or surname of the population in clear on any topic, in any header or in any log line")
        func nothingInClear() async throws {
            let stack = try await EmbeddedStack("personal-data")
            defer { stack.shutdown() }
            let soak = try SoakRun(embedded: stack)
            let plan = SoakRun.Plan(applications: 400, kills: 0, brokerRestarts: 0, gatewayDown: .zero, rate: 100, seed: 23)
            let report = try await soak.run(plan, index: StackSession.index, answerTimeout: .seconds(300))
            #expect(report.passed && report.terminal == 400, "\(report.text)")

            var messages: [ConsumedMessage] = []
            try await TopicDrain(bootstrapServers: stack.bootstrap, clientId: "personal-data-scan", topics: Topics.all, logger: stack.logger)
                .read(idle: 3) { messages += $0 }
            let scanner = PersonalDataScanner(population: SyntheticPopulation().prefix(EmbeddedStack.populationSize))
            var found: [String: Set<String>] = [:]
            for message in messages {
                let hits = scanner.find(in: message.value) + message.headers.flatMap { scanner.find(in: $0.1) } + scanner.find(in: message.key ?? Data())
                if !hits.isEmpty { found[message.topic, default: []].formUnion(hits) }
            }
            for service in EmbeddedStack.serviceNames {
                let hits = scanner.find(in: stack.log(service))
                if !hits.isEmpty { found["log of \(service)", default: []].formUnion(hits) }
            }
            let byTopic = Dictionary(grouping: messages, by: \.topic).mapValues(\.count)
            #expect(found.isEmpty, "in clear: \(found.mapValues { $0.sorted().prefix(5) })")
            #expect(byTopic[Topics.applications, default: 0] >= 400 && byTopic[Topics.cases, default: 0] > 100
                    && byTopic[Topics.gatewayRequests, default: 0] > 100 && byTopic[Topics.decisions, default: 0] > 100, "every topic was scanned: \(byTopic)")

            // The scanner does find them where they are: in an application opened with intake's key.
            let application = try #require(messages.first { $0.topic == Topics.applications })
            var envelope = try EnvelopeCodec.decode(value: application.value, headers: application.headers)
            try SealedData.open(&envelope, keys: try #require(try SealingKeyRing.load("intake", from: Paths.devKeys)))
            #expect(!scanner.find(in: envelope.data.canonicalData()).isEmpty)
        }
    }
}
