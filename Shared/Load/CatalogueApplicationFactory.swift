import Foundation
import QyzmetDomain
import QyzmetPopulation
import QyzmetRules

/// Builds a complete application for any service, scenario and channel from the catalogue
/// itself: the documents the rules demand on that channel in that scenario, the form fields
/// they require, the delivery their result takes. Tests and the demonstration load use it, so a
/// new scenario in the catalogue is exercised without new code.
public struct CatalogueApplicationFactory: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    public static func bundled() throws -> CatalogueApplicationFactory {
        CatalogueApplicationFactory(catalogue: try CatalogueLoader.bundled())
    }

    public enum Failure: Error, CustomStringConvertible {
        case unknownService(String)
        case noBranch(String)

        public var description: String {
            switch self {
            case .unknownService(let code): return "no service \(code) in force"
            case .noBranch(let region): return "no State Corporation branch in \(region)"
            }
        }
    }

    public func application(_ code: String, scenario: String, channel: Channel, for p: SyntheticPerson, submittedAt: Date, party: String? = nil,
                            purpose: String? = nil, form extra: [String: JSONValue] = [:],
                            documents added: [ApplicationSubmission.SubmittedDocument] = []) throws -> ApplicationSubmission {
        let day = KazakhstanTime.localDate(of: submittedAt)
        guard let service = catalogue.service(code, on: day) else { throw Failure.unknownService(code) }
        let record = p.person
        guard let branch = catalogue.reference.offices.first(where: { $0.kind == .stateCorporationBranch && $0.region == record.address.region }) else {
            throw Failure.noBranch(record.address.region)
        }
        let context = ConditionContext(channel: channel, scenario: scenario, purpose: purpose, branchTier: branch.tier, party: party ?? "individual",
                                       referenceDate: day, applicantIin: record.iin, subjectIin: record.iin, form: extra)
        var documents = service.requiredDocuments(in: context).filter { $0.atCollection != true }.map { rule -> ApplicationSubmission.SubmittedDocument in
            let type = rule.anyOf[0]
            let form = rule.form ?? (channel == .portal ? "electronic-copy" : "original")
            if type == "id-card" {
                return .init(type: type, number: record.idDocument.number, issuedOn: record.idDocument.issuedOn, validUntil: record.idDocument.validUntil, form: form)
            }
            return .init(type: type, number: "\(type.prefix(3).uppercased())-\(record.iin.suffix(6))", issuedOn: day.adding(days: -2), form: form)
        }
        documents += added
        var form: [String: JSONValue] = [:]
        for field in service.fields where field.required && (field.when?.holds(in: context) ?? true) {
            switch field.type {
            case .boolean: form[field.name] = .bool(true)
            case .integer: form[field.name] = .integer(1)
            case .date: form[field.name] = .string(record.birthDate.adding(months: 18 * 12 + 5).description)
            case .enum: form[field.name] = .string(field.values?.first ?? "")
            case .office:
                form[field.name] = .string(catalogue.authority(of: service.provider.code, inRegion: record.address.region, on: day)?.id ?? "")
            case .bin: form[field.name] = .string("040540001230")
            // The first course of the plan that starts after the filing day.
            case .course:
                form[field.name] = .string(catalogue.reference.trainingCourses.filter { $0.isPaid && $0.start > day }.min { $0.start < $1.start }?.id ?? "")
            case .string: form[field.name] = .string("\(field.label.en.prefix(40)) of \(record.lastName)")
            // The application appealed is the caller's to name.
            case .application: form[field.name] = .string("")
            }
        }
        form.merge(extra) { _, new in new }
        let result = service.result(for: "approved", in: context) ?? service.results.first { $0.when?.holds(in: context) ?? true }
        let delivery = result?.delivery == .branch ? Delivery(method: .branch, branchId: branch.id) : Delivery(method: .personalCabinet)
        return ApplicationSubmission(
            applicationId: ApplicationFactory.newApplicationId(), service: code, scenario: scenario, channel: channel, submittedAt: submittedAt,
            applicant: .init(iin: record.iin, lastName: record.lastName, firstName: record.firstName, patronymic: record.patronymic),
            purpose: purpose, party: party, branchId: channel == .stateCorporation ? branch.id : nil, delivery: delivery, form: form, documents: documents
        )
    }

    /// The documents the applicant must bring on that channel in that scenario, by their first type.
    public func requiredDocuments(_ code: String, scenario: String, channel: Channel, on day: LocalDate) -> [String] {
        guard let service = catalogue.service(code, on: day) else { return [] }
        let context = ConditionContext(channel: channel, scenario: scenario, referenceDate: day)
        return service.requiredDocuments(in: context).filter { $0.atCollection != true }.map { $0.anyOf[0] }
    }
}
