import Foundation
import QyzmetCredentials
import QyzmetDomain
import QyzmetLoad
import Testing

/// Officers and operators authenticate: the token, not a field of the request, says who acts. An
/// executor acts only on the cases assigned to them, a supervisor reassigns, an operator hands
/// results over at their own branch on the holder's identity document, and every action is
/// recorded with who did it.
extension StackSuite {
    @Suite("Officers authenticate, through real processes")
    struct OfficerAuthenticationTests {
        struct Action: Encodable {
            var action: String
            var executorId: String? = nil
            var findings: [String: String]? = nil
        }

        struct Collect: Encodable {
            var identityDocument = "id-card"
            var identityDocumentNumber: String
        }

        @Test("public verification needs the code printed on the document: it answers valid and the minimum, and numbers cannot be walked")
        func verificationByNumberAndCode() async throws {
            let stack = try await EmbeddedStack("verification")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let applications = (0..<2).map { _ in session.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Date()) }
            try await session.submit(applications)
            try await session.waitForAnswers(applications.map(\.applicationId))
            let results = try applications.map { try #require(session.seen.results[$0.applicationId]?.first) }
            let http = stack.http
            let first = results[0]
            let code = try #require(first.verificationCode)
            // With the number and the code: genuine, the holder's name to compare with the person, nothing more.
            let (ok, body) = try await http.send("GET", http.issuance, "verify/\(first.documentNumber)", bearer: nil, query: ["code": code.lowercased()])
            #expect(ok == 200)
            let answer = try #require(http.json(body))
            #expect(answer["valid"] == .bool(true))
            #expect(answer["holderName"]?.stringValue?.isEmpty == false)
            #expect(answer["facts"] == nil && answer["content"] == nil && answer["birthDate"] == nil)
            // A wrong code, another document's code, a walked number: the same answer as an unknown number.
            let other = try #require(results[1].verificationCode)
            for (number, tried) in [(first.documentNumber, "AAAAA-AAAAA"), (first.documentNumber, other), (results[1].documentNumber, code), ("CRC-C-2026-9999999", code)] {
                #expect(try await http.send("GET", http.issuance, "verify/\(number)", bearer: nil, query: ["code": tried]).0 == 404)
            }
            // The whole document is for staff.
            #expect(try await http.send("GET", http.issuance, "documents/\(first.documentNumber)", bearer: nil).0 == 401)
            #expect(try await http.get(http.issuance, "documents/\(first.documentNumber)").0 == 200)
            await session.close()
        }

