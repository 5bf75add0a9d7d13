import HistoryModel
import SemanticDiff

/// The words every report format shares: the summary line, the range, each event's title.
enum ReportWords {
    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    static func summary(_ report: ChangeReport, minimum: Significance) -> String {
        summary(ReportSummary(report, minimum: minimum))
    }

    static func summary(_ s: ReportSummary) -> String {
        let minimum = s.minimum
        var parts = ["\(plural(s.events, "event")) in \(plural(s.profiles, "profile"))"]
        if s.corrections > 0 { parts[0] += " (\(plural(s.corrections, "correction")))" }
        parts.append(Describe.countsLine(s.counts, minimum: minimum))
        let hidden = s.hidden
        if hidden > 0 {
            parts.append("\(plural(hidden, "event")) with nothing \(minimum == .major ? "major" : "at or above \(minimum.rawValue)") not shown")
        }
        return parts.joined(separator: " · ")
    }

    /// `Commits 6822b9bd… to 78103cab… on main, recorded … to …, after the checkpoint … at …`; ids and names
    /// go through `code`, everything else through `plain` (identity, or an escaper).
    static func range(_ r: ChangeReport.Range, code: (String) -> String = { $0 }, plain: (String) -> String = { $0 }) -> String {
        guard let from = r.fromCommit?.hex, let to = r.toCommit?.hex else {
            if let checkpoint = r.checkpoint?.name {
                return plain("Nothing was recorded on main after the checkpoint ") + code(checkpoint)
                    + (r.previousCheckpoint.map { plain(" at ") + code($0.hex) } ?? "") + plain(".")
            }
            let since = r.since?.description ?? "the start", until = r.until?.description ?? "now"
            return plain("Nothing was recorded on main between \(since) and \(until).")
        }
        var text = from == to ? plain("Commit ") + code(from) : plain("Commits ") + code(from) + plain(" to ") + code(to)
        text += plain(" on main")
        if let since = r.since?.description, let until = r.until?.description {
            text += plain(", recorded \(since == until ? since : "\(since) to \(until)")")
        }
        if let checkpoint = r.checkpoint?.name {
            let after: String? = r.previousCheckpoint.map { plain(", after the checkpoint ") + code(checkpoint) + plain(" at ") + code($0.hex) }
            text += after ?? plain(", the first report of ") + code(checkpoint)
        }
        return text + plain(".")
    }

    static func title(_ e: ChangeReport.Event) -> String {
        switch e.event {
        case .correction: "CORRECTION of \(e.lastUpdated): the text already recorded for this date was changed"
        case .retraction: "RETRACTION of \(e.lastUpdated): a recorded text was withdrawn"
        case .backfill: "Back-filled revision of \(e.lastUpdated) (older than revisions already recorded)"
        case .revision: "Revision of \(e.lastUpdated)"
        }
    }

    /// A profile's first revision is all new: say so in a line rather than list every sentence as added.
    static func firstRevision(_ e: ChangeReport.Event) -> String? {
        guard e.comparison.from.revision == nil else { return nil }
        let d = e.comparison.diff
        let sections = d.changes.filter { $0.kind == .sectionAdded }.count
        let footnotes = d.changes.filter { $0.kind == .footnoteAdded }.count
        return "A new profile: \(plural(d.sentences.new, "statement")) in \(plural(sections, "section")), "
            + "\(plural(footnotes, "footnote")), all new. `history show \(e.comparison.profile) --at \(e.lastUpdated)` prints it."
    }

    static func detail(_ e: ChangeReport.Event, minimum: Significance, code: (String) -> String = { $0 }) -> String {
        var parts = ["recorded \(e.recordedAt) by \(e.author)", "commit \(code(e.commit.short))"]
        if let source = e.source { parts.append("from \(code(source))") }
        let from = e.comparison.from.revision
        if e.isRetraction {
            parts.append("withdraws the text of commit \(code(from?.commit.short ?? "")), compared here with what is in effect now")
            parts.append(Describe.countsLine(e.comparison.diff.counts, minimum: minimum))
            return parts.joined(separator: " · ")
        }
        switch (e.isCorrection, from) {
        case (true, _): parts.append("compared with the text it replaced")
        case (false, let r?): parts.append("compared with the revision of \(r.lastUpdated)")
        case (false, nil): parts.append("the first revision of this profile")
        }
        parts.append(Describe.countsLine(e.comparison.diff.counts, minimum: minimum))
        return parts.joined(separator: " · ")
    }
}

/// A report format written one profile at a time. `head` and `tail` need only the summary, so a report
/// over any number of events can be written profile by profile — each section made, written and dropped —
/// and its first lines put in front once every profile has been added up (`history report` spools the
/// sections to a file meanwhile). `render` puts the pieces together for a report held whole.
public protocol ReportRenderer: Sendable {
    var minimum: Significance { get }
    func head(_ summary: ReportSummary) -> String
    /// One profile's part, "" when the format shows none of its events; `index` counts the sections before it.
    func section(_ profile: ChangeReport.Profile, index: Int) -> String
    func tail(_ summary: ReportSummary, sections: Int) -> String
}

extension ReportRenderer {
    public func render(_ report: ChangeReport) -> String {
        var summary = ReportSummary(range: report.range, minimum: minimum)
        var body = "", sections = 0
        for profile in report.profiles {
            summary.add(profile)
            let part = section(profile, index: sections)
            if !part.isEmpty { body += part; sections += 1 }
        }
        return head(summary) + body + tail(summary, sections: sections)
    }
}

/// A report as Markdown: what a cron mail or a ticket should read like.
public struct ReportMarkdown: ReportRenderer {
    public let minimum: Significance
    public init(minimum: Significance = .minor) { self.minimum = minimum }

