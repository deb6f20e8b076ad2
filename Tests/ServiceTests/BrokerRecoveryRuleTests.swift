import Foundation
import QyzmetDomain
import QyzmetLoad
import Testing

/// What a recovery after the broker lost its memory publishes again: every hand-off a Qyzmet
/// consumer has not applied, and what outside readers were sent within the window, nothing more
/// (re-sending hours of statuses stalled a soak for tens of minutes).
@Suite("Broker recovery: what goes out again")
struct BrokerRecoveryRuleTests {
    let now = Date()
    var since: Date { now.addingTimeInterval(-300) }
    let applied: [String: Set<String>] = ["issuance": ["/qyzmet/review d1"], "intake": ["/qyzmet/review s1"]]

    func delivered(_ topic: String, _ eventId: String, minutesAgo: Double, producer: String = "review") -> Bool {
        BrokerRecovery.delivered(topic: topic, eventId: eventId, publishedAt: now.addingTimeInterval(-minutesAgo * 60), producer: producer,
                                 applied: applied, outsideSince: since)
    }

    @Test("a hand-off goes out again until its consumer applied it, however old")
    func handOffs() {
        #expect(delivered(Topics.decisions, "d1", minutesAgo: 60))
        #expect(!delivered(Topics.decisions, "d2", minutesAgo: 60))
        #expect(!delivered(Topics.decisions, "d2", minutesAgo: 1))
        // Applied from another producer is not applied from this one.
        #expect(!delivered(Topics.decisions, "d1", minutesAgo: 60, producer: "intake"))
    }

    @Test("a status goes out again when the desk has not applied it, or it is within the outside readers' window")
    func statuses() {
        #expect(delivered(Topics.status, "s1", minutesAgo: 60))
        #expect(!delivered(Topics.status, "s1", minutesAgo: 2))
        #expect(!delivered(Topics.status, "s2", minutesAgo: 60))
    }

    @Test("receipts, results and deadline alerts go out again only within the window")
    func outsideOnly() {
        for topic in [Topics.receipts, Topics.results, Topics.deadlines] {
            #expect(delivered(topic, "x", minutesAgo: 6), "\(topic)")
            #expect(!delivered(topic, "x", minutesAgo: 4), "\(topic)")
        }
    }
}
