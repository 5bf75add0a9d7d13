/// Folds the differences that do not change meaning — curly vs straight quotes, dashes, ellipses,
/// non-breaking and repeated spaces — so that two texts differing only in them compare equal.
enum Typography {
    static func fold(_ text: String) -> String {
        if isAlreadyFolded(text) { return text }
        // Unicode scalars compared as integers, output built as UTF-8 bytes: comparing Characters with
        // literals, or appending scalars to a String one by one, dominated the whole diff.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var last: UInt32 = 0x20  // as if preceded by a space: leading spaces are dropped
        func append(_ value: UInt32) {
            if value == 0x20, last == 0x20 || last == 0x2D { return }
            // Spacing around a dash is typography too: "1998 – 1999", "1998–1999" and "1998-1999" fold alike.
            if value == 0x2D, last == 0x20, !out.isEmpty { out.removeLast() }
            if value < 0x80 {
                out.append(UInt8(truncatingIfNeeded: value))
            } else if let scalar = Unicode.Scalar(value), let encoded = UTF8.encode(scalar) {
                out.append(contentsOf: encoded)
            }
            last = value
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: append(0x22)               // “ ” „ ‟ ″ « »
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: append(0x27)                               // ‘ ’ ‚ ‛ ′
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: append(0x2D)               // dashes, minus
            case 0x2026: append(0x2E); append(0x2E); append(0x2E)                                   // …
            case 0x00A0, 0x2007, 0x2009, 0x200A, 0x202F, 0x09, 0x0A, 0x0D: append(0x20)             // odd spaces
            case 0x200B, 0x00AD, 0xFEFF: break                                                      // invisible
            default: append(scalar.value)
            }
        }
        if last == 0x20, !out.isEmpty { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Plain ASCII with single spaces and no spaced dash, as most sentences are: nothing to fold.
    static func isAlreadyFolded(_ text: String) -> Bool {
        func scan(_ bytes: some Sequence<UInt8>) -> Bool {
            var previous: UInt8 = 0x20
            for byte in bytes {
                if byte >= 0x80 || byte < 0x20 { return false }
                if byte == 0x20, previous == 0x20 || previous == 0x2D { return false }
                if byte == 0x2D, previous == 0x20 { return false }
                previous = byte
            }
            return previous != 0x20
        }
        if text.isEmpty { return true }
        // Over the contiguous UTF-8 storage of a native string when there is one: several times faster.
        return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
    }

    /// Lower-cased words and numbers of folded text, for similarity: numbers become `#` so that a
    /// sentence whose counts changed still pairs with its older self.
    static func similarityWords(_ folded: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var isNumber = false
        func flush() {
            if !current.isEmpty { words.append(isNumber ? "#" : String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            isNumber = false
        }
        let scalars = folded.scalarArray
        var previousWasDigit = false
        for (i, scalar) in scalars.enumerated() {
            let v = scalar.value
            let isDigit = v >= 0x30 && v <= 0x39
            if isDigit || (v >= 0x61 && v <= 0x7A) {
                if current.isEmpty { isNumber = isDigit }
                current.append(UInt8(truncatingIfNeeded: v))
            } else if v >= 0x41 && v <= 0x5A {
                if current.isEmpty { isNumber = false }
                current.append(UInt8(truncatingIfNeeded: v + 0x20))
            } else if (v == 0x2C || v == 0x2E) && previousWasDigit && i + 1 < scalars.count
                        && scalars[i + 1].value >= 0x30 && scalars[i + 1].value <= 0x39 {
                // 1,765 and 1.5 stay one number
            } else if v > 0x7F && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                if current.isEmpty { isNumber = false }
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    if let encoded = UTF8.encode(lower) { current.append(contentsOf: encoded) }
                }
            } else {
                flush()
            }
            previousWasDigit = isDigit
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
        "although", "though", "whereas", "because", "whether", "if", "we", "our", "he", "she", "his", "her",
        "does", "can", "could", "may", "might", "should", "shall", "must", "very", "more", "most", "only",
    ]
}
