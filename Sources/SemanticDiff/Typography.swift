/// Folds the differences that do not change meaning — curly vs straight quotes, dashes, ellipses,
/// non-breaking and repeated spaces — so that two texts differing only in them compare equal.
enum Typography {
    static func fold(_ text: String) -> String {
        var out: [Character] = []
        out.reserveCapacity(text.count)
        for c in text {
            let folded: String
            switch c {
            case "“", "”", "„", "‟", "″", "«", "»": folded = "\""
            case "‘", "’", "‚", "‛", "′": folded = "'"
            case "–", "—", "‒", "―", "−", "‐", "‑": folded = "-"
            case "…": folded = "..."
            case "\u{00A0}", "\u{2007}", "\u{2009}", "\u{202F}", "\u{200A}", "\t": folded = " "
            case "\u{200B}", "\u{00AD}", "\u{FEFF}": folded = ""
            default: folded = String(c)
            }
            for f in folded {
                if f == " ", out.last == " " || out.last == "-" || out.isEmpty { continue }
                // Spacing around a dash is typography too: "1998 – 1999", "1998–1999" and "1998-1999" fold alike.
                if f == "-", out.last == " " { out.removeLast() }
                out.append(f)
            }
        }
        while out.last == " " { out.removeLast() }
        return String(out)
    }

    /// Lower-cased words and numbers of folded text, for similarity: numbers become `#` so that a
    /// sentence whose counts changed still pairs with its older self.
    static func similarityWords(_ folded: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        var isNumber = false
        func flush() {
            if !current.isEmpty { words.append(isNumber ? "#" : String(current).lowercased()) }
            current = []
            isNumber = false
        }
        for c in folded {
            if c.isLetter || c.isNumber {
                if current.isEmpty { isNumber = c.isNumber }
                current.append(c)
            } else if (c == "," || c == ".") && isNumber {
                continue
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    static let negations: Set<String> = ["not", "no", "never", "nor", "neither", "none", "without", "cannot", "nothing", "n't"]

    /// Words that carry little meaning on their own: adding or dropping them is rewording.
    static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "by", "for", "from", "with", "as", "that",
        "which", "who", "were", "was", "is", "are", "be", "been", "had", "has", "have", "will", "would", "it",
        "its", "this", "these", "those", "than", "but", "into", "also", "there", "their", "they", "so", "then",
        "such", "any", "some", "s", "about", "still", "yet", "further", "however", "nonetheless", "nevertheless",
        "moreover", "thus", "therefore", "since", "while", "when", "where", "all", "both", "each", "did", "do",
        "does", "can", "could", "may", "might", "should", "shall", "must", "very", "more", "most", "only",
    ]
}
