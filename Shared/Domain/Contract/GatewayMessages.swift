import Foundation

/// What a gateway request asks for, one state database each.
public enum GatewayQuery: String, Codable, Sendable, CaseIterable {
    /// ГБД ФЛ: identity, names, birth date, sex, citizenship, address, family.
    case person = "persons.identity"
    case militaryRegistration = "military.registration"
    case protocolBook = "military.protocol-book"
    case administrativePenalties = "penalties.administrative"
    case criminalRecords = "criminal.records"
    /// Digital documents: released only with the holder's consent.
    case digitalDocuments = "documents.digital"
    /// The e-government payment gateway: was the state duty of this application paid, in full, in time?
    case payment = "payments.status"
    /// The MoD information system (ҚМ ИШ): periods and units of service, and what it lacks.
    case serviceRecords = "military.service-records"
    case education = "education.documents"
    /// The reservist's medical examination card (App 54) with its fitness conclusion.
    case medicalCard = "medical.reservist-card"
    /// A request to a body outside the e-government databases (Kazakh bodies, archives of former
    /// USSR states); it answers after its own delay, on paper in real life.
    case outsideRequest = "outside.request"
    /// The portal's record of the person's account: a registered mobile number (proactive services).
    case portalContacts = "portal.contacts"
    /// The Committee's information systems on an official document of a prosecution,
    /// investigation or inquiry body (`asks`: its number): authentic or not (apostille, L50).
    case officialDocuments = "prosecution.official-documents"
    /// The Committee's automated archive system (ААЖ) on a person (`asks`: surname|name|birth date).
    case archiveSystem = "archives.automated-system"
}

public struct GatewayRequest: Codable, Sendable, Equatable {
    public var requestId: String
    /// The requesting service (X-Road's client): `intake` or `review`.
    public var client: String
    public var applicationId: String
    public var query: GatewayQuery
    public var subjectIin: String
    /// The person on whose behalf the query is made (X-Road's user id); a query about someone
    /// else needs that person's consent.
    public var requesterIin: String?
    /// Evidence of the holder's consent where the query needs it.
    public var consentReference: String?
    public var replyTo: String
    public var requestedAt: Date
    public var attempt: Int
    /// For `payments.status`: the amount due in tenge and the moment it is due by.
    public var amountDue: Int?
    public var dueBy: Date?
    /// For `outside.request`: the kind of body asked (`kz-bodies`, `foreign-archive`) and what is asked.
    public var body: String?
    public var asks: String?

    public init(requestId: String, client: String, applicationId: String, query: GatewayQuery, subjectIin: String, requesterIin: String? = nil, consentReference: String? = nil, replyTo: String, requestedAt: Date, attempt: Int) {
        self.requestId = requestId
        self.client = client
        self.applicationId = applicationId
        self.query = query
        self.subjectIin = subjectIin
        self.requesterIin = requesterIin
        self.consentReference = consentReference
        self.replyTo = replyTo
        self.requestedAt = requestedAt
        self.attempt = attempt
    }
}

/// The gateway's answer, signed by the gateway (`data` is `{response, signature}`).
public struct SignedGatewayResponse: Codable, Sendable {
    public var response: JSONValue
    public var signature: DetachedSignature

    public init(response: JSONValue, signature: DetachedSignature) {
        self.response = response
        self.signature = signature
    }
}

public struct GatewayResponse: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case found
        case notFound = "not-found"
        /// The query needs consent that was not given.
        case denied
        /// The source database failed; the requester retries.
        case error
    }

    public var requestId: String
    /// SHA-256 of the canonical request, binding the answer to the question (X-Road-Request-Hash).
    public var requestHash: String
    public var client: String
    public var applicationId: String
    public var query: GatewayQuery
    public var outcome: Outcome
    public var respondedAt: Date
    public var person: PersonRecord?
    public var military: MilitaryRecord?
    public var criminal: CriminalRecordExtract?
    public var payment: PaymentRecord?
    /// What a register holds about the person, named as the catalogue's facts name it
    /// (`protocolDecision`, `penalty649`, `serviceRecord`, `requestAnswer`, ...).
    public var records: [String: String]?
    public var error: String?

    public init(requestId: String, requestHash: String, client: String, applicationId: String, query: GatewayQuery, outcome: Outcome, respondedAt: Date, person: PersonRecord? = nil, military: MilitaryRecord? = nil, criminal: CriminalRecordExtract? = nil, error: String? = nil) {
        self.requestId = requestId
        self.requestHash = requestHash
        self.client = client
        self.applicationId = applicationId
        self.query = query
        self.outcome = outcome
        self.respondedAt = respondedAt
        self.person = person
        self.military = military
        self.criminal = criminal
        self.error = error
    }
}

