import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// What an executor sends to act on a case: one of the actions its process offers in its state
/// (the worklist lists them), with what that action needs.
public struct ExecutorActionRequest: Codable, Sendable {
    /// `approve`, `refuse`, `record-findings`, `extend`, `schedule-hearing`, `record-hearing`,
    /// `interim-reply`, `complete-check`, as the service's process names them.
    public var action: String
    /// The acting executor. Over HTTP it is the token's officer (a different id here is refused);
    /// in-process callers name it.
    public var executorId: String?
    /// Facts the executor records (`criminalRecord: none`, `removedFromRegisterOn: 2026-11-30`).
    public var findings: [String: String]?
    /// Refusal ground codes from the catalogue; required to refuse.
    public var grounds: [String]?
    /// The motivation of a refusal, in words the applicant will read.
    public var motivation: String?
    /// The new term of an extension, e.g. `{amount: 30, unit: working-days}`.
    public var term: Term?
    public var hearingAt: Date?
    public var hearingOutcome: String?

    public init(action: String, executorId: String? = nil, findings: [String: String]? = nil, grounds: [String]? = nil, motivation: String? = nil,
                term: Term? = nil, hearingAt: Date? = nil, hearingOutcome: String? = nil) {
        self.action = action
        self.executorId = executorId
        self.findings = findings
        self.grounds = grounds
        self.motivation = motivation
        self.term = term
        self.hearingAt = hearingAt
        self.hearingOutcome = hearingOutcome
    }
}

/// The older decide request: approve or refuse.
public typealias ExecutorDecisionRequest = ExecutorActionRequest

/// Executor commands: an action of the case's process, and reassignment.
struct ExecutorCommands: Sendable {
    let process: CaseProcess

    /// Takes the action; returns the state the case is in afterwards.
    func act(applicationId: String, _ request: ExecutorActionRequest, in tx: Transaction) throws -> String {
        guard let reviewCase = try ReviewCase.load(tx.db, applicationId: applicationId) else { throw CommandRejection.notFound("no case \(applicationId)") }
        guard let service = process.service(of: reviewCase) else { throw CommandRejection.invalid("the rules of \(reviewCase.opened.service) are not in the catalogue") }
        guard !reviewCase.final else { throw CommandRejection.conflict("case \(applicationId) is closed (\(reviewCase.state))") }
        guard let executorId = request.executorId,
              try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM executors WHERE executorId = ? AND active)"), arguments: [executorId]) == true else {
            throw CommandRejection.invalid("\(request.executorId ?? "nobody") is not an active executor")
        }
        // An officer acts only on the cases assigned to them; a supervisor reassigns.
        guard reviewCase.executorId == nil || reviewCase.executorId == executorId else {
            throw CommandRejection.forbidden("case \(applicationId) is assigned to \(reviewCase.executorId!), not \(executorId)")
        }
        var inputs = CaseProcess.Inputs(findings: request.findings ?? [:], motivation: request.motivation?.trimmingCharacters(in: .whitespacesAndNewlines),
                                        term: request.term, hearingAt: request.hearingAt, hearingOutcome: request.hearingOutcome)
        if let codes = request.grounds, !codes.isEmpty {
            inputs.grounds = try codes.map { code -> Decision.Ground in
                let context = process.context(reviewCase, service)
                guard let ground = service.refusalGround(code), ground.applies(in: context) else {
                    let open = service.refusalGrounds.filter { $0.applies(in: context) }.map(\.code)
                    throw CommandRejection.invalid("\(code) is not a refusal ground of \(service.code) for this case: \(open.joined(separator: ", "))")
                }
                return reviewCase.recommendation?.grounds.first { $0.code == code } ?? Decision.Ground(code: code, text: ground.text.en)
            }
        }
        if request.action == "refuse" {
            guard !inputs.grounds.isEmpty else { throw CommandRejection.invalid("a refusal names at least one ground: \(service.refusalGrounds.map(\.code).joined(separator: ", "))") }
            guard (inputs.motivation ?? "").count >= 10 else { throw CommandRejection.invalid("a refusal is motivated: give the motivation (at least 10 characters)") }
        }
        do {
            return try process.fire(request.action, by: .executor, actor: executorId, inputs: inputs, on: reviewCase, in: tx)
        } catch let rejected as CaseProcess.Rejected {
            throw CommandRejection.conflict(rejected.description)
        }
    }

    func reassign(applicationId: String, to executorId: String, by supervisor: String, in tx: Transaction) throws {
        guard let reviewCase = try ReviewCase.load(tx.db, applicationId: applicationId) else { throw CommandRejection.notFound("no case \(applicationId)") }
        guard !reviewCase.final, reviewCase.executorId != nil else { throw CommandRejection.conflict("case is \(reviewCase.state), not with an executor") }
        guard let name = try String.fetchOne(tx.db.cachedStatement(sql: "SELECT name FROM executors WHERE executorId = ? AND active"), arguments: [executorId]) else {
            throw CommandRejection.invalid("\(executorId) is not an active executor")
        }
        try tx.db.cachedStatement(sql: "UPDATE cases SET executorId = ? WHERE applicationId = ?").execute(arguments: [executorId, applicationId])
        try tx.db.cachedStatement(sql: """
            INSERT INTO case_actions (applicationId, action, actor, fromState, toState, inputs, at) VALUES (?, 'reassign', ?, ?, ?, ?, ?)
            """).execute(arguments: [applicationId, supervisor, reviewCase.state, reviewCase.state, Data(executorId.utf8), tx.now])
        try tx.audit(action: "reassign", applicationId: applicationId, actor: supervisor, details: Data(executorId.utf8))
        try tx.emitStatus(StatusChanged(applicationId: applicationId, status: .awaitingExecutor, at: tx.now, actor: "review",
                                        service: reviewCase.opened.service, registrationNumber: reviewCase.opened.registrationNumber,
                                        location: "executor \(name)", detail: "reassigned"), lineage: reviewCase.lineage)
    }
}
