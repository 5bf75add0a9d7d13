/// The id of a commit on main (or of a note, or a checkpoint's target): 40 lower-case hex digits.
/// The store turns libgit2's ids into these; everything above the store sees only this.
public struct CommitID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let hex: String

    /// Nil unless `hex` is exactly 40 hex digits (upper case is accepted and lowered).
    public init?(hex: some StringProtocol) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 40, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        self.hex = lower
    }

    /// For ids that come from git itself (always 40 hex digits): no check.
    public init(trusted hex: String) {
        self.hex = hex
    }

    /// The abbreviation `history log` prints and every command accepts back.
    public var short: String { String(hex.prefix(12)) }

    public var description: String { hex }

    public static func < (a: CommitID, b: CommitID) -> Bool { a.hex < b.hex }
}

/// Who recorded or reviewed something: `Name <email>` as git writes it.
public struct Person: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    public var description: String { "\(name) <\(email)>" }

    /// Whether a name or email can stand in a commit's `author` line: no angle bracket, line break or NUL,
    /// looked for among scalars — as `Character`s, `<` followed by a combining mark is not a `<`, though
    /// every reader of the commit sees one.
    public static func writable(_ part: String) -> Bool {
        !part.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3C, 0x3E, 0x00, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
            default: false
            }
        }
    }

    /// Parses `Name <email>` as given to `--author` (or `--reviewer`); `option` names it in the error.
    public init(parsing text: String, option: String = "--author") throws(HistoryError) {
        let fix = "write it as \(option) \"Name <email@example.org>\""
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close,
              text[text.index(after: close)...].allSatisfy(\.isWhitespace) else {
            throw .invalidArgument(what: "\(option) '\(text)'", fix: fix)
        }
        let name = String(text[..<open]).trimmingWhitespace
        let email = String(text[text.index(after: open)..<close])
        guard !name.isEmpty, !email.isEmpty, Self.writable(name), Self.writable(email), !email.contains(" ") else {
            throw .invalidArgument(what: "\(option) '\(text)'", fix: fix)
        }
        self.init(name: name, email: email)
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
