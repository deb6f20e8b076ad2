import Foundation
import QyzmetDomain

/// Signs applications as the portal or a front office would, with the channel keys in a keys
/// directory (`portal.key`, `state-corporation.key`), and wraps them in CloudEvents.
public struct ChannelSigner: Sendable {
    let portal: SigningKey
    let frontOffice: SigningKey

    public init(keysDirectory: URL) throws {
        func load(_ name: String) throws -> SigningKey {
            let file = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: keysDirectory.appendingPathComponent("\(name).key")))
            return try SigningKey(keyId: file["keyId"] ?? name, base64PrivateKey: file["privateKey"] ?? "")
        }
        portal = try load("portal")
        frontOffice = try load("state-corporation")
    }

    /// The CloudEvent a producer publishes for this application.
    /// The envelope of an application, or of a complaint (`complaint: true`: filed on the
    /// complaints topic with its own event type).
    public func envelope(for application: ApplicationSubmission, eventId: String = UUID().uuidString.lowercased(), complaint: Bool = false) throws -> EventEnvelope {
        let tree = try ContractCoding.tree(application)
        let key = application.channel == .portal ? portal : frontOffice
        let method = application.channel == .portal ? "eds" : "operator"
        let signed = SignedApplication(application: tree, signature: try key.sign(tree, purpose: .application, method: method))
        let source = application.channel == .portal ? "/egov.kz/portal" : "/gov4c.kz/branches/\(application.branchId ?? "unknown")"
        return EventEnvelope(
            id: eventId, type: complaint ? EventType.complaintFiled : EventType.applicationSubmitted, source: source, time: application.submittedAt,
            applicationId: application.applicationId, correlationId: application.applicationId,
            traceparent: TraceContext.newRoot(), data: try ContractCoding.tree(signed)
        )
    }

    /// An envelope around any JSON tree signed as `channel` signs (the fuzz run's correctly signed
    /// but wrong applications).
    public func envelope(signing tree: JSONValue, applicationId: String, as channel: Channel, complaint: Bool = false, time: Date) throws -> EventEnvelope {
        let key = channel == .portal ? portal : frontOffice
        let signed = SignedApplication(application: tree, signature: try key.sign(tree, purpose: .application, method: channel == .portal ? "eds" : "operator"))
        return EventEnvelope(type: complaint ? EventType.complaintFiled : EventType.applicationSubmitted, source: "/egov.kz/portal", time: time,
                             applicationId: applicationId, correlationId: applicationId, traceparent: TraceContext.newRoot(),
                             data: try ContractCoding.tree(signed))
    }
}
