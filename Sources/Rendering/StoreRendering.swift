import HistoryModel
import ProfileModel
import SemanticDiff

/// Text and JSON for what the store lists — profiles, recorded events, blame — for the command line and the
/// server alike. JSON is written by `JSONValue`, the one writer every document goes through.
public enum Formatting {
    public static func profilesText(_ profiles: [ProfileSummary]) -> String {
        let width = profiles.map { $0.profile.description.count }.max() ?? 0
        return profiles.map { p in
            let id = p.profile.description.padding(toLength: width, withPad: " ", startingAt: 0)
            let count = "\(p.revisions) revision\(p.revisions == 1 ? "" : "s")".padding(toLength: 13, withPad: " ", startingAt: 0)
            return "\(id)  \(count)  \(p.first) … \(p.last)\n"
        }.joined()
    }

    public static func logText(_ entries: [LogEntry]) -> String {
        let width = entries.map { $0.profile.description.count }.max() ?? 0
        return entries.map { e in
            var line = "\(e.commit.short)  recorded \(e.recordedAt)  "
            line += e.event.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            line += " \(e.lastUpdated)  \(e.profile.description.padding(toLength: width, withPad: " ", startingAt: 0))"
            line += "  by \(e.author)"
            if let source = e.source { line += "  from \(source)" }
            if let sha = e.sourceSHA256 { line += " (sha256 \(sha.prefix(12)))" }
            for review in e.reviews { line += "\n    " + reviewLine(review) }
            return line + "\n"
        }.joined()
    }

    /// `reviewed approved by Ada Auditor <ada@example.org> at 2026-11-29T09:00:00Z: matches the PDF`
    public static func reviewLine(_ r: Review) -> String { "reviewed " + verdictLine(r) }

