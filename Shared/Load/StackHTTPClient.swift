import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import QyzmetDomain

/// Talks to the services' HTTP APIs (status desk, worklist, documents).
public struct StackHTTPClient: Sendable {
    public var intake: URL
    public var identity: URL
    public var review: URL
    public var issuance: URL

    public init(intake: URL, identity: URL, review: URL, issuance: URL) {
        self.intake = intake
        self.identity = identity
        self.review = review
        self.issuance = issuance
    }

    public init(host: String = "127.0.0.1", ports: [String: Int]) {
        func url(_ service: String, _ fallback: Int) -> URL { URL(string: "http://\(host):\(ports[service] ?? fallback)")! }
        self.init(intake: url("intake", 8081), identity: url("identity", 8082), review: url("review", 8083), issuance: url("issuance", 8084))
    }

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
        try await send(URLRequest(url: base.appendingPathComponent(path)))
    }

    public func post<T: Encodable>(_ base: URL, _ path: String, _ body: T) async throws -> (Int, Data) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try ContractCoding.encoder().encode(body)
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> (Int, Data) {
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
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
