import Foundation
import Hummingbird
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// The status desk's replay by filing date (issue 9): how an application filed on a past day
/// would have been handled under the rules of that day. Pure (`FilingReplay`): it reads and
/// writes no store, publishes nothing and draws no number, so live cases cannot be touched. The
/// body is personal data and is neither logged nor kept.
struct ReplayRoutes {
    let catalogue: Catalogue
    let calendar: WorkingDayCalendar

    struct Body: Decodable {
        /// A contract v1 application (docs/contract/application.schema.json); no signature: the
        /// replay has no effect to authorise.
        var application: JSONValue
        /// The filing instant, or a bare day read as 10:00 local; by default `submittedAt`.
        var filedAt: String?
        var region: String?
    }

    func add(to router: QyzmetRouter) {
        let replay = FilingReplay(catalogue: catalogue, calendar: calendar)
        router.post("/replay") { request, requestContext -> Response in
            let body: Body
            do { body = try await request.decode(as: Body.self, context: requestContext) } catch {
                return .problem(.badRequest, "invalid-body", "expected {application, filedAt?, region?}: \(error)")
            }
            guard body.application.canonicalData().count <= ApplicationReception.maxApplicationBytes, !body.application.containsFractionalNumber else {
                return .problem(.badRequest, "invalid-application", "an application is at most \(ApplicationReception.maxApplicationBytes) bytes, with no fractional numbers")
            }
            let application: ApplicationSubmission
            do { application = try ContractCoding.decode(ApplicationSubmission.self, from: body.application) } catch {
                return .problem(.badRequest, "invalid-application", "\(error)")
            }
            let filedAt: Date
            if let text = body.filedAt {
                guard let instant = replay.filingInstant(text, channel: application.channel, office: application.branchId, region: body.region) else {
                    return .problem(.badRequest, "invalid-filed-at", "filedAt is an ISO 8601 instant or a day YYYY-MM-DD, not \(text)")
                }
                filedAt = instant
            } else {
                filedAt = application.submittedAt
            }
            return try .json(replay.replay(application, filedAt: filedAt, region: body.region))
        }
        // What applied on a day, without a package: GET /replay?service=&scenario=&channel=&filedAt=
        // (&region=&party=&purpose=&office=).
        router.get("/replay") { request, _ -> Response in
            let query = request.uri.queryParameters
            func value(_ name: String) -> String? { query[Substring(name)].map(String.init) }
            guard let service = value("service"), let scenario = value("scenario"), let channel = value("channel").flatMap(Channel.init(rawValue:)),
                  let filedAt = value("filedAt").flatMap({ replay.filingInstant($0, channel: channel, office: value("office"), region: value("region")) }) else {
                return .problem(.badRequest, "invalid-query", "service, scenario, channel (\(Channel.allCases.map(\.rawValue).joined(separator: ", "))) and filedAt (an instant or YYYY-MM-DD) are required")
            }
            return try .json(replay.requirements(service: service, scenario: scenario, channel: channel, office: value("office"), party: value("party"),
                                                 purpose: value("purpose"), filedAt: filedAt, region: value("region")))
        }
    }
}
