import Foundation
import QyzmetDomain

/// What the schema cannot see: references between parts of the catalogue, the process graph,
/// and names the engine must bind. DIGIT's validator misses dangling targets and unreachable
/// states; this one does not.
struct CatalogueValidation {
    let catalogue: Catalogue
    let knownGuards: Set<String>
    let knownChecks: Set<String>

    func problems() -> [CatalogueProblem] {
        var problems: [CatalogueProblem] = []
        let byAct = Dictionary(grouping: catalogue.versions, by: \.act)
        for (act, versions) in byAct {
            let sorted = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.effectiveUntil.map({ $0 > b.effectiveFrom }) ?? false {
                problems.append(CatalogueProblem(file: "acts/\(act)", pointer: "/effectiveUntil",
                                                 message: "version \(a.versionId) must end on or before \(b.effectiveFrom), when \(b.versionId) takes effect"))
            }
        }
        // A service code names one line of versions across acts (standard 9 of 2012, then the
        // emigration certificate of 2021): on any day at most one act may define it, or which
        // rules applied would depend on the acts' names.
        var windows: [String: [ActVersion]] = [:]
        for version in catalogue.versions { for service in version.services { windows[service.code, default: []].append(version) } }
        for (code, versions) in windows {
            let sorted = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
            for (a, b) in zip(sorted, sorted.dropFirst()) where a.act != b.act && (a.effectiveUntil.map { $0 > b.effectiveFrom } ?? true) {
                problems.append(CatalogueProblem(file: "acts/\(b.act)", service: code, pointer: "/effectiveFrom",
                                                 message: "\(code) is defined by \(a.versionId) until \(a.effectiveUntil.map { "\($0)" } ?? "further notice") and by \(b.versionId) from \(b.effectiveFrom): one act at a time"))
            }
        }
        // A continuation names a service the catalogue has in a version that takes effect once
        // this one has ended (it may exist beside it too: two standards merged into one service).
        for version in catalogue.versions {
            for service in version.services {
                guard let next = service.continuedBy else { continue }
                let later = catalogue.history(of: next.code).first { successor in version.effectiveUntil.map { successor.version.effectiveFrom >= $0 } ?? false }
                if later == nil {
                    problems.append(CatalogueProblem(file: "acts/\(version.act)", service: service.code, pointer: "/continuedBy/code",
                                                     message: "\(service.code) of \(version.versionId) is continued by \(next.code), which the catalogue has in no version taking effect after this one ends"))
                }
            }
        }
        // The paid-training plan (order 357 App 2) is approved by 1 December for the next year
        // (L117-119); a course runs 40-46 calendar days (L467-468) and has places.
        for (i, course) in catalogue.reference.trainingCourses.enumerated() {
            let pointer = "/\(i)"
            if let deadline = LocalDate(year: course.planYear - 1, month: 12, day: 1), course.approvedOn > deadline {
                problems.append(CatalogueProblem(file: "reference/training-courses.json", pointer: pointer + "/approvedOn",
                                                 message: "\(course.id): the \(course.planYear) plan is approved by 1 December \(course.planYear - 1), not \(course.approvedOn)"))
            }
            // Para 43 (L463-468): 90-100 calendar days on the free basis, 40-46 on the paid,
            // weekends and holidays included; a paid course has its price.
            let days = course.end.dayNumber - course.start.dayNumber + 1
            let range = course.isPaid ? 40...46 : 90...100
            if !range.contains(days) || (course.isPaid && course.priceTenge == nil) {
                problems.append(CatalogueProblem(file: "reference/training-courses.json", pointer: pointer,
                                                 message: "\(course.id): a \(course.isPaid ? "paid" : "free") course runs \(range.lowerBound)-\(range.upperBound) calendar days (L463-468)\(course.isPaid ? " and has its price" : ""), not \(days)"))
            }
            if course.start.year != course.planYear || course.end <= course.start || course.places <= 0 {
                problems.append(CatalogueProblem(file: "reference/training-courses.json", pointer: pointer,
                                                 message: "\(course.id): a course of the \(course.planYear) plan starts in that year, ends after it starts and has places"))
            }
        }
        for version in catalogue.versions {
            var seen: Set<String> = []
            for (index, service) in version.services.enumerated() {
                let file = "acts/\(version.act)/\(version.effectiveFrom)"
                if !seen.insert(service.code).inserted {
                    problems.append(CatalogueProblem(file: file, service: service.code, pointer: "/services/\(index)/code", message: "appears twice in one version"))
                }
                problems += ServiceValidation(service: service, versionId: version.versionId, file: file, base: "/services/\(index)", catalogue: catalogue,
                                              knownGuards: knownGuards, knownChecks: knownChecks).problems()
            }
        }
        return problems
    }
}

