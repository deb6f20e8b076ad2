import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Turns a decision into a numbered, signed document written from the catalogue's form of the
/// case's rules, and delivers it: to the personal cabinet, or to the State Corporation branch
/// where it waits to be collected.
struct ResultIssuing: Sendable {
    let catalogue: Catalogue
    let signingKey: SigningKey
    let storage: Storage

    func issue(_ event: ConsumedEvent, in tx: Transaction) throws {
        guard event.envelope.type == EventType.decisionMade else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        let decision = try event.envelope.decodeData(Decision.self)
        let sequence = decision.sequence ?? 0
        if try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM documents WHERE applicationId = ? AND sequence = ?)"),
                             arguments: [decision.applicationId, sequence]) == true {
            return
        }
        let issuedOn = KazakhstanTime.localDate(of: tx.now)
        let versioned = decision.rulesVersion.map { catalogue.service(decision.service, version: $0) } ?? catalogue.service(decision.service, on: issuedOn)
        guard let service = versioned else {
            throw PoisonMessage("decision.unknown-rules", "\(decision.service) \(decision.rulesVersion ?? "") is not in the catalogue")
        }
        let context = ConditionContext(channel: decision.channel, scenario: decision.scenario ?? "", purpose: decision.purpose,
                                       branchTier: catalogue.tierOfBranchAppliedTo(channel: decision.channel, branchId: decision.branchId, delivery: decision.delivery), party: decision.party ?? "individual",
                                       referenceDate: issuedOn, applicantIin: decision.holder.iin, facts: decision.facts,
                                       documents: Set(decision.documentTypes ?? []))
        // The branch the applicant chose: where the paper waits, and what a notice names.
        let branchName = (decision.delivery.branchId ?? decision.branchId).flatMap { catalogue.branch($0) }.map { "\($0.name) (\($0.locality))" }
        // Every result rule of the outcome that holds is issued (a paper certificate at the branch
        // and the signed collection-place notice in the cabinet), in the catalogue's order.
        let rules = service.results(for: decision.outcome.rawValue, in: context)
        guard !rules.isEmpty else {
            throw PoisonMessage("decision.no-result-rule", "\(decision.service) has no result for \(decision.outcome.rawValue) on \(decision.channel.rawValue)/\(decision.purpose ?? "-")")
        }
        var issuedParts: [(kind: ResultIssued.Kind, number: String, form: String, rule: ResultRule, branchId: String?, state: ApplicationStatus, storageUntil: Date?)] = []
        for (part, rule) in rules.enumerated() {
            guard let form = service.form(rule.form) else {
                throw PoisonMessage("decision.no-result-rule", "\(decision.service) names form \(rule.form), which it does not define")
            }
            let kind = ResultIssued.Kind(rawValue: form.kind)
            let number = try nextNumber(tx.db, service: service, kind: kind, year: issuedOn.year)
            let code = VerificationCode.make()
            let content: ResultDocument
            do {
                content = try DocumentWriter.compose(number: number, decision: decision, service: service, form: form, rule: rule, kind: kind,
                                                     issuedOn: issuedOn, context: context, branchName: branchName, verificationCode: code)
            } catch let missing as DocumentWriter.MissingFacts {
                throw PoisonMessage("decision.missing-facts", missing.description)
            }
            let tree = try ContractCoding.tree(content)
            let signature = try signingKey.sign(tree, purpose: .resultDocument, method: "eds")
            let digest = Digest.sha256Hex(tree.canonicalData())
            let branchId = rule.delivery == .branch ? (decision.delivery.branchId ?? decision.branchId) : nil
            let delivery = Delivery(method: rule.delivery, branchId: branchId)
            let state: ApplicationStatus
            switch rule.delivery {
            case .personalCabinet: state = .deliveredToCabinet
            case .branch: state = .readyForCollection
            case .sms: state = .sentBySms
            }
            // The storage period starts when the paper reaches the branch, which in Qyzmet is when it
            // is issued there.
            let storageRule = state == .readyForCollection ? storage.rule(for: service, format: rule.format, context: context) : nil
            let storageUntil = storageRule.flatMap { storage.end(of: 0, in: $0.rule, from: tx.now, service: service) }
            try tx.db.cachedStatement(sql: """
                INSERT INTO documents (documentNumber, applicationId, sequence, part, registrationNumber, service, kind, format, deliveryMethod, branchId, content,
                                       digest, signature, issuedAt, state, stateChangedAt, storageUntil, lineage, rulesVersion, storageRule, storageStep,
                                       holderDocumentDigest, verificationCode, attorneyDigest)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                """).execute(arguments: [number, decision.applicationId, sequence, part, decision.registrationNumber, service.code, kind.rawValue,
                                 rule.format.rawValue, rule.delivery.rawValue, branchId, tree.canonicalData(), digest, try ContractCoding.data(signature),
                                 tx.now, state.rawValue, tx.now, storageUntil, try ContractCoding.data(event.lineage), service.version.id, storageRule?.index,
                                 Collection.digest(ofDocumentNumber: decision.holder.idDocument.number), code, decision.attorneyDigest])
            var issued = ResultIssued(
                applicationId: decision.applicationId, registrationNumber: decision.registrationNumber, documentNumber: number, service: service.code,
                kind: kind, form: content.form, format: rule.format, copies: content.copies, delivery: delivery, issuedAt: tx.now, digest: digest,
                signature: signature, verificationPath: "/verify/\(number)"
            )
            issued.notice = decision.isNotice
            issued.verificationCode = code
            try tx.emit(EventType.resultIssued, issued, to: Topics.results, lineage: event.lineage)
            issuedParts.append((kind, number, content.form, rule, branchId, state, storageUntil))
            Counter(label: "qyzmet_results_total", dimensions: [("service", service.code), ("kind", kind.rawValue), ("delivery", rule.delivery.rawValue)]).increment()
        }
        // A notice leaves the case open: it is delivered, but the application's status stays with review.
        guard !decision.isNotice || decision.outcome == .interimReply else { return }
        // The status follows the result the applicant must act on: paper waiting at a branch
        // before a copy in the cabinet.
        let primary = issuedParts.first { $0.state == .readyForCollection } ?? issuedParts[0]
        try tx.emitStatus(StatusChanged(applicationId: decision.applicationId, status: .resultIssued, at: tx.now, actor: "issuance", service: service.code,
                                        registrationNumber: decision.registrationNumber,
                                        detail: issuedParts.map { "\($0.kind.rawValue) \($0.number) (\($0.form), \($0.rule.format.rawValue))" }.joined(separator: "; ")),
                          lineage: event.lineage)
        let location = primary.branchId.flatMap { catalogue.branch($0) }.map { "State Corporation branch \($0.id) (\($0.name))" } ?? "personal cabinet on egov.kz"
        try tx.emitStatus(StatusChanged(applicationId: decision.applicationId, status: primary.state, at: tx.now, actor: "issuance", service: service.code,
                                        registrationNumber: decision.registrationNumber, location: location,
                                        detail: primary.storageUntil.map { "kept at the branch until \(KazakhstanTime.format($0))" }
                                            ?? (primary.state == .readyForCollection ? "kept at the branch until collected" : nil)), lineage: event.lineage)
    }

    /// `EMG-C-2026-0000042`: service, C(ertificate) / R(efusal) / I(nterim reply) / N(otice of any kind), year, sequence.
    private func nextNumber(_ db: Database, service: ServiceRules, kind: ResultIssued.Kind, year: Int) throws -> String {
        let letter: String
        switch kind {
        case .certificate: letter = "C"
        case .refusal: letter = "R"
        case .interimReply: letter = "I"
        default: letter = "N"
        }
        let prefix = "\(service.shortCode)-\(letter)-\(year)"
        let last = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO document_sequence (prefix, last) VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last
            """), arguments: [prefix])!
        return "\(prefix)-\(String(format: "%07d", last))"
    }
}
