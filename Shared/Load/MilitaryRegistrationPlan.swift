import Foundation
import QyzmetDomain
import QyzmetPopulation
import QyzmetRules

/// The demonstration's share of order 555: registration certificates (S1), military IDs (S2),
/// registration and deregistration (S3) and confirmations of service (S5), with the applicants
/// the registers make approved, refused on a ground the registers support, refused to accept
/// for a missing document, or extended while a body outside the databases answers.
enum MilitaryRegistrationPlan {

    /// A fit reservist over 24 put on the paid-training queue (order 357 service 1) for a course.
    static func trainingQueue(course: TrainingCourse, at: Date, factory: CatalogueApplicationFactory,
                              dealer: inout PopulationIndex.Dealer) throws -> PlannedApplication {
        let person = dealer.next("a fit reservist over 24", where: {
            $0.isReservist && $0.age >= 25 && ["A", "B"].contains($0.fitness)
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
            var planned = try plan("mod.registration-certificate", "lost-certificate", channel, "a conscript", { $0.isConscript }, .refusedToAccept("incomplete-package"))
            planned.application.documents.removeAll { $0.type != "id-card" }
            return planned
        case (0, 1):
            return try plan("mod.registration-certificate", "late-first-registration", channel, "a conscript missing from the protocol book",
                            { $0.isConscript && $0.protocolBook == nil }, .refusal)
        case (0, 2):
            return try plan("mod.registration-certificate", "lost-certificate", channel, "a conscript with an Art. 649 resolution",
                            { $0.isConscript && $0.penalties["penalty649"] == "present" }, .certificate)
        case (0, _):
            return try plan("mod.registration-certificate", "late-first-registration", channel, "a conscript in the protocol book",
                            { $0.isConscript && $0.protocolBook != nil }, .certificate)
        case (1, 0):
            return try plan("mod.military-id", "under-27-health", channel, "a conscript missing from the protocol book",
                            { $0.isConscript && $0.protocolBook == nil }, .refusal)
        case (1, 1):
            return try plan("mod.military-id", "women-contract", channel, "a woman", { $0.person.sex == .female }, .certificate)
        case (1, 2):
            return try plan("mod.military-id", "lost", channel, "a reservist with an Art. 649 resolution", { $0.isReservist && $0.penalties["penalty649"] == "present" }, .certificate)
        case (1, _):
            return try plan("mod.military-id", "old-model", channel, "a reservist", { $0.isReservist }, .certificate)
        // S3 and S5 are portal services.
        case (2, 0):
            return try plan("mod.registration", "conscript-moved-late", .portal, "a conscript without an Art. 647 resolution",
                            { $0.isConscript && $0.penalties["penalty647"] == nil && $0.fitness != "D" }, .refusal)
        case (2, 1):
            return try plan("mod.registration", "deregistration", .portal, "a reservist", { $0.isReservist }, .certificate)
        case (2, _):
            return try plan("mod.registration", "conscript-moved", .portal, "a fit conscript", { $0.isConscript && $0.fitness != "D" }, .certificate)
        case (3, 0):
            return try plan("mod.service-confirmation", "own-service", .portal, "a reservist whose service Kazakh bodies confirm",
                            { $0.serviceRecords["serviceMissingFrom"] == "kz-bodies" && RegisterRecords.outsideAnswer(iin: $0.person.iin, body: "kz-bodies")["requestAnswer"] == "confirmed" },
                            .certificate)
        case (3, 1):
            return try plan("mod.service-confirmation", "own-service", .portal, "a reservist a foreign archive cannot confirm",
                            { $0.serviceRecords["serviceMissingFrom"] == "foreign-archive" && RegisterRecords.outsideAnswer(iin: $0.person.iin, body: "foreign-archive")["requestAnswer"] != "confirmed" },
                            .refusal)
        default:
            return try plan("mod.service-confirmation", "own-service", .portal, "a reservist whose service the MoD system holds",
                            { $0.serviceRecords["serviceRecord"] == "complete" }, .certificate)
        }
    }
}
