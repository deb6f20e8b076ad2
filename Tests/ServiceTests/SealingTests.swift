import Foundation
import IntakeService
import QyzmetDomain
import QyzmetLoad
import QyzmetRuntime
import ReviewService
import Testing

@Suite("Personal data sealed for its reader")
struct SealingTests {
    @Test("every hand-off with personal data leaves sealed for its reader; a hand-off in clear is refused; a dead letter keeps the original sealed for ops")
    func handOffsSealed() throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.reservist), channel: .portal, branchId: "AST-01", submittedAt: Fixtures.monday)
        let event = Fixtures.event(application)
        #expect(SealedData.recipient(of: event.envelope.data) == "intake")
        let events = try stack.pump([event])
        let personal = [Topics.cases, Topics.gatewayRequests, Topics.gatewayReplies(client: "intake")]
        for topic in personal {
            let messages = events.on(topic)
            #expect(!messages.isEmpty, "\(topic) carried something")
            for m in messages {
                #expect(SealedData.recipient(of: m.envelope.data) == Topics.sealedFor(topic), "\(topic) sealed for its reader")
                #expect(!String(decoding: EnvelopeCodec.encode(m.envelope), as: UTF8.self).contains(application.applicant.iin))
            }
        }
        // Receipts and status carry no personal data and stay readable by the channels and ops.
        #expect(try events.on(Topics.receipts).allSatisfy { !SealedData.isSealed($0.envelope.data) && !String(decoding: EnvelopeCodec.encode($0.envelope), as: UTF8.self).contains(application.applicant.iin) })

        // The same case, signed by intake but sent in clear, is refused by review.
        let sealedCase = try #require(events.on(Topics.cases).first)
        var clear = try sealedCase.opened
        clear.id = "clear-copy"
        clear.signature = try EventSignature.sign(clear, with: try #require(stack.intake.context.keys.eventKey))
        #expect(try stack.review.deliver(clear, topic: Topics.cases) == .deadLettered(code: "event.not-sealed", applicationId: application.applicationId))
        let letter = try #require(try stack.review.published().on(Topics.deadLetter).first)
        #expect(letter.header(DeadLetterHeader.sealed) == SealedData.algorithm)
        #expect(letter.header(DeadLetterHeader.applicationId) == application.applicationId)
        #expect(!String(decoding: try #require(letter.value), as: UTF8.self).contains(application.applicant.iin))
        let original = try DeadLetterHeader.originalValue(try #require(letter.value), headers: letter.headers, keys: Published.devSealingKeys)
        #expect(original == EnvelopeCodec.encode(clear))
    }
}
