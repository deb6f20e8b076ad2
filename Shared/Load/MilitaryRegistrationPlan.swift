import Foundation
import QyzmetDomain
import QyzmetPopulation
import QyzmetRules

/// The demonstration's share of order 555: registration certificates (S1), military IDs (S2),
/// registration and deregistration (S3) and confirmations of service (S5), with the applicants
/// the registers make approved, refused on a ground the registers support, refused to accept
/// for a missing document, or extended while a body outside the databases answers.
enum MilitaryRegistrationPlan {
    static func male(_ p: SyntheticPerson) -> Bool { p.person.sex == .male }
    static func conscript(_ p: SyntheticPerson) -> Bool { male(p) && p.military.status == "conscript" }
    static func reservist(_ p: SyntheticPerson) -> Bool { male(p) && p.military.status == "reservist" }
    static func protocolRecord(_ p: SyntheticPerson) -> Bool { RegisterRecords.protocolBook(p.person, p.military) != nil }
    static func penalty(_ p: SyntheticPerson, _ article: String) -> Bool { RegisterRecords.penalties(p.person, p.military)?[article] == "present" }
    static func serviceRecords(_ p: SyntheticPerson) -> [String: String] { RegisterRecords.serviceRecords(p.person, p.military) ?? [:] }

    /// A fit reservist over 24 put on the paid-training queue (order 357 service 1) for a course.
    static func trainingQueue(course: TrainingCourse, at: Date, factory: CatalogueApplicationFactory,
                              dealer: inout PopulationIndex.Dealer) throws -> PlannedApplication {
        let person = dealer.next("a fit reservist over 24", where: {
            reservist($0) && $0.person.birthDate.yearsUntil(SyntheticPopulation.referenceDate) >= 25 && ["A", "B"].contains(RegisterRecords.fitness($0.person.iin))
        })
        let application = try factory.application("mod.training-queue", scenario: "queue", channel: .portal, for: person, submittedAt: at,
                                                  form: ["course": .string(course.id)])
        return PlannedApplication(application: application, expectation: .certificate)
    }

    /// `kind`: 0 S1, 1 S2, 2 S3, 3 S5.
    static func application(kind: Int, roll: Int, channel: Channel, at: Date, factory: CatalogueApplicationFactory,
                            dealer: inout PopulationIndex.Dealer) throws -> PlannedApplication {
        func plan(_ code: String, _ scenario: String, _ channel: Channel, _ who: String, _ matches: (SyntheticPerson) -> Bool,
                  _ expectation: Expectation) throws -> PlannedApplication {
            let person = dealer.next(who, where: matches)
            return PlannedApplication(application: try factory.application(code, scenario: scenario, channel: channel, for: person, submittedAt: at),
                                      expectation: expectation)
        }
        switch (kind, roll % 5) {
        case (0, 0):
            var planned = try plan("mod.registration-certificate", "lost-certificate", channel, "a conscript", conscript, .refusedToAccept("incomplete-package"))
            planned.application.documents.removeAll { $0.type != "id-card" }
            return planned
        case (0, 1):
            return try plan("mod.registration-certificate", "late-first-registration", channel, "a conscript missing from the protocol book",
                            { conscript($0) && !protocolRecord($0) }, .refusal)
        case (0, 2):
            return try plan("mod.registration-certificate", "lost-certificate", channel, "a conscript with an Art. 649 resolution",
                            { conscript($0) && penalty($0, "penalty649") }, .certificate)
        case (0, _):
            return try plan("mod.registration-certificate", "late-first-registration", channel, "a conscript in the protocol book",
                            { conscript($0) && protocolRecord($0) }, .certificate)
        case (1, 0):
            return try plan("mod.military-id", "under-27-health", channel, "a conscript missing from the protocol book",
                            { conscript($0) && !protocolRecord($0) }, .refusal)
        case (1, 1):
            return try plan("mod.military-id", "women-contract", channel, "a woman", { $0.person.sex == .female }, .certificate)
        case (1, 2):
            return try plan("mod.military-id", "lost", channel, "a reservist with an Art. 649 resolution", { reservist($0) && penalty($0, "penalty649") }, .certificate)
        case (1, _):
            return try plan("mod.military-id", "old-model", channel, "a reservist", reservist, .certificate)
        // S3 and S5 are portal services.
        case (2, 0):
            return try plan("mod.registration", "conscript-moved-late", .portal, "a conscript without an Art. 647 resolution",
                            { conscript($0) && !penalty($0, "penalty647") && RegisterRecords.fitness($0.person.iin) != "D" }, .refusal)
        case (2, 1):
            return try plan("mod.registration", "deregistration", .portal, "a reservist", reservist, .certificate)
        case (2, _):
            return try plan("mod.registration", "conscript-moved", .portal, "a fit conscript", { conscript($0) && RegisterRecords.fitness($0.person.iin) != "D" }, .certificate)
        case (3, 0):
            return try plan("mod.service-confirmation", "own-service", .portal, "a reservist whose service Kazakh bodies confirm",
                            { serviceRecords($0)["serviceMissingFrom"] == "kz-bodies" && RegisterRecords.outsideAnswer(iin: $0.person.iin, body: "kz-bodies")["requestAnswer"] == "confirmed" },
                            .certificate)
        case (3, 1):
            return try plan("mod.service-confirmation", "own-service", .portal, "a reservist a foreign archive cannot confirm",
                            { serviceRecords($0)["serviceMissingFrom"] == "foreign-archive" && RegisterRecords.outsideAnswer(iin: $0.person.iin, body: "foreign-archive")["requestAnswer"] != "confirmed" },
                            .refusal)
        default:
            return try plan("mod.service-confirmation", "own-service", .portal, "a reservist whose service the MoD system holds",
                            { serviceRecords($0)["serviceRecord"] == "complete" }, .certificate)
        }
    }
}
