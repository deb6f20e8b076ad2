import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation
import QyzmetRules
import Testing

/// Order 555's services through the real processes: the registration certificate (S1), the
/// military ID (S2), registration and deregistration (S3) and the confirmation of service (S5),
/// each on its channels, with its refusal grounds, the registers they read and the register
/// changes their decisions make.
extension StackSuite {
    @Suite("Military registration (order 555), through real processes")
    struct MilitaryRegistrationTests {
        static let registrationCertificate = "mod.registration-certificate"
        static let militaryId = "mod.military-id"
        static let registration = "mod.registration"
        static let serviceConfirmation = "mod.service-confirmation"

        static let applications = try! CatalogueApplicationFactory.bundled()


        static func kinds(_ session: StackSession, _ id: String) -> [ResultIssued.Kind] {
            session.seen.results[id]?.map(\.kind) ?? []
        }

        static func document(_ stack: EmbeddedStack, _ number: String) async throws -> JSONValue? {
            let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(number)")
            return stack.http.json(body)?["content"]
        }

        @Test("every scenario of S1, S2, S3 and S5 on each of its channels: the package the catalogue asks for is accepted, one document short is refused naming it")
        func everyScenarioThroughThePackageCheck() async throws {
            let stack = try await EmbeddedStack("order555-intake")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            var dealer = StackSession.index.dealer()
            let catalogue = Self.applications.catalogue
            let today = KazakhstanTime.localDate(of: stack.now)
            var complete: [ApplicationSubmission] = []
            var short: [(ApplicationSubmission, String)] = []
            for code in [Self.registrationCertificate, Self.militaryId, Self.registration, Self.serviceConfirmation] {
                let service = try #require(catalogue.service(code, on: today))
                for scenario in service.scenarios {
                    for channel in service.channels.map(\.channel) {
                        let person = dealer.next("a man on the military register", where: { $0.isMale && $0.military.status != "not-registered" })
                        let application = try Self.applications.application(code, scenario: scenario.code, channel: channel, for: person, submittedAt: stack.now)
                        complete.append(application)
                        guard let first = application.documents.first(where: { $0.type != "id-card" }) else { continue }
                        var incomplete = try Self.applications.application(code, scenario: scenario.code, channel: channel,
                                                                           for: dealer.next("another man on the register", where: { $0.isMale && $0.military.status != "not-registered" }),
                                                                           submittedAt: stack.now)
                        incomplete.documents.removeAll { $0.type == first.type }
                        short.append((incomplete, first.type))
                    }
                }
            }
            let expectedCount = 4 * 2 + 19 * 2 + 17 + 1
            #expect(complete.count == expectedCount)
            try await session.submit(complete + short.map(\.0))
            let ids = (complete + short.map(\.0)).map(\.applicationId)
            _ = try await eventually("every receipt", timeout: .seconds(120)) { ids.allSatisfy { session.seen.receipts[$0] != nil } ? true : nil }
            for application in complete {
                let receipt = session.seen.receipts[application.applicationId]?.first
                #expect(receipt?.outcome == .accepted, "\(application.service) \(application.scenario) on \(application.channel.rawValue): \(receipt?.refusal?.reason ?? "-")")
            }
            for (application, missing) in short {
                let receipt = session.seen.receipts[application.applicationId]?.first
                #expect(receipt?.outcome == .refused && receipt?.refusal?.missingDocuments.contains { $0.contains(missing) } == true,
                        "\(application.service) \(application.scenario) on \(application.channel.rawValue) without \(missing)")
            }
            await session.close()
        }

