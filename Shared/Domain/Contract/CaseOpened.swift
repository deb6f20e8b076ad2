import Foundation

/// An accepted application handed by the State Corporation to the authority.
public struct CaseOpened: Codable, Sendable, Equatable {
    public var applicationId: String
    public var registrationNumber: String
    public var service: String
    public var scenario: String
    public var channel: Channel
    public var purpose: String?
    public var acceptedAt: Date
    public var acceptedOn: LocalDate
    public var dueAt: Date
    public var dueDate: LocalDate
    /// The applicant as identified by ГБД ФЛ.
    public var applicant: PersonRecord
    /// The person the service is about, when not the applicant.
    public var subjectIin: String?
    public var consent: ApplicationSubmission.Consent?
    public var branchId: String?
    public var delivery: Delivery
    public var form: [String: JSONValue]
    public var documents: [ApplicationSubmission.SubmittedDocument]
    /// The rules the case is judged by for its whole life: the act version in force on the
    /// filing date (`gp-order-64@2022-01-25`).
    public var rulesVersion: String?
    /// The person the service is about as the state database of individuals knows them, when not
    /// the applicant (identified at intake).
    public var subject: PersonRecord?
    public var party: String?
    /// Working-day terms count the working days after this day.
    public var countFrom: LocalDate?
    /// A case opened under the one-application principle: it starts when the main case is
    /// decided with `startsOn` (the certificate to apostille exists), and its term counts from then.
    public var linkedTo: LinkedCase?
    /// A complaint: the application it appeals, as intake found it.
    public var appealed: AppealedApplication?

    public struct LinkedCase: Codable, Sendable, Equatable {
        public var applicationId: String
        public var startsOn: String

        public init(applicationId: String, startsOn: String) {
            self.applicationId = applicationId
            self.startsOn = startsOn
        }
    }

    public struct AppealedApplication: Codable, Sendable, Equatable {
        public var applicationId: String
        public var service: String
        public var registrationNumber: String?

        public init(applicationId: String, service: String, registrationNumber: String?) {
            self.applicationId = applicationId
            self.service = service
            self.registrationNumber = registrationNumber
        }
    }

    public init(applicationId: String, registrationNumber: String, service: String, scenario: String, channel: Channel, purpose: String?, acceptedAt: Date, acceptedOn: LocalDate, dueAt: Date, dueDate: LocalDate, applicant: PersonRecord, subjectIin: String?, consent: ApplicationSubmission.Consent?, branchId: String?, delivery: Delivery, form: [String: JSONValue], documents: [ApplicationSubmission.SubmittedDocument]) {
        self.applicationId = applicationId
        self.registrationNumber = registrationNumber
        self.service = service
        self.scenario = scenario
        self.channel = channel
        self.purpose = purpose
        self.acceptedAt = acceptedAt
        self.acceptedOn = acceptedOn
        self.dueAt = dueAt
        self.dueDate = dueDate
        self.applicant = applicant
        self.subjectIin = subjectIin
        self.consent = consent
        self.branchId = branchId
        self.delivery = delivery
        self.form = form
        self.documents = documents
    }
}
