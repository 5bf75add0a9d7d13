import HistoryModel
import SemanticDiff

/// A report as a chat message: `{"text": …}` in Slack's mrkdwn, which Slack's and Microsoft Teams'
/// incoming webhooks both accept. One line of counts, then per profile its events with their counts and
/// their first changes at or above the threshold; the full report stays `--format json` or `markdown`.
public struct ReportSlack: ReportRenderer {
    public let minimum: Significance
    public init(minimum: Significance = .minor) { self.minimum = minimum }

    /// Changes listed per event at most.
    static let listed = 5

    public static func render(_ report: ChangeReport, minimum: Significance = .minor) -> String {
        ReportSlack(minimum: minimum).render(report)
    }

    /// `{"text": …}` with the text's JSON escaping done piece by piece (it is the same character by character).
    public func head(_ summary: ReportSummary) -> String {
        "{\n  \"text\": \"" + Self.inJSON("*history*: " + Self.escape(ReportWords.summary(summary)))
    }

    public func section(_ whole: ChangeReport.Profile, index: Int) -> String {
        guard let profile = whole.shown(atLeast: minimum) else { return "" }
        var lines = ["", "", "*\(Self.escape(profile.profile.description))*"]
        for event in profile.events {
            let flag = event.isFlagged ? ":warning: " : ""
            lines.append("\(flag)_\(Self.escape(ReportWords.title(event)))_ — \(Self.escape(Describe.countsLine(event.comparison.diff.counts, minimum: minimum))) · commit `\(event.commit.short)`")
            if ReportWords.firstRevision(event) != nil { continue }
            let shown = event.comparison.diff.changes.filter { $0.significance >= minimum }
            for change in shown.prefix(Self.listed) { lines.append("• " + Self.escape(Self.line(change))) }
            if shown.count > Self.listed { lines.append("• … and \(shown.count - Self.listed) more") }
        }
        return Self.inJSON(lines.joined(separator: "\n"))
    }

    public func tail(_ summary: ReportSummary, sections: Int) -> String { "\"\n}\n\n" }

    /// Text as it appears inside a JSON string (without the quotes).
    static func inJSON(_ text: String) -> String {
        String(JSONValue.string(text).rendered(indent: 0).dropFirst().dropLast())
    }

    /// One change in a line: what kind, where, and its facts old → new or its new words.
    static func line(_ c: Change) -> String {
        var out = Describe.title(c)
        if let place = Describe.where_(c) { out += " (\(place))" }
        if !c.facts.isEmpty { return out + ": " + c.facts.map(Describe.fact).joined(separator: "; ") }
        let words = c.new ?? c.old ?? ""
        return out + (words.isEmpty ? "" : ": " + (words.count > 200 ? words.prefix(199) + "…" : words))
    }

    /// What mrkdwn gives meaning to: `&`, `<`, `>`, found scalar by scalar (Foundation's search matches
    /// characters, and a `<` followed by a combining mark is not one).
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
