import Foundation

/// Profiles picked by shell globs over their ids (`kosovo/*`, `*/mine-ban-policy`): what a consumer of a
/// report or a feed subscribes to. A profile matches when any of the globs does.
public struct ProfileGlobs: Hashable, Sendable, CustomStringConvertible {
    public let patterns: [String]

    /// Nil when no pattern is given (every profile); a pattern that cannot name a profile is an error.
    public init?(_ patterns: [String], option: String = "--profile") throws(HistoryError) {
        let given = patterns.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        guard !given.isEmpty else { return nil }
        for pattern in given where !Self.isUsable(pattern) {
            throw .invalidArgument(what: "\(option) '\(pattern.prefix(60))' is not a profile glob",
                                   fix: "give an id or a glob such as kosovo/* or */mine-ban-policy")
        }
        self.patterns = given
    }

    /// A pattern short enough and free of line breaks and NULs (fnmatch reads it as a C string).
    public static func isUsable(_ pattern: String) -> Bool {
        pattern.count <= 200 && !pattern.contains(where: { $0.isNewline || $0 == "\0" })
    }

    public func matches(_ profile: ProfileID) -> Bool {
        let id = profile.description
        return patterns.contains { fnmatch($0, id, 0) == 0 }
    }

    public var description: String { patterns.joined(separator: ",") }
}