        @Test("S1, the registration certificate: on both channels to the paper at the branch (and the collection notice in the portal cabinet), and each refusal ground")
        func registrationCertificate() async throws {
            let stack = try await EmbeddedStack("order555-s1")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            let code = Self.registrationCertificate
            func application(_ scenario: String, _ channel: Channel, _ p: SyntheticPerson, documents: [ApplicationSubmission.SubmittedDocument] = []) throws -> ApplicationSubmission {
                var application = try Self.applications.application(code, scenario: scenario, channel: channel, for: p, submittedAt: stack.now)
                if !documents.isEmpty {
                    application.documents.removeAll { ["penalty-resolution-649", "loss-circumstances-certificate"].contains($0.type) }
                    application.documents += documents
                }
                return application
            }
            let late = try application("late-first-registration", .portal, dealer.next("a conscript in the protocol book", where: { $0.isConscript && $0.protocolBook != nil }))
            let lost = try application("lost-certificate", .stateCorporation, dealer.next("a conscript with an Art. 649 resolution", where: { $0.isConscript && $0.penalties["penalty649"] == "present" }))
            let noProtocol = try application("late-first-registration", .stateCorporation, dealer.next("a conscript missing from the protocol book", where: { $0.isConscript && $0.protocolBook == nil }))
            let noResolution = try application("damaged-certificate", .portal, dealer.next("a conscript without an Art. 649 resolution", where: { $0.isConscript && $0.penalties["penalty649"] == nil }),
                                               documents: [.init(type: "penalty-resolution-649", number: "RES-1", issuedOn: KazakhstanTime.localDate(of: stack.now).adding(days: -5), form: "electronic-copy")])
            let unreliable = try application("name-change", .stateCorporation, dealer.next("a conscript", where: { $0.isConscript }))
            let nonCompliant = try application("lost-certificate", .portal, dealer.next("a conscript with an Art. 649 resolution", where: { $0.isConscript && $0.penalties["penalty649"] == "present" }))
            try await session.submit([late, lost, noProtocol, noResolution, unreliable, nonCompliant])

            // The checks suggest the grounds the registers support, scoped to their scenarios.
            #expect(try await desk.suggestion(noProtocol.applicationId) == ("refused", ["no-protocol-record"]))
            #expect(try await desk.suggestion(noResolution.applicationId) == ("refused", ["no-penalty-resolution"]))
            #expect(try await desk.suggestion(late.applicationId).outcome == "approved")
            #expect(try await desk.suggestion(lost.applicationId).outcome == "approved")
            // A ground outside its scenario cannot be used.
            #expect(try await desk.refuse(unreliable.applicationId, ground: "no-protocol-record") == 422)

            // The certificate needs its number, and for a first registration the office and precinct.
            #expect(try await desk.act(late.applicationId, "approve") == 409)
            #expect(try await desk.act(late.applicationId, "record-findings", findings: ["newDocumentNumber": "TK7700001", "registeredOffice": "LMAB-ASTANA", "precinct": "precinct No. 3"]) == 200)
            #expect(try await desk.act(late.applicationId, "approve") == 200)
            #expect(try await desk.act(lost.applicationId, "record-findings", findings: ["newDocumentNumber": "TK7700002"]) == 200)
            #expect(try await desk.act(lost.applicationId, "approve") == 200)
            #expect(try await desk.refuse(noProtocol.applicationId, ground: "no-protocol-record") == 200)
            #expect(try await desk.refuse(noResolution.applicationId, ground: "no-penalty-resolution") == 200)
            #expect(try await desk.refuse(unreliable.applicationId, ground: "unreliable-data") == 200)
            #expect(try await desk.refuse(nonCompliant.applicationId, ground: "non-compliance") == 200)
            let all = [late, lost, noProtocol, noResolution, unreliable, nonCompliant].map(\.applicationId)
            _ = try await eventually("every result") { all.allSatisfy(session.answered) ? true : nil }

            // Portal: the paper certificate at the chosen branch and the signed collection notice in the cabinet.
            #expect(Self.kinds(session, late.applicationId) == [.certificate, .collectionNotice])
            let paper = try #require(session.seen.results[late.applicationId]?.first)
            #expect(paper.format == .paper && paper.delivery.method == .branch && paper.delivery.branchId == late.delivery.branchId)
            let notice = try #require(session.seen.results[late.applicationId]?.last)
            #expect(notice.format == .electronic && notice.delivery.method == .personalCabinet)
            let noticeText = try await Self.document(stack, notice.documentNumber)?["statement"]?.stringValue ?? ""
            let branch = try #require(Self.applications.catalogue.branch(late.delivery.branchId ?? ""))
            #expect(noticeText.contains(branch.name))
            let certificate = try await Self.document(stack, paper.documentNumber)
            #expect(certificate?["facts"]?["newDocumentNumber"]?.stringValue == "TK7700001")
            #expect(try await stack.http.status(late.applicationId)?["status"]?.stringValue == "ready-for-collection")
            // Front office: the paper certificate only.
            #expect(Self.kinds(session, lost.applicationId) == [.certificate])
            for id in [noProtocol, noResolution, unreliable, nonCompliant].map(\.applicationId) {
                #expect(Self.kinds(session, id).first == .refusal)
            }
            await session.close()
        }

