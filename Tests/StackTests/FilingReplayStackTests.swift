import Foundation
import QyzmetDomain
import QyzmetLoad
import Testing

extension StackSuite {
    @Suite("Replay by filing date, through intake")
    struct FilingReplayStackTests {
        struct ReplayBody: Encodable {
            var application: ApplicationSubmission
            var filedAt: String?
            var region: String?
        }

        /// The document types a replay required (every alternative of each requirement).
        static func documents(_ replay: JSONValue) -> Set<String> {
            guard case .array(let required)? = replay["documentsRequired"] else { return [] }
            return Set(required.flatMap { requirement -> [String] in
                guard case .array(let types)? = requirement["anyOf"] else { return [] }
                return types.compactMap(\.stringValue)
            })
        }

        /// The result forms a replay listed for an outcome.
        static func forms(_ replay: JSONValue, _ outcome: String) -> [String] {
            guard case .array(let results)? = replay["results"] else { return [] }
            return results.filter { $0["outcome"]?.stringValue == outcome }.compactMap { $0["form"]?.stringValue }
        }

        @Test("the status desk replays 2008, 2013 and today by their own rules and leaves no live trace; a service of 2013 filed today is refused with its dates")
        func replayThroughIntake() async throws {
            let stack = try await EmbeddedStack("replay")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let http = stack.http
            var dealer = StackSession.index.dealer()
            let (_, before) = try await http.get(http.intake, "statistics")

            // 2008, justice order 286: a conscript at a Public Service Centre in Astana.
            let conscript = dealer.next(.conscript)
            let person = conscript.person
            let applicant = ApplicationSubmission.Person(iin: person.iin, lastName: person.lastName, firstName: person.firstName)
            let filed2008 = KazakhstanTime.instant(on: LocalDate(iso: "2008-03-21")!, minute: 10 * 60, region: "Astana")
            let in2008 = ApplicationSubmission(
                applicationId: "APP-REPLAY2008000000001", service: "mod.registration-conscripts", scenario: "registration", channel: .publicServiceCentre,
                submittedAt: filed2008, applicant: applicant, branchId: "PSC07-AST-ALMATY-1", delivery: Delivery(method: .branch),
                form: ["deregistrationMarkDate": .string("2008-03-10")],
                documents: [.init(type: "id-card", form: "copy"), .init(type: "registration-certificate", form: "original"),
                            .init(type: "citizens-registration-book", form: "original")])
            let (code2008, data2008) = try await http.post(http.intake, "replay", ReplayBody(application: in2008))
            let replay2008 = try #require(http.json(data2008))
            #expect(code2008 == 200 && replay2008["replay"]?.boolValue == true)
            #expect(replay2008["rulesVersion"]?["id"]?.stringValue == "justice-order-286@2007-12-01")
            #expect(replay2008["outcome"]?.stringValue == "would-accept" && replay2008["dueDate"]?.stringValue == "2008-03-25")
            #expect(replay2008["reference"]?.stringValue?.hasPrefix("REPLAY-RCN-20080321") == true)
            #expect(Self.documents(replay2008).isSuperset(of: ["citizens-registration-book", "registration-certificate", "id-card"]))
            #expect(Self.forms(replay2008, "approved").contains("registration-mark"))

            // 2013, resolution 1741 standard 7: what applied, without a package.
            let (code2013, data2013) = try await http.send("GET", http.intake, "replay", bearer: nil, query: [
                "service": "mod.military-id", "scenario": "lost", "channel": "authority-office", "filedAt": "2013-05-06", "region": "Astana"])
            let replay2013 = try #require(http.json(data2013))
            #expect(code2013 == 200 && replay2013["rulesVersion"]?["id"]?.stringValue == "gov-resolution-1741@2013-02-11")
            #expect(replay2013["dueDate"]?.stringValue == "2013-05-31" && replay2013["term"]?["amount"] == .integer(16))
            #expect(Self.documents(replay2013).isSuperset(of: ["lost-and-found-certificate", "photo-30x40"]))
            #expect(Self.forms(replay2013, "approved").contains("military-id"))

            // Today: the same person's travel-abroad certificate under the 2021 rules.
            let today = session.factory.emigration(for: conscript, channel: .portal, branchId: "AST-01", submittedAt: Date())
            let (codeToday, dataToday) = try await http.post(http.intake, "replay", ReplayBody(application: today))
            let replayToday = try #require(http.json(dataToday))
            #expect(codeToday == 200 && replayToday["rulesVersion"]?["id"]?.stringValue == "mod-order-28@2021-09-04")
            #expect(replayToday["outcome"]?.stringValue == "would-accept", "\(String(decoding: dataToday, as: UTF8.self))")
            #expect(Self.documents(replayToday).contains("emigration-proof") && replayToday["dueDate"]?.stringValue != nil)
            #expect(!Self.forms(replayToday, "approved").isEmpty)

            // Nothing live: no application, no number, no status change.
            for id in [in2008.applicationId, today.applicationId] {
                let (status, _) = try await http.get(http.intake, "applications/\(id)")
                #expect(status == 404, "\(id) must not exist after a replay")
            }
            let (_, after) = try await http.get(http.intake, "statistics")
            #expect(http.json(after) == http.json(before))
            // A malformed replay is a problem document, not a crash.
            let (bad, _) = try await http.send("GET", http.intake, "replay", bearer: nil, query: ["service": "mod.military-id"])
            #expect(bad == 400)

            // A live application for a service of 2013 is refused to accept with the days it was provided.
            var veteran = session.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Date())
            veteran.service = "mod.veteran-id"
            try await session.submit([veteran])
            let receipt = try await eventually("the refusal to accept") { session.seen.receipts[veteran.applicationId]?.first }
            #expect(receipt.outcome == .refused && receipt.refusal?.code == "unknown-service")
            #expect(receipt.refusal?.reason.contains("2013-02-11 to 2014-04-20") == true, "\(receipt.refusal?.reason ?? "")")
            await session.close()
        }
    }
}
