import Foundation
import QyzmetDomain
import QyzmetRules

/// The content of a result document, as signed. The verification lookup returns exactly this.
public struct ResultDocument: Codable, Sendable {
    public var documentNumber: String
    public var kind: ResultIssued.Kind
    public var form: String
    public var title: LocalizedText
    public var service: String
    public var serviceTitle: LocalizedText
    /// The act version the case was judged by.
    public var rulesVersion: String?
    public var registrationNumber: String
    public var provider: String
    public var holder: Holder
    public var issuedOn: LocalDate
    public var format: ResultIssued.Format
    public var copies: Int
    /// The recorded facts the form prints, and nothing else.
    public var facts: [String: String]
    /// The form's statements that hold for these facts, in the form's languages.
    public var statements: [LocalizedText]
    /// The statements in English, joined, for a reader in a hurry.
    public var statement: String
    public var grounds: [Decision.Ground]
    public var motivation: String?
    public var reapplyAfter: LocalDate?
    public var hearingAt: Date?
    public var signedBy: String?
    /// Qyzmet's layout of a form the regulation cites but does not reproduce.
    public var ourDesign: Bool?
    /// Printed on the document: with its number, anyone may check it (`GET /verify/<number>?code=`);
    /// without it, numbers cannot be walked.
    public var verificationCode: String?

    public struct Holder: Codable, Sendable {
        public var fullName: String
        public var birthDate: LocalDate
        public var birthPlace: String
        /// Masked; the certificate forms carry no IIN.
        public var iin: String
    }
}

/// Writes a document from the catalogue's form: the statements whose conditions hold over the
/// recorded facts, with their placeholders filled from those facts. A form's required fact that
/// was not recorded stops the document: no default wording, ever.
enum DocumentWriter {
    struct MissingFacts: Error, CustomStringConvertible {
        var form: String
        var missing: [String]
        var description: String { "form \(form) needs facts that were not recorded for this case: \(missing.joined(separator: ", "))" }
    }

    static func compose(number: String, decision: Decision, service: ServiceRules, form: FormDefinition, rule: ResultRule,
                        kind: ResultIssued.Kind, issuedOn: LocalDate, context: ConditionContext, branchName: String? = nil,
                        verificationCode: String? = nil) throws -> ResultDocument {
        let missing = (form.requires ?? []).filter { (decision.facts[$0] ?? "").isEmpty }
        guard missing.isEmpty else { throw MissingFacts(form: form.id, missing: missing) }
        let printable = Set((form.requires ?? []) + (form.facts ?? []))
        let facts = decision.facts.filter { printable.contains($0.key) }
        var values = facts
        values["holderName"] = decision.holder.fullName
        values["holderBirthDate"] = decision.holder.birthDate.description
        values["holderBirthPlace"] = decision.holder.birthPlace
        values["issuedOn"] = issuedOn.description
        values["asOf"] = issuedOn.description
        values["registrationNumber"] = decision.registrationNumber
        values["documentNumber"] = number
        values["dueDate"] = KazakhstanTime.localDate(of: decision.dueAt).description
        values["newDueDate"] = values["dueDate"]
        if let reapply = decision.reapplyAfter { values["reapplyAfter"] = reapply.description }
        if !decision.grounds.isEmpty { values["grounds"] = decision.grounds.map(\.text).joined(separator: "; ") }
        if let motivation = decision.motivation { values["motivation"] = motivation }
        if let hearing = decision.hearingAt { values["hearingAt"] = KazakhstanTime.format(hearing) }
        if let branchName { values["branchName"] = branchName }
        var statementContext = context
        statementContext.facts = decision.facts
        let statements = form.statements.filter { $0.when?.holds(in: statementContext) ?? true }.compactMap { fill($0.text, values) }
        guard !statements.isEmpty else { throw MissingFacts(form: form.id, missing: ["a statement that holds for the recorded facts"]) }
        let holder = ResultDocument.Holder(fullName: decision.holder.fullName, birthDate: decision.holder.birthDate,
                                           birthPlace: decision.holder.birthPlace, iin: IIN.redact(decision.holder.iin))
        return ResultDocument(
            documentNumber: number, kind: kind, form: form.id, title: form.title, service: service.code, serviceTitle: service.title,
            rulesVersion: decision.rulesVersion, registrationNumber: decision.registrationNumber, provider: service.provider.name.en, holder: holder,
            issuedOn: issuedOn, format: rule.format, copies: rule.copies, facts: facts, statements: statements,
            statement: statements.map(\.en).joined(separator: " "), grounds: decision.grounds, motivation: decision.motivation,
            reapplyAfter: decision.reapplyAfter, hearingAt: decision.hearingAt, signedBy: form.signedBy, ourDesign: form.ourDesign,
            verificationCode: verificationCode
        )
    }

    /// The text with every `{name}` replaced; nil when a placeholder has no value (the statement
    /// is then not printed).
    static func fill(_ text: LocalizedText, _ values: [String: String]) -> LocalizedText? {
        func one(_ s: String) -> String? { Placeholders.fill(s, values)?.trimmingCharacters(in: .whitespaces) }
        guard let en = one(text.en), let kk = one(text.kk) else { return nil }
        return LocalizedText(en: en, kk: kk, ru: text.ru.flatMap(one))
    }
}
