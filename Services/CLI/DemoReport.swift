import Foundation
import QyzmetDomain
import QyzmetRules
import QyzmetLoad

/// The demonstration's summary: what happened to every application, due dates, duplicates,
/// latencies, and how to look further.
struct DemoReport {
    let outcome: LoadRun.Outcome
    let catalogue: Catalogue

    func print(ports: String) {
        let seen = outcome.seen
        Swift.print("\nQyzmet demonstration: \(outcome.plan.count) applications answered in \(String(format: "%.1f", outcome.duration)) s\(outcome.complete ? "" : " (INCOMPLETE: timed out)")\n")
        let header = "service".padding(toLength: 32, withPad: " ", startingAt: 0) + "channel".padding(toLength: 19, withPad: " ", startingAt: 0)
            + ["sent", "accepted", "refused*", "result", "refusal", "interim", "extended", "as planned"].map { $0.leftPad(11) }.joined()
        Swift.print(header)
        var services: [String] = []
        for p in outcome.plan where !services.contains(p.application.service) { services.append(p.application.service) }
        for service in services {
            for channel in Channel.allCases {
                let rows = outcome.plan.filter { $0.application.service == service && $0.application.channel == channel }
                guard !rows.isEmpty else { continue }
                let ids = rows.map(\.application.applicationId)
                let accepted = ids.filter { seen.receipts[$0]?.first?.outcome == .accepted }.count
                let refused = ids.filter { seen.receipts[$0]?.first?.outcome == .refused }.count
                let outcomes = ids.compactMap { seen.outcome($0) }
                let asPlanned = rows.filter { seen.outcome($0.application.applicationId) == $0.expectation }.count
                let results = outcomes.filter { $0 == .certificate }.count
                let refusals = outcomes.filter { $0 == .refusal }.count
                let interims = outcomes.filter { $0 == .interimReply }.count
                let extended = ids.filter { seen.results[$0]?.contains { $0.kind == .extensionNotice } == true }.count
                let counts: [Int] = [rows.count, accepted, refused, results, refusals, interims, extended, asPlanned]
                let label = service.padding(toLength: 32, withPad: " ", startingAt: 0) + channel.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0)
                Swift.print(label + counts.map { String($0).leftPad(11) }.joined())
            }
        }
        Swift.print("  * refused to accept at the front office (receipt on App 30 where the regulation has one); result: the certificate, e-notice or")
        Swift.print("    confirmation the service issues; extended: the term extended with its notice while a body outside the databases answers\n")

        let refusalCodes = Dictionary(grouping: outcome.plan.compactMap { seen.receipts[$0.application.applicationId]?.first?.refusal?.code }, by: { $0 })
        Swift.print("Refusals to accept: " + refusalCodes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.count)" }.joined(separator: ", "))
        let motivatedRefusals = outcome.plan.filter { seen.results[$0.application.applicationId]?.first?.kind == .refusal }.count
        Swift.print("Motivated refusals by the authority: \(motivatedRefusals) (executor decisions on the catalogue's grounds)")

        Swift.print("\nDue dates (working days of Kazakhstan, acceptance day not counted):")
        var terms: [String: (count: Int, example: Receipt)] = [:]
        for p in outcome.plan {
            guard let receipt = seen.receipts[p.application.applicationId]?.first, receipt.outcome == .accepted, let service = receipt.rulesVersion.flatMap({ catalogue.service(receipt.service, version: $0) }) ?? catalogue.latest(receipt.service) else { continue }
            let tier = catalogue.tierOfBranchAppliedTo(channel: p.application.channel, branchId: p.application.branchId, delivery: p.application.delivery)
            let term = service.term(in: ConditionContext(channel: p.application.channel, scenario: p.application.scenario, purpose: p.application.purpose,
                                                         branchTier: tier, referenceDate: receipt.acceptedOn ?? KazakhstanTime.localDate(of: receipt.issuedAt))).term
            let label = "\(service.shortCode) \(termText(term))" + (p.application.purpose == "travel-abroad" ? " (travel abroad, \(tier?.rawValue ?? "-") branch)" : "")
            terms[label] = (terms[label]?.count ?? 0, receipt)
            terms[label]!.count += 1
        }
        for (label, entry) in terms.sorted(by: { $0.key < $1.key }) {
            Swift.print("  \(label.padding(toLength: 58, withPad: " ", startingAt: 0)) \(String(entry.count).leftPad(4)) × e.g. accepted \(entry.example.acceptedOn?.description ?? "-") → due \(entry.example.dueAt.map(KazakhstanTime.format) ?? "-")")
        }
        let interims = outcome.plan.compactMap { p -> (String, String)? in
            guard let status = seen.statuses[p.application.applicationId]?.first(where: { $0.status == .interimReply }) else { return nil }
            return (p.application.applicationId, status.detail ?? "")
        }
        if let first = interims.first {
            Swift.print("  additional reference checks: \(interims.count), e.g. \(first.0): \(first.1)")
        }

