import HistoryModel
import SemanticDiff

/// A diff as Markdown that reads well pasted into a mail or a ticket: a heading per profile, one
/// bullet per change, removed words struck through and new words in bold.
public enum DiffMarkdown {
    public static func render(_ c: ProfileComparison, minimum: Significance = .minor, headingLevel: Int = 2) -> String {
        let hashes = String(repeating: "#", count: max(1, min(5, headingLevel)))
        let header = Describe.header(c)
        var out = "\(hashes) \(escape(c.profile.description)): \(header.range)\n\n"
        out += "\(escape(header.detail)) · \(Describe.countsLine(c.diff.counts, minimum: minimum))\n"
        return out + body(c.diff, minimum: minimum, headingLevel: headingLevel + 1)
    }

    /// The changes at or above the threshold under a heading per significance.
    public static func body(_ diff: DocumentDiff, minimum: Significance, headingLevel: Int) -> String {
        let hashes = String(repeating: "#", count: max(1, min(6, headingLevel)))
        var out = ""
        if let fallback = diff.fallback { out += "\n> Note: \(escape(fallback))\n" }
        for significance in Significance.allCases.reversed() where significance >= minimum {
            let changes = diff.changes.filter { $0.significance == significance }
            guard !changes.isEmpty else { continue }
            out += "\n\(hashes) \(significance.rawValue.capitalized)\n\n"
            for change in changes { out += render(change) }
        }
        return out
    }

    static func render(_ c: Change) -> String {
        var line = "- **\(Describe.title(c))**"
        if let place = Describe.where_(c) { line += " (\(escape(place)))" }
        if let speaker = Describe.speaker(c), [.quoteAdded, .quoteChanged, .quoteRemoved].contains(c.kind) {
            line += ", by \(escape(speaker))"
        }
        let body: String
        switch c.kind {
        case .lastUpdatedChanged, .sectionRenamed, .titleChanged:
            body = "\(escape(c.old ?? "—")) → \(escape(c.new ?? "—"))"
        case .sectionAdded, .headingAdded:
            body = "**\(escape(c.new ?? ""))**" + DiffText.sentences(c.sentenceCount)
        case .sectionRemoved, .headingRemoved:
            body = "~~\(escape(c.old ?? ""))~~" + DiffText.sentences(c.sentenceCount)
        case .footnoteChanged:
            body = c.renumbered.map { "\\[\($0.old)\\] → \\[\($0.new)\\]" }.joined(separator: ", ")
        case .footnoteAdded:
            body = "\\[\(c.location.footnote ?? 0)\\] \(escape(c.new ?? ""))"
        case .footnoteRemoved:
            body = "~~\\[\(c.location.footnote ?? 0)\\] \(escape(c.old ?? ""))~~"
        case _ where DiffText.isWholeAddition(c):
            body = escape(c.new ?? "")
        case _ where DiffText.isWholeRemoval(c):
            body = "~~\(escape(c.old ?? ""))~~"
        case .statementMoved:
            body = escape(c.new ?? "")
        default:
            body = words(c.words)
        }
        var out = line + ": " + body + "\n"
        for fact in c.facts { out += "  - \(escape(Describe.fact(fact)))\n" }
        return out
    }

    /// Kept text plain, removed ~~struck~~, inserted **bold**; spaces stay outside the markers.
    static func words(_ edits: [WordEdit]) -> String {
        edits.map { edit in
            let text = escape(edit.text)
            switch edit.operation {
            case .equal: return text
            case .delete: return wrapTrimmed(text, "~~")
            case .insert: return wrapTrimmed(text, "**")
            }
        }.joined()
    }

    private static func wrapTrimmed(_ text: String, _ marker: String) -> String {
        let leading = text.prefix { $0 == " " }
        let trailing = text.reversed().prefix { $0 == " " }
        let core = text.trimmingCharacters(in: " ")
        guard !core.isEmpty else { return text }
        return String(leading) + marker + core + marker + String(trailing)
    }

    /// Backslash-escapes what Markdown would read as formatting, and nothing else, so that the text also
    /// reads well as a plain mail: emphasis and code markers always; `<` unless it opens an e-mail
    /// autolink (`<ada@example.org>`); `]` only where it would close a link (`](`, `][`). Escaped text is
    /// always placed mid-line, so `#`, `|`, `-` and `>` need nothing.
    /// Scalar by scalar, as a Markdown reader sees the text: as `Character`s, a marker followed by a
    /// combining mark was one character unequal to the marker, and went through unescaped.
    public static func escape(_ text: String) -> String {
        let chars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in chars.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "~":
                out.append("\\")
            case "<" where !isEmailAutolink(chars, at: i):
                out.append("\\")
            case "]" where i + 1 < chars.count && (chars[i + 1] == "(" || chars[i + 1] == "["):
                out.append("\\")
            default:
                break
            }
            out.append(c)
        }
        return String(out)
    }

    /// `<name@host>` with no spaces: CommonMark shows it as a mail link, which is what we want.
    private static func isEmailAutolink(_ chars: [Unicode.Scalar], at i: Int) -> Bool {
        guard let close = chars[(i + 1)...].firstIndex(of: ">") else { return false }
        let inner = chars[(i + 1)..<close]
        return inner.contains("@") && !inner.contains(" ") && !inner.contains("<") && inner.first != "@" && inner.last != "@"
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
