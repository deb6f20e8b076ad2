/// The guards and checks the engine implements, by name. A catalogue may only name these; review
/// binds each to its implementation and a test proves every name here has one.
public enum NamedRules {
    public static let guards: Set<String> = [
        /// The criminal-records answer is clear: none, or convictions on record.
        "records-clear",
        /// The records are ambiguous and need the additional reference check.
        "records-need-check",
        /// The records query was not answered (subject unknown, not found, denied).
        "records-unavailable",
        /// The preliminary-refusal hearing has been held and its outcome recorded.
        "hearing-held",
        /// The payment gateway confirmed the duty in full.
        "payment-confirmed",
        /// The payment gateway reported no payment, or too little.
        "payment-missing",
    ]

    public static let checks: Set<String> = [
        /// The military document presented is not the one on the military register.
        "military-document-mismatch",
        /// Not on the register, already removed, or in the other category than the scenario.
        "military-registration-mismatch",
    ]

    public static let consentMethods: Set<String> = ["cabinet", "otp", "sms", "notarised-power-of-attorney", "electronic-power-of-attorney"]
}
