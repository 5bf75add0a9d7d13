/// Text in, structure out. Never crashes: bytes that cannot be a profile give a `ProfileParseError`.
public enum ProfileParser {
    /// Lead labels that open the summary, as written and as they are kept.
    static let leadLabels: [(prefix: String, label: String)] = [
        ("summary:", "Summary"), ("five-year review:", "Five-Year Review"), ("five year review:", "Five-Year Review"),
        ("update:", "UPDATE"),
    ]
    static let connectingWords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "as", "that",
        "which", "its", "their", "his", "her", "is", "are", "was", "were", "has", "have", "had", "be", "not", "than",
    ]
    static let footnoteHeadings: Set<String> = ["notes", "footnotes", "endnotes", "references", "sources"]

    public static func parse(_ bytes: [UInt8], details: Bool = true) throws(ProfileParseError) -> Profile {
        try parse(normalized: ProfileText.normalize(bytes), details: details)
    }

    /// Parses a text as the repository stores it, already canonical (`history verify` checks that every
    /// stored text is): only decoded, not normalised again.
    public static func parse(stored bytes: [UInt8], details: Bool = true, memo: SentenceMemo? = nil) throws(ProfileParseError) -> Profile {
        try parse(normalized: String(decoding: bytes, as: UTF8.self), details: details, memo: memo)
    }

    public static func parse(text raw: String) throws(ProfileParseError) -> Profile {
        try parse(normalized: ProfileText.normalize(raw))
    }

    /// Parses text already in `ProfileText`'s canonical form (as stored in the repository). Without
    /// `details`, sentences come without facts and quotes — a third of the work — and the profile says so.
    /// `memo`: paragraphs already split by an earlier parse (of another revision of the profile) are not
    /// split again.
    public static func parse(normalized text: String, details: Bool = true, memo: SentenceMemo? = nil) throws(ProfileParseError) -> Profile {
        let lines = lines(of: text)
        guard lines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { throw .empty }

        var profile = Profile()
        var index = 0
        // Header: title lines, then `Last updated:` within the first block or two.
        var titleLines: [String] = []
        if let (lineIndex, dateText) = findLastUpdated(lines) {
            guard let date = EffectiveDate(text: dateText) else {
                throw .invalidLastUpdated(line: lineIndex + 1, text: dateText)
            }
            profile.lastUpdated = date
            titleLines = lines[..<lineIndex].map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
            index = lineIndex + 1
            // Older profiles name the topic after the date ("Lebanon / Last Updated: … / Cluster Munition Ban Policy"):
            // it is part of the title, not a section.
            if let next = lines[index...].firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) {
                let line = lines[next].trimmingCharacters(in: " \t")
                let alone = next + 1 >= lines.count || lines[next + 1].allSatisfy(\.isWhitespace)
                if alone, isHeadingLike(line), isTopicTitle(line) {
                    titleLines.append(line)
                    index = next + 1
                }
            }
        } else if let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }),
                  isHeadingLike(lines[first]), first + 1 < lines.count, lines[first + 1].allSatisfy(\.isWhitespace) {
            titleLines = [lines[first].trimmingCharacters(in: " \t")]
            index = first + 1
        }
        if !titleLines.isEmpty { profile.title = titleLines.joined(separator: " — ") }

        var builder = Builder(details: details, memo: memo?.details == details ? memo : nil)
        var blocks = blocks(lines, from: index)
        if let keyData = keyDataBlocks(blocks) {
            builder.keyData(title: keyData.title, rows: keyData.rows)
            blocks.removeFirst(keyData.consumed)
        }
        for block in joiningTableRows(blocks) {
            builder.add(block)
        }
        builder.finish()
        profile.summary = builder.summary
        profile.sections = builder.sections
        profile.footnotes = builder.footnotes
        profile.detailed = details
        return profile
    }

    /// Only what recording needs: the text is not empty and its `Last updated` line, if any, is a real date.
    /// Throws exactly the errors `parse(normalized:)` would for those, without parsing the body.
    public static func lastUpdated(normalized text: String) throws(ProfileParseError) -> EffectiveDate? {
        var lines: [String] = []
        var hasContent = false
        for line in text.split(separator: "\n", maxSplits: 8, omittingEmptySubsequences: false) {
            if !line.allSatisfy(\.isWhitespace) { hasContent = true }
            lines.append(String(line))
        }
        if !hasContent && !text.contains(where: { !$0.isWhitespace }) { throw .empty }
        guard let (lineIndex, dateText) = findLastUpdated(lines) else { return nil }
        guard let date = EffectiveDate(text: dateText) else { throw .invalidLastUpdated(line: lineIndex + 1, text: dateText) }
        return date
    }

    /// Line index and date text of the `Last updated` line, if it is among the first few non-empty lines.
    static func findLastUpdated(_ lines: [String]) -> (Int, String)? {
        var seen = 0
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: " \t")
            if trimmed.isEmpty { continue }
            seen += 1
            if seen > 6 { return nil }
            let lower = trimmed.lowercased()
            for prefix in ["last updated:", "last updated"] where lower.hasPrefix(prefix) {
                return (i, String(trimmed.dropFirst(prefix.count)).trimmingCharacters(in: " \t:"))
            }
        }
        return nil
    }

    struct Block {
        var lines: [(number: Int, text: String)]
        /// Rows of a key-data table standing one to a block (`joiningTableRows`).
        var table = false
    }

    /// The lines of a canonical text (LF line ends only), cut on its UTF-8 bytes.
    static func lines(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            for (i, byte) in bytes.enumerated() where byte == 0x0A {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return lines
        }
    }

    /// The line without leading or trailing spaces and tabs (as `trimmingCharacters(in: " \t")`, on bytes).
    static func trimmedBlanks(_ line: String) -> String {
        let utf8 = line.utf8
        guard let first = utf8.first, let last = utf8.last else { return line }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return line }
        var bytes = Array(utf8)[...]
        while let b = bytes.first, b == 0x20 || b == 0x09 { bytes = bytes.dropFirst() }
        while let b = bytes.last, b == 0x20 || b == 0x09 { bytes = bytes.dropLast() }
        let trimmed = String(decoding: bytes, as: UTF8.self)
        // A blank followed by a combining mark is one character with it, which the trim must keep.
        if bytes.startIndex > 0, let mark = trimmed.unicodeScalars.first, mark.properties.canonicalCombiningClass.rawValue != 0 {
            return line.trimmingCharacters(in: " \t")
        }
        return trimmed
    }

    static func blocks(_ lines: [String], from start: Int) -> [Block] {
        var result: [Block] = []
        var current: [(Int, String)] = []
        for i in start..<lines.count {
            let trimmed = trimmedBlanks(lines[i])
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(Block(lines: current)); current = [] }
            } else {
                current.append((i + 1, trimmed))
            }
        }
        if !current.isEmpty { result.append(Block(lines: current)) }
        return result
    }

    /// Blocks that hold only "Label: value" lines, one to a block, next to each other, made one table: a
    /// key-data box whose rows stand apart ("Mine Ban Treaty: Not a party", a blank line, "Article 4
    /// deadline: 1 August 2020"), as a fetched page writes each row of an HTML table, is one table, and a
    /// group of one row under its own heading is a table of one row, not a heading whose changed cell would
    /// read as a section renamed. A row's value may run long (a list of operators) as it may in the table
    /// itself (`FactExtractor`), so long as it does not end like a sentence.
    static func joiningTableRows(_ blocks: [Block]) -> [Block] {
        // A paragraph of one sentence with a colon in it ("It said: the ban stands.") ends like one; a row does not.
        func isRow(_ block: Block) -> Bool {
            if block.lines.allSatisfy({ wideRow($0.text) != nil }) { return true }
            return block.lines.count == 1 && isKeyDataRow(block.lines[0].text)
        }
        var result: [Block] = []
        var run: [(number: Int, text: String)] = []
        func flush() {
            if !run.isEmpty { result.append(Block(lines: run, table: true)) }
            run = []
        }
        for block in blocks {
            if isRow(block) { run += block.lines } else { flush(); result.append(block) }
        }
        flush()
        return result
    }

    /// A row of a table of three or more columns, its cells joined by " | " ("Japan | Clearance | 4,200,000",
    /// as `history fetch` writes one): its first cell names the row (the label rows pair by), the others
    /// are its value. Returns the label, the value and where the value starts (in Unicode scalars).
    static func wideRow(_ line: String) -> (label: String, value: String, offset: Int)? {
        // Most lines hold no bar: rejected on bytes before Foundation searches for the separator.
        guard line.utf8.count <= 2_400, line.utf8.contains(0x7C), let bar = line.range(of: " | ") else { return nil }
        let label = String(line[..<bar.lowerBound]).trimmingCharacters(in: " \t")
        let value = String(line[bar.upperBound...]).trimmingCharacters(in: " \t")
        guard !label.isEmpty, !value.isEmpty, label.count <= 80, !value.hasPrefix("|"), !value.hasSuffix("|") else { return nil }
        return (label, value, line[..<bar.upperBound].unicodeScalars.count)
    }

    /// The text of a bulleted line ("- UXO Lao", "• HALO Trust", "* MAG"), without its bullet; nil for any other line.
    static func listItem(_ line: String) -> Substring? {
        guard let first = line.unicodeScalars.first, first == "-" || first == "•" || first == "*" else { return nil }
        let rest = line.unicodeScalars.dropFirst()
        guard rest.first == " " else { return nil }
        let text = Substring(rest).drop { $0 == " " }
        return text.isEmpty ? nil : text
    }

    /// The lead label a paragraph starts with (`Summary:`, `UPDATE:`), in any case; only its first
    /// characters are lowercased.
    static func leadLabel(of text: String) -> (prefix: String, label: String)? {
        let head = String(text.prefix(24)).lowercased()
        return leadLabels.first { head.hasPrefix($0.prefix) }
    }

    static let topicTitles: Set<String> = ["mine ban policy", "cluster munition ban policy", "impact", "mine action",
                                           "support for mine action", "casualties and victim assistance", "victim assistance",
                                           "casualties", "landmine ban policy", "cluster munition policy"]

    static func isTopicTitle(_ line: String) -> Bool { topicTitles.contains(line.lowercased()) }

    /// The key-data overview older profiles open with, one line per block, label then value:
    /// "Convention on Cluster Munitions status" / "State Party" / "Participation in … meetings" / "Attended …",
    /// optionally under a title line, before the first heading that has prose under it. Two pairs at least.
    static func keyDataBlocks(_ blocks: [Block]) -> (title: String?, rows: [(number: Int, text: String)], consumed: Int)? {
        var run = 0
        while run < blocks.count, blocks[run].lines.count == 1 {
            let text = blocks[run].lines[0].text
            if endsSentence(text) || footnoteNumber(text) != nil || leadLabel(of: text) != nil || text.utf8.contains(UInt8(ascii: ":")) { break }
            run += 1
        }
        // The run's last line heads the prose after it ("Policy"); the rest is the overview.
        guard run < blocks.count, run >= 5 else { return nil }
        var lines = blocks[..<(run - 1)].map { $0.lines[0] }
        var title: String? = nil
        if lines.count % 2 == 1 {
            title = lines[0].text
            lines.removeFirst()
        }
        var rows: [(number: Int, text: String)] = []
        for pair in stride(from: 0, to: lines.count, by: 2) {
            let label = lines[pair], value = lines[pair + 1]
            guard isHeadingLike(label.text) else { return nil }
            rows.append((label.number, "\(label.text): \(value.text)"))
        }
        return (title, rows, run - 1)
    }

    /// A key-data row, "Label: value": a short label of a few words before the first colon, and a short
    /// value. Returns the label, the value and where the value starts (in Unicode scalars).
    /// A "Label: value" line that is a row of a key-data table: its value may run long (a list of operators,
    /// up to 400 characters) so long as it does not end like a sentence. One rule for a block of rows and a
    /// row alone in its block.
    static func isKeyDataRow(_ line: String) -> Bool {
        guard let last = line.last, !".!?".contains(last) else { return false }
        return tableCell(line, longestValue: 400) != nil
    }

    static func tableCell(_ line: String, longestValue: Int = 100) -> (label: String, value: String, offset: Int)? {
        // Most lines hold no colon, or one far in: rejected on bytes before anything is counted in characters.
        guard let lead = line.utf8.first, (lead >= 0x41 && lead <= 0x5A) || (lead >= 0x30 && lead <= 0x39) || lead >= 0x80,
              line.utf8.prefix(241).contains(0x3A), line.utf8.count <= (longestValue + 60) * 4,
              let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].trimmingCharacters(in: " \t")
        var valueStart = line.index(after: colon)
        while valueStart < line.endIndex, line[valueStart] == " " { valueStart = line.index(after: valueStart) }
        let value = String(line[valueStart...]).trimmingCharacters(in: " \t")
        guard let first = label.first, first.isUppercase || first.isNumber, !value.isEmpty,
              value.unicodeScalars.count <= longestValue else { return nil }
        let words = label.split(separator: " ")
        guard words.count <= 8, label.count <= 60, !label.contains(where: { ".!?;“”\"[]".contains($0) }) else { return nil }
        if leadLabel(of: line) != nil || label.lowercased().hasPrefix("last updated") { return nil }
        // A sentence with a colon in it ("It said: …") has a verb-led value that runs on; a cell does not end a sentence with words after.
        if value.hasSuffix(".") && value.split(separator: " ").count > 8 { return nil }
        return (label, value, line[..<valueStart].unicodeScalars.count)
    }

    /// A short line that does not end like a sentence: a section heading.
    static func isHeadingLike(_ line: String) -> Bool {
        // Most lines are paragraphs, far past a heading's twelve words: counted on the bytes between the
        // spaces and tabs at either end (what trimming keeps), they need not be trimmed or counted in Characters.
        let bytes = Array(line.utf8)
        guard let from = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
              let through = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        var words = 0, inWord = false
        for byte in bytes[from...through] { if byte == 0x20 { inWord = false } else if !inWord { inWord = true; words += 1 } }
        if words > 12 { return false }
        let t = line.trimmingCharacters(in: " \t")
        guard let first = t.first, let last = t.last, t.count <= 80 else { return false }
        guard first.isUppercase || first.isNumber else { return false }
        if footnoteNumber(t) != nil || endsSentence(t) { return false }
        if ".,;:!?”\"’]".contains(last) { return false }
        if leadLabel(of: t) != nil { return false }
        // A line that stops on a connecting word ("…every Meeting of") is prose wrapped mid-phrase.
        let lastWord = t.lastIndex(of: " ").map { t[t.index(after: $0)...] } ?? t[...]
        if connectingWords.contains(lastWord.lowercased()) { return false }
        return t.contains(where: \.isLetter)
    }

    /// The number of a footnote line (`[3] Text…`, `[3 ] Text…`), and where its text begins.
    static func footnoteNumber(_ line: String) -> (Int, String)? {
        guard line.utf8.first == UInt8(ascii: "[") else { return nil }
        let chars = line.scalarArray
        guard let end = SentenceSplitter.footnoteMarker(at: 0, in: chars) else { return nil }
        guard let n = Int(String(scalars: chars[0..<end].filter(\.isDigit))) else { return nil }
        return (n, String(scalars: chars[end...]).trimmingCharacters(in: " \t"))
    }

    /// Inside a block, a heading-like line is a heading only when the next line cannot be its continuation:
    /// the heading is short and the next line starts a new sentence (wrapped prose fills its lines).
    static func startsOwnLine(after line: String, next: String?) -> Bool {
        guard let next, let first = next.first else { return true }
        return line.count <= 50 && (first.isUppercase || first == "“" || first == "\"")
    }

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        if ".!?”\"’)".contains(last) { return true }
        // A trailing footnote marker after the stop: "…disputed.[1]"
        if last == "]", let open = line.lastIndex(of: "[") {
            return endsSentence(String(line[..<open]).trimmingCharacters(in: " "))
        }
        return false
    }

    /// Accumulates sections, summary and footnotes block by block.
    struct Builder {
        let details: Bool
        let memo: SentenceMemo?
        var summary: [Paragraph] = []
        var sections: [Section] = []
        var footnotes: [Footnote] = []
        var inSummary = false
        var inFootnotes = false
        var pendingFootnote: (number: Int, text: String, line: Int)?

        mutating func add(_ block: Block) {
            if block.table, !inFootnotes {
                table(block.lines)
                return
            }
            var lines = block.lines[...]
            while let first = lines.first {
                // Two or more "Label: value" lines in a row are one key-data table; a long value (a list of
                // operators) as a row alone in its block may be (`isKeyDataRow`).
                let rows = inFootnotes || lines.count < 2 ? [] : Array(lines.prefix { ProfileParser.tableCell($0.text) != nil || ProfileParser.isKeyDataRow($0.text) })
                if rows.count >= 2 {
                    table(rows)
                    lines = lines.dropFirst(rows.count)
                    continue
                }
                // Bulleted lines ("- UXO Lao", "• HALO Trust"), as a fetched page writes a list, are a list:
                // each item a sentence of its own, never a heading.
                if !inFootnotes, ProfileParser.listItem(first.text) != nil {
                    let items = Array(lines.prefix { ProfileParser.listItem($0.text) != nil })
                    list(items)
                    lines = lines.dropFirst(items.count)
                    continue
                }
                if let (n, rest) = ProfileParser.footnoteNumber(first.text), inFootnotes || isFootnoteBlock(lines) {
                    inFootnotes = true
                    flushFootnote()
                    pendingFootnote = (n, rest, first.number)
                    lines = lines.dropFirst()
                    continue
                }
                if ProfileParser.isHeadingLike(first.text), lines.count == 1 || ProfileParser.startsOwnLine(after: first.text, next: lines.dropFirst().first?.text) {
                    heading(first.text)
                    lines = lines.dropFirst()
                    continue
                }
                if inFootnotes, pendingFootnote != nil {
                    pendingFootnote?.text += " " + first.text
                    lines = lines.dropFirst()
                    continue
                }
                // Body text up to the next heading-like line that follows a finished sentence.
                var taken: [(number: Int, text: String)] = [first]
                lines = lines.dropFirst()
                while let next = lines.first {
                    if !inFootnotes, ProfileParser.listItem(next.text) != nil { break }
                    if let last = taken.last, ProfileParser.endsSentence(last.text),
                       ProfileParser.isHeadingLike(next.text) || ProfileParser.footnoteNumber(next.text) != nil { break }
                    taken.append(next)
                    lines = lines.dropFirst()
                }
                paragraphs(taken)
            }
        }

        /// Footnotes start where a block's lines all begin with markers, or after a Notes heading.
        func isFootnoteBlock(_ lines: ArraySlice<(number: Int, text: String)>) -> Bool {
            ProfileParser.footnoteNumber(lines[lines.startIndex].text) != nil
                && (lines.count == 1 || lines.dropFirst().contains { ProfileParser.footnoteNumber($0.text) != nil }
                    || lines.allSatisfy { ProfileParser.footnoteNumber($0.text) != nil })
        }

        mutating func heading(_ text: String) {
            flushFootnote()
            let lower = text.lowercased()
            if ProfileParser.footnoteHeadings.contains(lower) { inFootnotes = true; return }
            inFootnotes = false
            if lower == "summary" || lower == "five-year review" {
                inSummary = true
                return
            }
            inSummary = false
            sections.append(Section(heading: text))
        }

        /// Wrapped lines join into one paragraph; a block of long lines that each end a sentence is one paragraph per line.
        mutating func paragraphs(_ lines: [(number: Int, text: String)]) {
            let wrapped = lines.count > 1 && lines.dropLast().allSatisfy { $0.text.count <= 100 }
            if wrapped {
                paragraph(lines.map(\.text).joined(separator: " "), line: lines[0].number)
                return
            }
            var current: [String] = []
            var start = lines[0].number
            for line in lines {
                if let last = current.last, ProfileParser.endsSentence(last) {
                    paragraph(current.joined(separator: " "), line: start)
                    current = []
                    start = line.number
                }
                current.append(line.text)
            }
            if !current.isEmpty { paragraph(current.joined(separator: " "), line: start) }
        }

        mutating func paragraph(_ raw: String, line: Int) {
            if inFootnotes, pendingFootnote != nil {
                pendingFootnote?.text += " " + raw
                return
            }
            var text = raw
            var label: String? = nil
            if sections.isEmpty || inSummary, let lead = ProfileParser.leadLabel(of: raw) {
                label = lead.label
                text = String(raw.dropFirst(lead.prefix.count)).trimmingCharacters(in: " \t")
            }
            let paragraph = Paragraph(label: label, text: text, sentences: sentences(text), line: line)
            if label != nil || inSummary {
                summary.append(paragraph)
                return
            }
            if sections.isEmpty { sections.append(Section(heading: nil)) }
            sections[sections.count - 1].paragraphs.append(paragraph)
        }

        /// The overview of older profiles: a section under its title (or none), holding the rows as a table.
        mutating func keyData(title: String?, rows: [(number: Int, text: String)]) {
            if let title { heading(title) }
            table(rows)
        }

        /// A key-data table: one paragraph whose sentences are its rows.
        mutating func table(_ rows: [(number: Int, text: String)]) {
            flushFootnote()
            let sentences = rows.map { row -> Sentence in
                let sentence = Sentence(text: SentenceSplitter.collapseSpaces(row.text.scalarArray), tableRow: true)
                return details ? sentence.detailed() : sentence
            }
            let paragraph = Paragraph(text: rows.map(\.text).joined(separator: "\n"), sentences: sentences, line: rows[0].number)
            if inSummary {
                summary.append(paragraph)
                return
            }
            if sections.isEmpty { sections.append(Section(heading: nil)) }
            sections[sections.count - 1].paragraphs.append(paragraph)
        }

        /// A list: one paragraph whose sentences are its items' (an item may hold more than one).
        mutating func list(_ items: [(number: Int, text: String)]) {
            flushFootnote()
            let texts = items.map { item in
                SentenceSplitter.collapseSpaces((ProfileParser.listItem(item.text) ?? Substring(item.text)).unicodeScalars)
            }
            let paragraph = Paragraph(text: texts.joined(separator: "\n"), sentences: texts.flatMap { sentences($0) }, line: items[0].number)
            if inSummary {
                summary.append(paragraph)
                return
            }
            if sections.isEmpty { sections.append(Section(heading: nil)) }
            sections[sections.count - 1].paragraphs.append(paragraph)
        }

        mutating func flushFootnote() {
            guard let pending = pendingFootnote else { return }
            let text = SentenceSplitter.collapseSpaces(pending.text.scalarArray)
            footnotes.append(Footnote(number: pending.number, text: text, sentences: sentences(text), line: pending.line))
            pendingFootnote = nil
        }

        func sentences(_ text: String) -> [Sentence] {
            guard let memo else { return ProfileParser.sentences(text, details: details) }
            let key = SentenceMemo.Key(text)
            if let known = memo.sentences[key] { return known }
            let sentences = ProfileParser.sentences(text, details: details)
            memo.sentences[key] = sentences
            return sentences
        }

        mutating func finish() {
            flushFootnote()
            sections.removeAll { $0.heading == nil && $0.paragraphs.isEmpty }
        }
    }

    /// Sentences of a paragraph with their facts and quotes.
    static func sentences(_ text: String, details: Bool = true) -> [Sentence] {
        let plain = SentenceSplitter.split(text)
        return details ? plain.map { $0.detailed() } : plain
    }
}

