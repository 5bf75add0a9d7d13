import HistoryModel
import SemanticDiff

/// The terminal view of a diff: grouped by significance, word edits as `[-old-]{+new+}` or, with
/// colour, red and green.
public enum DiffText {
    public struct Style: Sendable {
        public var color: Bool
        public var minimum: Significance
        /// Text width for wrapping the sentences (the header lines are never wrapped).
        public var width: Int

        public init(color: Bool = false, minimum: Significance = .minor, width: Int = 100) {
            self.color = color
            self.minimum = minimum
            self.width = width
        }
    }

    public static func render(_ c: ProfileComparison, style: Style = Style()) -> String {
        var out = ""
        let header = Describe.header(c)
        out += paint("\(c.profile)  \(header.range)", .bold, style) + "\n"
        out += "  \(header.detail)\n"
        out += "  \(Describe.countsLine(c.diff.counts, minimum: style.minimum))\n"
        if let fallback = c.diff.fallback { out += "  note: \(fallback)\n" }
        if c.from.revision == nil && c.to.revision == nil {
            out += "  no revision on either date\n"
            return out
        }
        if c.from.revision?.commit == c.to.revision?.commit, c.from.revision?.lastUpdated == c.to.revision?.lastUpdated, c.diff.isEmpty {
            out += "  the same revision is in effect on both dates\n"
            return out
        }
        return out + body(c.diff, style: style)
    }

    /// The changes at or above the threshold, grouped by significance, most significant first.
    public static func body(_ diff: DocumentDiff, style: Style) -> String {
        var out = ""
        for significance in Significance.allCases.reversed() where significance >= style.minimum {
            let changes = diff.changes.filter { $0.significance == significance }
            guard !changes.isEmpty else { continue }
            out += "\n" + paint("  \(significance.rawValue.uppercased())", .bold, style) + "\n"
            for change in changes { out += render(change, style: style) }
        }
        return out
    }

    static func render(_ c: Change, style: Style) -> String {
        var line = "  " + paint(c.id.padding(toLength: 4, withPad: " ", startingAt: 0), .dim, style) + Describe.title(c)
        if let place = Describe.where_(c) { line += " · \(place)" }
        if let speaker = Describe.speaker(c), c.kind == .quoteAdded || c.kind == .quoteChanged || c.kind == .quoteRemoved {
            line += " · by \(speaker)"
        }
        var out = line + "\n"
        let indent = "      "
        switch c.kind {
        case .lastUpdatedChanged, .sectionRenamed, .titleChanged:
            out += indent + "\(c.old ?? "—") → \(c.new ?? "—")\n"
        case .sectionAdded, .headingAdded:
            out += indent + paint("+ \(c.new ?? "")", .insert, style) + sentences(c.sentenceCount) + "\n"
        case .sectionRemoved, .headingRemoved:
            out += indent + paint("- \(c.old ?? "")", .delete, style) + sentences(c.sentenceCount) + "\n"
        case .footnoteChanged:
            out += indent + c.renumbered.map { "[\($0.old)] → [\($0.new)]" }.joined(separator: ", ") + "\n"
        case _ where Self.isWholeAddition(c):
            if c.kind == .footnoteAdded { out += indent + "[\(c.location.footnote ?? 0)]\n" }
            out += wrap("+ " + (c.new ?? ""), indent: indent, width: style.width).map { paint($0, .insert, style) }.joined()
        case _ where Self.isWholeRemoval(c):
            if c.kind == .footnoteRemoved { out += indent + "[\(c.location.footnote ?? 0)]\n" }
            out += wrap("- " + (c.old ?? ""), indent: indent, width: style.width).map { paint($0, .delete, style) }.joined()
        case .statementMoved:
            out += wrap(c.new ?? "", indent: indent, width: style.width).joined()
        default:
            out += wrap(words(c.words, style: style), indent: indent, width: style.width).joined()
        }
        for fact in c.facts { out += indent + "· " + Describe.fact(fact) + "\n" }
        return out
    }

    /// A statement, quote or footnote that exists on one side only (not a quote added inside a kept sentence).
    static func isWholeAddition(_ c: Change) -> Bool {
        [.statementAdded, .quoteAdded, .footnoteAdded].contains(c.kind) && c.old == nil
    }

    static func isWholeRemoval(_ c: Change) -> Bool {
        [.statementRemoved, .quoteRemoved, .footnoteRemoved].contains(c.kind) && c.new == nil
    }

    static func sentences(_ n: Int) -> String {
        n == 0 ? "" : " (\(n) sentence\(n == 1 ? "" : "s"))"
    }

    /// `As of [-July 2011-]{+June 2014+}, …`; in colour, removed words red and struck through, inserted
    /// ones green and underlined, so the change is visible without telling red from green.
    static func words(_ edits: [WordEdit], style: Style) -> String {
        edits.map { edit in
            switch edit.operation {
            case .equal: edit.text
            case .delete: style.color ? paintWords(edit.text, .delete, style) : "[-\(edit.text)-]"
            case .insert: style.color ? paintWords(edit.text, .insert, style) : "{+\(edit.text)+}"
            }
        }.joined()
    }

    enum Paint: String {
        case bold = "\u{1B}[1m", dim = "\u{1B}[2m", delete = "\u{1B}[31;9m", insert = "\u{1B}[32;4m"
    }

    /// Each word painted on its own: a wrapped line's indent is never underlined or struck through.
    static func paintWords(_ text: String, _ paint: Paint, _ style: Style) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : Self.paint(String($0), paint, style) }
            .joined(separator: " ")
    }

    static func paint(_ text: String, _ paint: Paint, _ style: Style) -> String {
        style.color ? paint.rawValue + text + "\u{1B}[0m" : text
    }

    /// Greedy word wrap at `width` visible columns; escape sequences do not count. Each line ends in "\n".
    static func wrap(_ text: String, indent: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var visible = 0
        let limit = max(20, width - indent.count)
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let length = visibleLength(word)
            if visible > 0, visible + 1 + length > limit {
                lines.append(indent + current + "\n")
                current = ""
                visible = 0
            }
            if visible > 0 || !current.isEmpty { current += " "; visible += 1 }
            current += word
            visible += length
        }
        if !current.isEmpty || lines.isEmpty { lines.append(indent + current + "\n") }
        return lines
    }

    static func visibleLength(_ s: Substring) -> Int {
        var n = 0
        var escaping = false
        for c in s {
            if c == "\u{1B}" { escaping = true; continue }
            if escaping { if c == "m" { escaping = false }; continue }
            n += 1
        }
        return n
    }
}
