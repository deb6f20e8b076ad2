import Foundation
import QyzmetDomain

/// When an application filed at an instant is accepted, which term of its service applies and
/// when it is due: the front office's computation, shared by intake and the filing replay so
/// that a replay of 2013 counts exactly as intake would have.
public struct FilingSchedule: Sendable {
    public var acceptance: DueDateCalculator.Acceptance
    /// The application as the rules' conditions see it on the day of acceptance.
    public var context: ConditionContext
    public var term: TermRule
    public var due: DueDateCalculator.Due

    /// `dueDates` on the wall clock of the office of filing (`DueDateCalculator.inRegion`).
    public init(service: ServiceRules, application: ApplicationSubmission, filedAt: Date, applicantIin: String, subjectIin: String?,
                catalogue: Catalogue, dueDates: DueDateCalculator) {
        // The channel's hours (a front office's Saturday), else the provider's.
        let hours = service.channel(application.channel)?.hours ?? service.providerHours
        acceptance = dueDates.acceptance(filedAt: filedAt, hours: hours)
        context = ConditionContext(channel: application.channel, scenario: application.scenario, purpose: application.purpose,
                                   branchTier: catalogue.tierOfBranchAppliedTo(channel: application.channel, branchId: application.branchId, delivery: application.delivery),
                                   party: application.party ?? "individual", referenceDate: acceptance.day, applicantIin: applicantIin, subjectIin: subjectIin,
                                   form: application.form, documents: Set(application.documents.map(\.type)))
        term = service.term(in: context)
        due = dueDates.due(term.term, from: acceptance, hours: service.providerHours)
    }
}
