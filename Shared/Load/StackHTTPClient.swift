import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import AsyncHTTPClient
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import QyzmetCredentials
import QyzmetDomain

/// Talks to the services' HTTP APIs (status desk, worklist, documents).
public struct StackHTTPClient: Sendable {
    public var intake: URL
    public var identity: URL
    public var review: URL
    public var issuance: URL
    /// The officers' token issuing key (`officer-issuer.key`): with it the client acts as the
    /// officer or operator a request names, with that person's own token, as the simulated
    /// officers of tests and demonstrations do. Without it, officers' endpoints answer 401.
    public var officerKey: URL?

    public init(intake: URL, identity: URL, review: URL, issuance: URL, officerKey: URL? = nil) {
        self.intake = intake
        self.identity = identity
        self.review = review
        self.issuance = issuance
        self.officerKey = officerKey
    }

    public init(host: String = "127.0.0.1", ports: [String: Int], officerKey: URL? = nil) {
        func url(_ service: String, _ fallback: Int) -> URL { URL(string: "http://\(host):\(ports[service] ?? fallback)")! }
        self.init(intake: url("intake", 8081), identity: url("identity", 8082), review: url("review", 8083), issuance: url("issuance", 8084),
                  officerKey: officerKey)
    }

    /// The supervisor the simulated officers' worklist reads are made as.
    public static let supervisor = "qyzmet-supervisor"

    public func url(for service: String) -> URL {
        switch service {
        case "intake": return intake
        case "identity": return identity
        case "review": return review
        default: return issuance
        }
    }

    public struct HTTPError: Error, CustomStringConvertible {
        public var status: Int
        public var body: String
        public var description: String { "HTTP \(status): \(body)" }
    }

    public func get(_ base: URL, _ path: String) async throws -> (Int, Data) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        if let token = try await token(for: base, path: path, body: nil) { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    public func post<T: Encodable>(_ base: URL, _ path: String, _ body: T) async throws -> (Int, Data) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let data = try ContractCoding.encoder().encode(body)
        request.httpBody = data
        if let token = try await token(for: base, path: path, body: data) { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    /// A request with exactly the bearer token given (or none): for tests of who may do what.
    public func send(_ method: String, _ base: URL, _ path: String, body: (any Encodable)? = nil, bearer: String?,
                     query: [String: String] = [:]) async throws -> (Int, Data) {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.key, value: $0.value) } }
        var request = URLRequest(url: components.url!)
        request.httpMethod = method
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try ContractCoding.encoder().encode(body)
        }
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    /// A token for any credential, signed with the issuing key this client holds.
    public func token(_ credential: OfficerCredential) async throws -> String {
        guard let officerKey else { throw HTTPError(status: 0, body: "no issuing key") }
        return try await OfficerTokens.issuer(keyFile: officerKey).token(for: credential)
    }

    /// The token of whoever the request is made as: the executor an action names, the operator of
    /// the branch a collection names, else the supervisor; none for the public endpoints.
    private func token(for base: URL, path: String, body: Data?) async throws -> String? {
        guard let officerKey, base == review || base == issuance else { return nil }
        let fields = body.flatMap { try? JSONValue.parse($0) }
        let credential: OfficerCredential
        let now = Date()
        let expires = now.addingTimeInterval(400 * 86_400)
        if base == review, path.hasSuffix("/actions") || path.hasSuffix("/decision"), body != nil, let executor = fields?["executorId"]?.stringValue {
            credential = OfficerCredential(officer: executor, role: .executor, issuedAt: now, expires: expires)
        } else if base == issuance, path.hasSuffix("/collect") {
            credential = OfficerCredential(officer: "branch-operator", role: .operator, branch: fields?["branchId"]?.stringValue, issuedAt: now, expires: expires)
        } else if base == review || path.hasSuffix("/recall") || path.hasPrefix("documents/") {
            credential = OfficerCredential(officer: Self.supervisor, role: .supervisor, issuedAt: now, expires: expires)
        } else {
            return nil
        }
        return try await token(credential)
    }

    private func send(_ request: URLRequest) async throws -> (Int, Data) {
        var outgoing = HTTPClientRequest(url: request.url!.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.httpMethod ?? "GET")
        for (name, value) in request.allHTTPHeaderFields ?? [:] { outgoing.headers.add(name: name, value: value) }
        if let body = request.httpBody { outgoing.body = .bytes(ByteBuffer(data: body)) }
        let response = try await HTTPClient.shared.execute(outgoing, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 256 << 20)
        return (Int(response.status.code), Data(buffer: body))
    }

    public func json(_ data: Data) -> JSONValue? { try? JSONValue.parse(data) }

    /// The status desk's view of an application, or nil when intake does not know it yet.
    public func status(_ applicationId: String) async throws -> JSONValue? {
        let (code, data) = try await get(intake, "applications/\(applicationId)")
        if code == 404 { return nil }
        guard code == 200 else { throw HTTPError(status: code, body: String(decoding: data, as: UTF8.self)) }
        return json(data)
    }

    public func worklist() async throws -> [JSONValue] {
        let (code, data) = try await get(review, "worklist")
        guard code == 200, case .array(let items)? = json(data) else { throw HTTPError(status: code, body: String(decoding: data, as: UTF8.self)) }
        return items
    }

    public func isReady(_ base: URL) async -> Bool {
        guard let (code, _) = try? await get(base, "health") else { return false }
        return code == 200
    }
}