        let results = outcome.plan.flatMap { seen.results[$0.application.applicationId] ?? [] }
        let cabinet = results.filter { $0.delivery.method == .personalCabinet }.count
        let notices = results.filter { [.extensionNotice, .hearingNotice, .collectionNotice].contains($0.kind) }.count
        Swift.print("\nResults: \(results.count) signed documents (\(notices) of them notices: extensions, collection places); \(cabinet) delivered to the personal cabinet, \(results.count - cabinet) waiting at State Corporation branches")

        let multiReceipts = outcome.plan.filter { Set(seen.receipts[$0.application.applicationId]?.compactMap(\.registrationNumber) ?? []).count > 1 }.count
        // A case may have several documents (a notice, then its result); a duplicate is the same
        // form issued twice.
        let multiResults = outcome.plan.filter { p in
            let forms = seen.results[p.application.applicationId]?.map { "\($0.kind.rawValue) \($0.form)" } ?? []
            return Set(forms).count < forms.count
        }.count
        Swift.print("Duplicates: \(outcome.duplicatesSent) resubmissions → applications with more than one registration number: \(multiReceipts), with the same result issued twice: \(multiResults)")
        if !seen.deadLetters.isEmpty {
            Swift.print("Dead letters seen: \(seen.deadLetters.count) (" + Dictionary(grouping: seen.deadLetters.map(\.code), by: { $0 }).map { "\($0.key) \($0.value.count)" }.joined(separator: ", ") + ")")
        }

        let receiptLatencies = outcome.plan.compactMap { p -> Double? in
            let id = p.application.applicationId
            guard let sent = outcome.sentAt[id], let seenAt = seen.receiptSeenAt[id] else { return nil }
            return seenAt.timeIntervalSince(sent)
        }
        let automaticResults = outcome.plan.filter { $0.application.service == ApplicationFactory.criminalRecord }.compactMap { p -> Double? in
            let id = p.application.applicationId
            guard let sent = outcome.sentAt[id], let seenAt = seen.resultSeenAt[id] else { return nil }
            return seenAt.timeIntervalSince(sent)
        }
        Swift.print("Latency, submission → receipt: \(Percentiles(receiptLatencies)); → result (automatic, criminal record): \(Percentiles(automaticResults))")

        let sample = { (predicate: (PlannedApplication) -> Bool) in outcome.plan.first(where: predicate)?.application.applicationId }
        let emg = sample { $0.application.service == ApplicationFactory.emigration && $0.expectation == .certificate }
        let abroad = sample { $0.application.purpose == "travel-abroad" && $0.expectation == .certificate }
        let refused = sample { if case .refusedToAccept = $0.expectation { return true } else { return false } }
        let registration = emg.flatMap { seen.receipts[$0]?.first?.registrationNumber }
        let port = ports.split(separator: ",").first ?? "8081"
        let sampleResult = emg.flatMap { seen.results[$0]?.first }
        let verify = sampleResult.map { "curl -s 'localhost:8084/verify/\($0.documentNumber)?code=\($0.verificationCode ?? "")'" } ?? "curl -s localhost:8084/verify/<number>?code=<code>"
        let token = "$(.build/debug/qyzmet officer-token --officer lmab-supervisor-1 --role supervisor)"
        Swift.print("""

            Look further (the stack keeps running):
              .build/debug/qyzmet status \(registration ?? emg ?? "<id>")          # by registration number or application id
              .build/debug/qyzmet status \(abroad ?? "<id>")    # travel-abroad certificate waiting at a branch
              .build/debug/qyzmet status \(refused ?? "<id>")    # refused to accept
              curl -s localhost:\(port)/applications/\(emg ?? "<id>")
              \(verify)    # public verification: number and code
              curl -s -H "Authorization: Bearer \(token)" localhost:8084/documents/\(emg ?? "<id>")    # the whole signed result (staff)
              curl -s -H "Authorization: Bearer \(token)" localhost:8083/worklist ; curl -s localhost:8081/metrics
              ./compose/down.sh                                   # stop the stack
            """)
    }

    func termText(_ term: Term) -> String { term.description }
}

struct Percentiles: CustomStringConvertible {
    let values: [Double]

    init(_ values: [Double]) { self.values = values.sorted() }

    func at(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        return values[min(values.count - 1, Int(Double(values.count - 1) * p + 0.5))]
    }

    var description: String {
        values.isEmpty ? "n/a" : String(format: "p50 %.0f ms, p95 %.0f ms, max %.0f ms", at(0.5) * 1000, at(0.95) * 1000, (values.last ?? 0) * 1000)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
