/// Finds quoted words and, where the sentence says, who spoke them.
enum QuoteExtractor {
    static let reportingVerbs: Set<String> = [
        "said", "says", "stated", "states", "told", "noted", "declared", "explained", "confirmed", "announced",
        "informed", "affirmed", "remarked", "wrote", "added", "reiterated", "commented", "emphasized",
        "emphasised", "stressed", "asserted", "described", "called", "replied", "argued", "warned", "claimed",
    ]

    static func extract(from text: String) -> [Quote] {
        let chars = Array(text.unicodeScalars)
        guard chars.contains(where: { $0 == "“" || $0 == "\"" }) else { return [] }
        var spans: [(Range<Int>, String)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let close: Scalar? = c == "“" ? "”" : (c == "\"" && (i == 0 || !chars[i - 1].isLetterLike) ? "\"" : nil)
            if let close, let end = chars[(i + 1)...].firstIndex(of: close) {
                let inner = SentenceSplitter.collapseSpaces(chars[(i + 1)..<end])
                    .trimmingCharacters(in: " ,.")
                // One or two quoted words are a term being named, not something someone said.
                if inner.split(separator: " ").count >= 3 { spans.append((i..<(end + 1), inner)) }
                i = end + 1
                continue
            }
            i += 1
        }
        guard !spans.isEmpty else { return [] }
        let speaker = findSpeaker(chars, quotes: spans.map(\.0))
        return spans.map { Quote(text: $0.1, speaker: speaker) }
    }

    /// The noun phrase before a reporting verb outside the quotes (`the minister said`), or after it
    /// (`said the minister`), or after `according to`.
    static func findSpeaker(_ chars: [Scalar], quotes: [Range<Int>]) -> String? {
        var outside = chars
        for q in quotes { for k in q { outside[k] = "\u{1}" } }
        let words = words(in: outside)
        for (index, word) in words.enumerated() {
            let lower = word.lowercased()
            if lower == "according", index + 1 < words.count, words[index + 1] == "to" {
                let phrase = words[(index + 2)...].prefix { !isBreak($0) }
                if !phrase.isEmpty { return clean(Array(phrase.prefix(8))) }
            }
            guard reportingVerbs.contains(lower) else { continue }
            var k = index - 1
            var phrase: [String] = []
            while k >= 0, !isBreak(words[k]), phrase.count < 10 {
                if ["that", "and", "but"].contains(words[k].lowercased()) { break }
                phrase.insert(words[k], at: 0)
                k -= 1
            }
            if let cleaned = clean(phrase), !["it", "which", "this"].contains(cleaned.lowercased()) { return cleaned }
            let after = words[(index + 1)...].prefix { !isBreak($0) }
            if let cleaned = clean(Array(after.prefix(8))), !["that", "the"].contains(cleaned.lowercased()) { return cleaned }
        }
        return nil
    }

    private static func isBreak(_ word: String) -> Bool { word == "," || word == ";" || word == ":" || word == "\u{1}" || word == "." }

    private static func words(in chars: [Scalar]) -> [String] {
        var out: [String] = []
        var current: [Scalar] = []
        func flush() { if !current.isEmpty { out.append(String(scalars: current)); current = [] } }
        for c in chars {
            if c.isLetterLike || c.isNumberLike || c == "-" || c == "’" || c == "'" || c == "." && !current.isEmpty && current.count <= 3 {
                current.append(c)
            } else if c == " " {
                flush()
            } else {
                flush()
                if c == "," || c == ";" || c == ":" || c == "\u{1}" { if out.last != String(c) { out.append(String(c)) } }
            }
        }
        flush()
        return out
    }

    /// Drops a leading date or time phrase ("In March 2015") and empty results.
    private static func clean(_ phrase: [String]) -> String? {
        var p = phrase[...]
        if let first = p.first, ["in", "on", "at", "during"].contains(first.lowercased()) {
            p = p.dropFirst()
            while let w = p.first, EffectiveDate.month(named: w) != nil || Int(w) != nil { p = p.dropFirst() }
        }
        guard !p.isEmpty else { return nil }
        let joined = p.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }
}
