import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetMessaging
import Testing

/// Input past the documented limits: an oversized signed application is refused to accept with a
/// receipt and dead-lettered, a message past the transport limit is dead-lettered unparsed and
/// leaves no outbox stuck, duplicate JSON keys and invalid UTF-8 are rejected before any
/// signature check, and an unknown route answers with a JSON problem.
extension StackSuite {
    @Suite("Input limits, through real processes")
    struct InputLimitTests {
        @Test("too large, duplicate keys, invalid UTF-8, unknown routes: each answered, nothing stuck")
        func limits() async throws {
            // Intake's transport limit lowered to 256 KiB so that a message past it still fits the broker's 1 MB.
            let stack = try await EmbeddedStack("input-limits", overrides: ["intake": ["QYZMET_MAX_MESSAGE_BYTES": String(256 << 10)]])
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()

            // A signed application of 100 KB (a padded form field): the portal gets a refusal receipt.
            var big = session.factory.emigration(for: dealer.next(.reservist), channel: .portal, branchId: "AST-01", submittedAt: stack.now)
            big.form["lastWorkplace"] = .string(String(repeating: "x", count: 100_000))
            let bigEnvelope = try session.signer.envelope(for: big)
            // 300 KB on the wire: past the transport limit, not even parsed.
            var huge = session.factory.emigration(for: dealer.next(.reservist), channel: .portal, branchId: "AST-01", submittedAt: stack.now)
            huge.form["lastWorkplace"] = .string(String(repeating: "y", count: 300_000))
            let hugeEnvelope = try session.signer.envelope(for: huge)
            // The same valid application with a key repeated, and one with a broken UTF-8 byte (in
            // clear, as a channel that does not seal sends it: the parser refuses both before anything else).
            let plain = session.factory.emigration(for: dealer.next(.reservist), channel: .portal, branchId: "AST-01", submittedAt: stack.now)
            let text = String(decoding: EnvelopeCodec.encode(try session.signer.envelope(for: plain, sealed: false)), as: UTF8.self)
            try #require(text.contains("{\"application\":{") && text.contains(plain.applicant.lastName))
            let duplicated = Data(text.replacingOccurrences(of: "{\"application\":{", with: "{\"application\":{\"service\":\"x\",", options: [], range: text.range(of: "{\"application\":{")).utf8)
            var brokenBytes = Data(text.utf8)
            if let at = brokenBytes.firstRange(of: Data(plain.applicant.lastName.utf8)) { brokenBytes[at.lowerBound] = 0xFF }
            func message(_ id: String, _ value: Data, _ headers: [(String, Data)] = []) -> OutgoingMessage {
                OutgoingMessage(topic: Topics.applications, key: Data(id.utf8), value: value, headers: headers)
            }
            try await session.publishRaw([
                message(big.applicationId, EnvelopeCodec.encode(bigEnvelope), EnvelopeCodec.headers(for: bigEnvelope)),
                message(huge.applicationId, EnvelopeCodec.encode(hugeEnvelope), EnvelopeCodec.headers(for: hugeEnvelope)),
                message(plain.applicationId, duplicated),
                message(plain.applicationId, brokenBytes),
            ])
            _ = try await eventually("the oversized application refused to accept") { session.seen.receipts[big.applicationId]?.first }
            #expect(session.seen.receipts[big.applicationId]?.first?.refusal?.code == "too-large")
            _ = try await eventually("four dead letters") { session.seen.deadLetters.count >= 4 ? true : nil }
            let codes = session.seen.deadLetters.map(\.code).sorted()
            #expect(codes.contains("application.too-large") && codes.contains("message.too-large"))
            #expect(codes.filter { $0 == "envelope.not-json" }.count == 2, "duplicate keys and invalid UTF-8: \(codes)")
            #expect(session.seen.receipts[huge.applicationId] == nil && session.seen.receipts[plain.applicationId] == nil)
            // Nothing waits in intake's outbox: what it wrote (receipt, dead letters) was published.
            _ = try await eventually("intake's outbox empty") { () -> Bool? in
                let (_, body) = try await stack.http.get(stack.http.intake, "health")
                return stack.http.json(body)?["outboxPending"] == .integer(0) ? true : nil
            }
            // The genuine application, sent properly, is taken as usual.
            try await session.submit([plain])
            try await session.waitForAnswers([plain.applicationId])
            #expect(session.seen.receipts[plain.applicationId]?.first?.outcome == .accepted)

            // Every HTTP error is a JSON problem, unknown routes too.
            let (code, body) = try await stack.http.get(stack.http.intake, "no-such-route")
            #expect(code == 404)
            #expect(stack.http.json(body)?["error"]?.stringValue == "not-found", "\(String(decoding: body, as: UTF8.self))")
            let (bad, badBody) = try await stack.http.send("POST", stack.http.review, "cases/X/actions", body: ["action": 1], bearer: nil)
            #expect(bad == 400 && stack.http.json(badBody)?["error"]?.stringValue == "invalid-body")
            await session.close()
        }
    }
}
