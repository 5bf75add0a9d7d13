import SemanticDiff

/// One query-string value read into the store's types, as the API's routes read them; a bad value is an
/// `.invalidArgument` (a 400 naming `name=value`). A missing or empty value is `nil`. Here rather than on
/// the server's request type, so that the fuzzer drives exactly this without the server.
public enum QueryValue {
    public static func date(_ value: String?, name: String) throws(HistoryError) -> DateArgument? {
        try value.map { (text) throws(HistoryError) in try DateArgument(text, option: name) }
    }

    /// A whole number of at least 0, e.g. `offset=100`.
    public static func count(_ value: String?, name: String) throws(HistoryError) -> Int? {
        guard let text = value else { return nil }
        guard text.utf8.count <= 9, let number = Int(text), number >= 0 else {
            throw .invalidArgument(what: "\(name)=\(text)", fix: "give a whole number from 0 to 999999999")
        }
        return number
    }

    public static func flag(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }

    /// `min=` and the like: minor when not given.
    public static func significance(_ value: String?, name: String) throws(HistoryError) -> Significance {
        guard let text = value else { return .minor }
        guard let level = Significance(rawValue: text) else {
            throw .invalidArgument(what: "\(name)=\(text)", fix: "use cosmetic, minor or major")
        }
        return level
    }

    /// `recordedAt=` as epoch seconds.
    public static func recordedTime(_ value: String?, name: String) throws(HistoryError) -> Int64? {
        try value.map { (t) throws(HistoryError) in try RecordedTime(t, option: name).seconds }
    }
}
