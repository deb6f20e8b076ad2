import Foundation

/// A change a decision makes to a state register (removal from the military register when a
/// citizen leaves for permanent residence): the gateway answers from the changed register
/// afterwards, so a later application sees it.
public struct RegisterChange: Codable, Sendable, Equatable {
    public var applicationId: String
    /// The register, named as the gateway query that reads it (`military.registration`).
    public var register: String
    public var subjectIin: String
    /// Fields of the register's record and their new values; an empty value clears the field.
    public var changes: [String: String]
    public var changedAt: Date
    public var rulesVersion: String?

    public init(applicationId: String, register: String, subjectIin: String, changes: [String: String], changedAt: Date, rulesVersion: String?) {
        self.applicationId = applicationId
        self.register = register
        self.subjectIin = subjectIin
        self.changes = changes
        self.changedAt = changedAt
        self.rulesVersion = rulesVersion
    }
}
