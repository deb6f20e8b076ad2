import Foundation
import QyzmetDomain

/// The front office's check of an application against the catalogue, before anyone is asked
/// anything: is the service offered on this channel, is the form complete, is every required
/// document there and still valid, is there consent for a request about someone else.
/// Returns the refusal to accept, or nil when the package can be accepted.
public struct PackageCheck: Sendable {
    let catalogue: ServiceCatalogue

    public init(catalogue: ServiceCatalogue) {
        self.catalogue = catalogue
    }

    public func refusal(for application: ApplicationSubmission, filingDay: LocalDate) -> RefusalToAccept? {
        guard let service = catalogue.service(application.service) else {
            return RefusalToAccept(code: "unknown-service", reason: "service \(application.service) is not in the catalogue")
        }
        let form = service.regulation.refusalToAcceptForm
        func refuse(_ code: String, _ reason: String, missingDocuments: [String] = [], expiredDocuments: [String] = [], missingFields: [String] = []) -> RefusalToAccept {
            RefusalToAccept(code: code, reason: reason, missingDocuments: missingDocuments, expiredDocuments: expiredDocuments, missingFields: missingFields, form: form)
        }
        guard service.channels.contains(application.channel) else {
            return refuse("channel-not-offered", "\(service.code) is not provided through the \(application.channel.rawValue) channel")
        }
        guard service.scenario(application.scenario) != nil else {
            return refuse("unknown-scenario", "scenario \(application.scenario) is not one of \(service.scenarios.map(\.code).joined(separator: ", "))")
        }
        guard IIN.isValid(application.applicant.iin) else {
            return refuse("invalid-iin", "the applicant's IIN is not a valid individual identification number")
        }
        if let purposes = service.purposes, !purposes.contains(application.purpose ?? "") {
            return refuse("invalid-application", "purpose must be one of \(purposes.joined(separator: ", "))", missingFields: ["purpose"])
        }
        if let problem = deliveryProblem(application, service: service) {
            return refuse("invalid-application", problem)
        }

        for field in service.formFields {
            if let values = field.values, let given = application.form[field.name]?.stringValue, !values.contains(given) {
                return refuse("invalid-application", "form field \(field.name) must be one of \(values.joined(separator: ", "))")
            }
        }
        let missingFields = service.formFields.filter { field in
            guard field.required else { return false }
            switch application.form[field.name] {
            case .none, .some(.null): return true
            case .some(.string(let s)): return s.trimmingCharacters(in: .whitespaces).isEmpty
            case .some(.bool(let b)): return field.mustBeTrue == true && !b
            default: return false
            }
        }.map(\.name)
        let missingDocuments = service.applicantDocuments(scenario: application.scenario, channel: application.channel).filter { requirement in
            !application.documents.contains { document in
                requirement.anyOf.contains(document.type) && (requirement.form == nil || Self.formSatisfies(document.form, requirement.form!))
            }
        }.map { $0.anyOf.joined(separator: " or ") }
        if !missingFields.isEmpty || !missingDocuments.isEmpty {
            var parts: [String] = []
            if !missingDocuments.isEmpty { parts.append("missing documents: \(missingDocuments.joined(separator: "; "))") }
            if !missingFields.isEmpty { parts.append("missing application fields: \(missingFields.joined(separator: ", "))") }
            return refuse("incomplete-package", "the document package is incomplete (\(parts.joined(separator: "; ")))",
                          missingDocuments: missingDocuments, missingFields: missingFields)
        }
        let expired = application.documents.filter { ($0.validUntil.map { $0 < filingDay }) ?? false }.map(\.type)
        if !expired.isEmpty {
            return refuse("expired-documents", "documents past their validity: \(expired.joined(separator: ", "))", expiredDocuments: expired)
        }
        if let problem = consentProblem(application, service: service) {
            return refuse("missing-consent", problem)
        }
        return nil
    }

    private func deliveryProblem(_ application: ApplicationSubmission, service: ServiceDefinition) -> String? {
        guard let rule = service.result(channel: application.channel, purpose: application.purpose) else {
            return "no result is defined for this channel and purpose"
        }
        if application.channel == .stateCorporation && application.branchId == nil {
            return "a front-office application names its branch (branchId)"
        }
        if rule.delivery == .branch {
            guard let branch = application.delivery.branchId ?? application.branchId, catalogue.branch(branch) != nil else {
                return "the result is issued at a State Corporation branch: delivery.branchId must name a known branch"
            }
        }
        if let branch = application.branchId, catalogue.branch(branch) == nil {
            return "branch \(branch) is not known"
        }
        if application.delivery.method != rule.delivery {
            return "this result is delivered to \(rule.delivery.rawValue), not \(application.delivery.method.rawValue)"
        }
        return nil
    }

    private func consentProblem(_ application: ApplicationSubmission, service: ServiceDefinition) -> String? {
        guard let subject = application.subject, subject.iin != application.applicant.iin else {
            if application.scenario == "third-party" { return "a third-party request names its subject" }
            return nil
        }
        guard let rule = service.thirdParty, rule.requiresSubjectConsent else {
            return "this service is not provided about another person"
        }
        guard IIN.isValid(subject.iin) else { return "the subject's IIN is not valid" }
        guard let consent = application.consent, consent.subjectIin == subject.iin, rule.consentMethods.contains(consent.method),
              !consent.reference.isEmpty else {
            return "a request about another person needs that person's consent (\(rule.consentMethods.joined(separator: ", ")))"
        }
        return nil
    }

    /// An original satisfies a requirement for a copy; an electronic copy satisfies an
    /// electronic copy; a digital document stands for the original (the digital documents service).
    static func formSatisfies(_ given: String, _ required: String) -> Bool {
        switch required {
        case "original": return given == "original" || given == "digital"
        case "copy": return given == "original" || given == "copy" || given == "digital"
        case "electronic-copy": return given == "electronic-copy" || given == "digital"
        default: return given == required
        }
    }
}
