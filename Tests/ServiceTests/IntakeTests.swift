import Foundation
import IntakeService
import QyzmetDomain
import QyzmetRules
import QyzmetLoad
import QyzmetMessaging
import QyzmetRuntime
import Testing

@Suite("Intake")
struct IntakeTests {
    func makeIntake() throws -> ServiceHarness<IntakeApp> {
        try ServiceHarness(clock: ManualClock(Fixtures.monday.addingTimeInterval(30)))
    }

    @Test("a complete, signed application is sent to the gateway for identification")
    func asksTheGateway() throws {
        let intake = try makeIntake()
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "ALA-01", submittedAt: Fixtures.monday)
        #expect(try intake.deliver([Fixtures.event(application)]) == [.applied(type: EventType.applicationSubmitted)])
        let out = try intake.published()
        let request = try #require(out.on(Topics.gatewayRequests).first).decode(GatewayRequest.self)
        #expect(request.query == .person && request.subjectIin == application.applicant.iin && request.replyTo == "qyzmet.gateway.replies.intake.v1")
        #expect(out.statuses() == [.identifying])
        #expect(out.on(Topics.receipts).isEmpty)
    }

    @Test("an incomplete package is refused at once, on App 30, without asking the gateway")
    func incomplete() throws {
        let intake = try makeIntake()
        var dealer = Fixtures.index.dealer()
        var application = Fixtures.factory.emigration(for: dealer.next(.reservist), channel: .stateCorporation, branchId: "AST-01", submittedAt: Fixtures.monday)
        application.documents.removeAll { $0.type == "emigration-proof" }
        application.form["secretInformationConsent"] = .bool(false)
        try intake.deliver([Fixtures.event(application)])
        let out = try intake.published()
        let receipt = try #require(out.on(Topics.receipts).first).decode(Receipt.self)
        #expect(receipt.outcome == .refused)
        #expect(receipt.refusal?.code == "incomplete-package")
        #expect(receipt.refusal?.missingDocuments == ["emigration-proof"])
        #expect(receipt.refusal?.missingFields == ["secretInformationConsent"])
        #expect(receipt.refusal?.form == "App 30")
        #expect(out.on(Topics.gatewayRequests).isEmpty)
        #expect(out.statuses() == [.refusedToAccept])
    }

    @Test("a tampered or wrongly signed application is dead-lettered, not answered")
    func signatures() throws {
        let intake = try makeIntake()
        var dealer = Fixtures.index.dealer()
        let event = try Fixtures.event(Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday))
            .tampered { $0.setting(["application", "scenario"], to: .string("third-party")) }
        #expect(try intake.deliver([event]) == [.deadLettered(code: "signature.invalid", applicationId: event.envelope.applicationId)])

        // A portal application signed with the front office's key.
        let frontOffice = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .stateCorporation, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
        let forged = try Published(topic: Topics.applications, envelope: try Fixtures.signer.envelope(for: frontOffice))
            .tampered { $0.setting(["application", "channel"], to: .string("portal")) }.envelope
        #expect(try intake.deliver(forged, topic: Topics.applications) == .deadLettered(code: "signature.invalid", applicationId: forged.applicationId))
        let out = try intake.published()
        #expect(out.on(Topics.deadLetter).count == 2)
        #expect(out.on(Topics.receipts).isEmpty)
    }

    @Test("submittedAt outside the window: a replayed old application or one from the future gets a refusal receipt and a dead letter")
    func submissionWindow() throws {
        let intake = try makeIntake()
        var dealer = Fixtures.index.dealer()
        // Fixtures.monday is years away from the machine's clock, so only the reception's counts.
        let old = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "ALA-01", submittedAt: Fixtures.monday.addingTimeInterval(-73 * 3600))
        let ahead = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "ALA-01", submittedAt: Fixtures.monday.addingTimeInterval(3600))
        let inside = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "ALA-01", submittedAt: Fixtures.monday.addingTimeInterval(-71 * 3600))
        #expect(try intake.deliver([Fixtures.event(old), Fixtures.event(ahead), Fixtures.event(inside)]) == [
            .deadLettered(code: "application.submission-too-old", applicationId: old.applicationId),
            .deadLettered(code: "application.submitted-in-future", applicationId: ahead.applicationId),
            .applied(type: EventType.applicationSubmitted),
        ])
        let receipts = try intake.published().on(Topics.receipts).map { try $0.decode(Receipt.self) }
        #expect(receipts.map { $0.refusal?.code } == ["submission-too-old", "submitted-in-future"])
        #expect(receipts.map(\.applicationId) == [old.applicationId, ahead.applicationId])
        let window = SubmissionWindow(environment: ["QYZMET_SUBMISSION_MAX_AGE_HOURS": "1"])
        #expect(window.refusal(submittedAt: Fixtures.monday.addingTimeInterval(-7200), receivedAt: Fixtures.monday, machineNow: Fixtures.monday)?.code == "submission-too-old")
        // A demonstration moved the service clock: the machine's clock still counts.
        #expect(window.refusal(submittedAt: Fixtures.monday, receivedAt: Fixtures.monday.addingTimeInterval(30 * 86400), machineNow: Fixtures.monday) == nil)
    }

    @Test("the same application twice, even as a new event, is processed once; other content under the same id is a dead letter")
    func duplicates() throws {
        let intake = try makeIntake()
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "ALA-01", submittedAt: Fixtures.monday)
        let first = Fixtures.event(application)
        let again = Fixtures.event(application)
        var changed = application
        changed.scenario = "reservist"
        #expect(try intake.deliver([first, first, again]) == [.applied(type: EventType.applicationSubmitted), .duplicate, .applied(type: EventType.applicationSubmitted)])
        #expect(try intake.deliver([Fixtures.event(changed)]) == [.deadLettered(code: "application.id-reused", applicationId: application.applicationId)])
        #expect(try intake.published().on(Topics.gatewayRequests).count == 1)
    }

    @Test("a signed but malformed application gets a refusal receipt that says what is wrong")
    func malformed() throws {
        let intake = try makeIntake()
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "ALA-01", submittedAt: Fixtures.monday)
        var tree = try ContractCoding.tree(application).objectValue!
        tree.removeValue(forKey: "delivery")
        let key = try SigningKey(keyId: "portal-dev-2026", base64PrivateKey: JSONDecoder().decode([String: String].self, from: Data(contentsOf: ServiceHarness<IntakeApp>.devKeys.appendingPathComponent("portal.key")))["privateKey"]!)
        let signed = SignedApplication(application: .object(tree), signature: try key.sign(.object(tree), purpose: .application, method: "eds"))
        let envelope = EventEnvelope(type: EventType.applicationSubmitted, source: "/egov.kz/portal", time: Fixtures.monday, applicationId: application.applicationId,
                                     correlationId: "c", traceparent: TraceContext.newRoot(), data: try ContractCoding.tree(signed))
        try intake.deliver(envelope, topic: Topics.applications)
        let receipt = try #require(try intake.published().on(Topics.receipts).first).decode(Receipt.self)
        #expect(receipt.refusal?.code == "invalid-application")
        #expect(receipt.refusal?.reason.contains("delivery") == true)
    }

    @Test("package check rules", arguments: [
        ("emigration, delivery to the cabinet from a front office", "invalid-application"),
        ("criminal record about another person without consent", "missing-consent"),
        ("expired identity card", "expired-documents"),
        ("service not in the catalogue", "unknown-service"),
        ("invalid applicant IIN", "invalid-iin"),
        ("travel abroad without a branch", "invalid-application"),
    ])
    func packageCheck(_ case: String, _ code: String) throws {
        let check = PackageCheck(catalogue: try CatalogueLoader.bundled(environment: [:]))
        var dealer = Fixtures.index.dealer()
        var application: ApplicationSubmission
        switch `case` {
        case "emigration, delivery to the cabinet from a front office":
            application = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .stateCorporation, branchId: "ALA-01", submittedAt: Fixtures.monday)
            application.delivery = Delivery(method: .personalCabinet)
        case "criminal record about another person without consent":
            application = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), about: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
            application.consent = nil
        case "expired identity card":
            application = Fixtures.factory.criminalRecord(for: dealer.next(.expiredIdentityCard), channel: .stateCorporation, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
        case "service not in the catalogue":
            application = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
            application.service = "mod.unknown"
        case "invalid applicant IIN":
            application = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
            application.applicant.iin = "123456789012"
        default:
            application = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "travel-abroad", branchId: "AST-01", submittedAt: Fixtures.monday)
            application.delivery = Delivery(method: .branch, branchId: nil)
            application.branchId = nil
        }
        #expect(check.refusal(for: application, filedAt: Fixtures.monday)?.code == code)
    }

    @Test("valid packages pass on both channels for both services")
    func validPackages() throws {
        let check = PackageCheck(catalogue: try CatalogueLoader.bundled(environment: [:]))
        var dealer = Fixtures.index.dealer()
        for channel in [Channel.portal, .stateCorporation] {
            #expect(check.refusal(for: Fixtures.factory.emigration(for: dealer.next(.reservist), channel: channel, branchId: "KAR-TEM", submittedAt: Fixtures.monday), filedAt: Fixtures.monday) == nil)
            #expect(check.refusal(for: Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), about: dealer.next(.criminalRecord), channel: channel, purpose: "travel-abroad", branchId: "KAR-TEM", submittedAt: Fixtures.monday), filedAt: Fixtures.monday) == nil)
        }
    }
}

