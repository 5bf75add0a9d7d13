/// Word-level edits between two sentences: a longest-common-subsequence over word, space and
/// punctuation tokens, then cleaned up so that edits read as whole phrases ("July 2011" → "June 2014"
/// rather than "July" → "June", " ", "2011" → "2014").
enum WordDiff {
    /// Above this many token comparisons a sentence pair is shown as one replacement.
    static let maxCells = 160_000

    /// Words (with their inner apostrophes, hyphens and digit separators), runs of spaces, and single
    /// other characters. Worked out on Unicode scalars when every scalar is a character of its own — all
    /// Latin text, punctuation and dashes — which is the same and several times faster than on `Character`s.
    static func tokens(_ text: String) -> [String] {
        let scalars = text.scalarArray
        guard scalars.allSatisfy(isOwnCharacter) else { return characterTokens(text) }
        var tokens: [String] = []
        var start = 0
        var kind = 0  // 1 word, 2 space
        func flush(_ end: Int) {
            if end > start { tokens.append(string(scalars[start..<end])) }
            start = end
            kind = 0
        }
        for (i, c) in scalars.enumerated() {
            var joins = false
            if kind == 1, i + 1 < scalars.count, i > start {
                let previous = scalars[i - 1], next = scalars[i + 1]
                switch c {
                case "'", "’", "-": joins = isLetter(previous) && isLetter(next)
                case ",", ".": joins = isNumber(previous) && isNumber(next)
                default: break
                }
            }
            if isLetter(c) || isNumber(c) || joins {
                if kind != 1 { flush(i); kind = 1 }
            } else if c == " " {
                if kind != 2 { flush(i); kind = 2 }
            } else {
                flush(i)
                flush(i + 1)
            }
        }
        flush(scalars.count)
        return tokens
    }

    /// Scalars that never join a neighbour into one `Character`: below the combining marks, and the
    /// general punctuation and currency blocks without the zero-width joiners.
    static func isOwnCharacter(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x300 && c.value != 0x0D || (0x2010..<0x2070).contains(c.value) || (0x20A0..<0x20D0).contains(c.value)
    }

