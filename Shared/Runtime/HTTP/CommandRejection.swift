import Hummingbird

/// Why a command from an officer or a branch (decide, reassign, collect, recall) was not carried
/// out. Each case maps to one HTTP status, the same in every service.
public enum CommandRejection: Error, Equatable {
    /// No such case or document (404).
    case notFound(String)
    /// The command does not fit the current state, e.g. the case is already decided (409).
    case conflict(String)
    /// The command itself is wrong, e.g. a refusal without a motivation (422).
    case invalid(String)
    /// No valid officer's or operator's token (401).
    case unauthenticated(String)
    /// The credential does not allow this (another officer's case, another branch) (403).
    case forbidden(String)
}

extension Response {
    /// Runs a command and answers with its response, or with the problem that stopped it.
    public static func command(_ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch CommandRejection.notFound(let message) {
            return .problem(.notFound, "not-found", message)
        } catch CommandRejection.conflict(let message) {
            return .problem(.conflict, "conflict", message)
        } catch CommandRejection.invalid(let message) {
            return .problem(.unprocessableContent, "invalid", message)
        } catch CommandRejection.unauthenticated(let message) {
            return .problem(.unauthorized, "unauthenticated", message)
        } catch CommandRejection.forbidden(let message) {
            return .problem(.forbidden, "forbidden", message)
        } catch {
            return .problem(.internalServerError, "internal", "\(error)")
        }
    }
}
