import Foundation
import GRDB
import Metrics
import QyzmetDomain
import QyzmetRuntime

/// Turns a decision into a numbered, signed document and delivers it: to the personal cabinet,
/// or to the State Corporation branch where it waits to be collected.
struct ResultIssuing: Sendable {
    let catalogue: ServiceCatalogue
    let signingKey: SigningKey

    func issue(_ event: ConsumedEvent, in tx: Transaction) throws {
        guard event.envelope.type == EventType.decisionMade else {
            throw PoisonMessage("event.unexpected-type", "\(event.envelope.type) on \(event.topic)")
        }
        let decision = try event.envelope.decodeData(Decision.self)
        if try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM documents WHERE applicationId = ?)"), arguments: [decision.applicationId]) == true {
            return
        }
        guard let service = catalogue.service(decision.service), let rule = service.result(channel: decision.channel, purpose: decision.purpose) else {
            throw PoisonMessage("decision.no-result-rule", "\(decision.service) has no result for \(decision.channel.rawValue)/\(decision.purpose ?? "-")")
        }
        let kind: ResultIssued.Kind = decision.outcome == .approved ? .certificate : decision.outcome == .refused ? .refusal : .interimReply
        let number = try nextNumber(tx.db, service: service, kind: kind, year: KazakhstanTime.localDate(of: tx.now).year)
        let content = DocumentWriter.compose(number: number, decision: decision, service: service, rule: rule, kind: kind,
                                             issuedOn: KazakhstanTime.localDate(of: tx.now))
        let tree = try ContractCoding.tree(content)
        let signature = try signingKey.sign(tree, purpose: .resultDocument, method: "eds")
        let digest = Digest.sha256Hex(tree.canonicalData())
        let branchId = rule.delivery == .branch ? (decision.delivery.branchId ?? decision.branchId) : nil
        let delivery = Delivery(method: rule.delivery, branchId: branchId)
        let state: ApplicationStatus = rule.delivery == .personalCabinet ? .deliveredToCabinet : .readyForCollection
        let storage = service.storage.flatMap { $0.appliesTo == rule.format && state == .readyForCollection ? $0 : nil }
        let storageUntil = storage.map { Storage.add(months: $0.atBranchMonths, to: tx.now) }
        try tx.db.cachedStatement(sql: """
            INSERT INTO documents (documentNumber, applicationId, registrationNumber, service, kind, format, deliveryMethod, branchId, content, digest,
                                   signature, issuedAt, state, stateChangedAt, storageUntil, lineage)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [number, decision.applicationId, decision.registrationNumber, service.code, kind.rawValue, rule.format.rawValue,
                             rule.delivery.rawValue, branchId, tree.canonicalData(), digest, try ContractCoding.data(signature), tx.now,
                             state.rawValue, tx.now, storageUntil, try ContractCoding.data(event.lineage)])
        let issued = ResultIssued(
            applicationId: decision.applicationId, registrationNumber: decision.registrationNumber, documentNumber: number, service: service.code,
            kind: kind, form: content.form, format: rule.format, copies: content.copies, delivery: delivery, issuedAt: tx.now, digest: digest,
            signature: signature, verificationPath: "/documents/\(number)"
        )
        try tx.emit(EventType.resultIssued, issued, to: Topics.results, lineage: event.lineage)
        try tx.emitStatus(StatusChanged(applicationId: decision.applicationId, status: .resultIssued, at: tx.now, actor: "issuance", service: service.code,
                                        registrationNumber: decision.registrationNumber, detail: "\(kind.rawValue) \(number) (\(content.form), \(rule.format.rawValue))"),
                          lineage: event.lineage)
        let location = branchId.flatMap { catalogue.branch($0) }.map { "State Corporation branch \($0.id) (\($0.name))" } ?? "personal cabinet on egov.kz"
        try tx.emitStatus(StatusChanged(applicationId: decision.applicationId, status: state, at: tx.now, actor: "issuance", service: service.code,
                                        registrationNumber: decision.registrationNumber, location: location,
                                        detail: storageUntil.map { "kept at the branch until \(KazakhstanTime.format($0))" }), lineage: event.lineage)
        Counter(label: "qyzmet_results_total", dimensions: [("service", service.code), ("kind", kind.rawValue), ("delivery", rule.delivery.rawValue)]).increment()
    }

    /// `EMG-C-2026-0000042`: service, C(ertificate) / R(efusal) / I(nterim reply), year, sequence.
    private func nextNumber(_ db: Database, service: ServiceDefinition, kind: ResultIssued.Kind, year: Int) throws -> String {
        let letter = kind == .certificate ? "C" : kind == .refusal ? "R" : "I"
        let prefix = "\(service.shortCode)-\(letter)-\(year)"
        let last = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO document_sequence (prefix, last) VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last
            """), arguments: [prefix])!
        return "\(prefix)-\(String(format: "%07d", last))"
    }
}
