import Foundation
import QyzmetDomain

/// The front office's check of an application against the rules in force on its filing day,
/// before anyone is asked anything: is the service offered on this channel and to this party, is
/// the form complete and correctly typed, is every required document there and valid, is there
/// consent for a request about someone else in the form this channel takes it.
/// Returns the refusal to accept, or nil when the package can be accepted.
public struct PackageCheck: Sendable {
    let catalogue: Catalogue

    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
    }

    /// `filingDay`: the day of filing on the front office's wall clock when it is not UTC+5 (a
    /// replay of 2013 in Astana, then UTC+6); by default the day at UTC+5.
    public func refusal(for application: ApplicationSubmission, filedAt: Date, filingDay: LocalDate? = nil) -> RefusalToAccept? {
        let filingDay = filingDay ?? KazakhstanTime.localDate(of: filedAt)
        guard let service = catalogue.service(application.service, on: filingDay) else {
            return RefusalToAccept(code: "unknown-service", reason: unknownServiceReason(application.service, on: filingDay))
        }
        return ServicePackageCheck(catalogue: catalogue, service: service, application: application, filedAt: filedAt, filingDay: filingDay).refusal()
    }

    /// Why a code is refused on a day: not in the catalogue, or not provided then (with the days it was).
    public func unknownServiceReason(_ code: String, on day: LocalDate) -> String {
        let windows = catalogue.windows(of: code)
        guard !windows.isEmpty else { return "service \(code) is not in the catalogue" }
        let spans = windows.map { window in
            window.until.map { "\(window.from) to \($0.adding(days: -1))" } ?? "from \(window.from)"
        }
        return "service \(code) was not provided on \(day) (its rules were in force \(spans.joined(separator: ", ")))"
    }

    /// An original satisfies a requirement for a copy; an electronic copy satisfies an
    /// electronic copy; a digital document stands for the original (the digital documents service).
    static func formSatisfies(_ given: String, _ required: String) -> Bool {
        switch required {
        case "original": return given == "original" || given == "digital"
        case "copy": return given == "original" || given == "copy" || given == "digital"
        case "electronic-copy": return given == "electronic-copy" || given == "digital"
        default: return given == required
        }
    }
}

/// One application against one service's rules.
struct ServicePackageCheck {
    let catalogue: Catalogue
    let service: ServiceRules
    let application: ApplicationSubmission
    let filedAt: Date
    let filingDay: LocalDate
    var party: String { application.party ?? "individual" }

    var context: ConditionContext {
        return ConditionContext(channel: application.channel, scenario: application.scenario, purpose: application.purpose,
                                branchTier: catalogue.tierOfBranchAppliedTo(channel: application.channel, branchId: application.branchId, delivery: application.delivery), party: party, referenceDate: filingDay,
                                applicantIin: application.applicant.iin, subjectIin: application.subject?.iin, form: application.form,
                                documents: Set(application.documents.map(\.type)))
    }

    func refuse(_ code: String, _ reason: String, missingDocuments: [String] = [], expiredDocuments: [String] = [], missingFields: [String] = []) -> RefusalToAccept {
        RefusalToAccept(code: code, reason: reason, missingDocuments: missingDocuments, expiredDocuments: expiredDocuments,
                        missingFields: missingFields, form: service.regulation.refusalToAcceptForm)
    }

