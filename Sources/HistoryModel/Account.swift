/// What a person may do through `history serve`. A reader reads; a recorder also posts revisions; a
/// reviewer also records verdicts; an admin may do everything, and list the people.
public enum Role: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case reader, recorder, reviewer, admin

    /// Whether this role may do what `needed` allows (admin may do all; recorder and reviewer each their own).
    public func allows(_ needed: Role) -> Bool {
        self == needed || self == .admin || needed == .reader
    }

    public var description: String { rawValue }

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// A person the service knows: who they are in commits and notes, and what they may do.
public struct Account: Hashable, Sendable {
    public var name: String
    public var role: Role
    public var email: String?

    public init(name: String, role: Role, email: String? = nil) {
        self.name = name
        self.role = role
        self.email = email
    }

    /// As the author of what they record and the reviewer of what they review: `Name <name@history>`
    /// unless an email was given.
    public var person: Person { Person(name: name, email: email ?? "\(name)@history") }

    /// A name: 1–64 lower-case letters, digits, dots, hyphens and underscores, starting with a letter or digit.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...64).contains(name.unicodeScalars.count) else { return false }
        let allowed: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
        return name.unicodeScalars.allSatisfy(allowed) && (("a"..."z").contains(first) || ("0"..."9").contains(first))
    }
}
