import Foundation
import GRDB
import IntakeService
import IssuanceService
import QyzmetDomain
import QyzmetLoad
import QyzmetRuntime
import ReviewService
import Testing

@Suite("Flows through all four services (in-memory transport)")
struct FlowTests {
    @Test("emigration certificate at a front office: receipt due next working day, executor approves, 3 paper copies at the branch")
    func emigrationFrontOffice() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.reservist), channel: .stateCorporation, branchId: "KAR-01", submittedAt: Fixtures.monday)
        let events = try stack.pump([Fixtures.event(application)])

        let receipt = try #require(events.on(Topics.receipts).first).decode(Receipt.self)
        #expect(receipt.outcome == .accepted)
        #expect(receipt.registrationNumber == "EMG-20261123-000001")
        #expect(receipt.acceptedOn == LocalDate(iso: "2026-11-23"))
        #expect(KazakhstanTime.format(receipt.dueAt!) == "2026-11-24T18:00:00+05:00")
        let opened = try #require(events.on(Topics.cases).first).decode(CaseOpened.self)
        #expect(opened.applicant.iin == application.applicant.iin)

        let worklist = try stack.review.read { try Date.fetchAll($0, sql: "SELECT executorDueAt FROM cases WHERE state = 'executor-review'") }
        try #require(worklist.count == 1)
        let executorDue = worklist[0]
        #expect(KazakhstanTime.format(executorDue) == "2026-11-24T18:00:00+05:00")

        let decide = ReviewDecision(stack: stack, applicationId: application.applicationId)
        #expect(try await decide("approve", executor: "nobody") == .invalid)
        #expect(try await decide("approve", executor: "lmab-officer-1") == .approved)
        #expect(try await decide("approve", executor: "lmab-officer-1") == .conflict)
        let after = try stack.pump(try stack.review.published())
        let result = try #require(after.on(Topics.results).first).decode(ResultIssued.self)
        #expect(result.kind == .certificate && result.form == "App 49" && result.copies == 3 && result.format == .paper)
        // Filed at the branch of the applicant's region of residence (L1861), and collected there.
        #expect(result.delivery == Delivery(method: .branch, branchId: application.branchId))
        #expect(result.documentNumber == "EMG-C-2026-0000001")
        #expect(after.statuses().suffix(2) == [.resultIssued, .readyForCollection])
        let trust = stack.issuance.context.keys.trust
        let content = try stack.issuance.read { try Data.fetchOne($0, sql: "SELECT content FROM documents") }!
        try trust.verify(result.signature, over: try JSONDecoder().decode(JSONValue.self, from: content), purpose: .resultDocument, trustedFor: "provider")
        #expect(Digest.sha256Hex(content) == result.digest)
    }

    @Test("emigration certificate refused on the catalogue's grounds when the applicant is not on military registration")
    func emigrationRefused() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.notRegistered), channel: .portal, branchId: "AST-01", submittedAt: Fixtures.monday, scenario: "conscript")
        _ = try stack.pump([Fixtures.event(application)])
        let recommendation = try stack.review.read { try Data.fetchOne($0, sql: "SELECT recommendation FROM cases") }!
        #expect(String(decoding: recommendation, as: UTF8.self).contains("non-compliance"))
        let decide = ReviewDecision(stack: stack, applicationId: application.applicationId)
        let assigned = try stack.review.read { try String.fetchOne($0, sql: "SELECT executorId FROM cases") }!
        let other = assigned == "lmab-officer-2" ? "lmab-officer-3" : "lmab-officer-2"
        #expect(try await decide("refuse", executor: other, grounds: ["non-compliance"], motivation: "Not on the military register.") == .forbidden)
        #expect(try await decide("refuse", executor: assigned, grounds: ["non-compliance"], motivation: nil) == .invalid)
        #expect(try await decide("refuse", executor: assigned, grounds: ["made-up"], motivation: "Not on the military register.") == .invalid)
        #expect(try await decide("refuse", executor: assigned, grounds: ["non-compliance"], motivation: "Not on the military register.") == .refused)
        let after = try stack.pump(try stack.review.published())
        let decision = try #require(after.on(Topics.decisions).first).decode(Decision.self)
        #expect(decision.grounds.first?.text.contains("not on military registration") == true)
        let result = try #require(after.on(Topics.results).first).decode(ResultIssued.self)
        #expect(result.kind == .refusal && result.format == .electronic && result.delivery.method == .personalCabinet)
        #expect(after.statuses().last == .deliveredToCabinet)
    }

    @Test("criminal record: clear data gives the certificate automatically; ambiguous data an interim reply to re-apply after 20 working days")
    func criminalRecord() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let clear = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
        let ambiguous = Fixtures.factory.criminalRecord(for: dealer.next(.criminalNeedsCheck), channel: .stateCorporation, purpose: "general", branchId: "TUR-KEN", submittedAt: Fixtures.monday)
        let events = try stack.pump([Fixtures.event(clear), Fixtures.event(ambiguous)])
        let receipts = try events.on(Topics.receipts).map { try $0.decode(Receipt.self) }
        #expect(receipts.count == 2 && receipts.allSatisfy { $0.outcome == .accepted })
        // Ten minutes from receipt (10:16), not from the sender's submittedAt (10:15).
        #expect(KazakhstanTime.format(receipts.first { $0.applicationId == clear.applicationId }!.dueAt!) == "2026-11-23T10:26:00+05:00")
        let decisions = try events.on(Topics.decisions).map { try $0.decode(Decision.self) }
        let certificate = try #require(decisions.first { $0.applicationId == clear.applicationId })
        #expect(certificate.outcome == .approved && certificate.decidedBy.kind == "automatic" && certificate.facts["criminalRecord"] == "none")
        // Ambiguous records: the additional check is the committee's work, with its deadlines.
        #expect(decisions.first { $0.applicationId == ambiguous.applicationId } == nil)
        let check = try stack.review.read { db -> [String] in
            let row = try Row.fetchOne(db, sql: "SELECT state, stateDueAt, dueAt, executorId FROM cases WHERE applicationId = ?", arguments: [ambiguous.applicationId])!
            return [row["state"], row["executorId"], KazakhstanTime.format(row["stateDueAt"] as Date), KazakhstanTime.format(row["dueAt"] as Date)]
        }
        #expect(check == ["additional-check", "clssa-officer-1", "2026-11-27T18:30:00+05:00", "2026-11-30T18:30:00+05:00"])
        let decide = ReviewDecision(stack: stack, applicationId: ambiguous.applicationId)
        #expect(try await decide("approve", executor: "clssa-officer-1", findings: [:]) == .conflict)
        _ = try await stack.review.app.act(applicationId: ambiguous.applicationId, ExecutorActionRequest(action: "interim-reply", executorId: "clssa-officer-1"))
        let after = try stack.pump(try stack.review.published())
        let interim = try #require(after.on(Topics.decisions).first).decode(Decision.self)
        #expect(interim.outcome == .interimReply)
        #expect(interim.reapplyAfter == LocalDate(iso: "2026-12-22"))
        let results = try (events + after).on(Topics.results).map { try $0.decode(ResultIssued.self) }
        #expect(Set(results.map(\.kind)) == [.certificate, .interimReply])
        // The check goes on; its outcome is recorded, and a new application about the same person
        // then gets the certificate automatically instead of another interim reply.
        _ = try await stack.review.app.act(applicationId: ambiguous.applicationId, ExecutorActionRequest(action: "record-findings", executorId: "clssa-officer-1", findings: ["criminalRecord": "none"]))
        #expect(try await stack.review.app.act(applicationId: ambiguous.applicationId, ExecutorActionRequest(action: "complete-check", executorId: "clssa-officer-1")) == "check-completed")
        var again = ambiguous
        again.applicationId = ApplicationFactory.newApplicationId()
        let second = try stack.pump([Fixtures.event(again)])
        let reissued = try #require(second.on(Topics.decisions).first).decode(Decision.self)
        #expect(reissued.outcome == .approved && reissued.decidedBy.kind == "automatic" && reissued.facts["criminalRecord"] == "none")
    }

    @Test("filed on the portal at night: accepted the next working day, and no certificate is issued before that day")
    func notBeforeAcceptance() async throws {
        let night = KazakhstanTime.parse("2026-11-23T23:00:00+05:00")!
        let stack = try InMemoryStack(now: night)
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: night)
        let events = try stack.pump([Fixtures.event(application)])
        let receipt = try #require(events.on(Topics.receipts).first).decode(Receipt.self)
        #expect(receipt.acceptedOn == LocalDate(iso: "2026-11-24"))
        #expect(KazakhstanTime.format(receipt.dueAt!) == "2026-11-24T09:10:00+05:00")
        #expect(events.on(Topics.decisions).isEmpty)
        #expect(try await stack.review.app.runTimers() == 0)
        stack.clock.advance(by: 10 * 3600)
        #expect(try await stack.review.app.runTimers() == 1)
        let after = try stack.pump(try stack.review.published())
        let decision = try #require(after.on(Topics.decisions).first).decode(Decision.self)
        #expect(decision.outcome == .approved && KazakhstanTime.localDate(of: decision.decidedAt) == LocalDate(iso: "2026-11-24"))
    }

    @Test("third-party criminal record certificate names the subject, fetched with the subject's consent")
    func thirdParty() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let subject = dealer.next(.criminalRecord)
        let application = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), about: subject, channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
        let events = try stack.pump([Fixtures.event(application)])
        let requests = try events.on(Topics.gatewayRequests).map { try $0.decode(GatewayRequest.self) }
        let criminal = try #require(requests.first { $0.query == .criminalRecords })
        #expect(criminal.subjectIin == subject.person.iin && criminal.requesterIin == application.applicant.iin && criminal.consentReference != nil)
        let decision = try #require(events.on(Topics.decisions).first).decode(Decision.self)
        #expect(decision.holder.iin == subject.person.iin)
        #expect(["present", "expunged"].contains(decision.facts["criminalRecord"]))
    }

    @Test("unknown person and mismatching names are refused to accept after the gateway answers")
    func identification() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        var unknown = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Fixtures.monday)
        unknown.applicant.iin = PopulationIndex.unknownPersonIIN(1)
        var mismatch = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "general", branchId: "AST-01", submittedAt: Fixtures.monday)
        mismatch.applicant.firstName = "Someone"
        let receipts = try stack.pump([Fixtures.event(unknown), Fixtures.event(mismatch)]).on(Topics.receipts).map { try $0.decode(Receipt.self) }
        #expect(Dictionary(uniqueKeysWithValues: receipts.map { ($0.applicationId, $0.refusal?.code) }) == [unknown.applicationId: "unknown-person", mismatch.applicationId: "identity-mismatch"])
    }

    @Test("uncollected paper: the travel-abroad certificate a month at the branch, two at the provider, recall brings it back; the emigration certificate waits at the branch until collected (order 555 sets no period)")
    func storage() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let traveller = dealer.next(.criminalClear)
        let emigrant = dealer.next(.conscript)
        let abroad = Fixtures.factory.criminalRecord(for: traveller, channel: .portal, purpose: "travel-abroad", branchId: "ALA-01", submittedAt: Fixtures.monday)
        let emigration = Fixtures.factory.emigration(for: emigrant, channel: .stateCorporation, branchId: "ALA-01", submittedAt: Fixtures.monday)
        _ = try stack.pump([Fixtures.event(abroad), Fixtures.event(emigration)])
        #expect(try await ReviewDecision(stack: stack, applicationId: emigration.applicationId)("approve", executor: "lmab-officer-1") == .approved)
        _ = try stack.pump(try stack.review.published())
        let storage = StorageProbe(stack: stack)
        #expect(try storage.states() == [abroad.applicationId: "ready-for-collection", emigration.applicationId: "ready-for-collection"])

        stack.clock.advance(by: 20 * 86_400)
        #expect(try await storage.advance() == 0)
        stack.clock.advance(by: 12 * 86_400)
        #expect(try await storage.advance() == 1)
        #expect(try storage.states() == [abroad.applicationId: "stored-at-provider", emigration.applicationId: "ready-for-collection"])
        let certificate = try stack.issuance.read { try String.fetchOne($0, sql: "SELECT documentNumber FROM documents WHERE applicationId = ?", arguments: [emigration.applicationId]) }!
        // Handed over on the holder's identity document, not on someone else's.
        #expect(try await storage.collect(certificate, branch: emigration.branchId!, shown: traveller.person.idDocument.number) == "forbidden")
        #expect(try await storage.collect(certificate, branch: emigration.branchId!, shown: emigrant.person.idDocument.number) == "collected")

        let number = try stack.issuance.read { try String.fetchOne($0, sql: "SELECT documentNumber FROM documents WHERE applicationId = ?", arguments: [abroad.applicationId]) }!
        let shown = traveller.person.idDocument.number
        #expect(try await storage.collect(number, branch: "ALA-01", shown: shown) == "conflict")
        #expect(try await storage.recall(number))
        #expect(try await storage.collect(number, branch: "SHY-01", shown: shown) == "conflict")
        #expect(try await storage.collect(number, branch: "ALA-01", shown: shown) == "collected")
        stack.clock.advance(by: 70 * 86_400)
        #expect(try await storage.advance() == 0)
        #expect(try storage.states()[abroad.applicationId] == "collected")
        let statuses = try stack.issuance.published().statuses()
        #expect(statuses == [.storedAtProvider, .collected, .readyForCollection, .collected])
    }

    @Test("an uncollected result kept by the provider is filed after three months in all")
    func filed() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let abroad = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .stateCorporation, purpose: "travel-abroad", branchId: "PAV-01", submittedAt: Fixtures.monday)
        _ = try stack.pump([Fixtures.event(abroad)])
        let storage = StorageProbe(stack: stack)
        stack.clock.advance(by: 32 * 86_400)
        #expect(try await storage.advance() == 1)
        stack.clock.advance(by: 62 * 86_400)
        #expect(try await storage.advance() == 1)
        #expect(try storage.states()[abroad.applicationId] == "filed")
    }

    @Test("the status desk answers where the application is and when it is due, whatever order services' statuses arrive in")
    func statusDesk() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let application = Fixtures.factory.emigration(for: dealer.next(.conscript), channel: .portal, branchId: "AST-01", submittedAt: Fixtures.monday)
        let events = try stack.pump([Fixtures.event(application)])
        // Intake's own statuses arrive late, after review's: the desk must not go back to "accepted".
        // (New ids, so signed again with intake's key: the desk believes only signed statuses.)
        let intakeKey = try #require(stack.intake.context.keys.eventKey)
        let late = try events.on(Topics.status).filter { (try? $0.decode(StatusChanged.self).actor) == "intake" }.map { event -> Published in
            var copy = event
            copy.envelopeOrNil!.id = UUID().uuidString
            copy.envelopeOrNil!.signature = try EventSignature.sign(copy.envelope, with: intakeKey)
            return copy
        }
        #expect(!late.isEmpty)
        try stack.intake.deliver(late, topic: Topics.status)
        // A status code from a newer minor version is kept in the history without moving the desk.
        var newer = late[0]
        newer.envelopeOrNil!.id = UUID().uuidString
        newer.envelopeOrNil!.data = newer.envelope.data.setting(["status"], to: .string("escalated-to-head"))
        var unsigned = newer
        unsigned.envelopeOrNil!.signature = nil
        #expect(try stack.intake.deliver([unsigned], topic: Topics.status) == [.deadLettered(code: "event.unsigned", applicationId: application.applicationId)])
        newer.envelopeOrNil!.signature = try EventSignature.sign(newer.envelope, with: intakeKey)
        #expect(try stack.intake.deliver([newer], topic: Topics.status) == [.applied(type: EventType.statusChanged)])
        let (status, number, due, history) = try stack.intake.read { db -> (String, String, Date, [String]) in
            let row = try Row.fetchOne(db, sql: "SELECT status, registrationNumber, dueAt FROM status_projection")!
            return (row["status"], row["registrationNumber"], row["dueAt"], try String.fetchAll(db, sql: "SELECT status FROM status_history"))
        }
        #expect(status == "awaiting-executor")
        #expect(number == "EMG-20261123-000001")
        #expect(KazakhstanTime.format(due) == "2026-11-24T18:00:00+05:00")
        #expect(history.contains("escalated-to-head"))
    }

    @Test("a recalled result not collected again is filed when its three months end, not stored again")
    func recalledThenFiled() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let abroad = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "travel-abroad", branchId: "ALA-01", submittedAt: Fixtures.monday)
        _ = try stack.pump([Fixtures.event(abroad)])
        let storage = StorageProbe(stack: stack)
        stack.clock.advance(by: 32 * 86_400)
        #expect(try await storage.advance() == 1)
        let number = try stack.issuance.read { try String.fetchOne($0, sql: "SELECT documentNumber FROM documents") }!
        #expect(try await storage.recall(number))
        stack.clock.advance(by: 40 * 86_400)
        #expect(try await storage.advance() == 0)
        stack.clock.advance(by: 30 * 86_400)
        #expect(try await storage.advance() == 1)
        #expect(try storage.states()[abroad.applicationId] == "filed")
    }

    @Test("the travel-abroad term follows the branch applied to, not the branch of collection")
    func termByBranchAppliedTo() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        var district = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .stateCorporation, purpose: "travel-abroad", branchId: "KZO-ARA", submittedAt: Fixtures.monday)
        district.delivery = Delivery(method: .branch, branchId: "AST-01")
        let portal = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "travel-abroad", branchId: "AST-01", submittedAt: Fixtures.monday)
        let receipts = try stack.pump([Fixtures.event(district), Fixtures.event(portal)]).on(Topics.receipts).map { try $0.decode(Receipt.self) }
        let due = Dictionary(uniqueKeysWithValues: receipts.map { ($0.applicationId, $0.dueDate) })
        #expect(due[district.applicationId] == LocalDate(iso: "2026-12-07"))
        #expect(due[portal.applicationId] == LocalDate(iso: "2026-11-30"))
    }

    @Test("a recalled result shows as ready for collection again on the status desk")
    func recallOnTheDesk() async throws {
        let stack = try InMemoryStack(now: Fixtures.monday.addingTimeInterval(60))
        var dealer = Fixtures.index.dealer()
        let abroad = Fixtures.factory.criminalRecord(for: dealer.next(.criminalClear), channel: .portal, purpose: "travel-abroad", branchId: "ALA-01", submittedAt: Fixtures.monday)
        _ = try stack.pump([Fixtures.event(abroad)])
        stack.clock.advance(by: 32 * 86_400)
        #expect(try await stack.issuance.app.advanceStorage() == 1)
        let number = try stack.issuance.read { try String.fetchOne($0, sql: "SELECT documentNumber FROM documents") }!
        _ = try await stack.issuance.app.recall(number)
        _ = try stack.pump(try stack.issuance.published())
        let status = try stack.intake.read { try String.fetchOne($0, sql: "SELECT status FROM status_projection") }
        #expect(status == "ready-for-collection")
    }
}

