import HistoryModel
import ProfileModel
import SemanticDiff

/// Words shared by the text and Markdown renderers: what to call a change and where it is.
enum Describe {
    static func title(_ c: Change) -> String {
        switch c.kind {
        case .lastUpdatedChanged: "Last updated"
        case .titleChanged: "Title changed"
        case .sectionAdded: "Section added"
        case .sectionRemoved: "Section removed"
        case .sectionRenamed: "Section renamed"
        case .headingAdded: "Heading added"
        case .headingRemoved: "Heading removed"
        case .statementAdded: c.paragraph ? "Paragraph added" : "Statement added"
        case .statementRemoved: c.paragraph ? "Paragraph removed" : "Statement removed"
        case .statementReworded: c.significance == .cosmetic ? "Spelling or typography" : "Reworded"
        case .statementMoved: c.paragraph ? "Paragraph moved" : (c.sentenceCount > 1 ? "Statements moved" : "Statement moved")
        case .factChanged: c.facts.count == 1 ? "Fact changed" : "Facts changed"
        case .quoteAdded: "Quote added"
        case .quoteRemoved: "Quote removed"
        case .quoteChanged: "Quote changed"
        case .footnoteAdded: c.sentenceCount == 0 && c.new != nil ? "Footnote added, holding text moved from elsewhere" : "Footnote added"
        case .footnoteRemoved: c.sentenceCount == 0 && c.old != nil ? "Footnote removed, its text moved elsewhere" : "Footnote removed"
        case .footnoteChanged: c.renumbered.isEmpty ? "Footnote changed" : "Footnotes renumbered"
        }
    }

    /// `Policy`, or `Policy → footnote [1]` for text that moved.
    static func where_(_ c: Change) -> String? {
        switch c.kind {
        case .lastUpdatedChanged, .titleChanged, .sectionAdded, .sectionRemoved, .sectionRenamed, .headingAdded, .headingRemoved, .footnoteChanged:
            return nil
        case .footnoteAdded, .footnoteRemoved:
            return nil
        default:
            if c.moved, let from = c.oldLocation, from.label != c.location.label {
                return "\(from.label) → \(c.location.label)"
            }
            if c.moved { return "\(c.location.label), moved" }
            return c.location.label
        }
    }

    static func speaker(_ c: Change) -> String? {
        let speakers = c.quotes.compactMap { $0.new?.speaker ?? $0.old?.speaker }
        return speakers.first
    }

    static func factValue(_ v: FactValue?) -> String { v?.text ?? "—" }

    /// `recognized by … states: 77 states → 110 states`
    static func fact(_ f: FactChange) -> String {
        let moved = f.moved ? " (moved)" : ""
        switch (f.old, f.new) {
        case let (old?, new?): return "\(f.subject): \(old.text) → \(new.text)\(moved)"
        case let (nil, new?): return "\(f.subject): + \(new.text)\(moved)"
        case let (old?, nil): return "\(f.subject): − \(old.text)\(moved)"
        case (nil, nil): return f.subject
        }
    }

    static func countsLine(_ counts: SignificanceCounts, minimum: Significance) -> String {
        var parts: [String] = []
        for s in Significance.allCases.reversed() {
            let n: Int
            switch s {
            case .major: n = counts.major
            case .minor: n = counts.minor
            case .cosmetic: n = counts.cosmetic
            }
            guard n > 0 else { continue }
            parts.append("\(n) \(s.rawValue)\(s < minimum ? " (not shown)" : "")")
        }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }

    static func header(_ c: ProfileComparison) -> (range: String, detail: String) {
        let old = c.from.revision?.lastUpdated.description ?? "(none)"
        let new = c.to.revision?.lastUpdated.description ?? "(none)"
        let axis = c.axis == .effective ? "in effect on" : "as recorded by"
        var detail = "\(axis) \(c.from.date) and \(c.to.date)"
        if !c.revisionsBetween.isEmpty {
            let n = c.revisionsBetween.count
            detail += " · \(n) revision\(n == 1 ? "" : "s") in between"
        }
        return ("\(old) → \(new)", detail)
    }
}