        @Test("S2, the military ID: an officer, a woman on contract, a duplicate and a temporary certificate to the paper at the branch, and each refusal ground")
        func militaryIdentityDocument() async throws {
            let stack = try await EmbeddedStack("order555-s2")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            let code = Self.militaryId
            func application(_ scenario: String, _ channel: Channel, _ p: SyntheticPerson) throws -> ApplicationSubmission {
                try Self.applications.application(code, scenario: scenario, channel: channel, for: p, submittedAt: stack.now)
            }
            let officer = try application("reserve-officer-programme", .stateCorporation, dealer.next("a man with a protocol-book record", where: { $0.isMale && $0.protocolBook != nil }))
            let woman = try application("women-contract", .portal, dealer.next("a woman", where: { $0.person.sex == .female }))
            let duplicate = try application("lost", .stateCorporation, dealer.next("a reservist with an Art. 649 resolution", where: { $0.isReservist && $0.penalties["penalty649"] == "present" }))
            let temporary = try application("age-27-deferral", .portal, dealer.next("a man of 27 in the protocol book", where: {
                $0.isMale && $0.protocolBook != nil && $0.age >= 27
            }))
            let noProtocol = try application("under-27-health", .stateCorporation, dealer.next("a man missing from the protocol book", where: { $0.isConscript && $0.protocolBook == nil }))
            let noResolution = try application("damaged", .portal, dealer.next("a reservist without an Art. 649 resolution", where: { $0.isReservist && $0.penalties["penalty649"] == nil }))
            let unreliable = try application("old-model", .stateCorporation, dealer.next("a reservist", where: { $0.isReservist }))
            let nonCompliant = try application("name-change", .portal, dealer.next("a reservist", where: { $0.isReservist }))
            let all = [officer, woman, duplicate, temporary, noProtocol, noResolution, unreliable, nonCompliant]
            try await session.submit(all)

            #expect(try await desk.suggestion(noProtocol.applicationId) == ("refused", ["no-protocol-record"]))
            #expect(try await desk.suggestion(noResolution.applicationId) == ("refused", ["no-penalty-resolution"]))
            #expect(try await desk.act(officer.applicationId, "record-findings", findings: ["issuedDocument": "military-id", "newDocumentNumber": "AB7700001", "rank": "lieutenant"]) == 200)
            #expect(try await desk.act(woman.applicationId, "record-findings", findings: ["issuedDocument": "military-id", "newDocumentNumber": "AB7700002", "composition": "sergeant", "rank": "sergeant"]) == 200)
            #expect(try await desk.act(duplicate.applicationId, "record-findings", findings: ["issuedDocument": "military-id", "newDocumentNumber": "AB7700003"]) == 200)
            #expect(try await desk.act(temporary.applicationId, "record-findings", findings: ["issuedDocument": "temporary-certificate", "newDocumentNumber": "VT7700004", "composition": "soldier", "rank": "private"]) == 200)
            for id in [officer, woman, duplicate, temporary].map(\.applicationId) {
                #expect(try await desk.act(id, "approve") == 200)
            }
            #expect(try await desk.refuse(noProtocol.applicationId, ground: "no-protocol-record") == 200)
            #expect(try await desk.refuse(noResolution.applicationId, ground: "no-penalty-resolution") == 200)
            #expect(try await desk.refuse(unreliable.applicationId, ground: "unreliable-data") == 200)
            #expect(try await desk.refuse(nonCompliant.applicationId, ground: "non-compliance") == 200)
            _ = try await eventually("every result") { all.map(\.applicationId).allSatisfy(session.answered) ? true : nil }

            func form(_ id: String) -> String? { session.seen.results[id]?.first?.form }
            #expect(form(officer.applicationId) == "military-id")
            #expect(form(woman.applicationId) == "military-id")
            #expect(Self.kinds(session, woman.applicationId).last == .collectionNotice)
            #expect(form(duplicate.applicationId) == "duplicate")
            #expect(form(temporary.applicationId) == "temporary-certificate")
            for application in [officer, woman, duplicate, temporary] {
                let paper = try #require(session.seen.results[application.applicationId]?.first)
                #expect(paper.format == .paper && paper.delivery.method == .branch)
            }
            for id in [noProtocol, noResolution, unreliable, nonCompliant].map(\.applicationId) {
                #expect(Self.kinds(session, id).first == .refusal)
            }
            // 7 working days at a branch in the capital or a city, 5 in a district.
            let receipt = try #require(session.seen.receipts[officer.applicationId]?.first)
            let tier = Self.applications.catalogue.branch(officer.branchId ?? "")?.tier
            let expected = tier == .district ? 5 : 7
            let calendar = WorkingDayCalendar.kazakhstan
            #expect(receipt.dueDate == calendar.adding(workingDays: expected, to: calendar.workingDay(onOrAfter: receipt.acceptedOn!)))
            await session.close()
        }

