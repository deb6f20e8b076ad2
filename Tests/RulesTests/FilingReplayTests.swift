import Foundation
import QyzmetDomain
import QyzmetRules
import Testing

/// Applications filed in 2008, 2013 and today, replayed by the rules of their filing day
/// (issue 9): the version, the documents, the due date in that year's working days, the result.
@Suite("Replay by filing date")
struct FilingReplayTests {
    let catalogue = try! CatalogueLoader.bundled(environment: [:])
    var replay: FilingReplay { FilingReplay(catalogue: catalogue) }

    /// 10:00 on a day, on the wall clock of `region` (Astana kept UTC+6 until 2024).
    func at(_ day: String, _ minute: Int = 10 * 60, region: String? = "Astana") -> Date {
        KazakhstanTime.instant(on: LocalDate(iso: day)!, minute: minute, region: region)
    }

    /// A package with what the rules of the day require: each required document in its form,
    /// each required field with a value of its type.
    func application(_ service: String, _ scenario: String, _ channel: Channel, office: String?, filedAt: Date, region: String? = "Astana",
                     form extra: [String: JSONValue] = [:]) -> ApplicationSubmission {
        var application = ApplicationSubmission(
            applicationId: "APP-REPLAY000000000001", service: service, scenario: scenario, channel: channel, submittedAt: filedAt,
            applicant: .init(iin: "850512300109", lastName: "Сейітов", firstName: "Ержан"), branchId: office,
            delivery: Delivery(method: .branch, branchId: channel == .portal ? "AST-01" : nil), form: extra)
        let needs = replay.replay(application, filedAt: filedAt, region: region, checkPackage: false)
        let day = needs.filingDay
        guard let rules = catalogue.service(service, on: day) else { return application }
        for field in rules.fields where needs.fieldsRequired.contains(field.name) && application.form[field.name] == nil {
            switch field.type {
            case .boolean: application.form[field.name] = .bool(true)
            case .integer: application.form[field.name] = .integer(1)
            case .date: application.form[field.name] = .string(day.adding(days: -10).description)
            case .enum: application.form[field.name] = .string(field.values?.first ?? "")
            case .application: application.form[field.name] = .string("APP-APPEALED000000000001")
            case .office:
                let office = catalogue.reference.offices.first { $0.kind == .authority && $0.provider == rules.provider.code && $0.isOpen(on: day) }
                application.form[field.name] = .string(office?.id ?? "")
            default: application.form[field.name] = .string("—")
            }
        }
        // The documents as the filled form asks for them (a loss in a fire needs its certificate).
        application.documents = replay.replay(application, filedAt: filedAt, region: region, checkPackage: false).documentsRequired.filter { !$0.atCollection }.map {
            .init(type: $0.anyOf[0], number: "N-1", issuedOn: day.adding(days: -3), form: $0.form ?? "original")
        }
        return application
    }

    @Test("2008, justice order 286: a conscript registers at a Public Service Centre; Nauryz and its moved day off push the answer to Tuesday")
    func order286In2008() throws {
        let filed = at("2008-03-21")
        let app = application("mod.registration-conscripts", "registration", .publicServiceCentre, office: "PSC07-AST-ALMATY-1", filedAt: filed)
        let outcome = replay.replay(app, filedAt: filed)
        #expect(outcome.replay && outcome.reference?.hasPrefix("REPLAY-") == true)
        #expect(outcome.rulesVersion?.id == "justice-order-286@2007-12-01" && outcome.continuedBy == "mod.registration")
        #expect(outcome.outcome == .wouldAccept, "\(String(describing: outcome.refusal))")
        #expect(outcome.region == "Astana" && outcome.filingDay == LocalDate(iso: "2008-03-21"))
        #expect(Set(outcome.documentsRequired.flatMap(\.anyOf)).isSuperset(of: ["citizens-registration-book", "registration-certificate"]))
        #expect(outcome.term == Term(1, .workingDays))
        #expect(outcome.acceptedOn == LocalDate(iso: "2008-03-21") && outcome.dueDate == LocalDate(iso: "2008-03-25"))
        #expect(outcome.results.contains { $0.outcome == "approved" && $0.form == "registration-mark" })
        #expect(outcome.calendarWarnings.contains { $0.contains("2008") }, "2008's transfers are not confirmed and the replay says so")

        // One document short: refused to accept, naming it.
        var short = app
        short.documents.removeAll { $0.type == "citizens-registration-book" }
        let refused = replay.replay(short, filedAt: filed)
        #expect(refused.outcome == .wouldRefuseToAccept && refused.refusal?.code == "incomplete-package")
        #expect(refused.refusal?.missingDocuments.contains { $0.contains("citizens-registration-book") } == true)
        #expect(refused.dueDate == outcome.dueDate, "what the rules asked for shows even for a refused package")

        // Filed on Saturday 22 March (Nauryz): the centre is closed, accepted on Tuesday 25th.
        let holiday = at("2008-03-22")
        let late = replay.replay(application("mod.registration-reserve-officers", "deregistration", .publicServiceCentre, office: "PSC07-AST-ALMATY-1", filedAt: holiday), filedAt: holiday)
        #expect(late.outcome == .wouldAccept, "\(String(describing: late.refusal))")
        #expect(late.acceptedOn == LocalDate(iso: "2008-03-25") && late.acceptedWithinHours == false && late.dueDate == LocalDate(iso: "2008-03-26"))
        #expect(late.results.contains { $0.form == "deregistration-mark" })
    }