/// What the payment gateway knows of an application's state duty.
public struct PaymentRecord: Codable, Sendable, Equatable {
    /// `paid`, `unpaid`, `short` (less than due), `late` (in full, after the deadline).
    public var status: String
    public var paidTenge: Int
    public var dueTenge: Int
    public var lastPaidAt: Date?

    public init(status: String, paidTenge: Int, dueTenge: Int, lastPaidAt: Date?) {
        self.status = status
        self.paidTenge = paidTenge
        self.dueTenge = dueTenge
        self.lastPaidAt = lastPaidAt
    }
}

/// A person as ГБД ФЛ knows them.
public struct PersonRecord: Codable, Sendable, Equatable {
    public var iin: String
    public var lastName: String
    public var firstName: String
    public var patronymic: String?
    public var birthDate: LocalDate
    public var birthPlace: String
    public var sex: IIN.Sex
    public var citizenship: String
    public var maritalStatus: String
    public var childrenCount: Int
    public var address: Address
    public var idDocument: IdentityDocument
    /// Reference to the 30x40 photo in the photo registry.
    public var photoReference: String

    public init(iin: String, lastName: String, firstName: String, patronymic: String?, birthDate: LocalDate, birthPlace: String, sex: IIN.Sex, citizenship: String, maritalStatus: String, childrenCount: Int, address: Address, idDocument: IdentityDocument, photoReference: String) {
        self.iin = iin
        self.lastName = lastName
        self.firstName = firstName
        self.patronymic = patronymic
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.sex = sex
        self.citizenship = citizenship
        self.maritalStatus = maritalStatus
        self.childrenCount = childrenCount
        self.address = address
        self.idDocument = idDocument
        self.photoReference = photoReference
    }

    public var fullName: String { [lastName, firstName, patronymic].compactMap { $0 }.joined(separator: " ") }

    public struct Address: Codable, Sendable, Equatable {
        public var region: String
        public var locality: String
        public var street: String
        public var building: String
        public var flat: String?

        public init(region: String, locality: String, street: String, building: String, flat: String?) {
            self.region = region
            self.locality = locality
            self.street = street
            self.building = building
            self.flat = flat
        }

        public var line: String {
            [region, locality, street + " " + building, flat.map { "apt. " + $0 }].compactMap { $0 }.joined(separator: ", ")
        }
    }

    public struct IdentityDocument: Codable, Sendable, Equatable {
        public var type: String
        public var number: String
        public var issuedOn: LocalDate
        public var validUntil: LocalDate

        public init(type: String, number: String, issuedOn: LocalDate, validUntil: LocalDate) {
            self.type = type
            self.number = number
            self.issuedOn = issuedOn
            self.validUntil = validUntil
        }
    }
}

/// The person's military registration record.
public struct MilitaryRecord: Codable, Sendable, Equatable {
    /// `conscript`, `reservist`, `not-registered`, `removed`.
    public var status: String
    /// `registration-certificate` (conscripts), `military-id` or `temporary-certificate` (reservists).
    public var documentType: String?
    public var documentNumber: String?
    /// The local military administration body (ЖӘБО) holding the record.
    public var office: String?
    public var category: String?

    public init(status: String, documentType: String?, documentNumber: String?, office: String?, category: String?) {
        self.status = status
        self.documentType = documentType
        self.documentNumber = documentNumber
        self.office = office
        self.category = category
    }
}

/// What the Committee on Legal Statistics' records say of a person.
public struct CriminalRecordExtract: Codable, Sendable, Equatable {
    /// `none`, `present`, or `needs-check` when records are ambiguous and need an additional
    /// reference check (paper card index, former names).
    public var status: String
    public var convictions: [Conviction]

    public init(status: String, convictions: [Conviction]) {
        self.status = status
        self.convictions = convictions
    }

    public struct Conviction: Codable, Sendable, Equatable {
        public var article: String
        public var court: String
        public var sentencedOn: LocalDate
        public var expunged: Bool

        public init(article: String, court: String, sentencedOn: LocalDate, expunged: Bool) {
            self.article = article
            self.court = court
            self.sentencedOn = sentencedOn
            self.expunged = expunged
        }
    }
}
