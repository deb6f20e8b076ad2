/// Cases one application opens for several services (the "one application" principle): the
/// linked case's id and scenario, as intake names them and review recognises them.
public enum LinkedCases {
    /// The scenario of a linked service whose document is the main service's result.
    public static let scenario = "bundled"

    /// `<main id>.apostille`: the last part of the linked service's code after the main id.
    public static func id(main: String, service: ServiceRules) -> String {
        main + "." + (service.code.split(separator: ".").last.map(String.init) ?? service.shortCode.lowercased())
    }
}
