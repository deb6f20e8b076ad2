import QyzmetDomain

/// A service's process as data, in the manner of DIGIT's workflow and XState: states, each with
/// the public status the citizen sees and an optional deadline, and transitions naming who may
/// take them, what they need, where they lead and what they cause.
public struct ProcessDefinition: Codable, Sendable {
    public var initial: String
    /// Where a decided case returns when a complaint against it is satisfied or upheld: an
    /// executor's state from which a new decision, and a new result, are issued.
    public var reconsideration: String?
    public var states: [StateDefinition]

    public func state(_ id: String) -> StateDefinition? { states.first { $0.id == id } }
}

public struct StateDefinition: Codable, Sendable {
    public var id: String
    /// The status published when a case enters the state (`ApplicationStatus` codes and the
    /// newer ones consumers may not know yet).
    public var status: String
    /// Who holds the case: `system`, `executor`, `applicant`.
    public var holder: Role
    public var deadline: DeadlineRule?
    /// Entering this state makes the service term this (from acceptance): the additional
    /// reference check turns 10 minutes into 5 working days.
    public var serviceTerm: Term?
    public var transitions: [Transition]
    /// A decided case: nothing moves it any more.
    public var final: Bool?
    public var source: String?
}

public enum Role: String, Codable, Sendable, CaseIterable {
    case system
    case executor
    case supervisor
    case applicant
    case timer
}

/// A deadline for the time a case spends in a state (an executor's step, the interim reply),
/// counted from an anchor. Warnings and breaches are raised per state.
public struct DeadlineRule: Codable, Sendable {
    public enum Anchor: String, Codable, Sendable {
        /// The day the case entered the state (registration for the first state).
        case entered
        /// The day of acceptance by the State Corporation.
        case acceptance
        /// The service term (possibly extended).
        case serviceTerm = "service-term"
    }

    public var name: String
    public var term: Term?
    public var from: Anchor
    public var source: String
}

public struct Transition: Codable, Sendable {
    /// The action or event: `opened`, `data-gathered`, `paid`, `timeout`, `approve`, `refuse`,
    /// `record-findings`, `extend`, `schedule-hearing`, `record-hearing`, `interim-reply`.
    public var on: String
    public var by: Role
    /// A named guard bound at start; an unknown name stops the service at load.
    public var `guard`: String?
    /// A condition over the application and the recorded facts.
    public var when: Condition?
    /// Nil: the case stays where it is (recording findings).
    public var target: String?
    /// For `timeout`: fires this long after the state was entered.
    public var after: Term?
    /// What the actor must give: `grounds`, `motivation`, `findings`, `term`, `hearing-at`,
    /// `hearing-outcome`.
    public var requires: [String]?
    /// Facts the findings may carry, with the values allowed.
    public var findings: [FindingRule]?
    public var effects: [Effect]?
    public var label: String?
    public var source: String?
}

/// A fact an officer records: a name, the values allowed (nil: free text), whether it must be
/// given.
public struct FindingRule: Codable, Sendable {
    public var name: String
    public var values: [String]?
    public var required: Bool?
    public var label: String?
}

/// What a transition causes besides the state change. Each object has exactly one key.
public enum Effect: Sendable, Equatable {
    /// The decision of the case: a result of this outcome goes to issuance.
    case decide(String)
    /// A notice (an extension notice, a hearing notice, an interim reply) without closing the case.
    case notice(String)
    /// The service term becomes the one the executor chose, within the extension rule.
    case extendTerm
    /// The hearing date, within the hearing rule.
    case scheduleHearing
    case recordHearing
    /// Put on an executor's worklist at the routed authority.
    case assign
    /// Ask the state databases what the service needs.
    case gatherData
    /// Ask the payment gateway whether the duty was paid.
    case checkPayment
    /// Change a state register: fields of the subject's record, values with `{fact}` placeholders.
    case register(name: String, set: [String: String])
    /// Ask a body outside the e-government databases (Kazakh bodies, a former USSR archive):
    /// `to` is a body kind or a `{fact}` naming one. Its answer fires `request-answered`.
    case sendRequest(to: String, asks: String)
    /// Put the case's applicant on a queue, under a key (a course); records `queueNumber`.
    case enqueue(queue: String, key: String)
    /// Take the case's applicant off a queue, with the reason the queue shows.
    case dequeue(queue: String, reason: String)
    /// Put on the worklist of an executor of another body (a complaint's reviewing body).
    case assignTo(String)
    /// The appealed case (a complaint's `application` field) returns to its reconsideration state.
    case reconsiderAppealed
}

