import Foundation
import QyzmetDomain
import QyzmetRules
import Testing

@Suite("Service catalogue")
struct CatalogueTests {
    let catalogue = try! CatalogueLoader.bundled(environment: [:])
    let day = LocalDate(iso: "2026-11-30")!

    func context(_ channel: Channel, scenario: String = "self", purpose: String? = nil, tier: Office.Tier? = nil, party: String = "individual",
                 facts: [String: String] = [:]) -> ConditionContext {
        ConditionContext(channel: channel, scenario: scenario, purpose: purpose, branchTier: tier, party: party, referenceDate: day, facts: facts)
    }

    @Test("loads, validates against its schema, and knows every service with its version")
    func loads() throws {
        #expect(catalogue.serviceCodes == ["gp.apostille", "gp.archival-certificate", "gp.complaint", "gp.criminal-record-certificate",
                                           "justice.psc-complaint", "mod.complaint", "mod.emigration-certificate", "mod.free-training-selection",
                                           "mod.military-id", "mod.officer-military-id", "mod.privileged-persons-certificate", "mod.registration",
                                           "mod.registration-certificate", "mod.registration-conscripts", "mod.registration-reserve-officers",
                                           "mod.registration-reserve-soldiers", "mod.service-confirmation", "mod.training-complaint", "mod.training-queue",
                                           "mod.training-referral", "mod.veteran-id"])
        #expect(catalogue.versions.map(\.versionId) == ["gov-resolution-1741@2013-02-11", "gp-order-64@2022-01-25", "justice-order-286@2007-12-01",
                                                         "mod-order-28@2021-09-04", "mod-order-357@2025-11-16"])
        // The same code, by the act in force on the day.
        #expect(catalogue.service("mod.military-id", on: LocalDate(iso: "2013-05-06")!)?.version.id == "gov-resolution-1741@2013-02-11")
        #expect(catalogue.service("mod.military-id", on: day)?.version.id == "mod-order-28@2021-09-04")
        #expect(catalogue.service("mod.registration-conscripts", on: LocalDate(iso: "2008-03-21")!)?.version.id == "justice-order-286@2007-12-01")
        #expect(catalogue.service("mod.military-id", on: LocalDate(iso: "2016-05-10")!) == nil)
        // One line across codes: the registration standards of 2007 and 2012 became one service in 2021.
        #expect(catalogue.line(of: "mod.registration").map(\.version.act) == ["justice-order-286", "justice-order-286", "justice-order-286",
                                                                              "gov-resolution-1741", "gov-resolution-1741", "gov-resolution-1741", "mod-order-28"])
        #expect(catalogue.line(of: "mod.military-id").map { "\($0.code)@\($0.version.act)" } == ["mod.military-id@gov-resolution-1741", "mod.officer-military-id@gov-resolution-1741",
                                                                                                "mod.military-id@mod-order-28"])
        #expect(catalogue.continuation(of: "mod.registration-conscripts") == "mod.registration" && catalogue.continuation(of: "mod.veteran-id") == "mod.veteran-id")
        #expect(catalogue.service("mod.emigration-certificate", on: day)?.version.id == "mod-order-28@2021-09-04")
        #expect(catalogue.service("gp.criminal-record-certificate", on: day)?.version.id == "gp-order-64@2022-01-25")
        // Before its version took effect, a service was not provided by these rules.
        #expect(catalogue.service("gp.criminal-record-certificate", on: LocalDate(iso: "2022-01-24")!) == nil)
    }

    @Test("the apostille (order 64 App 2): State Corporation only, 5 or 10 working days by branch, 0.5 MCI per document before acceptance")
    func apostille() throws {
        let s = try #require(catalogue.service("gp.apostille", on: day))
        #expect(s.channels.map(\.channel) == [.stateCorporation])
        #expect(s.term(in: context(.stateCorporation, scenario: "individual-document", tier: .capital)).term == .workingDays(5))
        #expect(s.term(in: context(.stateCorporation, scenario: "individual-document", tier: .district)).term == .workingDays(10))
        let fee = try #require(s.fees?.first)
        #expect(fee.mci == 0.5 && fee.per == "per-document" && fee.payBefore == "acceptance" && fee.countField == "documentCount")
        #expect(s.refusalGrounds.map(\.code).count == 2)
        #expect(s.hearing?.noticeBeforeTermEnd == .workingDays(3) && s.hearing?.hearingWithin == .workingDays(2))
    }

    @Test("archival certificates (order 64 App 3): 8 working days on the portal, 10 at a district branch; parents' data for a child under 16 on 1 January 1940; the relocated child's ground as a rule")
    func archival() throws {
        let s = try #require(catalogue.service("gp.archival-certificate", on: day))
        #expect(s.term(in: context(.portal)).term == .workingDays(8))
        #expect(s.term(in: context(.stateCorporation, tier: .district)).term == .workingDays(10))
        func form(_ born: String, relocated: String? = nil) -> ConditionContext {
            var c = context(.portal)
            c.form = ["subjectBirthDate": .string(born)]
            if let relocated { c.form["relocationDate"] = .string(relocated) }
            return c
        }
        let father = try #require(s.fields.first { $0.name == "fatherName" }?.when)
        #expect(father.holds(in: form("1925-01-02")) && father.holds(in: form("1935-06-01")))
        // Sixteen on the day, or not yet born: no parents' data.
        #expect(!father.holds(in: form("1923-12-31")) && !father.holds(in: form("1941-01-01")) && !father.holds(in: form("1920-01-01")))
        let ground = try #require(s.refusalGrounds.first { $0.code == "non-compliance" }?.holdsWhen)
        #expect(ground.holds(in: form("1941-06-01", relocated: "1944-02-23")))
        #expect(!ground.holds(in: form("1920-06-01", relocated: "1944-02-23")))
        #expect(!ground.holds(in: form("1941-06-01", relocated: "1956-02-23")))
        #expect(!ground.holds(in: form("1941-06-01")))
    }

    @Test("complaints (order 64 para 11): 5 working days, 15 at the quality-control body; every appealable service names where a decision is taken again")
    func complaints() throws {
        let s = try #require(catalogue.service("gp.complaint", on: day))
        #expect(s.complaint?.appealedField == "appealedApplicationId")
        #expect(s.term(in: context(.portal, scenario: "provider")).term == .workingDays(5))
        #expect(s.term(in: context(.portal, scenario: "quality-control-body")).term == .workingDays(15))
        #expect(s.process.state("with-provider")?.deadline?.term == .workingDays(3))
        for version in catalogue.versions {
            for service in version.services where service.complaint == nil {
                #expect(service.process.reconsideration != nil, "\(service.code) of \(version.versionId) names no reconsideration state")
            }
        }
    }

    @Test("free-basis selection (order 357 Chapter 2): from 17 years 6 months to 26 counted in months, fit, on the register, educated; nominations close 10 calendar days before classes")
    func freeTrainingSelection() throws {
        let s = try #require(catalogue.service("mod.free-training-selection", on: day))
        #expect(s.nomination?.closesBefore == Term(10, .calendarDays) && s.nomination?.basis == "free")
        let eligible = try #require(s.process.state("gathering")?.transitions.first { $0.target == "eligible" }?.when)
        func conscript(born: LocalDate, fitness: String = "A") -> ConditionContext {
            var c = context(.portal, scenario: "nominated", facts: ["militaryStatus": "conscript", "fitnessCategory": fitness, "educationLevel": "secondary"])
            c.applicantIin = IIN.make(birthDate: born, sex: .male, serial: 1)!.value
            return c
        }
        // 17 years 6 months exactly on the day counts; a day short does not; 26 is out.
        #expect(eligible.holds(in: conscript(born: day.adding(months: -(17 * 12 + 6)))))
        #expect(!eligible.holds(in: conscript(born: day.adding(months: -(17 * 12 + 6)).adding(days: 1))))
        #expect(eligible.holds(in: conscript(born: day.adding(months: -(26 * 12)).adding(days: 1))))
        #expect(!eligible.holds(in: conscript(born: day.adding(months: -(26 * 12)))))
        #expect(!eligible.holds(in: conscript(born: day.adding(months: -(20 * 12)), fitness: "V")))
        #expect(catalogue.reference.trainingCourses.contains { !$0.isPaid })
    }

    @Test("emigration certificate (order 555, para 91): 1 working day, executor step within 1, two refusal grounds")
    func emigration() throws {
        let s = try #require(catalogue.service("mod.emigration-certificate", on: day))
        #expect(s.term(in: context(.portal, scenario: "conscript")).term == .workingDays(1))
        #expect(s.process.state("executor-review")?.deadline?.term == .workingDays(1))
        #expect(s.refusalGrounds.map(\.code) == ["unreliable-data", "non-compliance"])
        let paper = try #require(s.result(for: "approved", in: context(.stateCorporation, scenario: "conscript")))
        #expect(paper.form == "App 49" && paper.copies == 3 && paper.format == .paper && paper.delivery == .branch)
        let electronic = try #require(s.result(for: "approved", in: context(.portal, scenario: "conscript")))
        #expect(electronic.format == .electronic && electronic.delivery == .personalCabinet)
        #expect(s.fields.contains { $0.name == "secretInformationConsent" && $0.mustBeTrue == true })
        #expect(s.providerHours.lunch == OfficeHours.Break(from: "13:00", to: "14:00"))
        #expect(s.channel(.stateCorporation)?.hours.weekdays == [1, 2, 3, 4, 5, 6])
        #expect(s.channel(.stateCorporation)?.hours.closesAt == "20:00")
        // Order 555 sets no storage period: the certificate waits at the branch until collected.
        #expect(s.storage?.first?.steps.count == 1 && s.storage?.first?.steps.first?.period == nil)
    }

    @Test("documents differ by scenario and channel")
    func emigrationDocuments() throws {
        let s = try #require(catalogue.service("mod.emigration-certificate", on: day))
        let frontOffice = s.requiredDocuments(in: context(.stateCorporation, scenario: "reservist")).map(\.anyOf)
        #expect(frontOffice == [["id-card", "digital-id"], ["military-id", "temporary-certificate"], ["emigration-proof"]])
        let portal = s.requiredDocuments(in: context(.portal, scenario: "conscript"))
        #expect(portal.map(\.anyOf) == [["registration-certificate"], ["emigration-proof"]])
        #expect(portal.allSatisfy { $0.form == "electronic-copy" })
    }

    @Test("criminal record certificate (PG order 2 of 2022): 10 minutes, 5 or 10 working days abroad by branch tier", arguments: [
        (Channel.portal, "general", Office.Tier?.none, Term.minutes(10)),
        (.stateCorporation, "general", .district, .minutes(10)),
        (.portal, "travel-abroad", .capital, .workingDays(5)),
        (.stateCorporation, "travel-abroad", .oblastCentre, .workingDays(5)),
        (.stateCorporation, "travel-abroad", .republicanCity, .workingDays(5)),
        (.stateCorporation, "travel-abroad", .district, .workingDays(10)),
    ])
    func criminalTerms(_ channel: Channel, _ purpose: String, _ tier: Office.Tier?, _ expected: Term) throws {
        let s = try #require(catalogue.service("gp.criminal-record-certificate", on: day))
        #expect(s.term(in: context(channel, purpose: purpose, tier: tier)).term == expected)
        #expect(s.refusalGrounds.isEmpty)
    }

    @Test("criminal record: the general certificate is electronic on both channels, paper is for travel abroad")
    func criminalResults() throws {
        let s = try #require(catalogue.service("gp.criminal-record-certificate", on: day))
        let general = try #require(s.result(for: "approved", in: context(.stateCorporation, purpose: "general")))
        #expect(general.format == .electronic && general.form == "Rules App 4")
        let abroad = try #require(s.result(for: "approved", in: context(.portal, purpose: "travel-abroad")))
        #expect(abroad.format == .paper && abroad.form == "Rules App 5" && abroad.delivery == .branch)
        let storage = try #require(s.storage?.first)
        #expect(storage.steps.map(\.at) == ["branch", "provider"] && storage.finally == "filed")
        #expect(storage.steps.map(\.period) == [.calendarMonths(1), .calendarMonths(2)])
        #expect(s.channel(.stateCorporation)?.hours.closesAt == "18:00")
        #expect(s.providerHours.closesAt == "18:30" && s.providerHours.lunch == OfficeHours.Break(from: "13:00", to: "14:30"))
    }

    @Test("consent per channel: portal cabinet, OTP or SMS; front office the subject's notarised power of attorney")
    func consent() throws {
        let s = try #require(catalogue.service("gp.criminal-record-certificate", on: day))
        let portal = try #require(s.consent?.first { $0.channels == [.portal] })
        #expect(Set(portal.methods) == ["cabinet", "otp", "sms"])
        let frontOffice = try #require(s.consent?.first { $0.channels == [.stateCorporation] })
        #expect(frontOffice.methods == ["notarised-power-of-attorney"] && frontOffice.document == "power-of-attorney")
        // A relative asking about a minor needs no consent of the minor.
        #expect(frontOffice.exemptParties == ["relative"])
    }

    @Test("the additional check is work with its own deadlines: interim reply within 4 working days, check within 5")
    func additionalCheck() throws {
        let s = try #require(catalogue.service("gp.criminal-record-certificate", on: day))
        let check = try #require(s.process.state("additional-check"))
        #expect(check.deadline?.term == .workingDays(4) && check.deadline?.from == .acceptance)
        #expect(check.serviceTerm == .workingDays(5))
        #expect(ProcessEngine.timers(s.process, state: "additional-check").first?.after == .workingDays(4))
        #expect(s.process.state("check-continues")?.deadline?.term == .workingDays(5))
    }

    @Test("branches and authorities carry region and tier")
    func offices() {
        #expect(catalogue.branch("AST-01")?.tier == .capital)
        #expect(catalogue.branch("KZO-ARA")?.tier == .district)
        #expect(catalogue.branch("KAR-TEM")?.tier == .oblastCity)
        #expect(catalogue.branch("XXX") == nil)
        #expect(catalogue.authority("LMAB-ASTANA")?.provider == "LMAB")
        #expect(catalogue.branch("LMAB-ASTANA") == nil)
    }

    @Test("every office region has time-zone data")
    func regionsKnown() {
        for office in catalogue.reference.offices {
            #expect(RegionalTime.kazakhstan.isKnown(region: office.region), "\(office.region)")
        }
    }

    @Test("state duty in tenge follows the MCI of the day", arguments: [("2022-03-31", 1532), ("2022-04-01", 1590), ("2026-11-30", 2163)])
    func duty(_ date: String, _ tenge: Int) throws {
        let fee = try JSONDecoder().decode(FeeRule.self, from: Data(#"{"code": "apostille", "mci": 0.5, "payBefore": "acceptance", "source": "test"}"#.utf8))
        #expect(catalogue.tenge(for: fee, on: LocalDate(iso: date)!) == tenge)
    }
}
