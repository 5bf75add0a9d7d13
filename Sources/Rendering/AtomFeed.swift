import HistoryModel
import SemanticDiff

/// An Atom feed (RFC 4287) of recorded events, newest first: one entry per event, with its date, kind and
/// counts in the title, the changes at or above the feed's threshold as a short HTML summary, and a link to
/// the event's diff page. Ids are stable — an event's is its commit — so a reader shows each event once.
public enum AtomFeed {
    public struct Feed: Sendable {
        /// The feed's own path (`/feed.atom`, `/profiles/kosovo/feed.atom`): its `self` link and id.
        public var path: String
        public var title: String
        /// Where a browser shows the same events (`/`, a profile's timeline).
        public var page: String
        public var minimum: Significance

        public init(path: String, title: String, page: String, minimum: Significance) {
            self.path = path
            self.title = title
            self.page = page
            self.minimum = minimum
        }
    }

    /// Major changes listed in an entry's summary at most; the rest are counted.
    static let listed = 12

    /// `events` newest first. `updated`: the feed's own time when it has no entry (the tip's, or a fixed one).
    public static func render(_ feed: Feed, events: [ChangeReport.Event], updated fallback: Timestamp) -> String {
        let updated = events.map(\.recordedAt).max { $0.seconds < $1.seconds } ?? fallback
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <id>\(xml(id(feed.path)))</id>\n"
        out += "  <title>\(xml(feed.title))</title>\n"
        out += "  <updated>\(xml(updated.description))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xml(feed.path))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(feed.page))\"/>\n"
        out += "  <generator>history</generator>\n"
        for event in events { out += entry(event, minimum: feed.minimum) }
        return out + "</feed>\n"
    }

    static func entry(_ event: ChangeReport.Event, minimum: Significance) -> String {
        let comparison = event.comparison
        let profile = comparison.profile
        let base = "/profiles/\(profile.area)/\(profile.topic)"
        let link = comparison.from.revision.map { "\(base)/diff?from=\($0.lastUpdated)&to=\(event.lastUpdated)" }
            ?? "\(base)/revisions/\(event.lastUpdated)"
        let counts = Describe.countsLine(comparison.diff.counts, minimum: .cosmetic)
        let title = "\(profile): \(ReportWords.title(event)) — \(counts)"
        var out = "  <entry>\n"
        out += "    <id>\(xml(id("event/\(event.commit.hex)")))</id>\n"
        out += "    <title>\(xml(title))</title>\n"
        // A review changes the entry: it is updated when the last verdict was recorded.
        let updated = max(event.recordedAt.seconds, event.reviews.map(\.reviewedAt.seconds).max() ?? 0)
        out += "    <updated>\(xml(Timestamp(seconds: updated).description))</updated>\n"
        out += "    <published>\(xml(event.recordedAt.description))</published>\n"
        out += "    <author><name>\(xml(event.author.name))</name></author>\n"
        out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(link))\"/>\n"
        out += "    <category term=\"\(xml(event.event.rawValue))\"/>\n"
        out += "    <summary type=\"html\">\(xml(summary(event, minimum: minimum)))</summary>\n"
        return out + "  </entry>\n"
    }

    /// The entry's summary as HTML (escaped again as the element's text).
    static func summary(_ event: ChangeReport.Event, minimum: Significance) -> String {
        var html = "<p>\(ReportHTML.escape(ReportWords.detail(event, minimum: minimum)))</p>\n"
        for review in event.reviews { html += "<p>Reviewed \(ReportHTML.escape(Formatting.verdictLine(review)))</p>\n" }
        if let note = ReportWords.firstRevision(event) {
            return html + "<p>\(ReportHTML.escape(note.replacingOccurrences(of: "`", with: "")))</p>\n"
        }
        let shown = event.comparison.diff.changes.filter { $0.significance >= minimum }
        html += ReportHTML.list(Array(shown.prefix(listed)))
        if shown.count > listed { html += "<p>… and \(shown.count - listed) more on the diff page.</p>\n" }
        return html
    }

    static func id(_ path: String) -> String { "tag:history,2026:" + path }

    /// Text and attribute values as XML: the five markup characters, and characters XML 1.0 does not allow
    /// (control characters other than tab and line breaks) left out.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
