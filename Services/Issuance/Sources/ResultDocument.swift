import Foundation
import QyzmetDomain

/// The content of a result document, as signed. The verification lookup returns exactly this.
public struct ResultDocument: Codable, Sendable {
    public var documentNumber: String
    public var kind: ResultIssued.Kind
    public var form: String
    public var title: LocalizedText
    public var service: String
    public var serviceTitle: LocalizedText
    public var registrationNumber: String
    public var provider: String
    public var holder: Holder
    public var issuedOn: LocalDate
    public var format: ResultIssued.Format
    public var copies: Int
    /// What the document certifies, e.g. `criminalRecord: none`.
    public var facts: [String: String]
    public var statement: String
    public var grounds: [Decision.Ground]
    public var motivation: String?
    public var reapplyAfter: LocalDate?

    public struct Holder: Codable, Sendable {
        public var fullName: String
        public var birthDate: LocalDate
        public var birthPlace: String
        /// Masked; the certificate forms carry no IIN.
        public var iin: String
    }
}

enum DocumentWriter {
    static func compose(number: String, decision: Decision, service: ServiceDefinition, rule: ResultRule, kind: ResultIssued.Kind, issuedOn: LocalDate) -> ResultDocument {
        let holder = ResultDocument.Holder(fullName: decision.holder.fullName, birthDate: decision.holder.birthDate,
                                           birthPlace: decision.holder.birthPlace, iin: IIN.redact(decision.holder.iin))
        let title: LocalizedText
        let statement: String
        switch kind {
        case .certificate:
            title = service.title
            statement = certificateStatement(decision: decision, service: service)
        case .refusal:
            title = LocalizedText(en: "Motivated refusal to provide the state service", kk: "Мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауап")
            statement = "The provider refuses \(service.title.en.lowercased()) on the grounds below."
        case .interimReply:
            title = LocalizedText(en: "Interim reply: additional reference check", kk: "Аралық жауап: қосымша анықтамалық тексеріс")
            statement = "An additional reference check is being carried out. Please apply again after \(decision.reapplyAfter.map(\.description) ?? "20 working days")."
        }
        return ResultDocument(
            documentNumber: number, kind: kind, form: kind == .certificate ? rule.form : "motivated reply", title: title,
            service: service.code, serviceTitle: service.title, registrationNumber: decision.registrationNumber, provider: service.provider.name.en,
            holder: holder, issuedOn: issuedOn, format: rule.format, copies: kind == .certificate ? rule.copies : 1, facts: decision.facts,
            statement: statement, grounds: decision.grounds, motivation: decision.motivation, reapplyAfter: decision.reapplyAfter
        )
    }

    private static func certificateStatement(decision: Decision, service: ServiceDefinition) -> String {
        switch decision.facts["criminalRecord"] {
        case "none", "expunged":
            return "has no criminal record" + (decision.purpose == "travel-abroad" ? ". This certificate is issued for travel abroad." : ".")
        case "present":
            return "has a criminal record" + (decision.purpose == "travel-abroad" ? ". This certificate is issued for travel abroad." : ".")
        default:
            return "is removed from military registration and has surrendered the military registration document in connection with departure from Kazakhstan for permanent residence."
        }
    }
}
