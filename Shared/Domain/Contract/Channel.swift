/// Where an application was filed.
public enum Channel: String, Codable, Sendable, CaseIterable {
    /// The e-government portal, www.egov.kz.
    case portal
    /// A front office of the State Corporation "Government for Citizens".
    case stateCorporation = "state-corporation"
    /// A Public Service Centre (ХҚО/ЦОН) of the Ministry of Justice, before the State Corporation (2007-2016 acts).
    case publicServiceCentre = "public-service-centre"
    /// The authority's own office (a local military authority's reception), a channel of the 2012 standards.
    case authorityOffice = "authority-office"
}

/// Where the result goes.
public enum DeliveryMethod: String, Codable, Sendable {
    case personalCabinet = "personal-cabinet"
    case branch
    /// A text message to the mobile number registered on the portal (a proactive service's notice).
    case sms
}

public struct Delivery: Codable, Sendable, Equatable {
    public var method: DeliveryMethod
    /// The State Corporation branch for paper results (chosen on the portal, or the branch of filing).
    public var branchId: String?

    public init(method: DeliveryMethod, branchId: String? = nil) {
        self.method = method
        self.branchId = branchId
    }
}
