import Foundation

/// A citizen paying a state duty before filing (the apostille's 0.5 MCI per document): a payment
/// to the application id through the simulated e-government payment gateway on identity.
extension StackHTTPClient {
    struct DutyPayment: Encodable { var applicationId: String; var amountTenge: Int }

    /// Pays every duty the plan's applicants pay before filing; returns how many were paid.
    @discardableResult
    public func payDuties(_ plan: [PlannedApplication]) async throws -> Int {
        var paid = 0
        for planned in plan {
            guard let tenge = planned.dutyTenge else { continue }
            let (code, _) = try await post(identity, "payments", DutyPayment(applicationId: planned.application.applicationId, amountTenge: tenge))
            if code == 200 { paid += 1 }
        }
        return paid
    }
}
