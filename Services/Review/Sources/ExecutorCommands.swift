import Foundation
import GRDB
import QyzmetDomain
import QyzmetRuntime

/// What an executor sends to decide a case.
public struct ExecutorDecisionRequest: Codable, Sendable {
    /// `approve` or `refuse`.
    public var action: String
    public var executorId: String
    /// Refusal ground codes from the catalogue; required to refuse.
    public var grounds: [String]?
    /// The motivation of a refusal, in words the applicant will read.
    public var motivation: String?

    public init(action: String, executorId: String, grounds: [String]? = nil, motivation: String? = nil) {
        self.action = action
        self.executorId = executorId
        self.grounds = grounds
        self.motivation = motivation
    }
}

/// Executor commands: decide, reassign.
struct ExecutorCommands: Sendable {
    let catalogue: ServiceCatalogue
    let decisions: DecisionRecorder

    func decide(applicationId: String, _ request: ExecutorDecisionRequest, in tx: Transaction) throws -> Decision.Outcome {
        guard let reviewCase = try ReviewCase.load(tx.db, applicationId: applicationId) else { throw CommandRejection.notFound("no case \(applicationId)") }
        guard reviewCase.state == "awaiting-executor" else {
            throw CommandRejection.conflict("case \(applicationId) is \(reviewCase.state), not awaiting an executor")
        }
        guard let service = catalogue.service(reviewCase.opened.service) else { throw CommandRejection.invalid("unknown service") }
        guard try Bool.fetchOne(tx.db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM executors WHERE executorId = ? AND active)"), arguments: [request.executorId]) == true else {
            throw CommandRejection.invalid("\(request.executorId) is not an active executor")
        }
        switch request.action {
        case "approve":
            try decisions.record(reviewCase, outcome: .approved, grounds: [], motivation: request.motivation, facts: [:], reapplyAfter: nil,
                                 dueAt: nil, decidedBy: .init(kind: "executor", executorId: request.executorId), in: tx)
            return .approved
        case "refuse":
            let codes = request.grounds ?? []
            guard !codes.isEmpty else { throw CommandRejection.invalid("a refusal names at least one ground: \(service.refusalGrounds.map(\.code).joined(separator: ", "))") }
            guard let motivation = request.motivation?.trimmingCharacters(in: .whitespacesAndNewlines), motivation.count >= 10 else {
                throw CommandRejection.invalid("a refusal is motivated: give the motivation (at least 10 characters)")
            }
            let grounds = try codes.map { code -> Decision.Ground in
                guard let ground = service.refusalGround(code) else { throw CommandRejection.invalid("\(code) is not a refusal ground of \(service.code)") }
                let finding = reviewCase.recommendation?.grounds.first { $0.code == code }
                return finding ?? Decision.Ground(code: code, text: ground.text.en)
            }
            try decisions.record(reviewCase, outcome: .refused, grounds: grounds, motivation: motivation, facts: [:], reapplyAfter: nil,
                                 dueAt: nil, decidedBy: .init(kind: "executor", executorId: request.executorId), in: tx)
            return .refused
        default:
            throw CommandRejection.invalid("action must be approve or refuse")
        }
    }

    func reassign(applicationId: String, to executorId: String, in tx: Transaction) throws {
        guard let reviewCase = try ReviewCase.load(tx.db, applicationId: applicationId) else { throw CommandRejection.notFound("no case \(applicationId)") }
        guard reviewCase.state == "awaiting-executor" else { throw CommandRejection.conflict("case is \(reviewCase.state)") }
        guard let name = try String.fetchOne(tx.db.cachedStatement(sql: "SELECT name FROM executors WHERE executorId = ? AND active"), arguments: [executorId]) else {
            throw CommandRejection.invalid("\(executorId) is not an active executor")
        }
        try tx.db.cachedStatement(sql: "UPDATE cases SET executorId = ? WHERE applicationId = ?").execute(arguments: [executorId, applicationId])
        try tx.emitStatus(StatusChanged(applicationId: applicationId, status: .awaitingExecutor, at: tx.now, actor: "review",
                                        service: reviewCase.opened.service, registrationNumber: reviewCase.opened.registrationNumber,
                                        location: "executor \(name)", detail: "reassigned"), lineage: reviewCase.lineage)
    }
}
