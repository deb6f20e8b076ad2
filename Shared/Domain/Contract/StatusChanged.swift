import Foundation

/// Where an application is in its life. The raw values are the contract's status codes.
public enum ApplicationStatus: String, Codable, Sendable, CaseIterable {
    case identifying
    case accepted
    case refusedToAccept = "refused-to-accept"
    case registered
    case gatheringData = "gathering-data"
    case awaitingExecutor = "awaiting-executor"
    /// The criminal-record additional reference check is under way.
    case additionalCheck = "additional-check"
    case hearingScheduled = "hearing-scheduled"
    case termExtended = "term-extended"
    case awaitingPayment = "awaiting-payment"
    /// The additional check is complete; the applicant re-applies for the certificate.
    case checkCompleted = "check-completed"
    case approved
    case refused
    case interimReply = "interim-reply"
    case resultIssued = "result-issued"
    case deliveredToCabinet = "delivered-to-cabinet"
    case readyForCollection = "ready-for-collection"
    case collected
    case storedAtProvider = "stored-at-provider"
    case returnedToProvider = "returned-to-provider"
    case filed
    /// A notice sent by text message to the registered mobile number.
    case sentBySms = "sent-by-sms"
    /// The case ended without a document: a proactive service not rendered to this person (no
    /// mobile number registered on the portal).
    case closed
    /// Issue 7 (contract 1.3). A linked case waits for the main case's document to exist.
    case awaitingDocument = "awaiting-document"
    /// The apostille: registered in the log of apostilled documents on the day of arrival.
    case registeredInLog = "registered-in-log"
    /// The document's authenticity is being checked (apostille) or the archives searched.
    case verification
    case archiveSearch = "archive-search"
    /// A decided case taken up again after a complaint was satisfied or upheld.
    case reconsideration
    /// Complaints: with the official appealed, forwarded to the reviewing body, at the quality
    /// control body, at the State Corporation's head; and how each ended.
    case complaintWithProvider = "complaint-with-provider"
    case complaintForwarded = "complaint-forwarded"
    case complaintAtQualityBody = "complaint-at-quality-body"
    case complaintAtStateCorporation = "complaint-at-state-corporation"
    case satisfiedByProvider = "satisfied-by-provider"
    case upheld
    case rejected
    /// Order 357's free-basis selection: selected for a course, admitted and in training,
    /// expelled (with costs to recover or not), training completed.
    case selected
    case inTraining = "in-training"
    case expelled
    case trainingCompleted = "training-completed"

    /// Position in the life cycle: a status projection never moves backwards, whatever order
    /// events from different services arrive in.
    public var stage: Int {
        switch self {
        case .identifying: return 1
        case .accepted, .refusedToAccept: return 2
        case .registered: return 3
        case .gatheringData: return 4
        case .awaitingDocument, .registeredInLog: return 4
        case .awaitingExecutor, .additionalCheck, .hearingScheduled, .termExtended, .awaitingPayment, .verification, .archiveSearch, .reconsideration,
             .complaintWithProvider, .complaintForwarded, .complaintAtQualityBody, .complaintAtStateCorporation: return 5
        case .approved, .refused, .interimReply, .checkCompleted, .satisfiedByProvider, .upheld, .rejected, .selected: return 6
        case .inTraining: return 7
        case .resultIssued: return 7
        case .deliveredToCabinet, .readyForCollection, .sentBySms: return 8
        case .collected, .storedAtProvider: return 9
        case .returnedToProvider, .filed, .closed, .expelled, .trainingCompleted: return 10
        }
    }

    /// The service that owns the application in this status, for "where is it".
    public var owner: String {
        switch self {
        case .identifying, .accepted, .refusedToAccept: return "intake"
        case .registered, .gatheringData, .awaitingExecutor, .approved, .refused, .interimReply, .additionalCheck, .hearingScheduled,
             .termExtended, .awaitingPayment, .checkCompleted, .closed, .awaitingDocument, .registeredInLog, .verification, .archiveSearch,
             .reconsideration, .complaintWithProvider, .complaintForwarded, .complaintAtQualityBody, .complaintAtStateCorporation,
             .satisfiedByProvider, .upheld, .rejected, .selected, .inTraining, .expelled, .trainingCompleted: return "review"
        default: return "issuance"
        }
    }

    public var isFinal: Bool {
        switch self {
        case .refusedToAccept, .deliveredToCabinet, .collected, .returnedToProvider, .filed, .closed, .expelled, .trainingCompleted: return true
        default: return false
        }
    }
}

/// Published on the monitoring topic at every transition.
public struct StatusChanged: Codable, Sendable, Equatable {
    public var applicationId: String
    public var status: ApplicationStatus
    public var at: Date
    /// The service that made the transition.
    public var actor: String
    public var service: String?
    public var registrationNumber: String?
    public var dueAt: Date?
    public var dueDate: LocalDate?
    /// Where the application or its result physically is (an executor, a branch, an archive).
    public var location: String?
    public var detail: String?

    public init(applicationId: String, status: ApplicationStatus, at: Date, actor: String, service: String? = nil, registrationNumber: String? = nil, dueAt: Date? = nil, dueDate: LocalDate? = nil, location: String? = nil, detail: String? = nil) {
        self.applicationId = applicationId
        self.status = status
        self.at = at
        self.actor = actor
        self.service = service
        self.registrationNumber = registrationNumber
        self.dueAt = dueAt
        self.dueDate = dueDate
        self.location = location
        self.detail = detail
    }
}

/// Published on the deadlines topic when a due date approaches or passes.
public struct DeadlineAlert: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case warning
        case breach
    }

    public var applicationId: String
    public var registrationNumber: String
    public var service: String
    public var kind: Kind
    /// `service-term` or `executor-deadline`.
    public var deadline: String
    public var dueAt: Date
    public var at: Date
    public var holder: String

    public init(applicationId: String, registrationNumber: String, service: String, kind: Kind, deadline: String, dueAt: Date, at: Date, holder: String) {
        self.applicationId = applicationId
        self.registrationNumber = registrationNumber
        self.service = service
        self.kind = kind
        self.deadline = deadline
        self.dueAt = dueAt
        self.at = at
        self.holder = holder
    }
}