        @Test("S3, registration and deregistration: the e-notices of App 43 and App 44, each refusal ground, and a later emigration application sees the new registration")
        func registrationChangesTheRegister() async throws {
            let stack = try await EmbeddedStack("order555-s3")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            let code = Self.registration
            func application(_ scenario: String, _ p: SyntheticPerson) throws -> ApplicationSubmission {
                try Self.applications.application(code, scenario: scenario, channel: .portal, for: p, submittedAt: stack.now)
            }
            let newcomer = dealer.next("a man not on the register", where: { $0.isMale && $0.military.status == "not-registered" && $0.age < 27 })
            let registered = try application("conscript-never-registered", newcomer)
            let leaver = dealer.next("a reservist", where: { $0.isReservist })
            let leaving = try application("deregistration", leaver)
            let late = try application("conscript-moved-late", dealer.next("a conscript without an Art. 647 resolution", where: { $0.isConscript && $0.penalties["penalty647"] == nil }))
            let unfit = try application("conscript-moved", dealer.next("a conscript found unfit", where: { $0.isConscript && $0.fitness == "D" }))
            let unreliable = try application("reservist-moved", dealer.next("a reservist", where: { $0.isReservist }))
            try await session.submit([registered, leaving, late, unfit, unreliable])

            // Before the decision the register has no record of him: an emigration certificate is refused.
            #expect(try await desk.suggestion(late.applicationId) == ("refused", ["no-penalty-resolution"]))
            #expect(try await desk.suggestion(unfit.applicationId) == ("refused", ["non-compliance"]))
            #expect(try await desk.act(registered.applicationId, "record-findings", findings: ["registeredOffice": "LMAB-ASTANA", "precinct": "precinct No. 7"]) == 200)
            #expect(try await desk.act(registered.applicationId, "approve") == 200)
            #expect(try await desk.act(leaving.applicationId, "approve") == 200)
            #expect(try await desk.refuse(late.applicationId, ground: "no-penalty-resolution") == 200)
            #expect(try await desk.refuse(unfit.applicationId, ground: "non-compliance") == 200)
            #expect(try await desk.refuse(unreliable.applicationId, ground: "unreliable-data") == 200)
            let all = [registered, leaving, late, unfit, unreliable].map(\.applicationId)
            _ = try await eventually("every result") { all.allSatisfy(session.answered) ? true : nil }
            #expect(session.seen.results[registered.applicationId]?.map(\.form) == ["App 43"])
            #expect(Self.kinds(session, registered.applicationId) == [.eNotice])
            #expect(session.seen.results[leaving.applicationId]?.map(\.form) == ["App 44"])
            for id in [late, unfit, unreliable].map(\.applicationId) {
                #expect(Self.kinds(session, id) == [.refusal])
            }

            // The register changed: the next gateway answer about him says conscript at the new office.
            let emigration = session.factory.emigration(for: newcomer, channel: .portal, branchId: "AST-01", submittedAt: stack.now, scenario: "conscript")
            let departed = session.factory.emigration(for: leaver, channel: .portal, branchId: "AST-01", submittedAt: stack.now, scenario: "reservist")
            try await session.submit([emigration, departed])
            let seen = try await desk.item(emigration.applicationId)
            #expect(seen["recorded"]?["militaryStatus"]?.stringValue == "conscript")
            #expect(try await desk.suggestion(emigration.applicationId).outcome == "approved")
            let gone = try await desk.item(departed.applicationId)
            #expect(gone["recorded"]?["militaryStatus"]?.stringValue == "deregistered")
            #expect(try await desk.suggestion(departed.applicationId).outcome == "refused")
            await session.close()
        }

