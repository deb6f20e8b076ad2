import Foundation
import GRDB
import QyzmetDomain
import QyzmetRules
import QyzmetRuntime

/// Opens the cases of proactive services (order 357's referral to training): no application
/// comes in; in each round of the service's trigger (12 working days before a course starts, then
/// 6) the provider takes the persons waiting on the queue for that course, in order, while the
/// cases that are open or ended in a referral number fewer than the course's places.
///
/// A round opens cases only during its check window ("within 1 working day"), so a person refused
/// for not paying is replaced in the next round, as the text says; a round whose window passed
/// while review was down runs late rather than never.
struct ProactiveCases: Sendable {
    let catalogue: Catalogue
    let calendar: WorkingDayCalendar
    let registration: CaseRegistration

    static let referralOutcome = "referral"

    @discardableResult
    func run(in tx: Transaction) throws -> Int {
        let today = KazakhstanTime.localDate(of: tx.now)
        var opened = 0
        for code in catalogue.serviceCodes {
            guard let service = catalogue.service(code, on: today), let trigger = service.trigger else { continue }
            for course in catalogue.reference.trainingCourses where course.isPaid && course.start > today {
                opened += try fill(course, service: service, trigger: trigger, today: today, in: tx)
            }
        }
        return opened
    }

    private func fill(_ course: TrainingCourse, service: ServiceRules, trigger: TriggerRule, today: LocalDate, in tx: Transaction) throws -> Int {
        // The round in force today: the latest whose first day has come.
        let rounds = trigger.rounds.map { ($0, $0.firstDay(before: course.start, calendar: calendar)) }.filter { $0.1 <= today }.sorted { $0.1 < $1.1 }
        guard let (round, first) = rounds.last else { return 0 }
        let lastDay = calendar.adding(workingDays: max(round.within.amount - 1, 0), to: first)
        let offeredInRound = try Int.fetchOne(tx.db.cachedStatement(sql: """
            SELECT COUNT(*) FROM proactive_offers WHERE service = ? AND key = ? AND round = ?
            """), arguments: [service.code, course.id, round.name]) ?? 0
        guard today <= lastDay || offeredInRound == 0 else { return 0 }

        let open = try Int.fetchOne(tx.db.cachedStatement(sql: """
            SELECT COUNT(*) FROM proactive_offers o JOIN cases c ON c.applicationId = o.applicationId
            WHERE o.service = ? AND o.key = ? AND c.final = 0
            """), arguments: [service.code, course.id]) ?? 0
        let referred = try Int.fetchOne(tx.db.cachedStatement(sql: """
            SELECT COUNT(*) FROM queue_entries WHERE queue = ? AND key = ? AND status = 'referred'
            """), arguments: [trigger.queue, course.id]) ?? 0
        let free = course.places - open - referred
        guard free > 0 else { return 0 }
        let entries = try ServiceQueues.nextWaiting(tx.db, queue: trigger.queue, key: course.id, service: service.code, limit: free)
        for entry in entries {
            try openCase(for: entry, course: course, service: service, round: round.name, in: tx)
        }
        return entries.count
    }

    private func openCase(for entry: ServiceQueues.Entry, course: TrainingCourse, service: ServiceRules, round: String, in tx: Transaction) throws {
        let dueDates = DueDateCalculator(calendar: calendar)
        let channel = service.channels.first?.channel ?? .portal
        let hours = service.channel(channel)?.hours ?? service.providerHours
        let acceptance = dueDates.acceptance(filedAt: tx.now, hours: hours)
        let term = service.term(in: ConditionContext(channel: channel, scenario: "proactive", referenceDate: acceptance.day, applicantIin: entry.iin))
        let due = dueDates.due(term.term, from: acceptance, hours: service.providerHours)
        let applicationId = ReviewNumbers.applicationId("PRO")
        var opened = CaseOpened(
            applicationId: applicationId, registrationNumber: try ReviewNumbers.next(service.shortCode, day: acceptance.day, tx.db),
            service: service.code, scenario: "proactive", channel: channel, purpose: nil, acceptedAt: acceptance.instant, acceptedOn: acceptance.day,
            dueAt: due.at, dueDate: due.date, applicant: entry.person, subjectIin: nil, consent: nil, branchId: nil,
            delivery: Delivery(method: .personalCabinet), form: ["course": .string(course.id), "queueApplication": .string(entry.applicationId)], documents: []
        )
        opened.rulesVersion = service.version.id
        opened.countFrom = acceptance.countFrom
        try tx.db.cachedStatement(sql: """
            INSERT INTO proactive_offers (service, key, iin, applicationId, round, openedAt) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [service.code, course.id, entry.iin, applicationId, round, tx.now])
        let lineage = EventLineage(applicationId: applicationId, correlationId: applicationId, traceparent: TraceContext.newRoot())
        try registration.open(opened, service: service, lineage: lineage, in: tx)
    }

}

/// `TRR-20270108-000001`: review numbers the cases it opens itself (proactive, nominated).
enum ReviewNumbers {
    /// `PRO-…`, `NOM-…`: the id of a case nobody applied for, 20 upper-case hex digits.
    static func applicationId(_ prefix: String) -> String {
        prefix + "-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).uppercased()
    }

    static func next(_ shortCode: String, day: LocalDate, _ db: Database) throws -> String {
        let prefix = "\(shortCode)-\(day.description.replacingOccurrences(of: "-", with: ""))"
        let last = try Int.fetchOne(db.cachedStatement(sql: """
            INSERT INTO review_sequence (prefix, last) VALUES (?, 1) ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last
            """), arguments: [prefix])!
        return "\(prefix)-\(String(format: "%06d", last))"
    }
}
