import Foundation
import QyzmetDomain
import QyzmetPopulation

/// What a planned application should end in.
public enum Expectation: Hashable, Sendable, CustomStringConvertible {
    case certificate
    /// The executor refuses on the catalogue's grounds.
    case refusal
    /// Criminal record, additional reference check.
    case interimReply
    case refusedToAccept(String)

    public var description: String {
        switch self {
        case .certificate: return "certificate"
        case .refusal: return "motivated refusal"
        case .interimReply: return "interim reply"
        case .refusedToAccept(let code): return "refused to accept (\(code))"
        }
    }
}

public struct PlannedApplication: Sendable {
    public var application: ApplicationSubmission
    public var expectation: Expectation
    /// A state duty the applicant pays through the payment gateway before filing (the apostille).
    public var dutyTenge: Int?

    public init(application: ApplicationSubmission, expectation: Expectation, dutyTenge: Int? = nil) {
        self.application = application
        self.expectation = expectation
        self.dutyTenge = dutyTenge
    }
}

/// A mixed load over the catalogue's services and both channels: mostly valid applications, and
/// on purpose some incomplete, expired, unknown, mismatching, without consent, ineligible, needing
/// the additional check, lacking a register record, or needing an answer from outside (an
/// extension).
public struct DemoPlan: Sendable {
    public private(set) var applications: [PlannedApplication] = []

    public init(count: Int, index: PopulationIndex, now: Date) {
        var dealer = index.dealer()
        let factory = ApplicationFactory()
        let catalogueFactory = try? CatalogueApplicationFactory.bundled()
        let training = catalogueFactory.flatMap { TrainingRoundDemo.course(in: $0.catalogue, after: KazakhstanTime.localDate(of: now)) }
        let branches = ApplicationFactory.branches
        for i in 0..<count {
            let channel: Channel = i % 2 == 0 ? .portal : .stateCorporation
            let branch = branches[i % branches.count]
            let submittedAt = now.addingTimeInterval(-Double(count - i))
            let roll = (i / 12) % 20
            switch (i / 2) % 9 {
            case 0: applications.append(Self.emigration(roll: roll, channel: channel, branch: branch, at: submittedAt, n: i, factory: factory, dealer: &dealer))
            case 1: applications.append(Self.criminal(roll: roll, channel: channel, branch: branch, at: submittedAt, n: i, factory: factory, dealer: &dealer))
            case 7:
                guard let catalogueFactory, let planned = try? ProsecutorServicesPlan.apostille(roll: roll, at: submittedAt, factory: catalogueFactory, dealer: &dealer)
                else { continue }
                applications.append(planned)
            case 8:
                guard let catalogueFactory, let planned = try? ProsecutorServicesPlan.archival(roll: roll, channel: channel, at: submittedAt, factory: catalogueFactory, dealer: &dealer)
                else { continue }
                applications.append(planned)
            case 6:
                guard let catalogueFactory, let training,
                      let planned = try? MilitaryRegistrationPlan.trainingQueue(course: training.course, at: submittedAt, factory: catalogueFactory, dealer: &dealer)
                else { continue }
                applications.append(planned)
            default:
                guard let catalogueFactory,
                      let planned = try? MilitaryRegistrationPlan.application(kind: (i / 2) % 7 - 2, roll: roll, channel: channel, at: submittedAt,
                                                                              factory: catalogueFactory, dealer: &dealer) else { continue }
                applications.append(planned)
            }
        }
    }

    static func emigration(roll: Int, channel: Channel, branch: String, at: Date, n: Int, factory: ApplicationFactory, dealer: inout PopulationIndex.Dealer) -> PlannedApplication {
        switch roll {
        case 0:
            var a = factory.emigration(for: dealer.next(.conscript), channel: channel, branchId: branch, submittedAt: at)
            a.documents.removeAll { $0.type == "emigration-proof" }
            return PlannedApplication(application: a, expectation: .refusedToAccept("incomplete-package"))
        case 1:
            var a = factory.emigration(for: dealer.next(.reservist), channel: channel, branchId: branch, submittedAt: at)
            a.applicant.iin = PopulationIndex.unknownPersonIIN(n)
            return PlannedApplication(application: a, expectation: .refusedToAccept("unknown-person"))
        case 2:
            let p = dealer.next(.notRegistered)
            return PlannedApplication(application: factory.emigration(for: p, channel: channel, branchId: branch, submittedAt: at, scenario: "conscript"), expectation: .refusal)
        case 3 where channel == .stateCorporation:
            let a = factory.emigration(for: dealer.next(.expiredIdentityCard), channel: channel, branchId: branch, submittedAt: at, scenario: "conscript")
            return PlannedApplication(application: a, expectation: .refusedToAccept("expired-documents"))
        case 4:
            var a = factory.emigration(for: dealer.next(.reservist), channel: channel, branchId: branch, submittedAt: at)
            if let i = a.documents.firstIndex(where: { ["military-id", "temporary-certificate"].contains($0.type) }) { a.documents[i].number = "AB9999999" }
            return PlannedApplication(application: a, expectation: .refusal)
        default:
            let p = dealer.next(roll % 2 == 0 ? .conscript : .reservist)
            return PlannedApplication(application: factory.emigration(for: p, channel: channel, branchId: branch, submittedAt: at), expectation: .certificate)
        }
    }

    static func criminal(roll: Int, channel: Channel, branch: String, at: Date, n: Int, factory: ApplicationFactory, dealer: inout PopulationIndex.Dealer) -> PlannedApplication {
        let purpose = roll % 5 == 1 ? "travel-abroad" : "general"
        switch roll {
        case 0, 10:
            return PlannedApplication(application: factory.criminalRecord(for: dealer.next(.criminalNeedsCheck), channel: channel, purpose: purpose, branchId: branch, submittedAt: at), expectation: .interimReply)
        case 2:
            return PlannedApplication(application: factory.criminalRecord(for: dealer.next(.criminalRecord), channel: channel, purpose: purpose, branchId: branch, submittedAt: at), expectation: .certificate)
        case 3:
            let a = factory.criminalRecord(for: dealer.next(.criminalClear), about: dealer.next(.criminalClear), channel: channel, purpose: purpose, branchId: branch, submittedAt: at)
            return PlannedApplication(application: a, expectation: .certificate)
        case 4:
            var a = factory.criminalRecord(for: dealer.next(.criminalClear), about: dealer.next(.criminalClear), channel: channel, purpose: purpose, branchId: branch, submittedAt: at)
            a.consent = nil
            a.documents.removeAll { $0.type == "power-of-attorney" }
            // Without the subject's consent: on the portal no SMS, at the front office no power of
            // attorney, which is a document of the package there.
            return PlannedApplication(application: a, expectation: .refusedToAccept(channel == .portal ? "missing-consent" : "incomplete-package"))
        case 7:
            var a = factory.criminalRecord(for: dealer.next(.criminalClear), channel: channel, purpose: purpose, branchId: branch, submittedAt: at)
            a.applicant.lastName = "Белгісізов"
            return PlannedApplication(application: a, expectation: .refusedToAccept("identity-mismatch"))
        default:
            return PlannedApplication(application: factory.criminalRecord(for: dealer.next(.criminalClear), channel: channel, purpose: purpose, branchId: branch, submittedAt: at), expectation: .certificate)
        }
    }
}