@Suite("Dead-letter replay")
struct DeadLetterReplayTests {
    func letter(consumer: String?, topic: String?, truncated: Bool = false) -> ConsumedMessage {
        var headers: [(String, Data)] = [("escaped-dlq-original-topic", Data(Topics.decisions.utf8))]
        if let consumer { headers.append((DeadLetterHeader.consumer, Data(consumer.utf8))) }
        if let topic { headers.append((DeadLetterHeader.originalTopic, Data(topic.utf8))) }
        if truncated { headers.append((DeadLetterHeader.truncated, Data("2000000 bytes".utf8))) }
        return ConsumedMessage(topic: Topics.deadLetter, partition: 0, offset: 0, key: nil, value: Data("{}".utf8), headers: headers, timestamp: nil)
    }

    @Test("a letter goes back only to a topic its consumer reads, never where its own headers point")
    func replayTarget() {
        #expect(DeadLetterTool.replayTarget(of: letter(consumer: "intake", topic: Topics.applications)) == .success(Topics.applications))
        #expect(DeadLetterTool.replayTarget(of: letter(consumer: "intake", topic: Topics.decisions)) == .failure(.notConsumedBy("intake", Topics.decisions)))
        #expect(DeadLetterTool.replayTarget(of: letter(consumer: "somebody", topic: Topics.applications)) == .failure(.unknownConsumer("somebody")))
        #expect(DeadLetterTool.replayTarget(of: letter(consumer: "intake", topic: nil)) == .failure(.notConsumedBy("intake", "-")))
        #expect(DeadLetterTool.replayTarget(of: letter(consumer: "intake", topic: Topics.applications, truncated: true)) == .failure(.truncated))
    }
}
