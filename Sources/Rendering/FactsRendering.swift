import HistoryModel
import ProfileModel
import SemanticDiff

/// `history facts`: text, the `history.facts.v1` JSON document, and CSV — each written a profile at a time,
/// so `--all` over thousands of profiles streams.
public enum FactsRendering {
    // MARK: Text

    /// `kosovo/cluster-munition-ban-policy` then, per series, its subject and one line per value.
    public static func text(_ profile: ProfileID, _ series: [FactSeries]) -> String {
        guard !series.isEmpty else { return "" }
        var out = "\(profile)\n"
        for s in series {
            out += "  \(s.subject)\n"
            for p in s.points {
                let value = p.value?.text ?? "(no longer stated)"
                out += "    \(p.lastUpdated)  \(value.padding(toLength: max(value.count, 24), withPad: " ", startingAt: 0))  \(p.commit.short)"
                out += p.isCorrection ? "  correction\n" : "\n"
            }
        }
        return out
    }

    // MARK: JSON

    /// The opening of a `history.facts.v1` document; then one `profile` entry per profile, then `end`.
    public static func begin(from: DateArgument?, to: DateArgument?, subject: String?) -> String {
        "{\n  \"schema\": \"history.facts.v1\",\n"
            + "  \"from\": \(JSONValue.optional(from?.start).rendered(indent: 1)),\n"
            + "  \"to\": \(JSONValue.optional(to?.end).rendered(indent: 1)),\n"
            + "  \"subject\": \(JSONValue.optional(subject).rendered(indent: 1)),\n"
            + "  \"profiles\": ["
    }

    public static func profile(_ profile: ProfileID, _ series: [FactSeries], index: Int) -> String {
        let value = JSONValue.object([("profile", .text(profile)), ("series", .array(series.map(seriesValue)))])
        return (index == 0 ? "\n    " : ",\n    ") + value.rendered(indent: 2)
    }

    public static func end(count: Int) -> String {
        count == 0 ? "]\n}\n" : "\n  ]\n}\n"
    }

    static func seriesValue(_ s: FactSeries) -> JSONValue {
        .object([
            ("subject", .string(s.subject)),
            ("unit", s.unit.isEmpty ? .null : .string(s.unit)),
            ("kind", .string(s.kind.rawValue)),
            ("points", .array(s.points.map { p in
                .object([
                    ("lastUpdated", .text(p.lastUpdated)),
                    ("commit", .text(p.commit)),
                    ("event", .optional(p.event?.rawValue)),
                    ("correction", .bool(p.isCorrection)),
                    ("value", p.value.map(DiffJSON.factValue) ?? .null),
                ])
            })),
        ])
    }

    // MARK: CSV

    public static let csvHeader = "profile,subject,unit,kind,last_updated,commit,event,correction,value,text\n"

    /// One row per point (RFC 4180 quoting).
    public static func csv(_ series: [FactSeries]) -> String {
        var out = ""
        for s in series {
            for p in s.points {
                let value: String
                switch p.value?.value {
                case .number(let d)?: value = d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
                case .date(let iso)?: value = iso
                case .text(let words)?: value = words
                case nil: value = ""
                }
                let fields = [s.profile.description, s.subject, s.unit, s.kind.rawValue, p.lastUpdated.description, p.commit.hex,
                              p.event?.rawValue ?? "", p.isCorrection ? "true" : "false", value, p.value?.text ?? ""]
                out += CSV.row(fields)
            }
        }
        return out
    }
}
