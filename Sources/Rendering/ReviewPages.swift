import HistoryModel
import ProfileModel
import SemanticDiff

/// Server-rendered pages for reviewers: no JavaScript, one stylesheet shipped with the binary, every piece
/// of dynamic text escaped.
public enum Pages {
    public static let stylesheet = ReportHTML.stylesheet + """

        nav{font-size:.9rem;margin-bottom:1rem}nav a{margin-right:.8rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
        th{font-weight:600;color:#444}td.old del,td.new ins{font-weight:600}
        form.pick{display:flex;gap:1rem;flex-wrap:wrap;align-items:end;background:#f7f7f8;padding:.7rem;border-radius:6px}
        form.pick label{display:flex;flex-direction:column;font-size:.85rem;color:#444}
        details{margin-top:1rem}summary{cursor:pointer;color:#555}
        .event-correction{color:#b35900;font-weight:600}.error{background:#fff0f0;border-left:4px solid #c92a2a;padding:.5rem .8rem}
        .blame td:first-child,.blame td:nth-child(2){white-space:nowrap;font-family:ui-monospace,monospace;font-size:.82rem}
        """ + historyStylesheet + queueStylesheet

    public static func escape(_ s: String) -> String { ReportHTML.escape(s) }

    /// `feed`: the Atom feed of what the page shows, announced to browsers and feed readers.
    public static func layout(title: String, body: String, feed: String? = nil) -> String {
        let alternate = feed.map { "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(escape(title)) — recorded events\" href=\"\(escape($0))\">\n" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — history</title>
        <link rel="stylesheet" href="/static/history.css">
        \(alternate)</head>
        <body>
        <nav><a href="/">Profiles</a><a href="/search">Search</a><a href="/reviews/pending">Review queue</a><a href="/signin">Sign in</a></nav>
        \(body)
        </body>
        </html>

        """
    }

    public static func profileNav(_ id: ProfileID) -> String {
        let base = "/profiles/\(id.area)/\(id.topic)"
        return "<nav><a href=\"\(base)\">Timeline</a><a href=\"\(base)/diff\">Compare two dates</a><a href=\"\(base)/compare\">Side by side</a>"
            + "<a href=\"\(base)/revisions/latest\">Full text</a><a href=\"\(base)/blame\">Blame</a><a href=\"\(base)/feed.atom\">Feed</a></nav>\n"
    }

    /// `code` and `reason` as HTTP says them (`404`, `Not Found`).
    public static func errorPage(code: Int, reason: String, message: String) -> String {
        layout(title: "\(code) \(reason)", body: "<h1>\(code) \(escape(reason))</h1>\n<p class=\"error\">\(escape(message))</p>\n")
    }

    /// The profiles, their dates, and the major changes of each one's latest revision.
    /// The list of profiles, from one read of the tree: no diff is computed here, so the page costs the same
    /// however long the profiles' histories are. Each row links to its latest changes.
    public static func index(_ profiles: [ProfileSummary]) -> String {
        var body = "<h1>Profiles</h1>\n" + searchForm()
        if profiles.isEmpty { body += "<p>Nothing recorded yet: add revisions with <code>history import</code>.</p>\n" }
        body += "<table>\n<thead><tr><th>Profile</th><th>Revisions</th><th>First … latest</th><th>Changes</th></tr></thead>\n<tbody>\n"
        for summary in profiles {
            let id = summary.profile
            let base = "/profiles/\(id.area)/\(id.topic)"
            let changes = summary.revisions > 1
                ? "<a href=\"\(escape(base))/diff\">what the revision of \(summary.last) changed</a>"
                : "first revision only"
            body += "<tr><td><a href=\"\(escape(base))\">\(escape(id.description))</a></td>"
            body += "<td>\(summary.revisions)</td><td>\(summary.first) … \(summary.last)</td><td>\(changes)</td></tr>\n"
        }
        return layout(title: "Profiles", body: body + "</tbody>\n</table>\n", feed: "/feed.atom")
    }

    public static func otherCounts(_ counts: SignificanceCounts) -> String {
        [("minor", counts.minor), ("cosmetic", counts.cosmetic)].filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }

    /// Every recorded event of a profile: revisions, back-fills, corrections, and their reviews.
    /// `above`: what the page shows before the table (the facts and the events strip of `profilePage`).
    public static func timeline(_ id: ProfileID, _ entries: [LogEntry], above: String = "") -> String {
        var body = "<h1>\(escape(id.description))</h1>\n" + profileNav(id) + above
        body += "<table>\n<thead><tr><th>Recorded</th><th>Event</th><th>Revision of</th><th>By</th><th>Source</th><th>Reviews</th></tr></thead>\n<tbody>\n"
        let dates = entries.map(\.lastUpdated).sorted()
        for e in entries {
            let previous = dates.last { $0 < e.lastUpdated }
            let link = "/profiles/\(id.area)/\(id.topic)/diff?from=\(previous?.description ?? e.lastUpdated.description)&to=\(e.lastUpdated)"
            let event = e.event == .correction ? "<span class=\"event-correction\">correction</span>" : e.event.rawValue
            body += "<tr><td>\(e.recordedAt)<br><code>\(e.commit.short)</code></td>"
            body += "<td>\(event)</td><td><a href=\"\(escape(link))\">\(e.lastUpdated)</a></td>"
            body += "<td>\(escape(e.author.description))</td>"
            body += "<td>\(escape(e.source ?? "—"))\(e.sourceSHA256.map { "<br><code>sha256 \($0.prefix(12))</code>" } ?? "")</td>"
            body += "<td>" + (e.reviews.isEmpty ? "<span class=\"meta\">none</span>" : e.reviews.map { escape(Formatting.reviewLine($0)) }.joined(separator: "<br>")) + "</td></tr>\n"
        }
        return layout(title: id.description, body: body + "</tbody>\n</table>\n", feed: "/profiles/\(id)/feed.atom")
    }

    /// Two date pickers and the semantic diff between them: facts side by side, statements and quotes,
    /// moved text marked, word edits highlighted, cosmetic changes folded away.
    public static func diff(_ id: ProfileID, from: String, to: String, recorded: Bool, minimum: Significance, _ c: ProfileComparison) -> String {
        var body = "<h1>\(escape(id.description))</h1>\n" + profileNav(id)
        body += "<form class=\"pick\" method=\"get\">\n"
        body += "<label>From <input type=\"date\" name=\"from\" value=\"\(escape(from))\" required></label>\n"
        body += "<label>To <input type=\"date\" name=\"to\" value=\"\(escape(to))\"></label>\n"
        body += "<label>Show <select name=\"min\">" + Significance.allCases.reversed().map {
            "<option value=\"\($0.rawValue)\"\($0 == minimum ? " selected" : "")>\($0.rawValue) and above</option>"
        }.joined() + "</select></label>\n"
        body += "<label><span><input type=\"checkbox\" name=\"recorded\" value=\"1\"\(recorded ? " checked" : "")> as recorded then</span></label>\n"
        body += "<button type=\"submit\">Compare</button>\n</form>\n"
        let old = c.from.revision?.lastUpdated.description ?? "(none)", new = c.to.revision?.lastUpdated.description ?? "(none)"
        body += "<h2>\(escape(old)) → \(escape(new))</h2>\n"
        body += "<p class=\"meta\">The revisions \(recorded ? "the repository held at" : "in effect on") \(escape(c.from.date.description)) and \(escape(c.to.date.description))"
        if !c.revisionsBetween.isEmpty { body += " · \(c.revisionsBetween.count) revision\(c.revisionsBetween.count == 1 ? "" : "s") in between" }
        body += " · \(c.diff.counts.major) major, \(c.diff.counts.minor) minor, \(c.diff.counts.cosmetic) cosmetic</p>\n"
        if c.diff.isEmpty { return layout(title: "\(id) \(old) → \(new)", body: body + "<p>Nothing changed in meaning.</p>\n") }
        body += "<h3>Facts</h3>\n" + ReportHTML.factsTable(c.diff)
        body += "<h3>Changes</h3>\n" + ReportHTML.body(c.diff, minimum: max(minimum, .minor))
        let cosmetic = c.diff.changes.filter { $0.significance == .cosmetic }
        if !cosmetic.isEmpty {
            body += "<details\(minimum == .cosmetic ? " open" : "")><summary>\(cosmetic.count) cosmetic change\(cosmetic.count == 1 ? "" : "s") (typography, spacing, footnote numbers)</summary>\n"
            body += ReportHTML.list(cosmetic) + "</details>\n"
        }
        return layout(title: "\(id) \(old) → \(new)", body: body)
    }

    public static func blame(_ id: ProfileID, _ blame: Blame) -> String {
        var body = "<h1>\(escape(id.description))</h1>\n" + profileNav(id)
        body += "<p class=\"meta\">Revision of \(blame.revision.lastUpdated) (commit <code>\(blame.revision.commit.short)</code>), following \(blame.revisions.count) revisions</p>\n"
        body += "<table class=\"blame\">\n<thead><tr><th>Introduced</th><th>Last change in meaning</th><th>Statement</th></tr></thead>\n<tbody>\n"
        var place = ""
        for line in blame.lines {
            let here = line.location.label
            if here != place { body += "<tr><th colspan=\"3\">\(escape(here))</th></tr>\n"; place = here }
            let meaning = line.lastMeaningChange == line.introduced ? "" : "\(line.lastMeaningChange.lastUpdated) \(line.lastMeaningChange.commit.short)"
            body += "<tr><td>\(line.introduced.lastUpdated) \(line.introduced.commit.short)</td><td>\(meaning)</td><td>\(escape(line.text))</td></tr>\n"
        }
        return layout(title: "\(id) blame", body: body + "</tbody>\n</table>\n")
    }
}
