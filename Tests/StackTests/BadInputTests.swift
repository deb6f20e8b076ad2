import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging
import Testing

extension StackSuite {
    @Suite("Bad input: dead letters, refusal receipts, the docs examples, replay")
    struct BadInputTests {
        static let examples = Paths.packageRoot.appendingPathComponent("docs/examples")

        /// An example file, sent byte for byte as a producer would with kcat.
        func example(_ name: String) throws -> (id: String, message: OutgoingMessage) {
            let value = try Data(contentsOf: Self.examples.appendingPathComponent(name))
            let id = try #require(try JSONDecoder().decode(JSONValue.self, from: value)["applicationid"]?.stringValue)
            return (id, OutgoingMessage(topic: Topics.applications, key: Data(id.utf8), value: value,
                                        headers: [("content-type", Data(EnvelopeCodec.structuredContentType.utf8))]))
        }

        @Test("garbage and forgeries become dead letters; the docs examples work as they are; a fixed cause plus a replay recovers")
        func badInput() async throws {
            // Intake starts without the portal's key in its trust store.
            let keys = FileManager.default.temporaryDirectory.appendingPathComponent("qyzmet-keys-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: keys) }
            var trust = try TrustStore.load(from: Paths.devKeys.appendingPathComponent("trust.json"))
            trust.keys.removeAll { $0.purpose == "channel:portal" }
            try JSONEncoder().encode(trust).write(to: keys.appendingPathComponent("trust.json"))
            for file in ["intake-events.key", "intake-seal.key"] {
                try FileManager.default.copyItem(at: Paths.devKeys.appendingPathComponent(file), to: keys.appendingPathComponent(file))
            }

            // The examples were signed once, with fixed submission times: a window of a century
            // takes them as they are (the window itself: IntakeTests/submissionWindow, FuzzTests).
            let stack = try await EmbeddedStack("bad-input", overrides: ["intake": ["QYZMET_KEYS_DIR": keys.path, "QYZMET_SUBMISSION_MAX_AGE_HOURS": "876000"]])
            defer { stack.shutdown() }
            let session = try await StackSession(stack)

            let portal = try example("application-emigration-portal.json")
            let office = try example("application-emigration-front-office.json")
            let garbage = OutgoingMessage(topic: Topics.applications, key: Data("junk".utf8), value: Data("{\"hello\": ".utf8))
            try await session.publishRaw([portal.message, office.message, garbage])
            try await session.waitForAnswers([office.id])
            _ = try await eventually("two dead letters") { session.seen.deadLetters.count >= 2 ? true : nil }
            let codes = Set(session.seen.deadLetters.map(\.code))
            #expect(codes == ["signature.invalid", "envelope.not-json"])
            #expect(session.seen.receipts[portal.id] == nil)
            #expect(session.seen.receipts[office.id]?.first?.outcome == .accepted)

            // Ops add the portal's key, restart intake, and replay what was refused for it.
            try await stack.restart("intake", extra: ["QYZMET_KEYS_DIR": Paths.devKeys.path, "QYZMET_SUBMISSION_MAX_AGE_HOURS": "876000"])
            let tool = DeadLetterTool(bootstrapServers: stack.bootstrap, opsKeys: try #require(try SealingKeyRing.load(Topics.opsReader, from: Paths.devKeys)),
                                      logger: stack.logger)
            let letters = try await tool.read(idle: 2).filter { $0.header(DeadLetterHeader.code) == "signature.invalid" }
            #expect(letters.count == 1)
            // The letter keeps the application sealed for ops, not in clear; ops' key opens it to the bytes that came.
            let letter = try #require(letters.first)
            #expect(letter.header(DeadLetterHeader.sealed) == SealedData.algorithm && letter.value != portal.message.value)
            #expect(try tool.original(of: letter) == portal.message.value)
            #expect(throws: (any Error).self) { try DeadLetterTool(bootstrapServers: stack.bootstrap, logger: stack.logger).original(of: letter) }
            #expect(try await tool.replay(letters) == 1)

            let rest = try ["application-criminal-record-portal.json", "application-criminal-record-travel-abroad.json",
                            "application-criminal-record-third-party.json", "application-incomplete.json", "application-bad-signature.json"].map(example)
            try await session.publishRaw(rest.map(\.message))
            try await session.waitForAnswers([portal.id] + rest.dropLast().map(\.id))
            let seen = session.seen
            #expect(seen.receipts[portal.id]?.count == 1 && seen.receipts[portal.id]?.first?.outcome == .accepted)
            for accepted in rest.prefix(3) { #expect(seen.receipts[accepted.id]?.first?.outcome == .accepted) }
            #expect(seen.receipts[rest[3].id]?.first?.refusal?.code == "incomplete-package")
            _ = try await eventually("the forged example dead-lettered") {
                session.seen.deadLetters.contains { $0.applicationId == rest[4].id && $0.code == "signature.invalid" } ? true : nil
            }
            #expect(session.seen.receipts[rest[4].id] == nil)
            await session.close()
        }
    }
}
