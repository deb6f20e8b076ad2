import Foundation
import QyzmetDomain

/// Signs applications as the portal or a front office would, with the channel keys in a keys
/// directory (`portal.key`, `state-corporation.key`), wraps them in CloudEvents and seals their
/// data for intake (`SealedData`, intake's key in the directory's `trust.json`), so the applicant's
/// personal data is not on the topic in clear.
public struct ChannelSigner: Sendable {
    let portal: SigningKey
    let frontOffice: SigningKey
    /// nil: the trust store has no key for intake, and applications go in clear.
    let sealingTrust: TrustStore?

    public init(keysDirectory: URL) throws {
        func load(_ name: String) throws -> SigningKey {
            let file = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: keysDirectory.appendingPathComponent("\(name).key")))
            return try SigningKey(keyId: file["keyId"] ?? name, base64PrivateKey: file["privateKey"] ?? "")
        }
        portal = try load("portal")
        frontOffice = try load("state-corporation")
        let trust = try? TrustStore.load(from: keysDirectory.appendingPathComponent("trust.json"))
        sealingTrust = trust.flatMap { t in t.keys.contains { $0.purpose == SealedData.purpose(for: "intake") } ? t : nil }
    }

    /// Seals an application's data for intake (a no-op without intake's key).
    public func seal(_ envelope: inout EventEnvelope) throws {
        guard let sealingTrust else { return }
        try SealedData.seal(&envelope, for: "intake", trust: sealingTrust)
    }

    /// The CloudEvent a producer publishes for this application.
    /// The envelope of an application, or of a complaint (`complaint: true`: filed on the
    /// complaints topic with its own event type).
    public func envelope(for application: ApplicationSubmission, eventId: String = UUID().uuidString.lowercased(), complaint: Bool = false, sealed: Bool = true) throws -> EventEnvelope {
        let tree = try ContractCoding.tree(application)
        let key = application.channel == .portal ? portal : frontOffice
        let method = application.channel == .portal ? "eds" : "operator"
        let signed = SignedApplication(application: tree, signature: try key.sign(tree, purpose: .application, method: method))
        let source = application.channel == .portal ? "/egov.kz/portal" : "/gov4c.kz/branches/\(application.branchId ?? "unknown")"
        var envelope = EventEnvelope(
            id: eventId, type: complaint ? EventType.complaintFiled : EventType.applicationSubmitted, source: source, time: application.submittedAt,
            applicationId: application.applicationId, correlationId: application.applicationId,
            traceparent: TraceContext.newRoot(), data: try ContractCoding.tree(signed)
        )
        if sealed { try seal(&envelope) }
        return envelope
    }

    /// An envelope around any JSON tree signed as `channel` signs (the fuzz run's correctly signed
    /// but wrong applications).
    public func envelope(signing tree: JSONValue, applicationId: String, as channel: Channel, complaint: Bool = false, time: Date, sealed: Bool = true) throws -> EventEnvelope {
        let key = channel == .portal ? portal : frontOffice
        let signed = SignedApplication(application: tree, signature: try key.sign(tree, purpose: .application, method: channel == .portal ? "eds" : "operator"))
        var envelope = EventEnvelope(type: complaint ? EventType.complaintFiled : EventType.applicationSubmitted, source: "/egov.kz/portal", time: time,
                                     applicationId: applicationId, correlationId: applicationId, traceparent: TraceContext.newRoot(),
                                     data: try ContractCoding.tree(signed))
        if sealed { try seal(&envelope) }
        return envelope
    }
}