    /// `approved by Ada Auditor <ada@example.org> at 2026-11-29T09:00:00Z: matches the PDF`
    public static func verdictLine(_ r: Review) -> String {
        "\(r.verdict.rawValue) by \(r.reviewer) at \(Timestamp(seconds: r.reviewedAt.seconds))"
            + (r.note.isEmpty ? "" : ": " + r.note.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    static func person(_ p: Person) -> JSONValue {
        .object([("name", .string(p.name)), ("email", .string(p.email))])
    }

    public static func reviewValue(_ r: Review) -> JSONValue {
        .object([("verdict", .string(r.verdict.rawValue)), ("reviewer", person(r.reviewer)),
                 ("reviewedAt", .text(Timestamp(seconds: r.reviewedAt.seconds))), ("note", .string(r.note))])
    }

    /// `history.pending.v1`: the review queue, newest first, each event with its counts and its page.
    public static func pendingJSON(_ events: [ChangeReport.Event]) -> String {
        JSONValue.object([
            ("schema", .string("history.pending.v1")),
            ("events", .array(events.map { e in
                let counts = e.comparison.diff.counts
                return .object([
                    ("commit", .text(e.commit)), ("profile", .text(e.comparison.profile)), ("event", .string(e.event.rawValue)),
                    ("lastUpdated", .text(e.lastUpdated)), ("recordedAt", .text(e.recordedAt)), ("author", person(e.author)),
                    ("counts", .object([("major", .int(counts.major)), ("minor", .int(counts.minor)), ("cosmetic", .int(counts.cosmetic))])),
                    ("page", .string("/events/\(e.commit.hex)")),
                ])
            })),
        ]).rendered()
    }

    /// A verdict just recorded, as `POST /api/reviews/{commit}` answers it.
    public static func reviewJSON(_ r: Review, of commit: CommitID) -> String {
        var fields: [(String, JSONValue)] = [("commit", .text(commit))]
        if case .object(let rest) = reviewValue(r) { fields += rest }
        return JSONValue.object(fields).rendered()
    }

    public static func logValue(_ e: LogEntry) -> JSONValue {
        .object([
            ("commit", .text(e.commit)), ("profile", .text(e.profile)), ("event", .string(e.event.rawValue)),
            ("lastUpdated", .text(e.lastUpdated)), ("recordedAt", .text(e.recordedAt)), ("author", person(e.author)),
            ("source", .optional(e.source)), ("sourceSHA256", .optional(e.sourceSHA256)),
            ("reviews", .array(e.reviews.map(reviewValue))),
        ])
    }

    public static func logJSON(_ entries: [LogEntry]) -> String {
        JSONValue.object([("schema", .string("history.log.v1")), ("entries", .array(entries.map(logValue)))]).rendered()
    }

    public static func profilesJSON(_ profiles: [ProfileSummary]) -> String {
        JSONValue.object([
            ("schema", .string("history.profiles.v1")),
            ("profiles", .array(profiles.map {
                .object([("profile", .text($0.profile)), ("revisions", .int($0.revisions)), ("first", .text($0.first)), ("last", .text($0.last))])
            })),
        ]).rendered()
    }
}

extension Formatting {
    /// `show --format json` (`history.show.v1`): the revision in effect, where it was read from, its
    /// structure as the diff sees it (title, summary, sections, footnotes) and its exact stored text.
    public static func showJSON(_ revision: ResolvedRevision, parsed: Profile, at: EffectiveDate?, recordedAt: String?) -> String {
        func paragraph(_ p: Paragraph) -> JSONValue { .object([("label", .optional(p.label)), ("text", .string(p.text))]) }
        return JSONValue.object([
            ("schema", .string("history.show.v1")),
            ("profile", .text(revision.profile)),
            ("at", .optional(at)),
            ("recordedAt", .optional(recordedAt)),
            ("lastUpdated", .text(revision.lastUpdated)),
            ("path", .string("profiles/\(revision.profile)/\(revision.lastUpdated).txt")),
            ("snapshot", .text(revision.commit)),
            ("title", .optional(parsed.title)),
            ("summary", .array(parsed.summary.map(paragraph))),
            ("sections", .array(parsed.sections.map { .object([("heading", .optional($0.heading)), ("paragraphs", .array($0.paragraphs.map(paragraph)))]) })),
            ("footnotes", .array(parsed.footnotes.map { .object([("number", .int($0.number)), ("text", .string($0.text))]) })),
            ("text", .string(revision.text)),
        ]).rendered()
    }

    /// One line per sentence under its place (summary, section, footnote): when it was introduced and,
    /// if later, when it last changed in meaning.
    public static func blameText(_ blame: Blame) -> String {
        var out = "\(blame.profile)  revision of \(blame.revision.lastUpdated) (commit \(blame.revision.commit.short))"
        out += ", following \(blame.revisions.count) revision\(blame.revisions.count == 1 ? "" : "s") since \(blame.revisions.first?.lastUpdated.description ?? "")\n"
        out += "  introduced               last change in meaning\n"
        var place = ""
        for line in blame.lines {
            let here = line.location.label
            if here != place { out += "\(here)\n"; place = here }
            let introduced = "\(line.introduced.lastUpdated) \(line.introduced.commit.short)"
            let meaning = line.lastMeaningChange == line.introduced
                ? String(repeating: " ", count: 23) : "\(line.lastMeaningChange.lastUpdated) \(line.lastMeaningChange.commit.short)"
            out += "  \(introduced)  \(meaning)  \(line.text)\n"
        }
        return out
    }

    public static func blameJSON(_ blame: Blame) -> String {
        func revision(_ r: BlameRevision) -> JSONValue { .object([("lastUpdated", .text(r.lastUpdated)), ("commit", .text(r.commit))]) }
        return JSONValue.object([
            ("schema", .string("history.blame.v1")),
            ("profile", .text(blame.profile)),
            ("revision", revision(blame.revision)),
            ("revisions", .array(blame.revisions.map(revision))),
            ("sentences", .array(blame.lines.map { l in
                .object([
                    ("index", .int(l.index)),
                    ("location", .object([("part", .string(l.location.part.rawValue)), ("section", .optional(l.location.section)),
                                          ("footnote", l.location.footnote.map { .int($0) } ?? .null)])),
                    ("text", .string(l.text)),
                    ("introduced", revision(l.introduced)),
                    ("lastMeaningChange", revision(l.lastMeaningChange)),
                    ("lastEdited", revision(l.lastEdited)),
                ])
            })),
        ]).rendered()
    }
}
