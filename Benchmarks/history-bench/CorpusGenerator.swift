import TestSupport

/// Writes profiles in the Monitor's shape from a seed, and the next revision of one with the edits real
/// revisions have: counts and dates updated, sentences added and removed, a paragraph moved, a footnote
/// inserted (so later ones renumber). The prose is generated from word lists written for this project.
struct CorpusGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let actors = ["The government", "The Ministry of Defense", "A foreign ministry official", "The national mine action center",
                         "The army", "Parliament", "The delegation", "The deputy minister", "A spokesperson", "The prime minister"]
    static let verbs = ["reported", "confirmed", "announced", "stated", "indicated", "acknowledged", "noted", "disclosed"]
    static let units = ["antipersonnel mines", "cluster bombs", "submunitions", "mined areas", "square kilometers",
                        "casualties", "States Parties", "survey teams", "hectares of land", "stockpiled mines"]
    static let objects = ["the convention", "the treaty", "the national strategy", "the clearance plan", "the annual report",
                          "the transparency report", "the stockpile destruction program", "the victim assistance plan"]
    static let places = ["Geneva", "Oslo", "Vientiane", "Maputo", "Dubrovnik", "Santiago", "Beirut", "Bogotá", "Pristina"]
    static let headings = ["Policy", "Use, production, transfer, and stockpiling", "Contamination and clearance",
                           "Casualties and victim assistance", "Transparency reporting", "Support for mine action",
                           "Stockpile destruction", "Interpretive issues"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }

    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    mutating func sentence(year: Int) -> String {
        switch number(0...5) {
        case 0: return "As of \(pick(Self.months)) \(year), \(pick(Self.actors).lowercased()) had \(pick(Self.verbs)) \(Self.grouped(number(2...90_000))) \(pick(Self.units))."
        case 1: return "\(pick(Self.actors)) \(pick(Self.verbs)) in \(pick(Self.months)) \(year) that \(pick(Self.objects)) would be reviewed by \(year + number(1...4))."
        case 2: return "In \(year - number(0...3)), \(pick(Self.actors).lowercased()) attended the meeting in \(pick(Self.places)) and \(pick(Self.verbs)) support for \(pick(Self.objects))."
        case 3: return "\(pick(Self.actors)) said that “\(pick(Self.objects).capitalizedFirst) remains a priority for the country and will be funded.”"
        case 4: return "Between \(year - 10) and \(year - 2), operators cleared \(Self.grouped(number(100...9_000))) \(pick(Self.units)) in \(number(2...40)) districts."
        default: return "It has not \(pick(Self.verbs)) whether \(pick(Self.objects)) covers \(pick(Self.units)) held by \(pick(Self.actors).lowercased())."
        }
    }

    struct Draft {
        var title: String
        var date: (day: Int, month: Int, year: Int)
        var summary: [String]
        var sections: [(heading: String, paragraphs: [[String]])]
        var footnotes: [String]

        var text: String {
            var out = "\(title)\nLast updated: \(date.day < 10 ? "0" : "")\(date.day) \(CorpusGenerator.months[date.month - 1]) \(date.year)\n\n"
            out += "Summary: " + summary.joined(separator: " ") + "\n\n"
            var marker = 0
            for section in sections {
                out += section.heading + "\n\n"
                for paragraph in section.paragraphs {
                    var sentences = paragraph
                    // Every third paragraph cites the next footnote, while there are footnotes to cite.
                    if marker < footnotes.count, (paragraph.count + marker) % 3 == 0, let last = sentences.popLast() {
                        marker += 1
                        sentences.append(last + "[\(marker)]")
                    }
                    out += sentences.joined(separator: " ") + "\n\n"
                }
            }
            for (i, note) in footnotes.enumerated() { out += "[\(i + 1)] \(note)\n" }
            return out
        }
    }

    /// A profile of roughly `bytes` of text.
    /// `topic` names the profile's second title line ("mine-ban-policy" → "Mine Ban Policy"), as its folder does.
    mutating func profile(name: String, topic: String = "mine-ban-policy", year: Int, bytes: Int) -> Draft {
        let heading = topic.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        var draft = Draft(title: "\(name)\n\(heading)", date: (number(1...28), number(1...12), year),
                          summary: [sentence(year: year), sentence(year: year)], sections: [], footnotes: [])
        var headings = Self.headings[...]
        while draft.text.utf8.count < bytes {
            let heading = headings.popFirst() ?? "Developments in \(year - draft.sections.count)"
            let paragraphs = (0..<number(2...5)).map { _ in (0..<number(2...5)).map { _ in sentence(year: year) } }
            draft.sections.append((heading, paragraphs))
            for _ in 0..<number(1...3) {
                draft.footnotes.append("Statement by \(pick(Self.actors).lowercased()), \(pick(Self.places)), \(number(1...28)) \(pick(Self.months)) \(year - number(0...2)).")
            }
        }
        return draft
    }

    /// The next revision: a year later, with the edits revisions really have.
    mutating func nextRevision(of old: Draft) -> Draft {
        var new = old
        new.date.year += 1
        for s in new.sections.indices {
            for p in new.sections[s].paragraphs.indices {
                for k in new.sections[s].paragraphs[p].indices where number(0...9) == 0 {
                    // Update the counts of one sentence in ten.
                    new.sections[s].paragraphs[p][k] = bumpNumbers(new.sections[s].paragraphs[p][k])
                }
            }
        }
        if let s = new.sections.indices.randomElement(using: &rng), !new.sections[s].paragraphs.isEmpty {
            new.sections[s].paragraphs[0].append(sentence(year: new.date.year))
        }
        if let s = new.sections.indices.last, new.sections[s].paragraphs.count > 1 {
            new.sections[s].paragraphs[1].removeFirst()
            if new.sections[s].paragraphs[1].isEmpty { new.sections[s].paragraphs.remove(at: 1) }
        }
        if new.sections.count > 2, new.sections[1].paragraphs.count > 1 {
            let moved = new.sections[1].paragraphs.removeLast()
            new.sections[0].paragraphs.append(moved)
        }
        new.footnotes.insert("Report of the national mine action center, \(new.date.year).", at: min(1, new.footnotes.count))
        return new
    }

    mutating func bumpNumbers(_ sentence: String) -> String {
        var out = ""
        var digits = ""
        func flush() {
            if let n = Int(digits.replacingOccurrences(of: ",", with: "")), n < 1900 || n > 2100 {
                out += CorpusGenerator.grouped(n + number(1...50))
            } else {
                out += digits
            }
            digits = ""
        }
        for c in sentence {
            if c.isNumber || (c == "," && !digits.isEmpty) { digits.append(c); continue }
            if !digits.isEmpty {
                let trailingComma = digits.hasSuffix(",")
                if trailingComma { digits.removeLast() }
                flush()
                if trailingComma { out += "," }
            }
            out.append(c)
        }
        if !digits.isEmpty { flush() }
        return out
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
