import ArgumentParser
import Foundation
import QyzmetCredentials

struct OfficerToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "officer-token",
        abstract: "Issue an officer's or operator's token (EdDSA JWT) signed by the issuing key: review and issuance take officers' actions only with one.")

    @Option(help: "The officer's id, as review's staff list names them (lmab-officer-1), or an operator's.") var officer: String
    @Option(help: "executor, supervisor or operator.") var role: String
    @Option(help: "The provider (LMAB, CLSSA).") var provider: String?
    @Option(help: "The authority (office id) of an executor or supervisor.") var authority: String?
    @Option(help: "The State Corporation branch of an operator.") var branch: String?
    @Option(help: "Days the token is valid.") var days: Int = 30
    @Option(help: "The issuing key file.") var key: String = (ProcessInfo.processInfo.environment["QYZMET_KEYS_DIR"] ?? "compose/dev-keys") + "/officer-issuer.key"

    func run() async throws {
        guard let role = OfficerCredential.Role(rawValue: role) else { throw ValidationError("role is executor, supervisor or operator") }
        if role == .operator && branch == nil { throw ValidationError("an operator's token names their branch (--branch)") }
        let now = Date()
        let credential = OfficerCredential(officer: officer, role: role, provider: provider, authority: authority, branch: branch,
                                           issuedAt: now, expires: now.addingTimeInterval(Double(days) * 86_400))
        print(try await OfficerTokens.issuer(keyFile: URL(fileURLWithPath: key)).token(for: credential))
    }
}