    public static func render(_ report: ChangeReport, minimum: Significance = .minor) -> String {
        ReportMarkdown(minimum: minimum).render(report)
    }

    public func head(_ summary: ReportSummary) -> String {
        "# Profile changes recorded on main\n\n" + ReportWords.summary(summary) + "\n\n"
            + ReportWords.range(summary.range, code: { "`\($0)`" }) + "\n"
    }

    public func section(_ whole: ChangeReport.Profile, index: Int) -> String {
        guard let profile = whole.shown(atLeast: minimum) else { return "" }
        var out = "\n## \(DiffMarkdown.escape(profile.profile.description))\n"
        for event in profile.events {
            let title = DiffMarkdown.escape(ReportWords.title(event))
            out += "\n### \(event.isFlagged ? "⚠ **\(title)**" : title)\n\n"
            out += DiffMarkdown.escape(ReportWords.detail(event, minimum: minimum)) + "\n"
            for review in event.reviews { out += "\nReviewed \(DiffMarkdown.escape(Formatting.verdictLine(review)))\n" }
            if let note = ReportWords.firstRevision(event) {
                out += "\n" + note + "\n"
            } else {
                out += DiffMarkdown.body(event.comparison.diff, minimum: minimum, headingLevel: 4)
            }
        }
        return out
    }

    public func tail(_ summary: ReportSummary, sections: Int) -> String { "" }
}

/// A report as plain text (colour on a terminal, like `history diff`).
public struct ReportText: ReportRenderer {
    public let style: DiffText.Style
    public var minimum: Significance { style.minimum }
    public init(style: DiffText.Style = .init()) { self.style = style }

    public static func render(_ report: ChangeReport, style: DiffText.Style = .init()) -> String {
        ReportText(style: style).render(report)
    }

    public func head(_ summary: ReportSummary) -> String {
        DiffText.paint("Profile changes recorded on main", .bold, style) + "\n" + ReportWords.summary(summary) + "\n"
            + ReportWords.range(summary.range) + "\n"
    }

    public func section(_ whole: ChangeReport.Profile, index: Int) -> String {
        guard let profile = whole.shown(atLeast: minimum) else { return "" }
        var out = "\n" + DiffText.paint("== \(profile.profile)", .bold, style) + "\n"
        for event in profile.events {
            let title = ReportWords.title(event)
            out += "\n" + (event.isFlagged ? DiffText.paint("!! \(title)", .delete, style) : DiffText.paint(title, .bold, style)) + "\n"
            out += "  " + ReportWords.detail(event, minimum: style.minimum) + "\n"
            for review in event.reviews { out += "  reviewed \(Formatting.verdictLine(review))\n" }
            if let note = ReportWords.firstRevision(event) {
                out += "  " + note.replacingOccurrences(of: "`", with: "") + "\n"
            } else {
                out += DiffText.body(event.comparison.diff, style: style)
            }
        }
        return out
    }

    public func tail(_ summary: ReportSummary, sections: Int) -> String { "" }
}

/// `history.report.v1`: every event, each with its `history.diff.v1` (changes filtered by the threshold).
public struct ReportJSON: ReportRenderer {
    public let minimum: Significance
    public init(minimum: Significance = .minor) { self.minimum = minimum }

    public static func render(_ report: ChangeReport, minimum: Significance = .minor) -> String {
        ReportJSON(minimum: minimum).render(report)
    }

    /// The document up to `"profiles": `; the sections fill the array and `tail` closes it.
    public func head(_ summary: ReportSummary) -> String {
        let r = summary.range
        let counts = summary.counts
        let whole = JSONValue.object([
            ("schema", .string("history.report.v1")),
            ("range", .object([
                ("fromCommit", .optional(r.fromCommit)), ("toCommit", .optional(r.toCommit)),
                ("since", .optional(r.since)), ("until", .optional(r.until)),
                ("checkpoint", .optional(r.checkpoint)), ("previousCheckpoint", .optional(r.previousCheckpoint)),
                ("tip", .optional(r.tip)),
            ])),
            ("minSignificance", .string(minimum.rawValue)),
            ("counts", .object([
                ("profiles", .int(summary.profiles)), ("events", .int(summary.events)),
                ("corrections", .int(summary.corrections)),
                ("major", .int(counts.major)), ("minor", .int(counts.minor)), ("cosmetic", .int(counts.cosmetic)),
            ])),
            ("profiles", .array([])),
        ]).rendered()
        return String(whole.dropLast(Self.emptyEnd.count))
    }

    static let emptyEnd = "[]\n}\n"

    public func section(_ p: ChangeReport.Profile, index: Int) -> String {
        let value = JSONValue.object([("profile", .text(p.profile)), ("events", .array(p.events.map { e in
            .object([
                ("event", .string(e.event.rawValue)), ("lastUpdated", .text(e.lastUpdated)), ("commit", .text(e.commit)),
                ("recordedAt", .text(e.recordedAt)), ("author", .text(e.author)), ("source", .optional(e.source)),
                ("reviews", .array(e.reviews.map { r in
                    .object([("verdict", .string(r.verdict.rawValue)), ("reviewer", .text(r.reviewer)),
                             ("reviewedAt", .text(Timestamp(seconds: r.reviewedAt.seconds))), ("note", .string(r.note))])
                })),
                ("diff", DiffJSON.value(e.comparison, minimum: minimum)),
            ])
        }))])
        return (index == 0 ? "[\n    " : ",\n    ") + value.rendered(indent: 2)
    }

    public func tail(_ summary: ReportSummary, sections: Int) -> String {
        sections == 0 ? Self.emptyEnd : "\n  ]\n}\n"
    }
}