/// Executor decisions through review's command path, as the HTTP route makes them.
struct ReviewDecision {
    let stack: InMemoryStack
    let applicationId: String

    enum Answer: Equatable { case approved, refused, invalid, conflict, forbidden, notFound }

    /// What the executor records before approving an emigration certificate: the removal from
    /// the register and where the military document went.
    static let emigrationFindings = ["removedFromRegisterOn": "2026-11-23", "militaryDocumentSurrendered": "surrendered-to-provider"]

    func callAsFunction(_ action: String, executor: String, grounds: [String]? = nil, motivation: String? = nil,
                        findings: [String: String]? = nil) async throws -> Answer {
        do {
            if action == "approve", let findings = findings ?? (applicationId.isEmpty ? nil : Self.emigrationFindings) {
                _ = try? await stack.review.app.act(applicationId: applicationId, ExecutorActionRequest(action: "record-findings", executorId: executor, findings: findings))
            }
            let state = try await stack.review.app.act(applicationId: applicationId, ExecutorActionRequest(action: action, executorId: executor, grounds: grounds, motivation: motivation))
            return state == "refused" ? .refused : .approved
        } catch CommandRejection.invalid {
            return .invalid
        } catch CommandRejection.conflict {
            return .conflict
        } catch CommandRejection.forbidden {
            return .forbidden
        } catch CommandRejection.notFound {
            return .notFound
        }
    }
}

struct StorageProbe {
    let stack: InMemoryStack

    func advance() async throws -> Int { try await stack.issuance.app.advanceStorage() }

    func states() throws -> [String: String] {
        try stack.issuance.read { db in
            try Row.fetchAll(db, sql: "SELECT applicationId, state FROM documents").reduce(into: [:]) { $0[$1["applicationId"]] = $1["state"] }
        }
    }

    func collect(_ number: String, branch: String, shown: String) async throws -> String {
        do {
            try await stack.issuance.app.collect(number, CollectionRequest(branchId: branch, identityDocument: "id-card", identityDocumentNumber: shown))
            return "collected"
        } catch CommandRejection.conflict {
            return "conflict"
        } catch CommandRejection.forbidden {
            return "forbidden"
        }
    }

    func recall(_ number: String) async throws -> Bool {
        _ = try await stack.issuance.app.recall(number)
        return true
    }
}
