import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Receives applications from the portal and front offices: checks the channel's signature,
/// drops duplicates, checks the package and either refuses to accept it or asks the gateway to
/// identify the applicant.
struct ApplicationReception: Sendable {
    /// The largest application intake takes (its canonical JSON): 64 KiB.
    static let maxApplicationBytes = 64 << 10

    let catalogue: Catalogue
    let trust: TrustStore
    let gateway: GatewayClient
    let check: PackageCheck
    let issuer: ReceiptIssuer
    var window = SubmissionWindow()

    func receive(_ event: ConsumedEvent, in tx: Transaction) throws {
        let isComplaintTopic = event.topic == Topics.complaints
        let expected = isComplaintTopic ? EventType.complaintFiled : EventType.applicationSubmitted
        guard event.envelope.type == expected else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) is not expected on \(event.topic)")
        }
        let signed: SignedApplication
        do { signed = try event.envelope.decodeData(SignedApplication.self) } catch {
            throw PoisonMessage("application.invalid", "data must be {application, signature}: \(error)")
        }
        guard let channel = signed.application["channel"]?.stringValue, Channel(rawValue: channel) != nil else {
            throw PoisonMessage("application.invalid", "application.channel must be one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            try trust.verify(signed.signature, over: signed.application, purpose: .application, trustedFor: "channel:\(channel)")
        } catch {
            throw PoisonMessage("signature.invalid", "\(error)")
        }
        let canonical = signed.application.canonicalData()
        let contentHash = Digest.sha256Hex(canonical)
        // An application is a few kilobytes; past the limit it is refused to accept (the channel
        // signed it, so the sender is known and gets a receipt) and dead-lettered, and nothing
        // derived from it can grow past what the broker takes.
        if canonical.count > Self.maxApplicationBytes {
            let id = event.envelope.applicationId
            let service = signed.application["service"]?.stringValue ?? "unknown"
            let issuer = self.issuer
            let lineage = event.lineage
            let refusal = RefusalToAccept(code: "too-large", reason: "the application is \(canonical.count) bytes; the limit is \(Self.maxApplicationBytes) (docs/message-contract.md)")
            let answerChannel = Channel(rawValue: channel) ?? .portal
            throw PoisonMessage("application.too-large", refusal.reason) { tx in
                try issuer.refuse(applicationId: id, service: service, channel: answerChannel, refusal, lineage: lineage, in: tx)
            }
        }
        let application: ApplicationSubmission
        do {
            // A fractional number has no single canonical form across languages, so a signature
            // over it cannot be checked reliably.
            guard !signed.application.containsFractionalNumber else {
                throw PoisonMessage("application.invalid", "fractional numbers are not allowed in an application; use strings")
            }
            application = try ContractCoding.decode(ApplicationSubmission.self, from: signed.application)
        } catch {
            // Signed by a trusted channel but malformed: a producer defect. Answer it, so the
            // citizen is not left waiting.
            try refuseMalformed(event, contentHash: contentHash, reason: "\(error)", in: tx)
            return
        }
        guard application.applicationId == event.envelope.applicationId else {
            throw PoisonMessage("application.id-mismatch", "envelope applicationid \(event.envelope.applicationId) != application \(application.applicationId)")
        }
        if let methods = catalogue.service(application.service, on: KazakhstanTime.localDate(of: tx.now))?.channel(application.channel)?.signatureMethods,
           !methods.contains(signed.signature.method) {
            throw PoisonMessage("signature.method-not-allowed", "\(signed.signature.method) is not accepted on \(application.channel.rawValue)")
        }
        if let existing = try String.fetchOne(tx.db.cachedStatement(sql: "SELECT contentHash FROM applications WHERE applicationId = ?"), arguments: [application.applicationId]) {
            guard existing == contentHash else {
                throw PoisonMessage("application.id-reused", "application \(application.applicationId) was already submitted with different content")
            }
            Counter(label: "qyzmet_applications_duplicate_total").increment()
            return
        }
        // A captured application replayed long after (or one from a sender whose clock runs
        // ahead) is refused with a receipt, since the channel that signed it is known, and kept
        // as a dead letter for ops.
        if let refusal = window.refusal(submittedAt: application.submittedAt, receivedAt: tx.now) {
            let issuer = self.issuer
            let lineage = event.lineage
            throw PoisonMessage("application.\(refusal.code)", refusal.reason) { tx in
                try issuer.refuse(application, refusal, lineage: lineage, in: tx)
            }
        }

        // Filing is when the State Corporation received the application, never the sender's claim:
        // a back-dated submittedAt must not buy an earlier acceptance or older rules.
        let filedAt = tx.now
        try tx.db.cachedStatement(sql: """
            INSERT INTO applications (applicationId, contentHash, service, channel, state, submission, lineage, filedAt, receivedAt)
            VALUES (?, ?, ?, ?, 'identifying', ?, ?, ?, ?)
            """).execute(arguments: [application.applicationId, contentHash, application.service, application.channel.rawValue,
                             try ContractCoding.data(application), try ContractCoding.data(event.lineage), filedAt, tx.now])
        if let refusal = check.refusal(for: application, filedAt: filedAt) {
            try issuer.refuse(application, refusal, lineage: event.lineage, in: tx)
            return
        }
        // The questions the State Corporation asks before accepting come from the rules in force.
        let service = catalogue.service(application.service, on: KazakhstanTime.localDate(of: filedAt))!
        // A complaint is filed on its own topic and an application on its own: a complaint sent as
        // an application (or the reverse) is refused with the topic to use.
        if (service.complaint != nil) != isComplaintTopic {
            let topic = service.complaint != nil ? Topics.complaints : Topics.applications
            try issuer.refuse(application, RefusalToAccept(code: "wrong-topic", reason: "\(service.code) is filed on \(topic)"), lineage: event.lineage, in: tx)
            return
        }
        var appealed: CaseOpened.AppealedApplication?
        if let complaint = service.complaint {
            switch try Appeals.find(application, rule: complaint, service: service, catalogue: catalogue, db: tx.db) {
            case .failure(let refusal):
                try issuer.refuse(application, refusal, lineage: event.lineage, in: tx)
                return
            case .success(let found): appealed = found
            }
        }
        let queries = service.gateway.intake.compactMap { query -> (GatewayQuery, String, String)? in
            guard let q = GatewayQuery(rawValue: query.query) else { return nil }
            switch query.about {
            case .applicant: return (q, application.applicant.iin, ApplicantIdentification.purpose)
            case .subject:
                guard let subject = application.subject?.iin, subject != application.applicant.iin else { return nil }
                return (q, subject, ApplicantIdentification.subjectPurpose)
            }
        }
        // A state duty paid before acceptance (the apostille's, also under the one-application
        // principle) is asked of the payment gateway with the identification.
        let duty = AcceptanceDuty.due(for: application, service: service, catalogue: catalogue, on: KazakhstanTime.localDate(of: filedAt))
        try tx.db.cachedStatement(sql: "UPDATE applications SET pendingQueries = ?, rulesVersion = ?, appealed = ? WHERE applicationId = ?")
            .execute(arguments: [queries.count + (duty == nil ? 0 : 1), service.version.id, try appealed.map { try ContractCoding.data($0) },
                                 application.applicationId])
        for (query, iin, purpose) in queries {
            try gateway.request(query, subjectIin: iin, requesterIin: application.applicant.iin,
                                consentReference: iin == application.applicant.iin ? nil : application.consent?.reference,
                                purpose: purpose, lineage: event.lineage, in: tx)
        }
        if let duty {
            try gateway.request(.payment, subjectIin: application.applicant.iin, requesterIin: application.applicant.iin,
                                purpose: ApplicantIdentification.dutyPurpose, amountDue: duty.tenge, lineage: event.lineage, in: tx)
        }
        try tx.emitStatus(StatusChanged(applicationId: application.applicationId, status: .identifying, at: tx.now, actor: "intake",
                                        service: application.service, location: application.branchId.map { "State Corporation branch \($0)" } ?? "portal",
                                        detail: "identifying the applicant through the e-government gateway"), lineage: event.lineage)
    }

    private func refuseMalformed(_ event: ConsumedEvent, contentHash: String, reason: String, in tx: Transaction) throws {
        let id = event.envelope.applicationId
        if let existing = try String.fetchOne(tx.db.cachedStatement(sql: "SELECT contentHash FROM applications WHERE applicationId = ?"), arguments: [id]) {
            guard existing == contentHash else {
                throw PoisonMessage("application.id-reused", "application \(id) was already submitted with different content")
            }
            return
        }
        let service = event.envelope.data["application"]?["service"]?.stringValue ?? "unknown"
        let channel = Channel(rawValue: event.envelope.data["application"]?["channel"]?.stringValue ?? "") ?? .portal
        let refusal = RefusalToAccept(code: "invalid-application", reason: "the application does not follow contract v1: \(reason.prefix(400))")
        try tx.db.cachedStatement(sql: """
            INSERT INTO applications (applicationId, contentHash, service, channel, state, submission, lineage, filedAt, receivedAt)
            VALUES (?, ?, ?, ?, 'refused', ?, ?, ?, ?)
            """).execute(arguments: [id, contentHash, service, channel.rawValue, Data(), try ContractCoding.data(event.lineage), tx.now, tx.now])
        try issuer.refuse(applicationId: id, service: service, channel: channel, refusal, lineage: event.lineage, in: tx)
    }
}
