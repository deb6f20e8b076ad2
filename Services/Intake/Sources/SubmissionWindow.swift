import Foundation
import QyzmetDomain

/// How far a channel's `submittedAt` may be from the moment intake receives the application.
/// A signed application is valid for ever as bytes; the window is what stops a captured one
/// from being replayed months later (docs/message-contract.md, "Submission window").
public struct SubmissionWindow: Sendable {
    /// Clocks of the portal and the front offices drift a little; more than this ahead is refused.
    public var allowedAhead: TimeInterval = 5 * 60
    /// Long enough for a broker or intake outage to be caught up, short enough that a replay of
    /// an old capture is refused (`QYZMET_SUBMISSION_MAX_AGE_HOURS`, 72 by default).
    public var allowedBehind: TimeInterval = 72 * 3600

    public init(environment: [String: String] = [:]) {
        if let hours = environment["QYZMET_SUBMISSION_MAX_AGE_HOURS"].flatMap(Double.init), hours > 0 {
            allowedBehind = hours * 3600
        }
    }

    /// Nil when `submittedAt` is inside the window around the reception's time or around the
    /// machine's clock (a demonstration may have moved the service clock; a replay is old by both).
    public func refusal(submittedAt: Date, receivedAt: Date, machineNow: Date = Date()) -> RefusalToAccept? {
        let references = [receivedAt, machineNow]
        if references.contains(where: { submittedAt <= $0.addingTimeInterval(allowedAhead) && submittedAt >= $0.addingTimeInterval(-allowedBehind) }) {
            return nil
        }
        if submittedAt > receivedAt.addingTimeInterval(allowedAhead) {
            return RefusalToAccept(code: "submitted-in-future",
                                   reason: "submittedAt \(KazakhstanTime.format(submittedAt)) is more than \(Int(allowedAhead / 60)) minutes ahead of reception at \(KazakhstanTime.format(receivedAt)); check the sender's clock and file again")
        }
        return RefusalToAccept(code: "submission-too-old",
                               reason: "submittedAt \(KazakhstanTime.format(submittedAt)) is more than \(Int(allowedBehind / 3600)) hours before reception at \(KazakhstanTime.format(receivedAt)); a stale or replayed application is not accepted: file again")
    }
}
