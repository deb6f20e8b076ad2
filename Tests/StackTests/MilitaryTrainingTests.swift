import Foundation
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation
import QyzmetRules
import Testing

/// Order 357's paid training through the real processes: persons put on the queue for a course
/// (service 1), then, with the clock moved across the course's schedule, referred proactively in
/// queue order (service 2): one removed from the register, one without a registered mobile
/// number, two who pay, one who does not and the next in the queue referred in the second round.
extension StackSuite {
    @Suite("Military training (order 357), through real processes")
    struct MilitaryTrainingTests {
        static let queueService = "mod.training-queue"
        static let applications = try! CatalogueApplicationFactory.bundled()

        struct Payment: Encodable { var applicationId: String; var amountTenge: Int }

        /// A course of the test's own plan: it starts 18 working days after the stack's first morning.
        static func course(startingAfter today: LocalDate) -> TrainingCourse {
            let calendar = WorkingDayCalendar.kazakhstan
            let start = calendar.adding(workingDays: 18, to: today)
            return TrainingCourse(id: "TEST-DRV-1", speciality: .init(en: "Driver (category C)", kk: "Жүргізуші (C санаты)"),
                                  organisation: .init(en: "Military-Technical School of the MoD", kk: "ҚР ҚМ Әскери-техникалық мектебі"),
                                  organisationAddress: "Almaty region, Qonaev", start: start, end: start.adding(days: 42), arrivalTime: "08:00",
                                  places: 3, priceTenge: 390_000, planYear: start.year, approvedOn: LocalDate(year: start.year - 1, month: 11, day: 27)!,
                                  source: "test-only course")
        }

        /// The first day of a round: so many working days before the course starts.
        static func workingDays(_ count: Int, before start: LocalDate) -> LocalDate {
            let calendar = WorkingDayCalendar.kazakhstan
            var day = start
            var remaining = count
            while remaining > 0 {
                day = day.adding(days: -1)
                if calendar.isWorkingDay(day) { remaining -= 1 }
            }
            return day
        }

        static func fitMan(_ p: SyntheticPerson) -> Bool { p.isReservist && (26...45).contains(p.age) && ["A", "B"].contains(p.fitness) }

        @Test("the paid-training queue and the proactive referral across a course's schedule: App 8 numbers, App 10, no mobile, App 11 by SMS and in the cabinet, App 13 on payment, App 14 without it, and the next in the queue in the second round")
        func queueAndReferral() async throws {
            let today = KazakhstanTime.localDate(of: Date().addingTimeInterval(OfficeHoursClock.offset()))
            let course = Self.course(startingAfter: today)
            let extra = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-training-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: extra) }
            try FileManager.default.createDirectory(at: extra.appendingPathComponent("reference"), withIntermediateDirectories: true)
            try JSONEncoder().encode([course]).write(to: extra.appendingPathComponent("reference/training-courses.json"))
            let environment = ["QYZMET_CATALOGUE_EXTRA": extra.path]
            let stack = try await EmbeddedStack("training", overrides: ["intake": environment, "identity": environment, "issuance": environment,
                                                                       "review": environment.merging(["QYZMET_PAYMENT_RECHECK_SECONDS": "1"]) { a, _ in a }])
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            var dealer = StackSession.index.dealer()

            // Six fit reservists; the fourth has no mobile number registered on the portal.
            let people = (0..<6).map { i in dealer.next("a fit reservist" + (i == 3 ? " without a mobile" : " with a mobile"), where: { Self.fitMan($0) && $0.hasRegisteredMobile == (i != 3) }) }
            let notRegistered = dealer.next("a man not on the register", where: { $0.person.sex == .male && $0.military.status == "not-registered" && $0.age >= 25 })
            let unfit = dealer.next("a reservist found unfit", where: { $0.person.sex == .male && $0.military.status == "reservist" && $0.fitness == "D" && $0.age >= 25 })
            func application(_ p: SyntheticPerson) throws -> ApplicationSubmission {
                try Self.applications.application(Self.queueService, scenario: Self.applications.catalogue.service(Self.queueService, on: today)?.scenarios.first?.code ?? "-",
                                                  channel: .portal, for: p, submittedAt: stack.now, form: ["course": .string(course.id)])
            }
            let queued = try people.map(application)
            let refusedOnes = [try application(notRegistered), try application(unfit)]
            try await session.submit(queued + refusedOnes)

            // The executor puts them on the queue one by one: App 8 gives each their number.
            for (i, a) in queued.enumerated() {
                #expect(try await desk.act(a.applicationId, "approve") == 200)
                _ = try await eventually("App 8 for person \(i + 1)") { session.answered(a.applicationId) ? true : nil }
                let notice = try #require(session.seen.results[a.applicationId]?.first)
                let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(notice.documentNumber)")
                #expect(stack.http.json(body)?["content"]?["facts"]?["queueNumber"]?.stringValue == String(i + 1))
            }
            // Service 1's grounds: not on the register, not fit.
            for a in refusedOnes {
                let suggestion = try await desk.suggestion(a.applicationId)
                #expect(suggestion.outcome == "refused")
                #expect(try await desk.refuse(a.applicationId, ground: try #require(suggestion.grounds.first)) == 200)
            }
            _ = try await eventually("App 9 refusals") { refusedOnes.allSatisfy { session.seen.results[$0.applicationId]?.first?.kind == .refusal } ? true : nil }

