/// CSV as RFC 4180 writes it, for every CSV `history` prints (`facts --format csv`, `export --csv`).
public enum CSV {
    /// A field, quoted when it holds a comma, a quote or a line break (quotes doubled).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of fields.
    public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}
