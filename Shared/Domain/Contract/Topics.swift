import Foundation

/// Topic names and event types of contract v1. Topic names carry the major version so that a
/// breaking change runs beside the old contract instead of replacing it.
public enum Topics {
    /// Applications from the portal and front offices (producers: other teams).
    public static let applications = "qyzmet.applications.v1"
    /// Acceptance receipts and refusals to accept, for the portal and front offices.
    public static let receipts = "qyzmet.receipts.v1"
    /// Accepted cases handed from the State Corporation to the authority.
    public static let cases = "qyzmet.cases.v1"
    public static let gatewayRequests = "qyzmet.gateway.requests.v1"
    /// Each gateway client has its own reply topic.
    public static func gatewayReplies(client: String) -> String { "qyzmet.gateway.replies.\(client).v1" }
    public static let decisions = "qyzmet.decisions.v1"
    /// Issued results and their delivery, for the personal cabinet and branches.
    public static let results = "qyzmet.results.v1"
    /// Monitoring: every status transition of every application.
    public static let status = "qyzmet.status.v1"
    /// Monitoring: deadline warnings and breaches.
    public static let deadlines = "qyzmet.deadlines.v1"
    /// Messages a consumer could not process, with the reason in headers.
    public static let deadLetter = "qyzmet.deadletter.v1"
    /// Changes a decision makes to a state register the gateway answers from (contract 1.1).
    public static let registers = "qyzmet.registers.v1"
    /// Complaints against a decision or an inaction, from the portal and front offices (contract 1.3):
    /// signed like applications, answered on the receipts topic.
    public static let complaints = "qyzmet.complaints.v1"

    /// What each service consumes: a dead letter is replayed only to a topic its consumer reads.
    public static let consumed: [String: Set<String>] = [
        "intake": [applications, complaints, gatewayReplies(client: "intake"), status],
        "identity": [gatewayRequests, registers],
        "review": [cases, gatewayReplies(client: "review")],
        "issuance": [decisions],
    ]

    /// What each service produces besides dead letters (every consumer writes those) and the
    /// broker identity: compose/kafka/acls.txt allows each service to write exactly these.
    public static let produced: [String: Set<String>] = [
        "intake": [receipts, cases, gatewayRequests, status],
        "identity": [gatewayReplies(client: "intake"), gatewayReplies(client: "review")],
        "review": [gatewayRequests, decisions, registers, status, deadlines],
        "issuance": [results, status],
    ]

    /// The service a topic's personal data is for: its events' `data` is sealed for that reader
    /// (`SealedData`), nil for a topic that carries none (receipts, results, status, deadlines).
    public static func sealedFor(_ topic: String) -> String? {
        switch topic {
        case applications, complaints: "intake"
        case cases: "review"
        case gatewayRequests, registers: "identity"
        case decisions: "issuance"
        case gatewayReplies(client: "intake"): "intake"
        case gatewayReplies(client: "review"): "review"
        default: nil
        }
    }

    /// Who reads dead letters (their original bytes are sealed for this key).
    public static let opsReader = "ops"

    public static let all: [String] = [
        applications, complaints, receipts, cases, gatewayRequests, gatewayReplies(client: "intake"),
        gatewayReplies(client: "review"), decisions, results, status, deadlines, deadLetter, registers,
    ]
}

public enum EventType {
    public static let applicationSubmitted = "kz.qyzmet.application.submitted"
    public static let complaintFiled = "kz.qyzmet.complaint.filed"
    public static let receiptIssued = "kz.qyzmet.receipt.issued"
    public static let caseOpened = "kz.qyzmet.case.opened"
    public static let gatewayRequested = "kz.qyzmet.gateway.requested"
    public static let gatewayResponded = "kz.qyzmet.gateway.responded"
    public static let decisionMade = "kz.qyzmet.decision.made"
    public static let resultIssued = "kz.qyzmet.result.issued"
    public static let statusChanged = "kz.qyzmet.status.changed"
    public static let deadlineAlert = "kz.qyzmet.deadline.alert"
    public static let registerChanged = "kz.qyzmet.register.changed"
}

/// Header names on dead letters (the value is the original message, byte for byte).
public enum DeadLetterHeader {
    public static let reason = "dlq-reason"
    public static let code = "dlq-code"
    public static let originalTopic = "dlq-original-topic"
    public static let originalPartition = "dlq-original-partition"
    public static let originalOffset = "dlq-original-offset"
    public static let consumer = "dlq-consumer"
    public static let failedAt = "dlq-failed-at"
    /// Set when the original was too large to keep whole: its size and SHA-256.
    public static let truncated = "dlq-truncated"
    /// Set when the letter's value is the original sealed for ops (`SealedData`, `sealing:ops`).
    public static let sealed = "dlq-sealed"
    /// The application the original was about, when the consumer could tell (the value is sealed).
    public static let applicationId = "dlq-application-id"

    /// What a sealed letter's ciphertext is bound to: the place the original was read from.
    public static func sealingContext(topic: String, partition: Int32, offset: Int64) -> Data {
        Data("qyzmet.dead-letter.v1\n\(topic)\n\(partition)\n\(offset)".utf8)
    }

    /// The original bytes of a letter: opened with ops' key when sealed.
    public static func originalValue(_ value: Data, headers: [(String, Data)], keys: SealingKeyRing) throws -> Data {
        func header(_ name: String) -> String? { headers.last { $0.0 == name }.map { String(decoding: $0.1, as: UTF8.self) } }
        guard header(sealed) != nil else { return value }
        guard let topic = header(originalTopic), let partition = header(originalPartition).flatMap(Int32.init),
              let offset = header(originalOffset).flatMap(Int64.init) else { throw SealedData.Problem.malformed("a sealed letter names where it came from") }
        let box = try JSONValue.parse(value)
        return try SealedData.open(box, context: sealingContext(topic: topic, partition: partition, offset: offset), keys: keys)
    }

    /// A message's own headers named like ours (or like an escaped one) are kept under this
    /// prefix, so a sender cannot forge `dlq-original-topic` or any other dead-letter header.
    public static let escapePrefix = "escaped-"

    /// The dead letter's own headers, and the audit head of the service that dead-lettered it.
    static func isOurs(_ name: String) -> Bool { name.hasPrefix("dlq-") || name.hasPrefix("qyzmet-audit-") }

    public static func escape(_ headers: [(String, Data)]) -> [(String, Data)] {
        headers.map { name, value in
            isOurs(name) || name.hasPrefix(escapePrefix) ? (escapePrefix + name, value) : (name, value)
        }
    }

    /// The original headers of a dead letter, as the message had them.
    public static func original(_ headers: [(String, Data)]) -> [(String, Data)] {
        headers.compactMap { name, value in
            if name.hasPrefix(escapePrefix) { return (String(name.dropFirst(escapePrefix.count)), value) }
            return isOurs(name) ? nil : (name, value)
        }
    }
}