    func refusal() -> RefusalToAccept? {
        // A proactive service opens its own cases from its queue; nobody applies for it.
        if let trigger = service.trigger {
            return refuse("proactive-service", "\(service.code) is rendered proactively to the persons on the queue \(trigger.queue); there is no application (\(trigger.source))")
        }
        // An officer's procedure (the free-basis selection): cases are opened by nomination.
        if let nomination = service.nomination {
            return refuse("officer-procedure", "\(service.code) is not applied for: an officer of the defence department nominates conscripts for the \(nomination.basis) plan (\(nomination.source))")
        }
        guard service.channel(application.channel) != nil else {
            return refuse("channel-not-offered", "\(service.code) is not provided through the \(application.channel.rawValue) channel")
        }
        guard service.scenario(application.scenario) != nil else {
            return refuse("unknown-scenario", "scenario \(application.scenario) is not one of \(service.scenarios.map(\.code).joined(separator: ", "))")
        }
        guard IIN.isValid(application.applicant.iin) else {
            return refuse("invalid-iin", "the applicant's IIN is not a valid individual identification number")
        }
        if let problem = partyProblem() { return refuse("party-not-served", problem) }
        if let purposes = service.purposes, !purposes.contains(where: { $0.code == application.purpose }) {
            return refuse("invalid-application", "purpose must be one of \(purposes.map(\.code).joined(separator: ", "))", missingFields: ["purpose"])
        }
        if let problem = deliveryProblem() { return refuse("invalid-application", problem) }
        if let problem = fieldTypeProblem() { return refuse("invalid-application", problem) }
        for option in service.options ?? [] where application.form[option.field]?.boolValue == true {
            if option.linkedService == nil { return refuse("option-not-available", option.refusal ?? "\(option.field) is not available") }
            if let condition = option.when, !condition.holds(in: context) {
                return refuse("option-not-available", "\(option.field) is not available for this application (\(option.note ?? option.source))")
            }
        }
        let context = self.context
        let missingFields = service.fields.filter { field in
            guard field.required, field.when?.holds(in: context) ?? true else { return false }
            switch application.form[field.name] {
            case .none, .some(.null): return true
            case .some(.string(let s)): return s.trimmingCharacters(in: .whitespaces).isEmpty
            case .some(.bool(let b)): return field.mustBeTrue == true && !b
            default: return false
            }
        }.map(\.name)
        let missingDocuments = service.requiredDocuments(in: context).filter { $0.atCollection != true }.filter { requirement in
            !application.documents.contains { document in
                requirement.anyOf.contains(document.type) && (requirement.form.map { PackageCheck.formSatisfies(document.form, $0) } ?? true)
            }
        }.map { $0.anyOf.joined(separator: " or ") }
        if !missingFields.isEmpty || !missingDocuments.isEmpty {
            var parts: [String] = []
            if !missingDocuments.isEmpty { parts.append("missing documents: \(missingDocuments.joined(separator: "; "))") }
            if !missingFields.isEmpty { parts.append("missing application fields: \(missingFields.joined(separator: ", "))") }
            return refuse("incomplete-package", "the document package is incomplete (\(parts.joined(separator: "; ")))",
                          missingDocuments: missingDocuments, missingFields: missingFields)
        }
        // A document valid for a period from its issue (a medical card: 10 working days) is
        // expired when that period ended before filing.
        let calendar = WorkingDayCalendar.kazakhstan
        let periods = service.documents.compactMap { rule in rule.validFor.map { (rule.anyOf, $0) } }
        let outdated = application.documents.filter { document in
            guard let issued = document.issuedOn, let period = periods.first(where: { $0.0.contains(document.type) })?.1 else { return false }
            switch period.unit {
            case .workingDays: return calendar.adding(workingDays: period.amount, to: issued) < filingDay
            case .calendarDays: return issued.adding(days: period.amount) < filingDay
            case .calendarMonths: return issued.adding(months: period.amount) < filingDay
            case .hours, .minutes: return false
            }
        }.map(\.type)
        let expired = application.documents.filter { ($0.validUntil.map { $0 < filingDay }) ?? false }.map(\.type) + outdated
        if !expired.isEmpty {
            return refuse("expired-documents", "documents past their validity: \(expired.joined(separator: ", "))", expiredDocuments: expired)
        }
        if let problem = consentProblem() { return refuse("missing-consent", problem) }
        return nil
    }

    /// The party must be one the service lists, offered on this channel, meeting its condition,
    /// and served by Qyzmet; a kind not served yet is refused with that reason, never processed wrongly.
    private func partyProblem() -> String? {
        guard let rule = service.party(party) else {
            return "\(service.code) is not provided to a party of kind \(party); it is provided to: \(service.parties.map(\.kind).joined(separator: ", "))"
        }
        if rule.served == false {
            return "\(party) applications for \(service.code) are not served by Qyzmet yet" + (rule.note.map { ": \($0)" } ?? "")
        }
        if let channels = rule.channels, !channels.contains(application.channel) {
            return "a \(party) applies through \(channels.map(\.rawValue).joined(separator: " or ")) only"
        }
        if let condition = rule.when, !condition.holds(in: context) {
            return "the conditions for a \(party) application do not hold (\(rule.source))"
        }
        return nil
    }

