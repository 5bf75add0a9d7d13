import HistoryModel
import SemanticDiff

/// A report as one self-contained HTML file: inline stylesheet, no scripts, nothing fetched from
/// elsewhere, every piece of text escaped.
public struct ReportHTML: ReportRenderer {
    public let minimum: Significance
    public init(minimum: Significance = .minor) { self.minimum = minimum }

    public static let stylesheet = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
        h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
        h3{font-size:1.05rem;margin-bottom:.2rem}.meta{color:#555;font-size:.9rem}
        .correction{background:#fff4e5;border-left:4px solid #e67700;padding:.2rem .6rem}
        .sig{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#555;margin:.8rem 0 .2rem}
        ul{padding-left:1.2rem}li{margin:.35rem 0}.kind{font-weight:600}
        del{background:#ffe3e3;color:#a61e1e;text-decoration:line-through}ins{background:#e3fae3;color:#1e6b1e;text-decoration:none}
        .fact{color:#333;font-size:.9rem}code{font-size:.85rem;background:#f3f3f3;padding:0 .2rem}
        .moved{font-size:.75rem;background:#e7f0ff;color:#1c4f9c;border-radius:3px;padding:0 .3rem}
        """

    public static func render(_ report: ChangeReport, minimum: Significance = .minor) -> String {
        ReportHTML(minimum: minimum).render(report)
    }

    public func head(_ summary: ReportSummary) -> String {
        let code: (String) -> String = { "<code>\(Self.escape($0))</code>" }
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<title>Profile changes recorded on main</title>\n<style>\n\(Self.stylesheet)\n</style>\n</head>\n<body>\n"
        out += "<h1>Profile changes recorded on main</h1>\n"
        out += "<p>\(Self.escape(ReportWords.summary(summary)))</p>\n"
        out += "<p class=\"meta\">\(ReportWords.range(summary.range, code: code, plain: Self.escape))</p>\n"
        return out
    }

    public func section(_ whole: ChangeReport.Profile, index: Int) -> String {
        guard let profile = whole.shown(atLeast: minimum) else { return "" }
        var out = "<h2>\(Self.escape(profile.profile.description))</h2>\n"
        for event in profile.events {
            let title = Self.escape(ReportWords.title(event))
            out += event.isFlagged ? "<h3 class=\"correction\">⚠ \(title)</h3>\n" : "<h3>\(title)</h3>\n"
            out += "<p class=\"meta\">\(Self.escape(ReportWords.detail(event, minimum: minimum)))</p>\n"
            for review in event.reviews { out += "<p class=\"meta\">Reviewed \(Self.escape(Formatting.verdictLine(review)))</p>\n" }
            if let note = ReportWords.firstRevision(event) {
                out += "<p>\(Self.escape(note.replacingOccurrences(of: "`", with: "")))</p>\n"
            } else {
                out += Self.body(event.comparison.diff, minimum: minimum)
            }
        }
        return out
    }

    public func tail(_ summary: ReportSummary, sections: Int) -> String { "</body>\n</html>\n" }

    /// The changes at or above the threshold, as lists under a small heading per significance.
    public static func body(_ diff: DocumentDiff, minimum: Significance) -> String {
        var out = ""
        if let fallback = diff.fallback { out += "<p class=\"meta\">Note: \(escape(fallback))</p>\n" }
        for significance in Significance.allCases.reversed() where significance >= minimum {
            let changes = diff.changes.filter { $0.significance == significance }
            guard !changes.isEmpty else { continue }
            out += "<div class=\"sig\">\(significance.rawValue)</div>\n<ul>\n"
            for c in changes { out += "<li>\(change(c))</li>\n" }
            out += "</ul>\n"
        }
        return out
    }

    /// Changes as one list, each item as in a report.
    public static func list(_ changes: [Change]) -> String {
        changes.isEmpty ? "" : "<ul>\n" + changes.map { "<li>\(change($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// Every fact that changed, old and new side by side, with where it is.
    public static func factsTable(_ diff: DocumentDiff) -> String {
        let rows = diff.changes.flatMap { c in c.facts.map { (c, $0) } }
        guard !rows.isEmpty else { return "<p class=\"meta\">No fact changed.</p>\n" }
        var out = "<table class=\"facts\">\n<thead><tr><th>Where</th><th>What</th><th>Before</th><th>After</th></tr></thead>\n<tbody>\n"
        for (c, f) in rows {
            let place = Describe.where_(c) ?? c.location.label
            out += "<tr><td>\(escape(place))</td><td>\(escape(f.subject))\(f.moved ? " <span class=\"moved\">moved</span>" : "")</td>"
            out += "<td class=\"old\">\(f.old.map { "<del>\(escape($0.text))</del>" } ?? "—")</td>"
            out += "<td class=\"new\">\(f.new.map { "<ins>\(escape($0.text))</ins>" } ?? "—")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func change(_ c: Change) -> String {
        var out = "<span class=\"kind\">\(escape(Describe.title(c)))</span>"
        if c.moved { out += " <span class=\"moved\">moved</span>" }
        if let place = Describe.where_(c) { out += " (\(escape(place)))" }
        if let speaker = Describe.speaker(c), [.quoteAdded, .quoteChanged, .quoteRemoved].contains(c.kind) {
            out += ", by \(escape(speaker))"
        }
        out += ": "
        switch c.kind {
        case .lastUpdatedChanged, .sectionRenamed, .titleChanged:
            out += "\(escape(c.old ?? "—")) → \(escape(c.new ?? "—"))"
        case .footnoteChanged:
            out += escape(c.renumbered.map { "[\($0.old)] → [\($0.new)]" }.joined(separator: ", "))
        case .sectionAdded, .headingAdded, .statementMoved:
            out += escape(c.new ?? "")
        case .sectionRemoved, .headingRemoved:
            out += "<del>\(escape(c.old ?? ""))</del>"
        case _ where DiffText.isWholeAddition(c):
            out += "<ins>\(escape(c.new ?? ""))</ins>"
        case _ where DiffText.isWholeRemoval(c):
            out += "<del>\(escape(c.old ?? ""))</del>"
        default:
            out += c.words.map { edit in
                switch edit.operation {
                case .equal: escape(edit.text)
                case .delete: "<del>\(escape(edit.text))</del>"
                case .insert: "<ins>\(escape(edit.text))</ins>"
                }
            }.joined()
        }
        if !c.facts.isEmpty {
            out += "<br><span class=\"fact\">" + c.facts.map { escape(Describe.fact($0)) }.joined(separator: "<br>") + "</span>"
        }
        return out
    }

    /// The five markup characters as references, found by their bytes: as `Character`s, a quote followed
    /// by a combining mark is one character unequal to a quote, and went through raw — out of an attribute
    /// value, into markup — though a browser reads the quote alone.
    public static func escape(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
