import ProfileModel

/// Pairs the facts of two versions of one sentence by what they count and their context, and reports
/// the pairs whose value changed and the facts with no partner.
enum FactPairing {
    /// A fact with what pairing compares, computed once: its unit and predicate, normalised.
    struct Keyed {
        let fact: Fact
        let unit: String

        init(_ fact: Fact) {
            self.fact = fact
            unit = FactPairing.unitKey(fact.unit)
        }

        /// The same predicate: the same word, or the same up to inflection and spelling ("submits", "submitted").
        func sameHead(_ other: Keyed) -> Bool {
            fact.head == other.fact.head || FactPairing.headStem(fact.head) == FactPairing.headStem(other.fact.head)
        }
    }

    static func changes(old oldFacts: [Fact], new newFacts: [Fact]) -> [FactChange] {
        let oldKeyed = oldFacts.map(Keyed.init), newKeyed = newFacts.map(Keyed.init)
        let old = oldFacts, new = newFacts
        var oldLeft = Array(old.indices)
        var newLeft = Array(new.indices)
        // Unchanged facts: same kind, value and unit, in order — first in the same slot (the same predicate,
        // or one not known), so that "In 2017 … compared with 2016" → "In 2018 … compared with 2017" pairs
        // 2017 → 2018 and 2016 → 2017, not the two 2017s; a value that only moved to another slot is matched
        // after the changed values are paired.
        func matchUnchanged(anySlot: Bool) {
            for o in oldLeft {
                if let k = newLeft.firstIndex(where: { n in
                    sameFact(oldKeyed[o], newKeyed[n])
                        && (anySlot || oldKeyed[o].fact.head.isEmpty || newKeyed[n].fact.head.isEmpty || oldKeyed[o].sameHead(newKeyed[n]))
                }) {
                    newLeft.remove(at: k)
                    oldLeft.removeAll { $0 == o }
                }
            }
        }
        matchUnchanged(anySlot: false)
        // Changed values: the best-agreeing partner of the same family (counts with counts, dates with dates).
        struct Candidate { let score: Int; let distance: Int; let old: Int; let new: Int }
        var candidates: [Candidate] = []
        for (i, o) in oldLeft.enumerated() {
            for (j, n) in newLeft.enumerated() {
                guard let score = affinity(oldKeyed[o], newKeyed[n]) else { continue }
                let distance = abs(i - j)
                candidates.append(Candidate(score: score, distance: distance, old: o, new: n))
            }
        }
        candidates.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.distance != $1.distance { return $0.distance < $1.distance }
            return ($0.old, $0.new) < ($1.old, $1.new)
        }
        var pairedOld = Set<Int>(), pairedNew = Set<Int>()
        var pairs: [(Int, Int)] = []
        for c in candidates where !pairedOld.contains(c.old) && !pairedNew.contains(c.new) {
            // A value both sides still hold is left for the unchanged pass below unless its own slot changed.
            if sameFact(oldKeyed[c.old], newKeyed[c.new]) { continue }
            pairedOld.insert(c.old)
            pairedNew.insert(c.new)
            pairs.append((c.old, c.new))
        }
        oldLeft.removeAll { pairedOld.contains($0) }
        newLeft.removeAll { pairedNew.contains($0) }
        matchUnchanged(anySlot: true)
        var result: [(position: Int, change: FactChange)] = []
        for (o, n) in pairs {
            result.append((new[n].range.lowerBound,
                           FactChange(subject: subject(new[n], fallback: old[o]), old: FactValue(old[o]), new: FactValue(new[n]))))
        }
        for o in oldLeft {
            result.append((old[o].range.lowerBound, FactChange(subject: subject(old[o]), old: FactValue(old[o]), new: nil)))
        }
        for n in newLeft {
            result.append((new[n].range.lowerBound, FactChange(subject: subject(new[n]), old: nil, new: FactValue(new[n]))))
        }
        return result.sorted { ($0.position, $0.change.subject) < ($1.position, $1.change.subject) }.map(\.change)
    }

    /// Whether both sides state the same facts (kind, value and unit, in any order): nothing to pair.
    /// Only as written, in order: a cheap test, and when it fails pairing decides (it knows units alike).
    static func sameFacts(_ old: [Fact], _ new: [Fact]) -> Bool {
        old.count == new.count && zip(old, new).allSatisfy { $0.kind == $1.kind && $0.value == $1.value && $0.unit == $1.unit && sameNotation($0, $1) }
    }

    /// A share in words and the same share in digits ("about a fifth" → "about 20%") are the same value
    /// given another way: reported as a pair, a refinement (`FactChange.isRefinement`), as "a third" → "33%" is.
    static func sameNotation(_ a: Fact, _ b: Fact) -> Bool {
        a.unit != "%" || a.text.contains(where: \.isNumber) == b.text.contains(where: \.isNumber)
    }

    /// Facts of a sentence added or removed as a whole.
    static func listed(_ facts: [Fact], added: Bool) -> [FactChange] {
        facts.map { FactChange(subject: subject($0), old: added ? nil : FactValue($0), new: added ? FactValue($0) : nil) }
    }

    static func sameFact(_ a: Keyed, _ b: Keyed) -> Bool {
        guard a.fact.kind == b.fact.kind else { return false }
        // A text cell respelled under the same label ("National Mine Action Centre" → "Center") holds the same value.
        if a.fact.kind == .text, a.fact.value != b.fact.value {
            return !a.fact.head.isEmpty && a.fact.head == b.fact.head && Cosmetic.isCosmetic(old: a.fact.text, new: b.fact.text, citation: false)
        }
        return a.fact.value == b.fact.value && a.unit == b.unit && sameNotation(a.fact, b.fact)
    }

    /// How well two facts of one sentence pair up, or nil when they cannot be the same fact.
    static func affinity(_ ka: Keyed, _ kb: Keyed) -> Int? {
        let a = ka.fact, b = kb.fact
        let family: (Fact.Kind) -> Int = { kind in
            switch kind {
            case .quantity: 0
            case .ordinal: 1
            case .date, .dateRange: 2
            case .text: 3
            }
        }
        // A table cell pairs with the cell under the same label, whatever it holds ("Unknown" → "1,200 mines").
        if a.kind == .text || b.kind == .text { return !a.head.isEmpty && a.head == b.head ? 5 : nil }
        guard family(a.kind) == family(b.kind) else { return nil }
        // One event, one slot: the year munitions were acquired never pairs with the year they were used,
        // nor a report's due date with the date another was submitted.
        switch (a.head.isEmpty, b.head.isEmpty) {
        case (false, false):
            guard ka.sameHead(kb) else { return nil }
        case (true, true):
            break
        default:
            // A predicate on one side only: a count of the same thing may still pair; a date may not.
            guard family(a.kind) == 0, !a.unit.isEmpty, ka.unit == kb.unit else { return nil }
        }
        var score = 0
        let sameContext = !a.context.isEmpty && a.context == b.context
        if sameContext { score += 2 }
        if family(a.kind) != 2 {
            let ua = ka.unit, ub = kb.unit
            if ua == ub { score += 3 }
            else if !ua.isEmpty, !ub.isEmpty, let lastA = ua.split(separator: " ").last, let lastB = ub.split(separator: " ").last, lastA == lastB { score += 2 }
            else if !sameContext { return nil }
        } else if a.kind == b.kind {
            score += 1
        }
        return score
    }

    /// Units compared without case or a plural `s`: `State Party`/`States Parties` stay distinct, `state`/`states` do not.
    static func unitKey(_ unit: String) -> String {
        // "antipersonnel mines" and "anti-personnel mines" count one thing.
        guard !unit.isEmpty else { return "" }
        var lower = Typography.fold(unit).lowercased()
        if lower.utf8.contains(where: { $0 == 0x20 || $0 == 0x2D }) { lower.removeAll { $0 == " " || $0 == "-" } }
        return lower.hasSuffix("s") && !lower.hasSuffix("ss") ? String(lower.dropLast()) : lower
    }

    /// `recognized by … states`, `as of`, or the unit alone.
    /// Context made only of these ("in", "during the") says nothing about what a fact is.
    static let emptyContext: Set<String> = ["in", "on", "at", "by", "during", "the", "a", "an", "of", "from", "to", "since",
                                            "until", "between", "and", "for", "with", "than", "about", "around", "some", "over"]

    /// "submitted", "submits" and "submit" are one predicate; so are "recognized" and "recognised".
    static func headStem(_ head: String) -> String {
        var w = Cosmetic.respell(head)
        // A change from one year to the next fills one slot whichever way it went: "an increase of 8%" →
        // "a decrease of 3%".
        if Self.directions.contains(w) { return "change" }
        for suffix in ["ing", "ed", "es", "s", "d"] where w.hasSuffix(suffix) && w.count - suffix.count >= 3 {
            w = String(w.dropLast(suffix.count))
            break
        }
        if let last = w.last, w.count >= 4, w.dropLast().last == last, !"aeiou".contains(last) { w = String(w.dropLast()) }
        return w
    }

    /// Predicates of a change from one year to the next, in every inflection (`headStem` looks before it
    /// strips endings).
    static let directions: Set<String> = {
        let stems = ["increase", "decrease", "decline", "reduce"], verbs = ["rise", "fall", "drop", "grow"]
        var words: Set<String> = ["rose", "risen", "rising", "fell", "fallen", "falling", "dropped", "dropping", "grew", "grown",
                                  "growing", "growth", "reduction"]
        for stem in stems { words.formUnion([stem, stem + "s", stem + "d", String(stem.dropLast()) + "ing"]) }
        for verb in verbs { words.formUnion([verb, verb + "s"]) }
        return words
    }()

    static func subject(_ fact: Fact, fallback: Fact? = nil) -> String {
        // The predicate the fact fills, and what it counts: "recognized by … states", "submitted on …".
        let framed = fact.predicate.isEmpty ? (fallback ?? fact) : fact
        let predicate = framed.predicate
        let unit = fact.unit.isEmpty ? (fallback?.unit ?? "") : fact.unit
        // A predicate names something when it has a head word (a verb, a noun, a table label); a lead of
        // prepositions alone ("in", "on the") does not, except "as of", which says what the date is.
        if !predicate.isEmpty, !framed.head.isEmpty || predicate == "as of" {
            return unit.isEmpty ? "\(predicate) …" : "\(predicate) … \(unit)"
        }
        return contextSubject(fact, fallback: fallback)
    }

    static func contextSubject(_ fact: Fact, fallback: Fact? = nil) -> String {
        var context = fact.context.isEmpty ? (fallback?.context ?? "") : fact.context
        if context.split(separator: " ").allSatisfy({ emptyContext.contains(String($0)) }) { context = "" }
        let unit = fact.unit.isEmpty ? (fallback?.unit ?? "") : fact.unit
        switch (context.isEmpty, unit.isEmpty) {
        case (false, false): return "\(context) … \(unit)"
        case (false, true): return context
        case (true, false): return unit
        case (true, true):
            switch fact.kind {
            case .date, .dateRange: return "date"
            case .ordinal: return "ordinal"
            case .quantity: return "number"
            case .text: return "value"
            }
        }
    }
}