    @Test("2008, justice order 286: every scenario of the three standards and the centre's complaint procedure, at a centre in Almaty")
    func order286EveryScenario() throws {
        let filed = at("2008-06-10", region: "Almaty")
        let version = try #require(catalogue.versions.first { $0.versionId == "justice-order-286@2007-12-01" })
        #expect(version.services.map(\.code).sorted() == ["justice.psc-complaint", "mod.registration-conscripts", "mod.registration-reserve-officers", "mod.registration-reserve-soldiers"])
        let centre = try #require(catalogue.reference.offices.first { $0.kind == .publicServiceCentre && $0.region == "Almaty" && $0.isOpen(on: LocalDate(iso: "2008-06-10")!) })
        for service in version.services {
            for scenario in service.scenarios {
                let app = application(service.code, scenario.code, .publicServiceCentre, office: centre.id, filedAt: filed, region: nil)
                let outcome = replay.replay(app, filedAt: filed)
                let name = "\(service.code)/\(scenario.code)"
                #expect(outcome.region == "Almaty" && outcome.rulesVersion?.id == version.versionId, "\(name)")
                #expect(outcome.outcome == .wouldAccept, "\(name): \(String(describing: outcome.refusal))")
                #expect(outcome.dueDate != nil && !outcome.results.isEmpty, "\(name)")
                if service.complaint != nil { #expect(outcome.notChecked.contains { $0.contains("appealed application") }, "\(name)") }
            }
        }
        // The same centre is not open in 2011, after the order's repeal.
        let later = at("2011-06-10", region: "Almaty")
        let closed = replay.replay(application("mod.registration-conscripts", "registration", .publicServiceCentre, office: centre.id, filedAt: later, region: nil), filedAt: later)
        #expect(closed.refusal?.code == "unknown-service")
    }

    @Test("today: every service of the acts in force replays under its own version, with a term, a due date and its result forms")
    func everyServiceInForceToday() throws {
        let filed = at("2026-11-30", region: nil)
        let inForce = catalogue.versions.filter { $0.inForce(on: LocalDate(iso: "2026-11-30")!) }
        #expect(Set(inForce.map(\.versionId)) == ["gp-order-64@2022-01-25", "mod-order-28@2021-09-04", "mod-order-357@2025-11-16"])
        for version in inForce {
            for service in version.services {
                for scenario in service.scenarios {
                    for channel in service.channels.map(\.channel) {
                        let outcome = replay.requirements(service: service.code, scenario: scenario.code, channel: channel,
                                                          office: channel == .stateCorporation ? "AST-01" : nil, filedAt: filed)
                        let name = "\(service.code)/\(scenario.code)/\(channel.rawValue)"
                        #expect(outcome.rulesVersion?.id == version.versionId && outcome.term != nil && outcome.dueDate != nil, "\(name)")
                        #expect(!outcome.results.isEmpty || service.trigger != nil || service.nomination != nil, "\(name)")
                    }
                }
            }
        }
    }

    @Test("2013, resolution 1741: every scenario of every standard and of its complaint procedure on both channels is accepted with the documents of that day, and refused one document short")
    func resolution1741EveryStandard() throws {
        let filed = at("2013-05-06")
        let version = try #require(catalogue.versions.first { $0.versionId == "gov-resolution-1741@2013-02-11" })
        // The ten standards and their common complaint procedure (paras 20-26 of each).
        #expect(version.services.count == 11 && version.services.contains { $0.code == "mod.complaint" })
        var replayed = 0
        for service in version.services {
            for scenario in service.scenarios {
                for channel in service.channels.map(\.channel) {
                    let app = application(service.code, scenario.code, channel, office: nil, filedAt: filed)
                    let outcome = replay.replay(app, filedAt: filed)
                    let name = "\(service.code)/\(scenario.code)/\(channel.rawValue)"
                    #expect(outcome.rulesVersion?.id == version.versionId, "\(name)")
                    #expect(outcome.outcome == .wouldAccept, "\(name): \(String(describing: outcome.refusal))")
                    #expect(outcome.dueDate != nil && !outcome.results.isEmpty, "\(name)")
                    #expect(outcome.calendarWarnings.isEmpty, "2013's days off are confirmed: \(outcome.calendarWarnings)")
                    #expect(outcome.indicators.first { $0.code == "1.1" }?.normative == 95, "App 3: 95% of cases on time")
                    if let first = app.documents.first {
                        var short = app
                        short.documents.removeFirst()
                        let refused = replay.replay(short, filedAt: filed)
                        #expect(refused.refusal?.code == "incomplete-package" && refused.refusal?.missingDocuments.contains { $0.contains(first.type) } == true, "\(name)")
                    }
                    replayed += 1
                }
            }
        }
        // Standards 6 and 7 alone: (9 + 15) scenarios on two channels.
        #expect(replayed >= 48 + 2 * (4 * 3 + 3 + 1 + 2 + 1 + 3))
    }

    @Test("2013: the terms of the standards in that year's working days (7, 9 and 10 May are days off)", arguments: [
        ("mod.registration-reserve-officers", "arrival", Channel.publicServiceCentre, "2013-05-08"),
        ("mod.privileged-persons-certificate", "chernobyl-liquidator", Channel.publicServiceCentre, "2013-05-13"),
        ("mod.service-confirmation", "own-service", Channel.authorityOffice, "2013-05-08"),
        ("mod.officer-military-id", "lost-theft", Channel.authorityOffice, "2013-05-31"),
        ("mod.military-id", "lost", Channel.authorityOffice, "2013-05-31"),
        ("mod.military-id", "never-registered", Channel.authorityOffice, "2013-06-21"),
        ("mod.registration-certificate", "lost-certificate", Channel.publicServiceCentre, "2013-05-31"),
        ("mod.emigration-certificate", "leaving-kazakhstan", Channel.publicServiceCentre, "2013-05-13"),
        ("mod.veteran-id", "wwii-participant", Channel.authorityOffice, "2013-05-08"),
    ])
    func resolution1741Terms(_ code: String, _ scenario: String, _ channel: Channel, _ due: String) {
        let filed = at("2013-05-06")
        let outcome = replay.replay(application(code, scenario, channel, office: nil, filedAt: filed), filedAt: filed)
        #expect(outcome.rulesVersion?.act == "gov-resolution-1741")
        #expect(outcome.dueDate == LocalDate(iso: due), "\(code)/\(scenario): \(String(describing: outcome.term)) → \(String(describing: outcome.dueDate))")
    }

    @Test("2013: the centres and departments of resolution 1741's App 1 and App 2 are offices of filing, on Astana's wall clock; 2007's centres are not")
    func officesOf2013() {
        let filed = at("2013-05-06")
        let centre = replay.replay(application("mod.registration-reserve-officers", "arrival", .publicServiceCentre, office: "PSC13-AST-ALMATY", filedAt: filed, region: nil), filedAt: filed)
        #expect(centre.region == "Astana" && centre.outcome == .wouldAccept, "\(String(describing: centre.refusal))")
        #expect(centre.dueDate == LocalDate(iso: "2013-05-08"))
        // A bare filing day is 10:00 on the office's wall clock, as the desk and the CLI read it.
        let tenOClock = replay.filingInstant("2013-05-06", channel: .publicServiceCentre, office: "PSC13-AST-ALMATY", region: nil)
        #expect(tenOClock.map { KazakhstanTime.format($0, region: "Astana") } == "2013-05-06T10:00:00+06:00")
        let department = replay.replay(application("mod.military-id", "lost", .authorityOffice, office: "LMAB13-ASTANA", filedAt: filed, region: nil), filedAt: filed)
        #expect(department.outcome == .wouldAccept && department.dueDate == LocalDate(iso: "2013-05-31"), "\(String(describing: department.refusal))")
        // A centre of 2007 was no longer an office of these standards in 2013.
        let closed = replay.replay(application("mod.registration-reserve-officers", "arrival", .publicServiceCentre, office: "PSC07-AST-ALMATY-1", filedAt: filed), filedAt: filed)
        #expect(closed.refusal?.code == "invalid-application" && closed.refusal?.reason.contains("PSC07-AST-ALMATY-1") == true)
        #expect(catalogue.reference.offices.filter { $0.id.hasPrefix("PSC13-") }.count == 284)
        #expect(catalogue.reference.offices.filter { $0.id.hasPrefix("LMAB13-") }.count == 16)
    }

    @Test("2013: registration at the authority's own office takes ten minutes, on the day")
    func registrationAtTheAuthority() {
        let filed = at("2013-05-06")
        let outcome = replay.replay(application("mod.registration-reserve-officers", "arrival", .authorityOffice, office: nil, filedAt: filed), filedAt: filed)
        #expect(outcome.term == Term(10, .minutes))
        #expect(outcome.dueAt.map { KazakhstanTime.format($0, region: "Astana") } == "2013-05-06T10:10:00+06:00")
    }

    @Test("today: the same codes under the 2021 rules; a lost military ID at a State Corporation branch is due in 7 working days")
    func today() throws {
        let filed = at("2026-11-30", region: nil)
        let outcome = replay.replay(application("mod.military-id", "lost", .stateCorporation, office: "AST-01", filedAt: filed, region: nil), filedAt: filed)
        #expect(outcome.rulesVersion?.id == "mod-order-28@2021-09-04")
        #expect(outcome.outcome == .wouldAccept, "\(String(describing: outcome.refusal))")
        #expect(outcome.term == Term(7, .workingDays) && outcome.dueDate == LocalDate(iso: "2026-12-09"))
        #expect(outcome.documentsRequired.contains { $0.anyOf.contains("photo-30x40") })
    }

    @Test("a filing on the day a version takes effect takes it; the day before and after a repeal, the service was not provided", arguments: [
        ("mod.registration-conscripts", "2007-11-30", nil as String?),
        ("mod.registration-conscripts", "2007-12-01", "justice-order-286@2007-12-01"),
        ("mod.registration-conscripts", "2010-03-29", "justice-order-286@2007-12-01"),
        ("mod.registration-conscripts", "2010-03-30", nil),
        ("mod.registration-conscripts", "2013-02-11", "gov-resolution-1741@2013-02-11"),
        ("mod.military-id", "2013-02-10", nil),
        ("mod.military-id", "2013-02-11", "gov-resolution-1741@2013-02-11"),
        ("mod.military-id", "2014-04-20", "gov-resolution-1741@2013-02-11"),
        ("mod.military-id", "2014-04-21", nil),
        ("mod.military-id", "2021-09-04", "mod-order-28@2021-09-04"),
    ])
    func versionBoundaries(_ code: String, _ day: String, _ version: String?) {
        let filed = at(day)
        let outcome = replay.requirements(service: code, scenario: "registration", channel: .publicServiceCentre, filedAt: filed, region: "Astana")
        #expect(outcome.rulesVersion?.id == version)
        if version == nil {
            #expect(outcome.refusal?.code == "unknown-service")
            #expect(outcome.refusal?.reason.contains("in force") == true, "\(String(describing: outcome.refusal?.reason))")
            if code == "mod.registration-conscripts" {
                #expect(outcome.refusal?.reason.hasSuffix("in force 2007-12-01 to 2010-03-29, 2013-02-11 to 2014-04-20)") == true, "oldest first: \(String(describing: outcome.refusal?.reason))")
            }
        }
    }
}