            // The first in the queue leaves the register (S3 deregistration) before the course.
            let leaving = try MilitaryRegistrationTests.applications.application("mod.registration", scenario: "deregistration", channel: .portal,
                                                                                 for: people[0], submittedAt: stack.now)
            try await session.submit([leaving])
            #expect(try await desk.act(leaving.applicationId, "approve") == 200)
            _ = try await eventually("deregistered") { session.answered(leaving.applicationId) ? true : nil }

            // Round 1, 12 working days before the start: A is removed (App 10), D has no mobile (closed),
            // B, C and E are asked to pay (App 11 by SMS and in the cabinet).
            let first = Self.workingDays(12, before: course.start)
            try await stack.moveClock(days: Double(first.dayNumber - today.dayNumber))
            func caseOf(_ p: SyntheticPerson) async throws -> JSONValue? {
                let (_, body) = try await stack.http.get(stack.http.review, "queues/paid-training")
                guard case .array(let entries)? = stack.http.json(body) else { return nil }
                return entries.first { $0["applicationId"]?.stringValue == queued[people.firstIndex { $0.person.iin == p.person.iin }!].applicationId }
            }
            _ = try await eventually("A removed from the queue") { try await caseOf(people[0])?["status"]?.stringValue == "removed-from-register" ? true : nil }
            let paymentNotices = try await eventually("three App 11 notices") { () -> [String: String]? in
                var found: [String: String] = [:]
                for (id, results) in session.seen.results where id.hasPrefix("PRO-") {
                    if results.contains(where: { $0.kind.rawValue == "payment-notice" && $0.delivery.method == .sms }),
                       results.contains(where: { $0.kind.rawValue == "payment-notice" && $0.delivery.method == .personalCabinet }) {
                        found[id] = id
                    }
                }
                return found.count == 3 ? found : nil
            }
            let removal = session.seen.results.first { $0.value.contains { $0.kind.rawValue == "removal-notice" } }
            #expect(removal != nil, "App 10 for the person removed from the register")

            // B and E pay; C does not.
            let paying = try await Self.proactiveCases(stack, for: [queued[1], queued[4]])
            #expect(paying.count == 2)
            #expect(try await Self.proactiveCases(stack, for: [queued[3]]).count == 1, "D was offered the course, and the case closed")
            for id in paying {
                #expect(try await stack.http.post(stack.http.identity, "payments", Payment(applicationId: id, amountTenge: 390_000)).0 == 200)
            }
            for id in paying {
                _ = try await eventually("App 13 for \(id)") { session.seen.results[id]?.contains { $0.kind.rawValue == "referral" } == true ? true : nil }
            }
            #expect(paymentNotices.count == 3)
            #expect(try await caseOf(people[3])?["status"]?.stringValue == "waiting", "no mobile: not served, still on the queue")

            // Round 2, 6 working days before the start: C was refused (App 14) and F is referred in his place.
            let second = Self.workingDays(6, before: course.start)
            try await stack.moveClock(days: Double(second.dayNumber - today.dayNumber))
            _ = try await eventually("C refused and off the queue") { try await caseOf(people[2])?["status"]?.stringValue == "unpaid" ? true : nil }
            let next = try await eventually("F asked to pay") { () -> String? in
                guard let id = try await Self.proactiveCases(stack, for: [queued[5]]).first else { return nil }
                return session.seen.results[id]?.contains { $0.kind.rawValue == "payment-notice" } == true ? id : nil
            }
            #expect(try await stack.http.post(stack.http.identity, "payments", Payment(applicationId: next, amountTenge: 390_000)).0 == 200)
            _ = try await eventually("App 13 for F") { session.seen.results[next]?.contains { $0.kind.rawValue == "referral" } == true ? true : nil }
            let referral = try #require(session.seen.results[next]?.first { $0.kind.rawValue == "referral" })
            let (_, body) = try await stack.http.get(stack.http.issuance, "documents/\(referral.documentNumber)")
            #expect(stack.http.json(body)?["content"]?["facts"]?["courseStart"]?.stringValue == course.start.description)
            let statuses = try await [people[1], people[2], people[3], people[4], people[5]].asyncMap { try await caseOf($0)?["status"]?.stringValue }
            #expect(statuses == ["referred", "unpaid", "waiting", "referred", "referred"])
            await session.close()
        }

        /// The proactive cases review opened for these queue entries (by the application that put
        /// each person on the queue).
        static func proactiveCases(_ stack: EmbeddedStack, for entries: [ApplicationSubmission]) async throws -> [String] {
            let (_, body) = try await stack.http.get(stack.http.review, "proactive-cases")
            guard case .array(let cases)? = stack.http.json(body) else { return [] }
            let ids = Set(entries.map(\.applicationId))
            return cases.filter { ids.contains($0["queueApplicationId"]?.stringValue ?? "") }.compactMap { $0["applicationId"]?.stringValue }
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