/// Pairs the quotes of two versions of one sentence. A quote whose words and speaker differ only
/// cosmetically (`Cosmetic`) is the same quote; a speaker the sentence does not name on one side is
/// not a different speaker.
enum QuotePairing {
    /// `subject`: how the profile names its own subject, so that "its delegation" and "the Chilean
    /// delegation" are one speaker.
    static func changes(old: [Quote], new: [Quote], subject: SubjectNames = .none) -> [QuoteChange] {
        var oldLeft = Array(old.indices)
        var newLeft = Array(new.indices)
        func sameWords(_ a: Quote, _ b: Quote) -> Bool { a.text == b.text || Cosmetic.isCosmetic(old: a.text, new: b.text) }
        for o in oldLeft {
            if let k = newLeft.firstIndex(where: { sameWords(old[o], new[$0]) && sameSpeaker(old[o].speaker, new[$0].speaker, subject: subject) }) {
                newLeft.remove(at: k)
                oldLeft.removeAll { $0 == o }
            }
        }
        var result: [QuoteChange] = []
        var pairedNew = Set<Int>()
        for o in oldLeft {
            let words = Typography.similarityWords(Typography.fold(old[o].text).lowercased())
            let best = newLeft.filter { !pairedNew.contains($0) }.compactMap { n -> (Int, Double)? in
                if sameWords(old[o], new[n]) { return (n, 2) }
                return similarity(words, Typography.similarityWords(Typography.fold(new[n].text).lowercased())).map { (n, $0) }
            }.max { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }
            if let (n, _) = best {
                pairedNew.insert(n)
                result.append(QuoteChange(old: old[o], new: new[n]))
            } else {
                result.append(QuoteChange(old: old[o], new: nil))
            }
        }
        for n in newLeft where !pairedNew.contains(n) { result.append(QuoteChange(old: nil, new: new[n])) }
        return result
    }

