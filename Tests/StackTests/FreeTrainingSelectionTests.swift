import Foundation
import QyzmetCredentials
import QyzmetDomain
import QyzmetLoad
import QyzmetPopulation
import QyzmetRules
import Testing

/// Order 357's free-basis selection (Chapter 2) through the real processes: a defence department
/// nominates conscripts for a course of the free plan; the registers decide who is eligible (17
/// years 6 months to 26, fit, on the register, basic secondary education or more); a minor is
/// selected only with the legal representative's consent; the App 4 named list; admission,
/// expulsion with costs to recover; nominations closed 10 calendar days before classes.
extension StackSuite {
    @Suite("Free-basis training selection (order 357 Chapter 2), through real processes")
    struct FreeTrainingSelectionTests {
        static let service = "mod.free-training-selection"
        static let catalogue = try! CatalogueLoader.bundled()

        struct Nomination: Encodable {
            var service = FreeTrainingSelectionTests.service
            var course: String
            var iin: String
            var lastName: String
            var firstName: String
        }

        static func months(_ p: SyntheticPerson, on day: LocalDate) -> Int {
            let born = p.person.birthDate
            return (day.year - born.year) * 12 + (day.month - born.month) - (day.day < born.day ? 1 : 0)
        }

        @Test("nominated, checked against the registers, selected (a minor with the legal representative's consent), listed alphabetically in App 4, admitted and expelled with costs to recover; ineligible closed; late nominations refused")
        func selection() async throws {
            let stack = try await EmbeddedStack("free-training")
            defer { stack.shutdown() }
            let session = try await StackSession(stack)
            let desk = OfficerDesk(stack: stack)
            let today = KazakhstanTime.localDate(of: stack.now)
            // A free course whose nominations are still open (they close 10 calendar days before).
            let course = try #require(Self.catalogue.reference.trainingCourses.filter { !$0.isPaid && $0.start.adding(days: -12) > today }.min { $0.start < $1.start })
            var dealer = StackSession.index.dealer()
            func fit(_ p: SyntheticPerson) -> Bool { p.isConscript && ["A", "B"].contains(RegisterRecords.fitness(p.person.iin)) }
            let adult = dealer.next("a fit conscript of 20", where: { fit($0) && (20 * 12...23 * 12).contains(Self.months($0, on: today)) })
            let minor = dealer.next("a fit conscript of 17 and a half", where: { fit($0) && (17 * 12 + 7...17 * 12 + 11).contains(Self.months($0, on: today)) })
            let tooOld = dealer.next("a reservist of 30", where: { $0.isReservist && Self.months($0, on: today) >= 30 * 12 })
            let token = try await stack.http.token(OfficerCredential(officer: "lmab-officer-1", role: .executor, issuedAt: Date(), expires: Date().addingTimeInterval(86_400 * 400)))
            func nominate(_ p: SyntheticPerson) async throws -> (Int, JSONValue?) {
                let (code, body) = try await stack.http.send("POST", stack.http.review, "nominations",
                                                              body: Nomination(course: course.id, iin: p.person.iin, lastName: p.person.lastName, firstName: p.person.firstName),
                                                              bearer: token)
                return (code, stack.http.json(body))
            }
            var ids: [String: String] = [:]
            for p in [adult, minor, tooOld] {
                let (code, body) = try await nominate(p)
                #expect(code == 200)
                ids[p.person.iin] = body?["applicationId"]?.stringValue
            }
            #expect(try await nominate(adult).0 == 409, "nominated once per course")
            // Without a token nobody nominates.
            #expect(try await stack.http.send("POST", stack.http.review, "nominations",
                                              body: Nomination(course: course.id, iin: adult.person.iin, lastName: "X", firstName: "Y"), bearer: nil).0 == 401)

            let adultCase = try #require(ids[adult.person.iin]), minorCase = try #require(ids[minor.person.iin]), oldCase = try #require(ids[tooOld.person.iin])
            _ = try await eventually("the reservist of 30 not eligible") { try await stack.http.status(oldCase)?["status"]?.stringValue == "closed" ? true : nil }
            _ = try await desk.item(adultCase, state: "eligible")
            #expect(try await desk.act(adultCase, "record-findings", findings: ["workPlace": "Aktobe, fitter"]) == 200)
            #expect(try await desk.act(adultCase, "select") == 200)
            _ = try await desk.item(minorCase, state: "eligible")
            #expect(try await desk.act(minorCase, "select") == 409, "a minor needs the legal representative's consent")
            #expect(try await desk.act(minorCase, "record-findings", findings: ["legalRepresentativeConsent": "given"]) == 200)
            #expect(try await desk.act(minorCase, "select") == 200)

            // App 4: alphabetical, two copies, the consent attached for the minor.
            let (code, body) = try await stack.http.get(stack.http.review, "free-training/\(course.id)/named-list")
            #expect(code == 200)
            let list = try #require(stack.http.json(body))
            guard case .array(let rows)? = list["rows"], case .array(let copies)? = list["copies"] else { Issue.record("no rows"); return }
            #expect(rows.count == 2 && copies.count == 2)
            let names = rows.compactMap { $0["fullName"]?.stringValue }
            #expect(names == names.sorted { $0.localizedCompare($1) == .orderedAscending })
            #expect(rows.first { $0["registrationNumber"]?.stringValue?.isEmpty == false && $0["legalRepresentativeConsent"]?.stringValue == "given" } != nil)

            // Admitted by the head's order, then expelled for indiscipline: the costs are to be recovered.
            #expect(try await desk.act(adultCase, "admit", findings: ["admissionOrder": "Order No. 12"]) == 200)
            #expect(try await desk.act(adultCase, "expel", findings: ["expulsionGround": "indiscipline", "expulsionOrder": "Order No. 31"]) == 200)
            _ = try await eventually("expelled") { try await stack.http.status(adultCase)?["status"]?.stringValue == "expelled" ? true : nil }
            let (_, actions) = try await stack.http.get(stack.http.review, "cases/\(adultCase)/actions")
            guard case .array(let steps)? = stack.http.json(actions) else { Issue.record("no history"); return }
            #expect(steps.last?["to"]?.stringValue == "expelled-recovery")

            // Nobody applies for it; and nominations close 10 calendar days before classes.
            let application = try CatalogueApplicationFactory(catalogue: Self.catalogue).application(Self.service, scenario: "nominated", channel: .portal,
                                                                                                     for: dealer.next(.conscript), submittedAt: stack.now)
            try await session.submit([application])
            _ = try await eventually("refused") { session.seen.receipts[application.applicationId]?.first }
            #expect(session.seen.receipts[application.applicationId]?.first?.refusal?.code == "officer-procedure")
            let daysToClose = Double(course.start.dayNumber - today.dayNumber - 9)
            try await stack.moveClock(days: daysToClose)
            let late = dealer.next("another fit conscript", where: { fit($0) && (20 * 12...23 * 12).contains(Self.months($0, on: today)) })
            let lateToken = try await stack.http.token(OfficerCredential(officer: "lmab-officer-1", role: .executor, issuedAt: stack.now, expires: stack.now.addingTimeInterval(86_400)))
            let (lateCode, _) = try await stack.http.send("POST", stack.http.review, "nominations",
                                                          body: Nomination(course: course.id, iin: late.person.iin, lastName: late.person.lastName, firstName: late.person.firstName),
                                                          bearer: lateToken)
            #expect(lateCode == 409)
            await session.close()
        }
    }
}