    /// Form fields are strictly typed: a string "false" is not a boolean, a date is YYYY-MM-DD.
    private func fieldTypeProblem() -> String? {
        for field in service.fields {
            guard let value = application.form[field.name], value != .null else { continue }
            switch (field.type, value) {
            case (.boolean, .bool), (.integer, .integer): continue
            case (.string, .string): continue
            case (.date, .string(let s)) where LocalDate(iso: s) != nil: continue
            case (.bin, .string(let s)):
                if let problem = BIN.problem(s) { return "form field \(field.name) is not a valid BIN: \(problem)" }
                continue
            case (.enum, .string(let s)) where field.values?.contains(s) == true: continue
            // Whether it exists and is the applicant's is asked of the store after this check.
            case (.application, .string(let s)) where ApplicationID.isValid(s): continue
            case (.course, .string(let s)):
                guard let course = catalogue.reference.trainingCourse(s), course.isPaid, course.start > filingDay else {
                    let open = catalogue.reference.trainingCourses.filter { $0.isPaid && $0.start > filingDay }.prefix(3).map(\.id)
                    return "form field \(field.name) must name a course of the paid-training plan that has not started (e.g. \(open.joined(separator: ", "))), not \(s)"
                }
                continue
            case (.office, .string(let s)):
                guard let office = catalogue.authority(s), office.provider == service.provider.code, office.isOpen(on: filingDay) else {
                    return "form field \(field.name) must name an authority of \(service.provider.code) by its id (e.g. \(catalogue.reference.offices.first { $0.provider == service.provider.code }?.id ?? "-")), not \(s)"
                }
                continue
            case (.enum, _):
                return "form field \(field.name) must be one of \(field.values?.joined(separator: ", ") ?? "")"
            default:
                return "form field \(field.name) must be a \(field.type.rawValue)" + (field.type == .date ? " (YYYY-MM-DD)" : "")
            }
        }
        return nil
    }

    private func deliveryProblem() -> String? {
        // The result the application asks for: the certificate, or for a complaint its answer.
        guard let rule = service.result(for: "approved", in: context) ?? service.results.first(where: { $0.when?.holds(in: context) ?? true }) else {
            return "no result is defined for this channel and purpose"
        }
        switch application.channel {
        case .publicServiceCentre, .authorityOffice:
            // The office of filing (a Public Service Centre, the authority's reception) hands the
            // result over where it was filed: `branch` delivery means that office.
            if let office = application.branchId, catalogue.officeOfFiling(office, channel: application.channel, on: filingDay) == nil {
                return "office \(office) did not take \(application.channel.rawValue) applications on \(filingDay)"
            }
            if rule.delivery == .branch, let other = application.delivery.branchId, other != application.branchId {
                return "the result is handed over at the office of filing, not at \(other)"
            }
        case .stateCorporation, .portal:
            if application.channel == .stateCorporation && application.branchId == nil {
                return "a front-office application names its branch (branchId)"
            }
            if let branch = application.branchId, catalogue.branch(branch) == nil {
                return "branch \(branch) is not known"
            }
            if rule.delivery == .branch {
                guard let branch = application.delivery.branchId ?? application.branchId, catalogue.branch(branch) != nil else {
                    return "the result is issued at a State Corporation branch: delivery.branchId must name a known branch"
                }
            }
        }
        if application.delivery.method != rule.delivery {
            return "this result is delivered to \(rule.delivery.rawValue), not \(application.delivery.method.rawValue)"
        }
        return nil
    }

    /// Consent of the person the request is about, exactly as the standard says for this channel:
    /// on the portal from the cabinet, by one-time password or SMS; at the front office by that
    /// person's notarised power of attorney.
    private func consentProblem() -> String? {
        guard let subject = application.subject, subject.iin != application.applicant.iin else {
            if application.scenario == "third-party" { return "a request about another person names its subject" }
            return nil
        }
        guard IIN.isValid(subject.iin) else { return "the subject's IIN is not valid" }
        let rules = (service.consent ?? []).filter { $0.channels.contains(application.channel) }
        guard !rules.isEmpty else { return "\(service.code) is not provided about another person on the \(application.channel.rawValue) channel" }
        if rules.allSatisfy({ $0.exemptParties?.contains(party) == true }) { return nil }
        for rule in rules {
            if let document = rule.document {
                if application.documents.contains(where: { $0.type == document && PackageCheck.formSatisfies($0.form, "original") }) { return nil }
                continue
            }
            guard let consent = application.consent, consent.subjectIin == subject.iin, rule.methods.contains(consent.method),
                  !consent.reference.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if consent.givenAt > filedAt.addingTimeInterval(300) { return "the subject's consent is dated after the application was filed" }
            if let validity = rule.validFor, case .calendarDays = validity.unit,
               KazakhstanTime.localDate(of: consent.givenAt).adding(days: validity.amount) < filingDay {
                return "the subject's consent is older than \(validity.amount) days"
            }
            return nil
        }
        let methods = rules.flatMap(\.methods).joined(separator: ", ")
        return "a request about another person needs that person's consent on the \(application.channel.rawValue) channel (\(methods)), \(rules.first!.source)"
    }
}