    static func sameSpeaker(_ a: String?, _ b: String?, subject: SubjectNames = .none) -> Bool {
        guard let a, let b else { return true }
        if a == b || Cosmetic.isCosmetic(old: a, new: b) { return true }
        // "the then-deputy minister" is the deputy minister, named as they were when they spoke; "its
        // delegation" is the Chilean delegation, Chile's delegation, the delegation of Chile.
        let (x, y) = (withoutSubject(withoutThen(a), subject), withoutSubject(withoutThen(b), subject))
        return (x != a || y != b) && (x == y || Cosmetic.isCosmetic(old: x, new: y))
    }

    /// A speaker without the profile's own subject as possessor, and without "the": "its delegation",
    /// "Chile's delegation", "the Chilean delegation", "the country's delegation" and "the delegation of
    /// Chile" all read "delegation".
    static func withoutSubject(_ speaker: String, _ subject: SubjectNames) -> String {
        let words = speaker.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func names(_ word: String) -> Bool {
            var lower = word.lowercased()
            for possessive in ["'s", "’s"] where lower.hasSuffix(possessive) { lower = String(lower.dropLast(2)) }
            if lower == "country" { return word.hasSuffix("s") }  // "the country's", not "the country" alone
            return word.first?.isUppercase == true && subject.isNameOrAdjective(lower)
        }
        var out: [String] = []
        var i = 0
        while i < words.count {
            let lower = words[i].lowercased()
            if lower == "of", i + 1 < words.count, names(words[i + 1]) || (words[i + 1].lowercased() == "the" && i + 2 < words.count
                                                                           && words[i + 2].lowercased() == "country") {
                i += words[i + 1].lowercased() == "the" ? 3 : 2
                continue
            }
            if !["the", "its", "their"].contains(lower), !names(words[i]) { out.append(words[i]) }
            i += 1
        }
        return out.joined(separator: " ")
    }

    /// A speaker without "then" or "then-" before their title.
    static func withoutThen(_ speaker: String) -> String {
        var words = speaker.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        for i in words.indices {
            let lower = words[i].lowercased()
            if lower == "then" || lower == "then-serving" { words[i] = "" }
            else if lower.hasPrefix("then-") || lower.hasPrefix("then‑") { words[i] = String(words[i].dropFirst(5)) }
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func similarity(_ a: [String], _ b: [String]) -> Double? {
        let sa = Set(a), sb = Set(b)
        guard !sa.isEmpty, !sb.isEmpty else { return nil }
        let dice = Double(2 * sa.intersection(sb).count) / Double(sa.count + sb.count)
        return dice >= 0.5 ? dice : nil
    }
}
