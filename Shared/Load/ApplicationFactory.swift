import Foundation
import QyzmetDomain
import QyzmetPopulation
import QyzmetRules

/// Builds complete, valid applications for a synthetic person; a plan then breaks some of them
/// on purpose.
public struct ApplicationFactory: Sendable {
    public static let emigration = "mod.emigration-certificate"
    public static let criminalRecord = "gp.criminal-record-certificate"
    public static let branches = ["AST-01", "ALA-01", "SHY-01", "KAR-01", "KAR-TEM", "AKT-01", "PAV-01", "TUR-KEN", "KOS-RUD", "KZO-ARA"]

    public init() {}

    /// Offices of the catalogue: authorities to address and branches of residence.
    static let offices: [Office] = (try? CatalogueLoader.bundled().reference.offices) ?? []

    /// The defence affairs department of a region as it is today (the catalogue also holds the
    /// departments of 2007), to address App 48 to.
    public static func authority(forRegion region: String, on day: LocalDate = KazakhstanTime.localDate(of: Date())) -> String? {
        offices.first { $0.kind == .authority && $0.provider == "LMAB" && $0.region == region && $0.isOpen(on: day) }?.id
    }

    /// A State Corporation branch in the region (front-office filing at the place of residence).
    public static func branch(inRegion region: String) -> String? {
        offices.first { $0.kind == .stateCorporationBranch && $0.region == region }?.id
    }

    public static func newApplicationId() -> String {
        "APP-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).uppercased()
    }

    public func emigration(for p: SyntheticPerson, channel: Channel, branchId: String, submittedAt: Date, scenario: String? = nil) -> ApplicationSubmission {
        let record = p.person
        let branchId = channel == .stateCorporation ? (Self.branch(inRegion: record.address.region) ?? branchId) : branchId
        let scenario = scenario ?? (p.military.status == "reservist" ? "reservist" : "conscript")
        let militaryType = p.military.documentType ?? (scenario == "reservist" ? "military-id" : "registration-certificate")
        let militaryNumber = p.military.documentNumber ?? "TK0000000"
        var documents: [ApplicationSubmission.SubmittedDocument] = []
        let exitProof = ApplicationSubmission.SubmittedDocument(type: "emigration-proof", number: "PMR-\(record.iin.suffix(6))", issuedOn: KazakhstanTime.localDate(of: submittedAt).adding(days: -20), validUntil: nil, form: channel == .portal ? "electronic-copy" : "original")
        if channel == .stateCorporation {
            documents.append(.init(type: "id-card", number: record.idDocument.number, issuedOn: record.idDocument.issuedOn, validUntil: record.idDocument.validUntil, form: "original"))
            documents.append(.init(type: militaryType, number: militaryNumber, form: "original"))
        } else {
            documents.append(.init(type: militaryType, number: militaryNumber, form: "electronic-copy"))
        }
        documents.append(exitProof)
        return ApplicationSubmission(
            applicationId: Self.newApplicationId(), service: Self.emigration, scenario: scenario, channel: channel, submittedAt: submittedAt,
            applicant: .init(iin: record.iin, lastName: record.lastName, firstName: record.firstName, patronymic: record.patronymic),
            branchId: channel == .stateCorporation ? branchId : nil,
            delivery: channel == .portal ? Delivery(method: .personalCabinet) : Delivery(method: .branch, branchId: branchId),
            form: [
                "birthPlace": .string(record.birthPlace), "maritalStatus": .string(record.maritalStatus),
                "registeredAddress": .string(record.address.line), "lastWorkplace": .string("LLP \"Dala Logistics\", driver"),
                "addresseeOffice": .string(Self.authority(forRegion: record.address.region) ?? "LMAB-ASTANA"),
                "secretInformationConsent": .bool(true),
            ],
            documents: documents
        )
    }

    public func criminalRecord(
        for applicant: SyntheticPerson, about subject: SyntheticPerson? = nil, channel: Channel, purpose: String, branchId: String, submittedAt: Date
    ) -> ApplicationSubmission {
        let record = applicant.person
        // The general certificate is electronic on both channels; paper is for travel abroad.
        let paper = purpose == "travel-abroad"
        let subjectPerson = subject.map { ApplicationSubmission.Person(iin: $0.person.iin, lastName: $0.person.lastName, firstName: $0.person.firstName, patronymic: $0.person.patronymic) }
        return ApplicationSubmission(
            applicationId: Self.newApplicationId(), service: Self.criminalRecord, scenario: subject == nil ? "self" : "third-party", channel: channel,
            submittedAt: submittedAt,
            applicant: .init(iin: record.iin, lastName: record.lastName, firstName: record.firstName, patronymic: record.patronymic),
            subject: subjectPerson,
            // The portal takes the subject's consent by SMS; the front office takes their notarised power of attorney.
            consent: channel == .portal ? subject.map { .init(subjectIin: $0.person.iin, method: "sms", givenAt: submittedAt.addingTimeInterval(-120), reference: "SMS-\($0.person.iin.suffix(4))-\(Int(submittedAt.timeIntervalSince1970))") } : nil,
            purpose: purpose, branchId: channel == .stateCorporation ? branchId : (paper ? branchId : nil),
            delivery: paper ? Delivery(method: .branch, branchId: branchId) : Delivery(method: .personalCabinet),
            form: ["apostille": .bool(false)],
            documents: channel == .stateCorporation
                ? [.init(type: "id-card", number: record.idDocument.number, issuedOn: record.idDocument.issuedOn, validUntil: record.idDocument.validUntil, form: "original")]
                    + (subject.map { [.init(type: "power-of-attorney", number: "NOT-\($0.person.iin.suffix(6))", issuedOn: KazakhstanTime.localDate(of: submittedAt).adding(days: -3), form: "original")] } ?? [])
                : []
        )
    }
}