/// The sentences of paragraphs already parsed, by paragraph text, for parsing several revisions of one
/// profile: from one revision to the next most paragraphs are the same, and splitting them into sentences
/// is most of parsing. How a paragraph splits depends on its text alone. One thread's, not shared.
public final class SentenceMemo {
    /// Whether the sentences carry facts and quotes: a parse asking otherwise does not use the memo.
    public let details: Bool
    var sentences: [Key: [Sentence]] = [:]

    public init(details: Bool) {
        self.details = details
    }

    /// A paragraph by its UTF-8 bytes. String's own `==` and hash treat canonically equivalent texts as one
    /// (an "é" and an "e" with a combining accent): a memo keyed by String would hand one revision's bytes to
    /// the other, and would normalise every paragraph just to hash it.
    struct Key: Hashable {
        let text: String

        init(_ text: String) {
            self.text = text
        }

        static func == (a: Key, b: Key) -> Bool {
            let sameBytes = a.text.utf8.withContiguousStorageIfAvailable { x in
                b.text.utf8.withContiguousStorageIfAvailable { y in
                    x.elementsEqual(y)
                }
            }
            return (sameBytes ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            if hashed == nil {
                for byte in text.utf8 { hasher.combine(byte) }
            }
            hasher.combine(text.utf8.count)
        }
    }
}