extension Effect: Codable {
    private enum Key: String, CodingKey {
        case decide, notice, extendTerm, scheduleHearing, recordHearing, assign, gatherData, checkPayment, register, sendRequest, enqueue, dequeue, assignTo
    }

    private struct QueueEffect: Codable {
        var queue: String
        var key: String?
        var reason: String?
    }

    private struct OutgoingRequest: Codable {
        var to: String
        var asks: String
        var source: String?
    }

    private struct RegisterEffect: Codable {
        var name: String
        var set: [String: String]
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            switch name {
            case "extendTerm": self = .extendTerm
            case "scheduleHearing": self = .scheduleHearing
            case "recordHearing": self = .recordHearing
            case "assign": self = .assign
            case "gatherData": self = .gatherData
            case "checkPayment": self = .checkPayment
            case "reconsiderAppealed": self = .reconsiderAppealed
            default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown effect \(name)"))
            }
            return
        }
        let c = try decoder.container(keyedBy: Key.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an effect has exactly one key"))
        }
        switch key {
        case .decide: self = .decide(try c.decode(String.self, forKey: key))
        case .notice: self = .notice(try c.decode(String.self, forKey: key))
        case .assignTo: self = .assignTo(try c.decode(String.self, forKey: key))
        case .register:
            let r = try c.decode(RegisterEffect.self, forKey: key)
            self = .register(name: r.name, set: r.set)
        case .sendRequest:
            let r = try c.decode(OutgoingRequest.self, forKey: key)
            self = .sendRequest(to: r.to, asks: r.asks)
        case .enqueue:
            let q = try c.decode(QueueEffect.self, forKey: key)
            self = .enqueue(queue: q.queue, key: q.key ?? "")
        case .dequeue:
            let q = try c.decode(QueueEffect.self, forKey: key)
            self = .dequeue(queue: q.queue, reason: q.reason ?? "")
        default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(key.rawValue) takes no argument: write it as a string"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .decide(let outcome):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(outcome, forKey: .decide)
        case .notice(let outcome):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(outcome, forKey: .notice)
        case .register(let name, let set):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(RegisterEffect(name: name, set: set), forKey: .register)
        case .sendRequest(let to, let asks):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(OutgoingRequest(to: to, asks: asks), forKey: .sendRequest)
        case .enqueue(let queue, let key):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(QueueEffect(queue: queue, key: key), forKey: .enqueue)
        case .dequeue(let queue, let reason):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(QueueEffect(queue: queue, reason: reason), forKey: .dequeue)
        case .assignTo(let body):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(body, forKey: .assignTo)
        case .reconsiderAppealed: var c = encoder.singleValueContainer(); try c.encode("reconsiderAppealed")
        case .extendTerm: var c = encoder.singleValueContainer(); try c.encode("extendTerm")
        case .scheduleHearing: var c = encoder.singleValueContainer(); try c.encode("scheduleHearing")
        case .recordHearing: var c = encoder.singleValueContainer(); try c.encode("recordHearing")
        case .assign: var c = encoder.singleValueContainer(); try c.encode("assign")
        case .gatherData: var c = encoder.singleValueContainer(); try c.encode("gatherData")
        case .checkPayment: var c = encoder.singleValueContainer(); try c.encode("checkPayment")
        }
    }
}