private struct ServiceValidation {
    let service: ServiceRules
    let versionId: String
    let file: String
    let base: String
    let catalogue: Catalogue
    let knownGuards: Set<String>
    let knownChecks: Set<String>

    func problems() -> [CatalogueProblem] {
        var out: [CatalogueProblem] = []
        func problem(_ pointer: String, _ message: String) { out.append(CatalogueProblem(file: file, service: service.code, pointer: base + pointer, message: message)) }

        let scenarios = Set(service.scenarios.map(\.code))
        let purposes = Set((service.purposes ?? []).map(\.code))
        let parties = Set(service.parties.map(\.kind))
        let fields = Dictionary(service.fields.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let forms = Set(service.forms.map(\.id))
        let channels = service.channels.map(\.channel)

        func checkCondition(_ condition: Condition?, _ pointer: String) {
            guard let condition else { return }
            switch condition {
            case .all(let parts), .any(let parts): for (i, p) in parts.enumerated() { checkCondition(p, pointer + "/\(i)") }
            case .not(let inner): checkCondition(inner, pointer)
            case .scenario(let codes): for c in codes where !scenarios.contains(c) { problem(pointer, "names scenario \(c), which the service does not have") }
            case .purpose(let codes): for c in codes where !purposes.contains(c) { problem(pointer, "names purpose \(c), which the service does not have") }
            case .party(let kinds): for k in kinds where !parties.contains(k) { problem(pointer, "names party \(k), which the service does not list") }
            case .channel(let cs): for c in cs where !channels.contains(c) { problem(pointer, "names channel \(c.rawValue), which the service is not offered on") }
            case .option(let f): if fields[f] == nil { problem(pointer, "names option \(f), which is not a form field") }
            case .field(let f, _): if fields[f] == nil { problem(pointer, "names field \(f), which is not a form field") }
            case .dateBetween(let f, _, _): if fields[f]?.type != .date { problem(pointer, "names \(f), which is not a date field of the form") }
            case .ageAtLeast(let rule), .ageBelow(let rule):
                for f in [rule.birthDateField, rule.onField].compactMap({ $0 }) where fields[f]?.type != .date {
                    problem(pointer, "names \(f), which is not a date field of the form")
                }
            default: break
            }
        }

        if Set(channels).count != channels.count { problem("/channels", "a channel appears twice") }
        for (i, d) in service.documents.enumerated() {
            for type in d.anyOf where catalogue.reference.documentType(type) == nil { problem("/documents/\(i)/anyOf", "unknown document type \(type)") }
            checkCondition(d.when, "/documents/\(i)/when")
        }
        for (i, p) in service.parties.enumerated() {
            for type in p.documents ?? [] where catalogue.reference.documentType(type) == nil { problem("/parties/\(i)/documents", "unknown document type \(type)") }
            checkCondition(p.when, "/parties/\(i)/when")
        }
        for (i, f) in service.fields.enumerated() {
            if f.type == .enum && (f.values ?? []).isEmpty { problem("/fields/\(i)/values", "an enum field lists its values") }
            checkCondition(f.when, "/fields/\(i)/when")
        }
        for (i, c) in (service.consent ?? []).enumerated() {
            for m in c.methods where !NamedRules.consentMethods.contains(m) { problem("/consent/\(i)/methods", "unknown consent method \(m)") }
            if let d = c.document, catalogue.reference.documentType(d) == nil { problem("/consent/\(i)/document", "unknown document type \(d)") }
        }
        if service.terms.isEmpty || service.terms.last?.when != nil { problem("/terms", "the last term rule must be unconditional") }
        for (i, t) in service.terms.enumerated() { checkCondition(t.when, "/terms/\(i)/when") }
        for (i, g) in service.refusalGrounds.enumerated() {
            checkCondition(g.when, "/refusalGrounds/\(i)/when")
            checkCondition(g.holdsWhen, "/refusalGrounds/\(i)/holdsWhen")
            if let check = g.check, !knownChecks.contains(check) { problem("/refusalGrounds/\(i)/check", "unknown check \(check); known: \(knownChecks.sorted().joined(separator: ", "))") }
        }
        for (i, r) in service.results.enumerated() {
            if !forms.contains(r.form) { problem("/results/\(i)/form", "no form \(r.form) in forms") }
            checkCondition(r.when, "/results/\(i)/when")
        }
        for (i, form) in service.forms.enumerated() {
            let required = Set((form.requires ?? []) + (form.facts ?? []))
            for (j, statement) in form.statements.enumerated() {
                for name in Placeholders.names(in: statement.text.en) + Placeholders.names(in: statement.text.kk) where !required.contains(name) && !Self.builtIn.contains(name) {
                    problem("/forms/\(i)/statements/\(j)/text", "placeholder {\(name)} is not among the facts the form prints (requires, facts)")
                }
            }
        }
        for (i, s) in (service.storage ?? []).enumerated() {
            if s.steps.isEmpty { problem("/storage/\(i)/steps", "lists at least one place") }
            if s.steps.last?.period != nil && s.finally == nil { problem("/storage/\(i)/finally", "says what happens after the last period") }
        }
        for (i, o) in (service.options ?? []).enumerated() {
            if fields[o.field] == nil { problem("/options/\(i)/field", "no form field \(o.field)") }
            checkCondition(o.when, "/options/\(i)/when")
            if o.linkedService == nil && o.refusal == nil { problem("/options/\(i)", "an option without a linked service says why it is refused") }
            if let linked = o.linkedService {
                if catalogue.service(linked, version: versionId) == nil {
                    problem("/options/\(i)/linkedService", "no service \(linked) in \(versionId)")
                }
                if let outcome = o.startsOn, !service.results.contains(where: { $0.outcome == outcome }) {
                    problem("/options/\(i)/startsOn", "no result rule for outcome \(outcome), so the linked case would never start")
                }
            }
        }
        for (i, fee) in (service.fees ?? []).enumerated() {
            if let count = fee.countField, fields[count]?.type != .integer { problem("/fees/\(i)/countField", "\(count) is not an integer field of the form") }
        }
        if let complaint = service.complaint, fields[complaint.appealedField]?.type != .application {
            problem("/complaint/appealedField", "\(complaint.appealedField) is not a form field of type application")
        }
        if service.routing.to == .appealedAuthority && service.complaint == nil {
            problem("/routing/to", "only a complaint procedure is routed to the appealed authority")
        }
        if let trigger = service.trigger, trigger.reference == "training-courses", catalogue.reference.trainingCourses.isEmpty {
            problem("/trigger/reference", "the trigger draws on the paid-training plan, and reference/training-courses.json has no courses")
        }
        if service.routing.to == .addressedAuthority {
            guard let name = service.routing.field, let field = fields[name], field.type == .office else {
                problem("/routing/field", "routing to the addressed authority names a form field of type office")
                return out
            }
        }
        out += processProblems(forms: forms, check: checkCondition)
        return out
    }

    private func processProblems(forms: Set<String>, check: (Condition?, String) -> Void) -> [CatalogueProblem] {
        var out: [CatalogueProblem] = []
        func problem(_ pointer: String, _ message: String) { out.append(CatalogueProblem(file: file, service: service.code, pointer: base + "/process" + pointer, message: message)) }
        let process = service.process
        let ids = process.states.map(\.id)
        if Set(ids).count != ids.count { problem("/states", "a state id appears twice") }
        if process.state(process.initial) == nil { problem("/initial", "no state \(process.initial)") }
        if let id = process.reconsideration {
            if let state = process.state(id) {
                if state.final == true || state.holder != .executor { problem("/reconsideration", "state \(id) must be an executor's state that is not final") }
            } else {
                problem("/reconsideration", "no state \(id)")
            }
        }
        let bodies = Set(catalogue.reference.offices.compactMap(\.provider))
        let outcomes = Set(service.results.map(\.outcome))
        for (i, state) in process.states.enumerated() {
            // The engine publishes the state's status and issues the outcomes' documents: both
            // must be words the contract has, or a loaded catalogue would fail case by case.
            if ApplicationStatus(rawValue: state.status) == nil {
                problem("/states/\(i)/status", "unknown status \(state.status); the contract has \(ApplicationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if state.final == true && !state.transitions.isEmpty { problem("/states/\(i)/transitions", "a final state has no transitions") }
            if state.final != true && state.transitions.isEmpty { problem("/states/\(i)/transitions", "state \(state.id) is not final and has no way out") }
            for (j, t) in state.transitions.enumerated() {
                let p = "/states/\(i)/transitions/\(j)"
                if let target = t.target, process.state(target) == nil { problem(p + "/target", "no state \(target)") }
                if let g = t.guard, !knownGuards.contains(g) { problem(p + "/guard", "unknown guard \(g); known: \(knownGuards.sorted().joined(separator: ", "))") }
                if t.on == "timeout" && t.after == nil { problem(p + "/after", "a timeout says after how long") }
                check(t.when, p + "/when")
                for effect in t.effects ?? [] {
                    switch effect {
                    case .decide(let outcome), .notice(let outcome):
                        if !outcomes.contains(outcome) { problem(p + "/effects", "no result rule for outcome \(outcome)") }
                    case .extendTerm where service.termExtension == nil: problem(p + "/effects", "extendTerm needs the service's extension rule")
                    case .scheduleHearing where service.hearing == nil, .recordHearing where service.hearing == nil:
                        problem(p + "/effects", "a hearing needs the service's hearing rule")
                    case .checkPayment where (service.fees ?? []).isEmpty: problem(p + "/effects", "checkPayment needs a fee")
                    case .assignTo(let body) where !bodies.contains(body):
                        problem(p + "/effects", "assignTo names \(body), which no office of reference/offices.json belongs to")
                    case .reconsiderAppealed where service.complaint == nil: problem(p + "/effects", "reconsiderAppealed is an effect of a complaint procedure")
                    case .enqueue(_, let key) where key.isEmpty, .dequeue(_, let key) where key.isEmpty:
                        problem(p + "/effects", "a queue effect names its key (enqueue) or reason (dequeue)")
                    default: break
                    }
                }
            }
        }
        // Every state reachable from the initial one.
        var reached: Set<String> = [process.initial]
        var frontier = [process.initial]
        if let id = process.reconsideration, reached.insert(id).inserted { frontier.append(id) }
        while let id = frontier.popLast() {
            for t in process.state(id)?.transitions ?? [] {
                if let target = t.target, reached.insert(target).inserted { frontier.append(target) }
            }
        }
        for (i, state) in process.states.enumerated() where !reached.contains(state.id) {
            problem("/states/\(i)", "state \(state.id) cannot be reached from \(process.initial)")
        }
        if let rule = service.termExtension, !forms.contains(rule.noticeForm) { problem("/../extension/noticeForm", "no form \(rule.noticeForm)") }
        if let rule = service.hearing, !forms.contains(rule.noticeForm) { problem("/../hearing/noticeForm", "no form \(rule.noticeForm)") }
        return out
    }

    /// Placeholders every document can print without a recorded fact.
    static let builtIn: Set<String> = ["holderName", "holderBirthDate", "holderBirthPlace", "issuedOn", "registrationNumber", "documentNumber",
                                       "dueDate", "reapplyAfter", "asOf", "grounds", "motivation", "hearingAt", "newDueDate", "branchName"]

}
