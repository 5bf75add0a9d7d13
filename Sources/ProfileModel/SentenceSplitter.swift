/// Splits a paragraph into sentences and lifts footnote markers (`[1]`, `[1 ]`) out of them.
enum SentenceSplitter {
    /// Words after which a full stop does not end a sentence (compared lower-cased, without the dot).
    static let abbreviations: Set<String> = [
        "no", "nos", "vol", "vols", "p", "pp", "mr", "mrs", "ms", "dr", "st", "art", "arts", "para", "paras",
        "prof", "gen", "col", "lt", "maj", "capt", "sgt", "rev", "jr", "sr", "inc", "ltd", "co", "corp", "vs",
        "cf", "e.g", "i.e", "approx", "est", "fig", "ref", "rep", "sen", "gov", "amb", "h.e", "ch", "sec", "ed",
        "eds", "op", "cit", "ibid", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "u.s", "u.k", "u.n", "a.m", "p.m", "s.a", "c", "ca",
    ]

    static let closers: Set<Scalar> = ["”", "’", "\"", "'", ")", "]"]
    static let openers: Set<Scalar> = ["“", "‘", "\"", "(", "["]

    /// A raw sentence: its text with markers still in, split off in reading order.
    static func split(_ paragraph: String) -> [Sentence] {
        let chars = paragraph.scalarArray
        var sentences: [Sentence] = []
        var start = 0
        var curlyDepth = 0
        var straightOpen = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "“": curlyDepth += 1
            case "”": curlyDepth = max(0, curlyDepth - 1)
            case "\"":
                let prev: Scalar = i > 0 ? chars[i - 1] : " "
                straightOpen = prev == " " || prev == "(" || prev == "["
            default: break
            }
            if c == "." || c == "!" || c == "?", let end = boundary(after: i, in: chars, curlyDepth: curlyDepth, straightOpen: straightOpen) {
                append(chars[start..<end], to: &sentences)
                start = end
                curlyDepth = 0
                straightOpen = false
                i = end
                continue
            }
            i += 1
        }
        append(chars[start..<chars.count], to: &sentences)
        return sentences
    }

    /// If the mark at `i` ends a sentence, the index where the next sentence starts.
    private static func boundary(after i: Int, in chars: [Scalar], curlyDepth: Int, straightOpen: Bool) -> Int? {
        var depth = curlyDepth
        var straight = straightOpen
        var j = i + 1
        // Further marks, closing quotes and brackets belong to this sentence.
        while j < chars.count {
            let c = chars[j]
            if c == "." || c == "!" || c == "?" { j += 1; continue }
            if c == "”" { depth = max(0, depth - 1); j += 1; continue }
            if c == "\"" && straight { straight = false; j += 1; continue }
            if c == "’" || c == "'" || c == ")" { j += 1; continue }
            break
        }
        if depth > 0 || straight { return nil }
        // Footnote markers right after the stop belong to this sentence too.
        while let markerEnd = footnoteMarker(at: j, in: chars) ?? footnoteMarker(at: j + 1, in: chars, requireSpaceBefore: true) {
            j = markerEnd
        }
        if j >= chars.count { return chars.count }
        if chars[i] == "." && !endsSentence(wordBefore: i, in: chars) { return nil }
        if chars[j] == " " {
            var k = j
            while k < chars.count, chars[k] == " " { k += 1 }
            guard k < chars.count else { return chars.count }
            let next = chars[k]
            guard next.isUpper || next.isNumberLike || openers.contains(next) else { return nil }
            if next.isNumberLike && chars[i] == "." && isAbbreviation(wordBefore: i, in: chars) { return nil }
            return k
        }
        // Glued: "disputed.The", "Article 21.It" — a word or number, a stop, then a capitalised word.
        if chars[i] == ".", chars[j].isUpper, j + 1 < chars.count, chars[j + 1].isLower,
           i >= 2, (chars[i - 1].isLower && chars[i - 2].isLetterLike) || chars[i - 1].isDigit {
            return j
        }
        if chars[j].isUpper || openers.contains(chars[j]), chars[i] != ".", j > i + 1 {
            return j
        }
        return nil
    }

    /// The end of a `[12]`-style marker starting at `i`, if there is one.
    static func footnoteMarker(at i: Int, in chars: [Scalar], requireSpaceBefore: Bool = false) -> Int? {
        if requireSpaceBefore { guard i > 0, i - 1 < chars.count, chars[i - 1] == " " else { return nil } }
        guard i < chars.count, chars[i] == "[" else { return nil }
        var j = i + 1
        while j < chars.count, chars[j] == " " { j += 1 }
        var digits = 0
        while j < chars.count, chars[j].isDigit { j += 1; digits += 1 }
        while j < chars.count, chars[j] == " " { j += 1 }
        guard (1...4).contains(digits), j < chars.count, chars[j] == "]" else { return nil }
        return j + 1
    }

    private static func word(before i: Int, in chars: [Scalar]) -> String {
        var k = i
        while k > 0, chars[k - 1] != " ", !openers.contains(chars[k - 1]) { k -= 1 }
        return String(scalars: chars[k..<i])
    }

    private static func isAbbreviation(wordBefore i: Int, in chars: [Scalar]) -> Bool {
        abbreviations.contains(word(before: i, in: chars).lowercased())
    }

    /// False after abbreviations, initials (`J.`), dotted acronyms (`U.S.`) and inside numbers (`1.5`).
    private static func endsSentence(wordBefore i: Int, in chars: [Scalar]) -> Bool {
        let w = word(before: i, in: chars)
        if w.isEmpty { return true }
        if abbreviations.contains(w.lowercased()) { return false }
        if w.unicodeScalars.count == 1, let only = w.unicodeScalars.first, only.isUpper { return false }
        // Dotted acronyms: letters separated by dots, each a single letter.
        let pieces = w.split(separator: ".", omittingEmptySubsequences: false)
        if pieces.count > 1, pieces.allSatisfy({ $0.count == 1 && ($0.first?.isLetter ?? false) }) { return false }
        return true
    }

    private static func append(_ slice: ArraySlice<Scalar>, to sentences: inout [Sentence]) {
        var refs: [Int] = []
        var text: [Scalar] = []
        text.reserveCapacity(slice.count)
        let chars = Array(slice)
        var i = 0
        while i < chars.count {
            if let end = footnoteMarker(at: i, in: chars) {
                let digits = chars[i..<end].filter(\.isDigit)
                if let n = Int(String(scalars: digits)) { refs.append(n) }
                i = end
                continue
            }
            text.append(chars[i])
            i += 1
        }
        let cleaned = collapseSpaces(text)
        guard cleaned.unicodeScalars.contains(where: { $0.isLetterLike || $0.isNumberLike }) else {
            // Stray punctuation or a lone marker: attach to the previous sentence rather than invent one.
            if var last = sentences.popLast() {
                last.footnoteRefs += refs
                sentences.append(last)
            }
            return
        }
        sentences.append(Sentence(text: cleaned, footnoteRefs: refs))
    }

    /// Single spaces, no space before punctuation that markers left behind, trimmed.
    static func collapseSpaces(_ chars: some Collection<Scalar>) -> String {
        var out: [Scalar] = []
        out.reserveCapacity(chars.count)
        for c in chars {
            let c: Scalar = (c == "\u{00A0}" || c == "\t" || c.isLineBreak) ? " " : c
            if c == " " && (out.last == " " || out.isEmpty) { continue }
            if (c == "." || c == "," || c == ";" || c == ":") && out.last == " " { out.removeLast() }
            out.append(c)
        }
        while out.last == " " { out.removeLast() }
        return String(scalars: out)
    }
}
