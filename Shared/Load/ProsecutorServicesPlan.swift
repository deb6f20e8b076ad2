import Foundation
import QyzmetDomain
import QyzmetPopulation
import QyzmetRules

/// The Prosecutor General's services in the demonstration load: apostilles (paid before filing,
/// or not paid and refused at the door) and archival requests (found in the archives, or
/// answered that nothing is there, on paper or in the cabinet as the applicant chose).
enum ProsecutorServicesPlan {
    static func apostille(roll: Int, at: Date, factory: CatalogueApplicationFactory, dealer: inout PopulationIndex.Dealer) throws -> PlannedApplication {
        let person = dealer.next(.criminalClear)
        var a = try factory.application("gp.apostille", scenario: "individual-document", channel: .stateCorporation, for: person, submittedAt: at)
        // A document the Committee's systems know: a forged one goes to a hearing the
        // demonstration does not hold.
        let number = (0..<50).lazy.map { "PGO-\(person.person.iin.suffix(6))-\($0)" }.first { RegisterRecords.officialDocument(number: $0)["documentAuthentic"] == "yes" }
        if let number, let i = a.documents.firstIndex(where: { $0.type == "prosecution-official-document" }) { a.documents[i].number = number }
        let day = KazakhstanTime.localDate(of: at)
        guard let fee = factory.catalogue.service("gp.apostille", on: day)?.fees?.first, let duty = factory.catalogue.tenge(for: fee, on: day) else {
            return PlannedApplication(application: a, expectation: .refusedToAccept("duty-unpaid"))
        }
        // One in five arrives without the duty paid.
        if roll % 5 == 3 { return PlannedApplication(application: a, expectation: .refusedToAccept("duty-unpaid")) }
        return PlannedApplication(application: a, expectation: .certificate, dutyTenge: duty)
    }

    static func archival(roll: Int, channel: Channel, at: Date, factory: CatalogueApplicationFactory, dealer: inout PopulationIndex.Dealer) throws -> PlannedApplication {
        let person = dealer.next(.criminalClear)
        let names = ["Сейітов", "Жақыпов", "Абдрахманов", "Ким", "Шмидт", "Гоголадзе", "Мусин", "Вебер"]
        let name = names[roll % names.count] + String(roll)
        let born = ["1931-04-12", "1928-09-30", "1936-02-17", "1950-07-01"][roll % 4]
        let delivery = roll % 2 == 0 ? "electronic" : "paper"
        let a = try factory.application("gp.archival-certificate", scenario: "self", channel: channel, for: person, submittedAt: at, form: [
            "subjectLastName": .string(name), "subjectFirstName": .string("Асқар"), "subjectBirthDate": .string(born),
            "request": .string("Certificate of special settlement and of release from it"), "noInformationDelivery": .string(delivery),
            "fatherName": .string("Бекмұхамбет"), "motherName": .string("Зейнеп"),
        ])
        // Found or not, the applicant gets a document: the certificate, or the answer that the
        // archives hold nothing, on paper or in the cabinet.
        return PlannedApplication(application: a, expectation: .certificate)
    }
}
