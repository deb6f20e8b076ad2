import Foundation
import QyzmetDomain
import Testing

/// compose/kafka/acls.txt (the topic ACLs of the Apache Kafka deployment) against the contract:
/// each service writes only what it produces and reads only what it consumes.
@Suite("Topic ACLs")
struct TopicAccessTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let brokerIdentity = "qyzmet.broker-identity.v1"

    func grants() throws -> [String: [String: Set<String>]] {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("compose/kafka/acls.txt"), encoding: .utf8)
        var out: [String: [String: Set<String>]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count == 3 else { continue }
            out[parts[0], default: [:]][parts[1], default: []].insert(parts[2])
        }
        return out
    }

    @Test("each service writes exactly its own topics, reads exactly what it consumes, in its own group")
    func servicesMatchTheContract() throws {
        let grants = try grants()
        for service in ["intake", "identity", "review", "issuance"] {
            let grant = try #require(grants[service])
            #expect(grant["write"] == Topics.produced[service]!.union([Topics.deadLetter, Self.brokerIdentity]), "\(service) writes")
            #expect(grant["read"] == Topics.consumed[service]!.union([Self.brokerIdentity]), "\(service) reads")
            #expect(grant["group"] == ["qyzmet-\(service)"])
        }
    }

    @Test("no principal but ops may write a hand-off topic it does not produce; channels write only applications and complaints")
    func nobodyElseWritesHandOffs() throws {
        let grants = try grants()
        #expect(grants["channels"]?["write"] == [Topics.applications, Topics.complaints])
        let handOffs: Set<String> = [Topics.cases, Topics.decisions, Topics.registers, Topics.results]
        for (principal, grant) in grants where !["ops"].contains(principal) {
            let mayWrite = handOffs.intersection(grant["write"] ?? [])
            #expect(mayWrite.isSubset(of: Topics.produced[principal] ?? []), "\(principal) may write \(mayWrite)")
        }
    }
}
