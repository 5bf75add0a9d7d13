import HistoryModel
import ProfileModel
import SemanticDiff

/// `history.diff.v1` and `history.diffs.v1`, field for field as DESIGN fixes them. Fields are only ever
/// added; every field is always present (null or empty when it does not apply) so consumers need no guessing.
public enum DiffJSON {
    /// Whether a diff is answered with one `history.diff.v1` (one profile compared once) or with a
    /// `history.diffs.v1` holding several (more profiles, `--all`, or `--steps`): the one rule the command
    /// line and the server both follow.
    public static func isOneDocument(profiles: Int, all: Bool, steps: Bool) -> Bool {
        profiles == 1 && !all && !steps
    }

    public static func document(_ comparison: ProfileComparison, minimum: Significance = .minor) -> String {
        value(comparison, minimum: minimum).rendered()
    }

    /// `history.diffs.v1` written as the diffs come: `begin`, then `entry` for each (with its index), then
    /// `end` with the totals. Byte for byte what `documents` prints for the same diffs.
    public static func begin(from: String, to: String, axis: ProfileComparison.TimeAxis, steps: Bool, minimum: Significance) -> String {
        "{\n  \"schema\": \"history.diffs.v1\",\n  \"from\": \(JSONValue.string(from).rendered(indent: 1)),\n"
            + "  \"to\": \(JSONValue.string(to).rendered(indent: 1)),\n  \"timeAxis\": \"\(axis.rawValue)\",\n"
            + "  \"steps\": \(steps),\n  \"minSignificance\": \"\(minimum.rawValue)\",\n  \"diffs\": ["
    }

    /// As UTF-8 bytes, the form it is written in: decoding each entry into a String only to encode it
    /// again was a thirtieth of `diff --all`.
    public static func entry(_ comparison: ProfileComparison, index: Int, minimum: Significance) -> [UInt8] {
        Array((index == 0 ? "\n    " : ",\n    ").utf8) + value(comparison, minimum: minimum).bytes(indent: 2)
    }

    public static func end(count: Int, counts: SignificanceCounts) -> String {
        (count == 0 ? "]" : "\n  ]") + ",\n  \"counts\": " + countsValue(counts).rendered(indent: 1) + "\n}\n"
    }

    /// Several profiles (or the steps of one): `history.diffs.v1`.
    public static func documents(_ comparisons: [ProfileComparison], from: String, to: String, axis: ProfileComparison.TimeAxis,
                                 steps: Bool, minimum: Significance = .minor) -> String {
        var counts = SignificanceCounts()
        for c in comparisons { counts.add(c.diff.counts) }
        return JSONValue.object([
            ("schema", .string("history.diffs.v1")),
            ("from", .string(from)),
            ("to", .string(to)),
            ("timeAxis", .string(axis.rawValue)),
            ("steps", .bool(steps)),
            ("minSignificance", .string(minimum.rawValue)),
            ("diffs", .array(comparisons.map { value($0, minimum: minimum) })),
            ("counts", countsValue(counts)),
        ]).rendered()
    }

    public static func value(_ c: ProfileComparison, minimum: Significance) -> JSONValue {
        .object([
            ("schema", .string("history.diff.v1")),
            ("profile", .text(c.profile)),
            ("timeAxis", .string(c.axis.rawValue)),
            ("from", side(c.from)),
            ("to", side(c.to)),
            ("revisionsBetween", .array(c.revisionsBetween.map(revision))),
            ("minSignificance", .string(minimum.rawValue)),
            ("changes", .array(c.diff.changes(atLeast: minimum).map(change))),
            ("counts", countsValue(c.diff.counts)),
            ("sentences", sentences(c.diff.sentences)),
            ("fallback", .optional(c.diff.fallback)),
        ])
    }

    static func side(_ s: ProfileComparison.Side) -> JSONValue {
        .object([("date", .text(s.date)), ("revision", s.revision.map(revision) ?? .null)])
    }

    static func revision(_ r: ProfileComparison.Revision) -> JSONValue {
        .object([
            ("lastUpdated", .text(r.lastUpdated)),
            ("commit", .text(r.commit)),
            ("recordedAt", .optional(r.recordedAt)),
            ("event", .optional(r.event?.rawValue)),
        ])
    }

    static func countsValue(_ c: SignificanceCounts) -> JSONValue {
        .object([("major", .int(c.major)), ("minor", .int(c.minor)), ("cosmetic", .int(c.cosmetic))])
    }

    static func sentences(_ t: SentenceTally) -> JSONValue {
        .object([
            ("old", .int(t.old)), ("new", .int(t.new)), ("unchanged", .int(t.unchanged)), ("restyled", .int(t.restyled)),
            ("changed", .int(t.changed)), ("moved", .int(t.moved)), ("merged", .int(t.merged)), ("split", .int(t.split)),
            ("added", .int(t.added)), ("removed", .int(t.removed)),
        ])
    }

    public static func change(_ c: Change) -> JSONValue {
        .object([
            ("id", .string(c.id)),
            ("kind", .string(c.kind.rawValue)),
            ("significance", .string(c.significance.rawValue)),
            ("moved", .bool(c.moved)),
            ("location", location(c.location)),
            ("oldLocation", c.oldLocation.map(location) ?? .null),
            ("old", c.old.map { .object([("text", .string($0))]) } ?? .null),
            ("new", c.new.map { .object([("text", .string($0))]) } ?? .null),
            ("sentences", .int(c.sentenceCount)),
            ("paragraph", .bool(c.paragraph)),
            ("facts", .array(c.facts.map(fact))),
            ("quotes", .array(c.quotes.map(quote))),
            ("words", .array(c.words.map { .array([.string($0.operation.rawValue), .string($0.text)]) })),
            ("renumbered", .array(c.renumbered.map { .object([("old", .int($0.old)), ("new", .int($0.new))]) })),
        ])
    }

    static func location(_ l: Location) -> JSONValue {
        .object([
            ("part", .string(l.part.rawValue)),
            ("section", .optional(l.section)),
            ("footnote", l.footnote.map { .int($0) } ?? .null),
        ])
    }

    static func fact(_ f: FactChange) -> JSONValue {
        .object([
            ("subject", .string(f.subject)),
            ("moved", .bool(f.moved)),
            ("old", f.old.map(factValue) ?? .null),
            ("new", f.new.map(factValue) ?? .null),
        ])
    }

    static func factValue(_ v: FactValue) -> JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(v.kind.rawValue))]
        switch v.value {
        case .number(let d): members.append(("value", .number(d)))
        case .date(let iso): members.append(("value", .string(iso)))
        case .text(let words): members.append(("value", .string(words)))
        }
        if !v.unit.isEmpty { members.append(("unit", .string(v.unit))) }
        members.append(("text", .string(v.text)))
        return .object(members)
    }

    static func quote(_ q: QuoteChange) -> JSONValue {
        func side(_ quote: Quote?) -> JSONValue {
            guard let quote else { return .null }
            return .object([("text", .string(quote.text)), ("speaker", .optional(quote.speaker))])
        }
        return .object([("old", side(q.old)), ("new", side(q.new))])
    }
}
