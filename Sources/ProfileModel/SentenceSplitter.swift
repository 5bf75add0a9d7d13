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

    static let closers: Set<Character> = ["”", "’", "\"", "'", ")", "]"]
    static let openers: Set<Character> = ["“", "‘", "\"", "(", "["]

    /// A raw sentence: its text with markers still in, split off in reading order.
    static func split(_ paragraph: String) -> [Sentence] {
        let chars = Array(paragraph)
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
                let prev: Character = i > 0 ? chars[i - 1] : " "
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
    private static func boundary(after i: Int, in chars: [Character], curlyDepth: Int, straightOpen: Bool) -> Int? {
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
            guard next.isUppercase || next.isNumber || openers.contains(next) else { return nil }
            if next.isNumber && chars[i] == "." && isAbbreviation(wordBefore: i, in: chars) { return nil }
            return k
        }
        // Glued: "disputed.The", "Article 21.It" — a word or number, a stop, then a capitalised word.
        if chars[i] == ".", chars[j].isUppercase, j + 1 < chars.count, chars[j + 1].isLowercase,
           i >= 2, (chars[i - 1].isLowercase && chars[i - 2].isLetter) || (chars[i - 1].isASCII && chars[i - 1].isNumber) {
            return j
        }
        if chars[j].isUppercase || openers.contains(chars[j]), chars[i] != ".", j > i + 1 {
            return j
        }
        return nil
    }

    /// The end of a `[12]`-style marker starting at `i`, if there is one.
    static func footnoteMarker(at i: Int, in chars: [Character], requireSpaceBefore: Bool = false) -> Int? {
        if requireSpaceBefore { guard i > 0, i - 1 < chars.count, chars[i - 1] == " " else { return nil } }
        guard i < chars.count, chars[i] == "[" else { return nil }
        var j = i + 1
        while j < chars.count, chars[j] == " " { j += 1 }
        var digits = 0
        while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1; digits += 1 }
        while j < chars.count, chars[j] == " " { j += 1 }
        guard (1...4).contains(digits), j < chars.count, chars[j] == "]" else { return nil }
        return j + 1
    }

    private static func word(before i: Int, in chars: [Character]) -> String {
        var k = i
        while k > 0, chars[k - 1] != " ", !openers.contains(chars[k - 1]) { k -= 1 }
        return String(chars[k..<i])
    }

    private static func isAbbreviation(wordBefore i: Int, in chars: [Character]) -> Bool {
        abbreviations.contains(word(before: i, in: chars).lowercased())
    }

    /// False after abbreviations, initials (`J.`), dotted acronyms (`U.S.`) and inside numbers (`1.5`).
    private static func endsSentence(wordBefore i: Int, in chars: [Character]) -> Bool {
        let w = word(before: i, in: chars)
        if w.isEmpty { return true }
        if abbreviations.contains(w.lowercased()) { return false }
        if w.count == 1, let only = w.first, only.isUppercase { return false }
        // Dotted acronyms: letters separated by dots, each a single letter.
        let pieces = w.split(separator: ".", omittingEmptySubsequences: false)
        if pieces.count > 1, pieces.allSatisfy({ $0.count == 1 && ($0.first?.isLetter ?? false) }) { return false }
        return true
    }

    private static func append(_ slice: ArraySlice<Character>, to sentences: inout [Sentence]) {
        var refs: [Int] = []
        var text: [Character] = []
        text.reserveCapacity(slice.count)
        let chars = Array(slice)
        var i = 0
        while i < chars.count {
            if let end = footnoteMarker(at: i, in: chars) {
                let digits = chars[i..<end].filter { $0.isASCII && $0.isNumber }
                if let n = Int(String(digits)) { refs.append(n) }
                i = end
                continue
            }
            text.append(chars[i])
            i += 1
        }
        let cleaned = collapseSpaces(text)
        guard cleaned.contains(where: { $0.isLetter || $0.isNumber }) else {
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
    static func collapseSpaces(_ chars: [Character]) -> String {
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        for c in chars {
            let c: Character = (c == "\u{00A0}" || c == "\t" || c.isNewline) ? " " : c
            if c == " " && (out.last == " " || out.isEmpty) { continue }
            if (c == "." || c == "," || c == ";" || c == ":") && out.last == " " { out.removeLast() }
            out.append(c)
        }
        while out.last == " " { out.removeLast() }
        return String(out)
    }
}
