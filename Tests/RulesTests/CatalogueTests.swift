import QyzmetDomain
import Testing

@Suite("Service catalogue")
struct CatalogueTests {
    let catalogue = try! ServiceCatalogue.bundled()

    @Test("loads and every cross-reference resolves")
    func consistent() {
        #expect(catalogue.consistencyProblems() == [])
        #expect(catalogue.services.map(\.code).sorted() == ["gp.criminal-record-certificate", "mod.emigration-certificate"])
    }

    @Test("emigration certificate (order 555, para 91): 1 working day, executor within 1, two refusal grounds")
    func emigration() throws {
        let s = try #require(catalogue.service("mod.emigration-certificate"))
        #expect(s.automation == .executor)
        #expect(s.channels.contains(.portal) && s.channels.contains(.stateCorporation))
        #expect(s.term(channel: .portal, purpose: nil, branchTier: nil).term == .workingDays(1))
        #expect(s.executorDeadline == .workingDays(1))
        #expect(s.refusalGrounds.map(\.code) == ["unreliable-data", "non-compliance"])
        let paper = try #require(s.result(channel: .stateCorporation, purpose: nil))
        #expect(paper.form == "App 49" && paper.copies == 3 && paper.format == .paper && paper.delivery == .branch)
        let electronic = try #require(s.result(channel: .portal, purpose: nil))
        #expect(electronic.format == .electronic && electronic.delivery == .personalCabinet)
        #expect(s.formFields.contains { $0.name == "secretInformationConsent" && $0.mustBeTrue == true })
        #expect(s.regulation.applicationForm == "App 48")
    }

    @Test("documents differ by scenario and channel")
    func emigrationDocuments() throws {
        let s = try #require(catalogue.service("mod.emigration-certificate"))
        let frontOffice = s.applicantDocuments(scenario: "reservist", channel: .stateCorporation).map(\.anyOf)
        #expect(frontOffice == [["id-card", "digital-id"], ["military-id", "temporary-certificate"], ["emigration-proof"]])
        let portal = s.applicantDocuments(scenario: "conscript", channel: .portal)
        #expect(portal.map(\.anyOf) == [["registration-certificate"], ["emigration-proof"]])
        #expect(portal.allSatisfy { $0.form == "electronic-copy" })
    }

    @Test("criminal record certificate (PG order 2 of 2022): 10 minutes, 5 or 10 working days abroad, no refusal grounds", arguments: [
        (Channel.portal, "general", Branch.Tier?.none, Term.minutes(10)),
        (.stateCorporation, "general", .district, .minutes(10)),
        (.portal, "travel-abroad", .capital, .workingDays(5)),
        (.stateCorporation, "travel-abroad", .oblastCentre, .workingDays(5)),
        (.stateCorporation, "travel-abroad", .republicanCity, .workingDays(5)),
        (.stateCorporation, "travel-abroad", .district, .workingDays(10)),
    ])
    func criminalTerms(_ channel: Channel, _ purpose: String, _ tier: Branch.Tier?, _ expected: Term) throws {
        let s = try #require(catalogue.service("gp.criminal-record-certificate"))
        #expect(s.term(channel: channel, purpose: purpose, branchTier: tier).term == expected)
        #expect(s.refusalGrounds.isEmpty)
        #expect(s.automation == .automatic)
    }

    @Test("criminal record: additional check, third-party consent, storage of uncollected paper results")
    func criminalRules() throws {
        let s = try #require(catalogue.service("gp.criminal-record-certificate"))
        let check = try #require(s.additionalCheck)
        #expect(check.interimReplyWithin == .workingDays(4) && check.totalTerm == .workingDays(5) && check.reapplyAfter == .workingDays(20))
        #expect(s.thirdParty?.requiresSubjectConsent == true)
        let storage = try #require(s.storage)
        #expect(storage.appliesTo == .paper && storage.atBranchMonths == 1 && storage.atProviderMonths == 2 && storage.finally == "filed")
        #expect(s.result(channel: .portal, purpose: "travel-abroad")?.form == "Rules App 5")
        #expect(s.result(channel: .portal, purpose: "general")?.delivery == .personalCabinet)
    }

    @Test("branches carry the tier that decides the travel-abroad term")
    func branches() {
        #expect(catalogue.branch("AST-01")?.tier == .capital)
        #expect(catalogue.branch("KAR-TEM")?.tier == .district)
        #expect(catalogue.branch("XXX") == nil)
    }
}
