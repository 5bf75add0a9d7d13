import HistoryModel
import SemanticDiff

/// The words every report format shares: the summary line, the range, each event's title.
enum ReportWords {
    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    static func summary(_ report: ChangeReport, minimum: Significance) -> String {
        let events = report.events
        var parts = ["\(plural(events.count, "event")) in \(plural(report.profiles.count, "profile"))"]
        let corrections = events.filter(\.isCorrection).count
        if corrections > 0 { parts[0] += " (\(plural(corrections, "correction")))" }
        parts.append(Describe.countsLine(report.counts, minimum: minimum))
        let hidden = report.hiddenEvents(atLeast: minimum)
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

/// A report as Markdown: what a cron mail or a ticket should read like.
public enum ReportMarkdown {
    public static func render(_ report: ChangeReport, minimum: Significance = .minor) -> String {
        let code: (String) -> String = { "`\($0)`" }
        var out = "# Profile changes recorded on main\n\n"
        out += ReportWords.summary(report, minimum: minimum) + "\n\n"
        out += ReportWords.range(report.range, code: code) + "\n"
        for profile in report.shown(atLeast: minimum).profiles {
            out += "\n## \(DiffMarkdown.escape(profile.profile.description))\n"
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
        }
        return out
    }
}

/// A report as plain text (colour on a terminal, like `history diff`).
public enum ReportText {
    public static func render(_ report: ChangeReport, style: DiffText.Style = .init()) -> String {
        var out = DiffText.paint("Profile changes recorded on main", .bold, style) + "\n"
        out += ReportWords.summary(report, minimum: style.minimum) + "\n"
        out += ReportWords.range(report.range) + "\n"
        for profile in report.shown(atLeast: style.minimum).profiles {
            out += "\n" + DiffText.paint("== \(profile.profile)", .bold, style) + "\n"
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
        }
        return out
    }
}

/// `history.report.v1`: every event, each with its `history.diff.v1` (changes filtered by the threshold).
public enum ReportJSON {
    public static func render(_ report: ChangeReport, minimum: Significance = .minor) -> String {
        let r = report.range
        let counts = report.counts
        return JSONValue.object([
            ("schema", .string("history.report.v1")),
            ("range", .object([
                ("fromCommit", .optional(r.fromCommit)), ("toCommit", .optional(r.toCommit)),
                ("since", .optional(r.since)), ("until", .optional(r.until)),
                ("checkpoint", .optional(r.checkpoint)), ("previousCheckpoint", .optional(r.previousCheckpoint)),
                ("tip", .optional(r.tip)),
            ])),
            ("minSignificance", .string(minimum.rawValue)),
            ("counts", .object([
                ("profiles", .int(report.profiles.count)), ("events", .int(report.events.count)),
                ("corrections", .int(report.events.filter(\.isCorrection).count)),
                ("major", .int(counts.major)), ("minor", .int(counts.minor)), ("cosmetic", .int(counts.cosmetic)),
            ])),
            ("profiles", .array(report.profiles.map { p in
                .object([("profile", .text(p.profile)), ("events", .array(p.events.map { e in
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
            })),
        ]).rendered()
    }
}