    /// `Character.isLetter` and `isNumber` look at the first scalar's properties; these are those, with ASCII first.
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { let lower = c.value | 0x20; return lower >= 0x61 && lower <= 0x7A }
        return c.properties.isAlphabetic
    }

    static func isNumber(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
        return c.properties.numericType != nil
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.value < 0x80 { bytes.append(UInt8(truncatingIfNeeded: scalar.value)) } else if let encoded = UTF8.encode(scalar) { bytes += encoded }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same on `Character`s, for text with combining marks, emoji sequences or other scripts.
    static func characterTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [Character] = []
        var kind = 0  // 1 word, 2 space
        func flush() {
            if !current.isEmpty { tokens.append(String(current)) }
            current = []
            kind = 0
        }
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            let isWordChar = c.isLetter || c.isNumber
            // Inside a word or number: apostrophes, hyphens between letters, separators between digits.
            var joins = false
            if kind == 1, i + 1 < chars.count, let previous = current.last {
                let next = chars[i + 1]
                switch c {
                case "'", "’", "-": joins = previous.isLetter && next.isLetter
                case ",", ".": joins = previous.isNumber && next.isNumber
                default: break
                }
            }
            if isWordChar || joins {
                if kind != 1 { flush(); kind = 1 }
                current.append(c)
            } else if c == " " {
                if kind != 2 { flush(); kind = 2 }
                current.append(c)
            } else {
                flush()
                tokens.append(String(c))
            }
        }
        flush()
        return tokens
    }

    /// Edits turning `old` into `new`; `nil` when the pair is too long to compare word by word.
    static func edits(_ old: String, _ new: String) -> [WordEdit]? {
        let a = tokens(old)
        let b = tokens(new)
        // Common prefix and suffix first: most changed sentences differ in a few words.
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        guard midA.count * midB.count <= maxCells else { return nil }

        var ops: [(WordEdit.Operation, String)] = a[..<prefix].map { (.equal, $0) }
        ops += lcsOperations(midA, midB)
        ops += a[(a.count - suffix)...].map { (.equal, $0) }
        return cleanup(ops)
    }

    private static func lcsOperations(_ a: [String], _ b: [String]) -> [(WordEdit.Operation, String)] {
        let n = a.count, m = b.count
        if n == 0 { return b.map { (.insert, $0) } }
        if m == 0 { return a.map { (.delete, $0) } }
        // lengths[i][j] = LCS of a[i...] and b[j...], flattened.
        var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i * (m + 1) + j] = a[i] == b[j]
                    ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
            }
        }
        var ops: [(WordEdit.Operation, String)] = []
        var i = 0, j = 0
        while i < n, j < m {
            if a[i] == b[j] { ops.append((.equal, a[i])); i += 1; j += 1 }
            else if lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1] { ops.append((.delete, a[i])); i += 1 }
            else { ops.append((.insert, b[j])); j += 1 }
        }
        while i < n { ops.append((.delete, a[i])); i += 1 }
        while j < m { ops.append((.insert, b[j])); j += 1 }
        return ops
    }

    /// Merges runs, folds the spaces between two edits into them, and puts each hunk's deletion before
    /// its insertion.
    static func cleanup(_ ops: [(WordEdit.Operation, String)]) -> [WordEdit] {
        // Group into alternating kept runs and edit hunks.
        enum Piece { case kept([String]), hunk(deleted: [String], inserted: [String]) }
        // Runs are built outside the array and appended when they end: appending to a run held inside an
        // enum in the array copied the whole run each time, which made long unchanged runs quadratic.
        var pieces: [Piece] = []
        var kept: [String] = [], deleted: [String] = [], inserted: [String] = []
        func endKept() { if !kept.isEmpty { pieces.append(.kept(kept)); kept = [] } }
        func endHunk() {
            if !deleted.isEmpty || !inserted.isEmpty { pieces.append(.hunk(deleted: deleted, inserted: inserted)) }
            deleted = []
            inserted = []
        }
        for (op, token) in ops {
            switch op {
            case .equal: endHunk(); kept.append(token)
            case .delete: endKept(); deleted.append(token)
            case .insert: endKept(); inserted.append(token)
            }
        }
        endKept()
        endHunk()
        // A short kept run between two hunks joins them.
        var merged: [Piece] = []
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            if case .kept(let run) = piece, index > 0, index + 1 < pieces.count,
               case .hunk(let d1, let i1)? = merged.last, case .hunk(let d2, let i2) = pieces[index + 1],
               isTrivial(run) || isDwarfed(run, before: (d1, i1), after: (d2, i2)) {
                merged[merged.count - 1] = .hunk(deleted: d1 + run + d2, inserted: i1 + run + i2)
                index += 2
                continue
            }
            merged.append(piece)
            index += 1
        }
        var edits: [WordEdit] = []
        for piece in merged {
            switch piece {
            case .kept(let run):
                edits.append(WordEdit(.equal, run.joined()))
            case .hunk(let deleted, let inserted):
                if !deleted.isEmpty { edits.append(WordEdit(.delete, deleted.joined())) }
                if !inserted.isEmpty { edits.append(WordEdit(.insert, inserted.joined())) }
            }
        }
        return edits
    }

    /// A word or two kept between two larger edits reads better inside them (diff-match-patch's semantic
    /// cleanup): "[-Tenth Meeting in Geneva-]{+Third Review Conference in Maputo in June 2014+}" rather than
    /// two edits around a lone "in". Punctuation alone (", ") still keeps two edits apart.
    private static func isDwarfed(_ run: [String], before: ([String], [String]), after: ([String], [String])) -> Bool {
        let words = run.filter { $0.first.map { $0.isLetter || $0.isNumber } ?? false }
        guard !words.isEmpty, words.count <= 2 else { return false }
        func size(_ hunk: ([String], [String])) -> Int { max(hunk.0.joined().count, hunk.1.joined().count) }
        return run.joined().count * 2 <= min(size(before), size(after))
    }

    /// Only spaces join two edits: "July 2011" → "June 2014" is one edit, but ", " keeps two edits apart.
    private static func isTrivial(_ run: [String]) -> Bool {
        run.allSatisfy { $0.allSatisfy { $0 == " " } }
    }
}