        @Test("S5, confirmation of service: answered at once from the MoD system, or extended to 30 or 90 working days with the App 52 notice, asked of Kazakh bodies or a foreign archive, then confirmed or refused (App 53)")
        func serviceConfirmationPaths() async throws {
            // The outside bodies' delays in working days (Kazakh bodies 10, an archive 40), the clock moved.
            let stack = try await EmbeddedStack("order555-s5", overrides: ["identity": ["QYZMET_OUTSIDE_BODY_DAYS": "kz-bodies=10,foreign-archive=40"]])
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()
            let code = Self.serviceConfirmation
            func records(_ p: SyntheticPerson) -> [String: String] { p.serviceRecords }
            func answer(_ p: SyntheticPerson, _ body: String) -> String? { RegisterRecords.outsideAnswer(iin: p.person.iin, body: body)["requestAnswer"] }
            let complete = dealer.next("a reservist whose service the MoD system holds", where: { records($0)["serviceRecord"] == "complete" })
            let kazakh = dealer.next("a reservist whose service Kazakh bodies confirm", where: { records($0)["serviceMissingFrom"] == "kz-bodies" && answer($0, "kz-bodies") == "confirmed" })
            let archive = dealer.next("a reservist a foreign archive cannot confirm", where: { records($0)["serviceMissingFrom"] == "foreign-archive" && answer($0, "foreign-archive") == "negative" })
            let immediate = try Self.applications.application(code, scenario: "own-service", channel: .portal, for: complete, submittedAt: stack.now)
            let thirty = try Self.applications.application(code, scenario: "own-service", channel: .portal, for: kazakh, submittedAt: stack.now)
            let ninety = try Self.applications.application(code, scenario: "own-service", channel: .portal, for: archive, submittedAt: stack.now)
            try await session.submit([immediate, thirty, ninety])

            // At once: the confirmation from the MoD system, due 5 minutes after acceptance, no officer.
            _ = try await eventually("the immediate confirmation") { session.answered(immediate.applicationId) ? true : nil }
            #expect(Self.kinds(session, immediate.applicationId) == [.certificate])
            let receipt = try #require(session.seen.receipts[immediate.applicationId]?.first)
            #expect(try #require(receipt.dueAt).timeIntervalSince(receipt.issuedAt) <= 5 * 60)

            // Extended: up to 30 working days for Kazakh bodies, 90 for a former USSR archive.
            let calendar = WorkingDayCalendar.kazakhstan
            _ = try await desk.item(thirty.applicationId, state: "assigned")
            #expect(try await desk.act(thirty.applicationId, "extend", findings: ["confirmationFrom": "kz-bodies"], term: .workingDays(40)) == 409)
            #expect(try await desk.act(thirty.applicationId, "extend", findings: ["confirmationFrom": "kz-bodies"], term: .workingDays(30)) == 200)
            _ = try await desk.item(ninety.applicationId, state: "assigned")
            #expect(try await desk.act(ninety.applicationId, "extend", findings: ["confirmationFrom": "foreign-archive"], term: .workingDays(90)) == 200)
            for application in [thirty, ninety] {
                _ = try await eventually("the App 52 notice") { session.seen.results[application.applicationId]?.first { $0.kind == .extensionNotice } }
                #expect(session.seen.results[application.applicationId]?.first?.form == "App 52")
            }
            let accepted = try #require(session.seen.receipts[thirty.applicationId]?.first?.acceptedOn)
            _ = try await eventually("the status desk shows 30 working days") {
                try await stack.http.status(thirty.applicationId)?["dueDate"]?.stringValue == calendar.adding(workingDays: 30, to: calendar.workingDay(onOrAfter: accepted)).description ? true : nil
            }
            let notice = try #require(session.seen.results[ninety.applicationId]?.first)
            #expect(try await Self.document(stack, notice.documentNumber)?["statement"]?.stringValue?.contains("90") == true)

            // Kazakh bodies answer after 10 working days: the officer confirms within a day of the term.
            try await stack.moveClock(days: 21)
            _ = try await desk.item(thirty.applicationId, state: "answer-received")
            #expect(session.answered(ninety.applicationId) == false)
            #expect(try await desk.act(thirty.applicationId, "approve") == 200)
            _ = try await eventually("the confirmation") { session.answered(thirty.applicationId) ? true : nil }
            #expect(Self.kinds(session, thirty.applicationId) == [.extensionNotice, .certificate])
            let confirmation = try #require(session.seen.results[thirty.applicationId]?.last)
            #expect(try await Self.document(stack, confirmation.documentNumber)?["facts"]?["serviceUnit"]?.stringValue == records(kazakh)["serviceUnit"])

            // The archive answers after 40 working days that it cannot confirm: the ground holds, App 53 follows.
            // (The clock is set in days after the stack's first morning.)
            try await stack.moveClock(days: 70)
            _ = try await desk.item(ninety.applicationId, state: "answer-received")
            #expect(try await desk.suggestion(ninety.applicationId) == ("refused", ["insufficient-information"]))
            #expect(try await desk.refuse(ninety.applicationId, ground: "insufficient-information") == 200)
            _ = try await eventually("the App 53 refusal") { session.answered(ninety.applicationId) ? true : nil }
            #expect(session.seen.results[ninety.applicationId]?.map(\.form) == ["App 52", "App 53"])
            await session.close()
        }
    }
}
