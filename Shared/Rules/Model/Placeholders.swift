/// `{name}` placeholders in the catalogue's texts: a form's statements, a register change's values.
public enum Placeholders {
    /// The names in `text`, in order.
    public static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// `text` with every placeholder replaced; nil when one has no (non-empty) value, so that a
    /// statement or a register change is never written with a gap or a guess.
    public static func fill(_ text: String, _ values: [String: String]) -> String? {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            guard let value = values[String(rest[rest.index(after: open)..<close])], !value.isEmpty else { return nil }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
