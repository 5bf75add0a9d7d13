/// Finds quoted words and, where the sentence says, who spoke them.
enum QuoteExtractor {
    static let reportingVerbs: Set<String> = [
        "said", "says", "stated", "states", "told", "noted", "declared", "explained", "confirmed", "announced",
        "informed", "affirmed", "remarked", "wrote", "added", "reiterated", "commented", "emphasized",
        "emphasised", "stressed", "asserted", "described", "called", "replied", "argued", "warned", "claimed",
    ]

    static func extract(from text: String) -> [Quote] {
        let chars = text.scalarArray
        guard chars.contains(where: { $0 == "“" || $0 == "\"" || $0 == "‘" }) else { return [] }
        var spans: [(Range<Int>, String)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let opensWord = i == 0 || !chars[i - 1].isLetterLike
            let close: Scalar? = c == "“" ? "”" : (c == "\"" && opensWord ? "\"" : (c == "‘" && opensWord ? "’" : nil))
            // A closing ’ followed by a letter is an apostrophe (Lebanon’s), not the end of the quote.
            if let close, let end = chars[(i + 1)...].indices.first(where: { chars[$0] == close
                && (close != "’" || $0 + 1 >= chars.count || !chars[$0 + 1].isLetterLike) }) {
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
        let words = words(in: outside(chars, spans.map(\.0)))
        let speaker = findSpeaker(words)
        // A source's title in a citation (“Title,” Publisher, date) is not something anyone said.
        if speaker == nil, !words.indices.contains(where: { isReportingVerb(words, at: $0) }), Citation.isCitation(text) { return [] }
        return spans.map { Quote(text: $0.1, speaker: speaker) }
    }

    /// A reporting verb as a verb: lower-case ("Meeting of States Parties" names no one speaking) and, for
    /// "states", not counted ("110 states", "member states").
    static func isReportingVerb(_ words: [String], at index: Int) -> Bool {
        let word = words[index]
        guard word.first?.isLowercase == true, reportingVerbs.contains(word) else { return false }
        if word == "states", index > 0 {
            let previous = words[index - 1].lowercased()
            if Int(previous.filter(\.isNumber)) != nil || nounModifiers.contains(previous) { return false }
        }
        return true
    }

    static let nounModifiers: Set<String> = ["of", "the", "member", "other", "all", "many", "some", "by", "several", "few",
                                             "most", "these", "those", "affected", "signatory", "non-signatory", "and", "two",
                                             "three", "four", "five", "ten", "twenty"]

    /// The sentence with its quoted spans blanked out (each character becomes U+0001, a break).
    static func outside(_ chars: [Scalar], _ quotes: [Range<Int>]) -> [Scalar] {
        var outside = chars
        for q in quotes { for k in q { outside[k] = "\u{1}" } }
        return outside
    }

    /// The noun phrase before a reporting verb outside the quotes (`the minister said`), or after it
    /// (`“…,” said the minister`), or after `according to`; nil when the sentence names no one clearly.
    static func findSpeaker(_ words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            let lower = word.lowercased()
            if lower == "according", index + 1 < words.count, words[index + 1] == "to" {
                let phrase = words[(index + 2)...].prefix { !isBreak($0) }
                if let cleaned = clean(Array(phrase.prefix(8))) { return cleaned }
                continue
            }
            guard isReportingVerb(words, at: index) else { continue }
            // "called on the FARC to …", "called for": a call, not a report of words spoken.
            if index + 1 < words.count, ["on", "upon", "for"].contains(words[index + 1].lowercased()) { continue }
            var k = index - 1
            var phrase: [String] = []
            while k >= 0, !isBreak(words[k]), phrase.count < 16 {
                if ["that", "and", "but"].contains(words[k].lowercased()) { break }
                phrase.insert(words[k], at: 0)
                k -= 1
            }
            if !phrase.isEmpty { return clean(phrase) }
            // Inverted, right after the quote: "“…,” said the minister."
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

    static let subordinators: Set<String> = ["when", "after", "while", "as", "once", "before", "since", "if", "although",
                                             "because", "where", "whereas", "until", "though"]
    /// Words that end a reporting clause's subject without belonging to it: adverbs and auxiliaries.
    static let trailingWords: Set<String> = ["also", "further", "later", "again", "subsequently", "reportedly", "then",
                                             "previously", "publicly", "recently", "once", "repeatedly", "separately",
                                             "explicitly", "formally", "officially", "has", "have", "had", "was", "were",
                                             "is", "are", "moreover", "furthermore", "similarly", "likewise",
                                             "specifically", "clearly", "already", "first", "had", "would", "will"]
    static let auxiliaries: Set<String> = ["was", "were", "is", "are", "been", "be", "being"]
    static let prepositions: Set<String> = ["in", "on", "at", "during", "about", "of", "for", "to", "with", "by", "from",
                                            "after", "before", "since", "into", "regarding", "concerning", "over"]
    static let determiners: Set<String> = ["a", "an", "the", "its", "his", "her", "their", "one", "two", "several"]
    static let irregularPasts: Set<String> = ["said", "told", "asked", "took", "made", "gave", "sent", "held", "met", "wrote", "spoke",
                                              "began", "came", "went", "became", "saw", "knew", "found", "left", "brought", "led"]

    /// The noun phrase of a reporting clause: without a leading time or condition clause ("In 2011 when the
    /// Monitor asked about stockpiles …"), trailing adverbs and auxiliaries ("… also", "… has"); nil for an
    /// impersonal "it was", or when what is left is not a noun phrase.
    static func clean(_ phrase: [String]) -> String? {
        var p = phrase[...]
        // Everything up to the last subordinate clause's verb belongs to that clause.
        if let s = p.lastIndex(where: { subordinators.contains($0.lowercased()) }) {
            var rest = p[(s + 1)...]
            // The main clause's subject starts at the last determiner that no preposition governs:
            // "after the peace talks began | the defense minister", "when asked about the stocks | the head of the centre".
            let starts = rest.indices.filter { i in
                determiners.contains(rest[i].lowercased()) && i > rest.startIndex
                    && !prepositions.contains(rest[i - 1].lowercased()) && !subordinators.contains(rest[i - 1].lowercased())
            }
            if let start = starts.last {
                rest = rest[start...]
            } else if let v = rest.lastIndex(where: { isVerbLike($0) }) {
                rest = rest[(v + 1)...]
            }
            // "… about stockpiles a Lebanese officer": the subject starts at the next determiner.
            if let first = rest.first, prepositions.contains(first.lowercased()) {
                guard let d = rest.dropFirst().firstIndex(where: { determiners.contains($0.lowercased()) }) else { return nil }
                rest = rest[d...]
            }
            p = rest
        }
        // A leading time phrase: "In March 2015", "On 3 May".
        if let first = p.first, ["in", "on", "at", "during"].contains(first.lowercased()) {
            p = p.dropFirst()
            while let w = p.first, EffectiveDate.month(named: w) != nil || Int(w) != nil { p = p.dropFirst() }
        }
        while let last = p.last, trailingWords.contains(last.lowercased()) { p = p.dropLast() }
        guard let head = p.first else { return nil }
        if p.count <= 2, ["it", "which", "this", "there", "that", "what"].contains(head.lowercased()) { return nil }
        if let last = p.last, auxiliaries.contains(last.lowercased()) { return nil }
        // What is left must hold a word that can name someone: not only function words or a verb.
        guard p.contains(where: { !prepositions.contains($0.lowercased()) && !determiners.contains($0.lowercased())
                                  && !isVerbLike($0) && $0.count > 1 }) || ["he", "she", "they", "i", "we"].contains(head.lowercased())
        else { return nil }
        if p.count > 10 { return nil }
        return p.joined(separator: " ")
    }

    static func isVerbLike(_ word: String) -> Bool {
        let lower = word.lowercased()
        if irregularPasts.contains(lower) || reportingVerbs.contains(lower) { return true }
        return lower.count >= 5 && lower.hasSuffix("ed") && word.first?.isLowercase == true
    }
}
