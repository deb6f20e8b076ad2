/// One thing wrong with the catalogue: the file, the service it is in (if any), the JSON
/// pointer of the field and what is wrong with it.
public struct CatalogueProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var service: String?
    public var pointer: String
    public var message: String

    public init(file: String, service: String? = nil, pointer: String, message: String) {
        self.file = file
        self.service = service
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        "\(file)\(service.map { " [\($0)]" } ?? "") \(pointer.isEmpty ? "/" : pointer): \(message)"
    }
}

/// A catalogue that does not load: the service must not start on it.
public struct CatalogueError: Error, CustomStringConvertible {
    public var problems: [CatalogueProblem]

    public var description: String {
        "the service catalogue is invalid (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + problems.prefix(50).map { "  - \($0)" }.joined(separator: "\n")
    }
}
