import Foundation
import Hummingbird
import Logging
import Prometheus
import QyzmetDomain

/// Request context whose JSON uses the contract's date format (RFC 3339, +05:00).
public struct QyzmetRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var requestDecoder: JSONDecoder { ContractCoding.decoder() }

    public var responseEncoder: JSONEncoder {
        let encoder = ContractCoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }
}

public typealias QyzmetRouter = Router<QyzmetRequestContext>

public struct HealthReport: ResponseEncodable, Sendable {
    public var service: String
    /// `ready` once the consumer has partitions assigned.
    public var status: String
    public var librdkafka: String
    /// Why consuming and publishing stopped: the broker is not the one the store was consumed
    /// from (`qyzmet broker recover`, docs/runbook.md section 8).
    public var brokerChanged: String?
    /// Since when the store has refused writes (disk full, read-only, I/O errors): consuming has
    /// stopped there and no offset past what was stored is committed.
    public var storeFailingSince: Date?
    public var assignedPartitions: [String]
    public var outboxPending: Int
    /// Messages the relay set aside because the broker refused them for what they are.
    public var outboxParked: Int
    /// Since when the broker has not taken the next message (absent while it does).
    public var outboxFailingSince: Date?
    public var details: [String: Int]
    public var now: Date
}

/// A JSON error body with a stable code, for every 4xx the services answer.
public struct ErrorBody: ResponseEncodable, Sendable {
    public var error: String
    public var message: String

    public init(error: String, message: String) {
        self.error = error
        self.message = message
    }
}

public enum HTTPEndpoint {
    static func make(
        environment: ServiceEnvironment, registry: PrometheusCollectorRegistry, logger: Logger,
        health: @escaping @Sendable () async -> HealthReport, routes: (QyzmetRouter) -> Void
    ) -> some Hummingbird.ApplicationProtocol {
        let router = QyzmetRouter(context: QyzmetRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("/health") { _, _ -> Response in
            let report = await health()
            let body = try ContractCoding.encoder().encode(report)
            return Response(
                status: report.status == "ready" ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: body))
            )
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
        routes(router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(environment.httpHost, port: environment.httpPort), serverName: "qyzmet-\(environment.serviceName)"),
            logger: logger
        )
    }
}

/// Every error answers with a JSON problem: unknown routes, undecodable bodies and anything a
/// handler throws, not Hummingbird's empty or plain-text default.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = QyzmetRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not-found" : error.status.code < 500 ? "bad-request" : "internal"
            return .problem(error.status, code, error.body ?? (error.status == .notFound ? "no route \(request.method) \(request.uri.path)" : error.status.reasonPhrase))
        } catch {
            return .problem(.internalServerError, "internal", "\(error)")
        }
    }
}

extension Response {
    /// A JSON response with the contract's coding.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = ContractCoding.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    public static func problem(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        (try? json(ErrorBody(error: code, message: message), status: status)) ?? Response(status: status)
    }
}