        @Test("no token, a forged or expired token, another officer's token or name: refused; the assigned executor acts, a supervisor reassigns, an operator collects at their branch")
        func onlyTheCredentialActs() async throws {
            let stack = try await EmbeddedStack("officers")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let person = dealer.next(.reservist)
            let application = session.factory.emigration(for: person, channel: .stateCorporation, branchId: "AST-01", submittedAt: Date())
            try await session.submit([application])
            let http = stack.http
            let item = try await eventually("on the worklist") { try await http.worklist().first { $0["applicationId"]?.stringValue == application.applicationId } }
            let assigned = try #require(item["executorId"]?.stringValue)
            let path = "cases/\(application.applicationId)/actions"
            let findings = ["removedFromRegisterOn": "2026-11-30", "militaryDocument": "military-id AB1", "militaryDocumentSurrendered": "surrendered-to-provider"]
            let now = Date()
            func token(_ officer: String, _ role: OfficerCredential.Role, branch: String? = nil, expires: TimeInterval = 86_400 * 30) async throws -> String {
                try await http.token(OfficerCredential(officer: officer, role: role, branch: branch, issuedAt: now, expires: now.addingTimeInterval(expires)))
            }

            // Who the caller is comes only from a valid token.
            #expect(try await http.send("POST", http.review, path, body: Action(action: "record-findings", findings: findings), bearer: nil).0 == 401)
            #expect(try await http.send("GET", http.review, "worklist", bearer: nil).0 == 401)
            let forged = try await OfficerTokens.issuer(keyId: "officer-issuer-dev-2026", base64PrivateKey: Data(repeating: 7, count: 32).base64EncodedString())
                .token(for: OfficerCredential(officer: assigned, role: .executor, issuedAt: now, expires: now.addingTimeInterval(3600)))
            #expect(try await http.send("POST", http.review, path, body: Action(action: "record-findings", findings: findings), bearer: forged).0 == 401)
            let expired = try await token(assigned, .executor, expires: -60)
            #expect(try await http.send("POST", http.review, path, body: Action(action: "record-findings", findings: findings), bearer: expired).0 == 401)
            // Another officer's token, or the assigned officer's name in the body under another token.
            let other = assigned == "lmab-officer-1" ? "lmab-officer-2" : "lmab-officer-1"
            let otherToken = try await token(other, .executor)
            #expect(try await http.send("POST", http.review, path, body: Action(action: "record-findings", findings: findings), bearer: otherToken).0 == 403)
            #expect(try await http.send("POST", http.review, path, body: Action(action: "record-findings", executorId: assigned, findings: findings), bearer: otherToken).0 == 403)
            // An executor sees only their own cases; reassigning is a supervisor's.
            let (_, own) = try await http.send("GET", http.review, "worklist", bearer: otherToken)
            #expect(http.json(own).flatMap { if case .array(let items) = $0 { items } else { nil } }?.contains { $0["applicationId"]?.stringValue == application.applicationId } == false)
            #expect(try await http.send("POST", http.review, "cases/\(application.applicationId)/assign", body: ["executorId": other], bearer: otherToken).0 == 403)
            let supervisor = try await token("lmab-supervisor-1", .supervisor)
            #expect(try await http.send("POST", http.review, "cases/\(application.applicationId)/assign", body: ["executorId": other], bearer: supervisor).0 == 200)

            // Now the case is the other officer's: the first one cannot act, the other one does.
            let firstToken = try await token(assigned, .executor)
            #expect(try await http.send("POST", http.review, path, body: Action(action: "record-findings", findings: findings), bearer: firstToken).0 == 403)
            #expect(try await http.send("POST", http.review, path, body: Action(action: "record-findings", findings: findings), bearer: otherToken).0 == 200)
            #expect(try await http.send("POST", http.review, path, body: Action(action: "approve"), bearer: otherToken).0 == 200)
            _ = try await eventually("the certificate at the branch") { session.answered(application.applicationId) ? true : nil }
            let (_, log) = try await http.send("GET", http.review, path, bearer: supervisor)
            guard case .array(let actions)? = http.json(log) else { Issue.record("no action log"); return }
            #expect(actions.compactMap { $0["actor"]?.stringValue }.suffix(3) == ["lmab-supervisor-1", other, other])

            // Collection: an operator of the branch where it waits, on the holder's identity document.
            let result = try #require(session.seen.results[application.applicationId]?.first)
            let collect = "documents/\(result.documentNumber)/collect"
            let holderDocument = Collect(identityDocumentNumber: person.person.idDocument.number)
            #expect(try await http.send("POST", http.issuance, collect, body: holderDocument, bearer: nil).0 == 401)
            #expect(try await http.send("POST", http.issuance, collect, body: holderDocument, bearer: try await token("operator-ala", .operator, branch: "ALA-01")).0 == 409)
            #expect(try await http.send("POST", http.issuance, collect, body: holderDocument, bearer: try await token("lmab-officer-1", .executor)).0 == 403)
            let operatorToken = try await token("operator-ast-7", .operator, branch: try #require(result.delivery.branchId))
            #expect(try await http.send("POST", http.issuance, collect, body: Collect(identityDocumentNumber: "012345678"), bearer: operatorToken).0 == 403)
            #expect(try await http.send("POST", http.issuance, collect, body: holderDocument, bearer: operatorToken).0 == 200)
            let status = try await eventually("collected") { () -> JSONValue? in
                let view = try await http.status(application.applicationId)
                return view?["status"]?.stringValue == "collected" ? view : nil
            }
            #expect(status["location"]?.stringValue?.contains("operator-ast-7") == true)
            await session.close()
        }
    }
}
