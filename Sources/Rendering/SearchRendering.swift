import HistoryModel
import ProfileModel
import SemanticDiff

/// `history search`: text, and the `history.search.v1` JSON document, written a profile at a time.
public enum SearchRendering {
    /// Per statement: its latest wording, then when it was introduced, reworded and removed.
    public static func text(_ matches: [StatementMatch]) -> String {
        var out = ""
        for m in matches {
            out += "\(m.profile)  “\(m.latest.text)”\n"
            out += "  introduced  \(line(m.introduced))\n"
            for r in m.rewordings {
                out += "  reworded    \(line(r))  (\(r.significance?.rawValue ?? "minor"))\n"
                out += "              “\(r.text)”\n"
            }
            if let removed = m.removed { out += "  removed     \(line(removed))\n" } else { out += "  still stated\n" }
        }
        return out
    }

    static func line(_ v: StatementVersion) -> String {
        "\(v.lastUpdated)  \(v.commit.short)" + (v.event == .correction ? "  (a correction)" : "")
    }

    public static func begin(pattern: String, regex: Bool) -> String {
        "{\n  \"schema\": \"history.search.v1\",\n"
            + "  \"pattern\": \(JSONValue.string(pattern).rendered(indent: 1)),\n"
            + "  \"regex\": \(regex),\n"
            + "  \"matches\": ["
    }

    public static func matches(_ matches: [StatementMatch], first index: Int) -> String {
        var out = ""
        for (i, m) in matches.enumerated() {
            out += (index + i == 0 ? "\n    " : ",\n    ") + value(m).rendered(indent: 2)
        }
        return out
    }

    public static func end(count: Int) -> String {
        count == 0 ? "]\n}\n" : "\n  ]\n}\n"
    }

    static func version(_ v: StatementVersion) -> JSONValue {
        .object([
            ("lastUpdated", .text(v.lastUpdated)), ("commit", .text(v.commit)), ("event", .optional(v.event?.rawValue)),
            ("text", .string(v.text)),
        ])
    }

    static func value(_ m: StatementMatch) -> JSONValue {
        .object([
            ("profile", .text(m.profile)),
            ("introduced", version(m.introduced)),
            ("rewordings", .array(m.rewordings.map { r in
                guard case .object(var members) = version(r) else { return version(r) }
                members.append(("significance", .optional(r.significance?.rawValue)))
                return .object(members)
            })),
            ("removed", m.removed.map(version) ?? .null),
        ])
    }
}
