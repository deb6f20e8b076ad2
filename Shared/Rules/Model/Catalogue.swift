import Foundation
import QyzmetDomain

/// One version of an act: a full snapshot of the services it defines, in force from a date
/// until the next version (or its repeal).
public struct ActVersion: Codable, Sendable {
    public var act: String
    public var title: String
    public var effectiveFrom: LocalDate
    public var effectiveUntil: LocalDate?
    /// How the dates were found or inferred (publication dates are often not in the text).
    public var datesNote: String?
    public var source: String
    /// The performance indicators the act sets for its services (resolution 1741 App 3).
    public var indicators: [PerformanceIndicator]?
    public var services: [ServiceRules]

    public var versionId: String { "\(act)@\(effectiveFrom)" }

    public func inForce(on day: LocalDate) -> Bool {
        day >= effectiveFrom && (effectiveUntil.map { day < $0 } ?? true)
    }
}

/// A quality or accessibility figure an act sets (resolution 1741 App 3: 95% of cases on time).
public struct PerformanceIndicator: Codable, Sendable, Equatable {
    public enum Measure: String, Codable, Sendable {
        /// Measurable from the cases themselves.
        case onTimeShare = "on-time-share"
        /// Needs a survey of the service's consumers.
        case survey
        /// A count of the services whose information is published electronically.
        case electronicInformation = "electronic-information"
    }

    public var code: String
    public var text: LocalizedText
    /// Per cent.
    public var normative: Double
    public var measure: Measure
    public var source: String
}

/// Every act, version and reference table Qyzmet knows. "Which rules applied on day D" returns
/// the service as the version in force on D defined it; a case keeps that version for life.
public struct Catalogue: Sendable {
    public let versions: [ActVersion]
    public let reference: ReferenceData
    private let byVersion: [String: [String: ServiceRules]]

    public init(versions: [ActVersion], reference: ReferenceData) {
        var sorted = versions.sorted { ($0.act, $0.effectiveFrom) < ($1.act, $1.effectiveFrom) }
        // Each version holds until the next version of its act takes effect, unless it says otherwise.
        for i in sorted.indices.dropLast() where sorted[i].act == sorted[i + 1].act && sorted[i].effectiveUntil == nil {
            sorted[i].effectiveUntil = sorted[i + 1].effectiveFrom
        }
        let versions = sorted
        self.versions = sorted
        self.reference = reference
        var index: [String: [String: ServiceRules]] = [:]
        for version in versions {
            for var service in version.services {
                service.version = RulesVersion(id: version.versionId, act: version.act, effectiveFrom: version.effectiveFrom,
                                               effectiveUntil: version.effectiveUntil)
                index[version.versionId, default: [:]][service.code] = service
            }
        }
        byVersion = index
    }

    /// The service as the version in force on `day` defines it.
    public func service(_ code: String, on day: LocalDate) -> ServiceRules? {
        versions.last { $0.inForce(on: day) && byVersion[$0.versionId]?[code] != nil }.flatMap { byVersion[$0.versionId]?[code] }
    }

    /// An act version by its id (`act@effective-from`).
    public func version(_ id: String) -> ActVersion? { versions.first { $0.versionId == id } }

    /// The service as a given version defines it (a case's pinned version).
    public func service(_ code: String, version: String) -> ServiceRules? { byVersion[version]?[code] }

    /// Every version of a service, oldest first: the line of versions the status desk shows.
    public func history(of code: String) -> [ServiceRules] {
        // By date, not by act: a code passes from act to act (order 286, then resolution 1741).
        versions.compactMap { byVersion[$0.versionId]?[code] }.sorted { $0.version.effectiveFrom < $1.version.effectiveFrom }
    }

