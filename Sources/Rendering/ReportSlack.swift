import HistoryModel
import SemanticDiff

/// A report as a chat message: `{"text": …}` in Slack's mrkdwn, which Slack's and Microsoft Teams'
/// incoming webhooks both accept. One line of counts, then per profile its events with their counts and
/// their first changes at or above the threshold; the full report stays `--format json` or `markdown`.
public enum ReportSlack {
    /// Changes listed per event at most.
    static let listed = 5

    public static func render(_ report: ChangeReport, minimum: Significance = .minor) -> String {
        var lines = ["*history*: " + escape(ReportWords.summary(report, minimum: minimum))]
        for profile in report.shown(atLeast: minimum).profiles {
            lines.append("")
            lines.append("*\(escape(profile.profile.description))*")
            for event in profile.events {
                let flag = event.isFlagged ? ":warning: " : ""
                lines.append("\(flag)_\(escape(ReportWords.title(event)))_ — \(escape(Describe.countsLine(event.comparison.diff.counts, minimum: minimum))) · commit `\(event.commit.short)`")
                if ReportWords.firstRevision(event) != nil { continue }
                let shown = event.comparison.diff.changes.filter { $0.significance >= minimum }
                for change in shown.prefix(listed) { lines.append("• " + escape(line(change))) }
                if shown.count > listed { lines.append("• … and \(shown.count - listed) more") }
            }
        }
        return JSONValue.object([("text", .string(lines.joined(separator: "\n")))]).rendered() + "\n"
    }

    /// One change in a line: what kind, where, and its facts old → new or its new words.
    static func line(_ c: Change) -> String {
        var out = Describe.title(c)
        if let place = Describe.where_(c) { out += " (\(place))" }
        if !c.facts.isEmpty { return out + ": " + c.facts.map(Describe.fact).joined(separator: "; ") }
        let words = c.new ?? c.old ?? ""
        return out + (words.isEmpty ? "" : ": " + (words.count > 200 ? words.prefix(199) + "…" : words))
    }

    /// What mrkdwn gives meaning to: `&`, `<`, `>`.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
