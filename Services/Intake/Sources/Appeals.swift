import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules

/// What a complaint appeals: an application the State Corporation accepted earlier, filed by the
/// same person, of a service of the same act (order 64's complaint paragraph covers its three
/// services; order 555's, the military registration services). Found in intake's own store, so a
/// complaint about an application nobody filed, or someone else's, is refused at the door.
enum Appeals {
    enum Finding {
        case success(CaseOpened.AppealedApplication)
        case failure(RefusalToAccept)
    }

    static func find(_ complaint: ApplicationSubmission, rule: ComplaintRule, service: ServiceRules, catalogue: Catalogue,
                     db: Database) throws -> Finding {
        func refuse(_ reason: String) -> Finding {
            .failure(RefusalToAccept(code: "appeal-invalid", reason: reason, missingFields: [], form: service.regulation.refusalToAcceptForm))
        }
        guard let id = complaint.form[rule.appealedField]?.stringValue, ApplicationID.isValid(id) else {
            return refuse("\(rule.appealedField) names the application appealed (its id)")
        }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT service, state, submission, registrationNumber, rulesVersion FROM applications WHERE applicationId = ?"),
                                         arguments: [id]) else {
            return refuse("no application \(id) was filed with the State Corporation")
        }
        guard let data = row["submission"] as Data?, !data.isEmpty,
              let original = try? ContractCoding.decode(ApplicationSubmission.self, data: data) else {
            return refuse("application \(id) could not be read as an application")
        }
        guard original.applicant.iin == complaint.applicant.iin else {
            // Who else filed it is not said: the complainant learns only that it is not theirs.
            return refuse("application \(id) was not filed by the complainant")
        }
        let act = service.version.act
        // The appealed application is judged by the rules it was filed under (its version, or
        // the version in force on its filing day when it was refused before one was chosen), not
        // by the service's oldest or newest version: once an act's older versions are in the
        // catalogue, the same service code can belong to another act on another date.
        let filedUnder = (row["rulesVersion"] as String?).flatMap { catalogue.service(row["service"], version: $0) }
            ?? catalogue.service(row["service"], on: KazakhstanTime.localDate(of: original.submittedAt))
        guard let appealedService = filedUnder, appealedService.version.act == act, appealedService.complaint == nil else {
            return refuse("application \(id) is of \(row["service"] as String), which the complaint procedure of \(act) does not cover")
        }
        let state: String = row["state"]
        // A refusal to accept is appealed too (the State Corporation's inaction or decision); an
        // application still being identified has nothing to appeal yet.
        guard state != "identifying" else { return refuse("application \(id) is still being accepted") }
        return .success(.init(applicationId: id, service: row["service"], registrationNumber: row["registrationNumber"]))
    }
}

/// A state duty paid before acceptance: the amount (MCI of the filing day times the documents),
/// for the service and, under the one-application principle, for each linked service chosen.
enum AcceptanceDuty {
    struct Due: Codable, Sendable {
        var tenge: Int
        var fees: [String]
    }

    static func due(for application: ApplicationSubmission, service: ServiceRules, catalogue: Catalogue, on day: LocalDate) -> Due? {
        var services = [service]
        for option in service.options ?? [] where application.form[option.field]?.boolValue == true {
            if let linked = option.linkedService.flatMap({ catalogue.service($0, version: service.version.id) }) { services.append(linked) }
        }
        var total = 0
        var codes: [String] = []
        for rules in services {
            for fee in rules.fees ?? [] where fee.payBefore == "acceptance" {
                guard let each = catalogue.tenge(for: fee, on: day) else { continue }
                // A linked service's duty is for the one document the main service issues.
                var count = 1
                if rules.code == service.code, fee.per == "per-document", let field = fee.countField,
                   case .integer(let n)? = application.form[field], n > 0 { count = Int(n) }
                total += each * count
                codes.append(fee.code)
            }
        }
        return total > 0 ? Due(tenge: total, fees: codes) : nil
    }
}