    /// The whole line a code belongs to, oldest first: the versions of the codes that were
    /// continued by it (`continuedBy`, followed back), then its own. The three registration
    /// standards of 2007 and 2012 lead to `mod.registration` of 2021.
    public func line(of code: String) -> [ServiceRules] {
        let predecessors = Set(versions.flatMap(\.services).filter { $0.continuedBy?.code == code }.map(\.code)).subtracting([code])
        return (predecessors.flatMap { line(of: $0) } + history(of: code))
            .sorted { ($0.version.effectiveFrom, $0.code) < ($1.version.effectiveFrom, $1.code) }
    }

    /// The code that carries a service on today: itself, or where its line continued.
    public func continuation(of code: String) -> String {
        var current = code
        var seen: Set<String> = []
        while seen.insert(current).inserted, let next = latest(current)?.continuedBy?.code { current = next }
        return current
    }

    /// The latest version of a service (for titles where no date is at hand).
    public func latest(_ code: String) -> ServiceRules? { history(of: code).last }

    public var serviceCodes: [String] { Array(Set(versions.flatMap { $0.services.map(\.code) })).sorted() }

    public func branch(_ id: String) -> Office? {
        reference.office(id).flatMap { $0.kind == .stateCorporationBranch ? $0 : nil }
    }

    public func authority(_ id: String) -> Office? {
        reference.office(id).flatMap { $0.kind == .authority ? $0 : nil }
    }

    /// The provider's authority for a region of residence (the LMAB of Akmola region), valid on a day.
    public func authority(of provider: String, inRegion region: String, on day: LocalDate) -> Office? {
        reference.offices.first {
            $0.kind == .authority && $0.provider == provider && $0.region == region
                && ($0.validFrom.map { $0 <= day } ?? true) && ($0.validUntil.map { day < $0 } ?? true)
        }
    }

    /// The office an application was filed at on a channel, open on that day: a State Corporation
    /// branch, a Public Service Centre (2007–2016) or the authority's own reception; none for the portal.
    public func officeOfFiling(_ id: String, channel: Channel, on day: LocalDate) -> Office? {
        guard let office = reference.office(id), office.isOpen(on: day) else { return nil }
        switch channel {
        case .stateCorporation: return office.kind == .stateCorporationBranch ? office : nil
        case .publicServiceCentre: return office.kind == .publicServiceCentre ? office : nil
        case .authorityOffice: return office.kind == .authority ? office : nil
        case .portal: return nil
        }
    }

    /// Whose wall clock a filing counts on: the region of its office of filing (a branch, a
    /// centre, an authority's reception); none for the portal (the provider's, UTC+5 today).
    public func regionOfFiling(channel: Channel, officeId: String?) -> String? {
        channel == .portal ? nil : officeId.flatMap { reference.office($0)?.region }
    }

    /// The days a service was provided, oldest first: each version's [from, until) (until nil:
    /// still in force). A filing outside them is told when the rules were in force.
    public func windows(of code: String) -> [(from: LocalDate, until: LocalDate?)] {
        history(of: code).map { ($0.version.effectiveFrom, $0.version.effectiveUntil) }
    }

    /// The tier of the branch an application was made to: the front office of filing, or for the
    /// portal the branch chosen for the paper result. Terms depend on it (travel abroad: 5 or 10
    /// working days).
    public func tierOfBranchAppliedTo(channel: Channel, branchId: String?, delivery: Delivery) -> Office.Tier? {
        switch channel {
        case .stateCorporation: return branchId.flatMap { branch($0)?.tier }
        case .publicServiceCentre, .authorityOffice: return branchId.flatMap { reference.office($0)?.tier }
        case .portal: return (delivery.branchId ?? branchId).flatMap { branch($0)?.tier }
        }
    }

    /// The state duty in tenge on `day`, from the MCI in force then.
    public func tenge(for fee: FeeRule, on day: LocalDate) -> Int? {
        if let tenge = fee.tenge { return tenge }
        guard let mci = fee.mci, let value = reference.mci.value(on: day)?.value else { return nil }
        return Int((mci * Double(value)).rounded())
    }
}
