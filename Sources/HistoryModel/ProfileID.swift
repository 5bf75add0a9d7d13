/// `<area>/<topic>`, both lower-case slugs (`kosovo/cluster-munition-ban-policy`).
public struct ProfileID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let area: String
    public let topic: String

    public init(area: String, topic: String) throws(HistoryError) {
        guard ProfileID.isSlug(area), ProfileID.isSlug(topic) else {
            throw .invalidArgument(what: "profile id '\(area)/\(topic)'", fix: "use <area>/<topic> in lower-case letters, digits and single hyphens, e.g. kosovo/cluster-munition-ban-policy")
        }
        self.area = area
        self.topic = topic
    }

    public init(_ text: String) throws(HistoryError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, ProfileID.isSlug(parts[0]), ProfileID.isSlug(parts[1]) else {
            throw .invalidArgument(what: "profile id '\(text)'", fix: "use <area>/<topic> in lower-case letters, digits and single hyphens, e.g. kosovo/cluster-munition-ban-policy")
        }
        area = String(parts[0])
        topic = String(parts[1])
    }

    /// `[a-z0-9]+(-[a-z0-9]+)*`, at most 100 characters: safe as a path component and in a ref name.
    public static func isSlug(_ s: some StringProtocol) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 100, s.first != "-", s.last != "-", !s.contains("--") else { return false }
        return s.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
    }

    public var description: String { "\(area)/\(topic)" }

    /// The folder holding this profile's dated revisions in a commit's tree.
    public var treePath: String { "profiles/\(area)/\(topic)" }

    public static func < (a: ProfileID, b: ProfileID) -> Bool { (a.area, a.topic) < (b.area, b.topic) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
