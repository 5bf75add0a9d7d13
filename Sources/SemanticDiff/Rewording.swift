/// Judges a rewording with no fact or quote change that is not cosmetic (`Cosmetic`): `minor` when it
/// keeps the meaning (a word or two swapped, function words added or dropped), `major` when a negation,
/// a modal or the tense changes or new content words come (docs/significance.md).
enum Rewording {
    /// Past this many words come or gone a change is major whatever they are: matching them for typos
    /// pairwise would cost their product.
    static let wordsCompared = 200

    /// `excusing`: content word sets of text elsewhere (where moved facts went); their words are not news here.
    /// Past the cosmetic rules (`Cosmetic`), a rewording is minor when it keeps polarity, modality and
    /// tense and swaps at most two content words (one, in a sentence of four or fewer): a grammar fix, a
    /// synonym, a reordered clause. More than that is new content: major.
    /// `citation`: both are source references, which may name their source differently or cite another
    /// report (minor whatever the words: a source-only footnote added or removed is minor too, and a
    /// citation holds no claim of its own, `Citation.isCitation`).
    /// `ignoringNames`: words of the profile's own name (its title), which the text also calls "the
    /// country" or "it": they coming or going is no new name.
    static func significance(old: String, new: String, excusing excused: [Set<String>] = [], citation: Bool = false,
                             ignoringNames: SubjectNames = .none) -> Significance {
        if citation { return .minor }
        let a = Typography.similarityWords(old), b = Typography.similarityWords(new)
        // "will host" → "hosted", "not" → "": a plan becoming a fact, or a negation, changes the meaning.
        if negations(a) != negations(b) || modalityChanged(a, b) || tenseChanged(a, b) || stageChanged(a, b) { return .major }
        func isExcused(_ word: String) -> Bool { excused.contains { $0.contains(word) } }
        let contentA = contentWords(a), contentB = contentWords(b)
        var removed = difference(contentA, contentB).filter { !isExcused($0) }
        var added = difference(contentB, contentA).filter { !isExcused($0) }
        guard removed.count <= wordsCompared, added.count <= wordsCompared else { return .major }
        // Typo fixes: a removed word and an added word a letter or two apart.
        for r in removed.indices.reversed() {
            if let k = added.firstIndex(where: { isTypo(removed[r], $0) }) {
                added.remove(at: k)
                removed.remove(at: r)
            }
        }
        // A name that comes or goes — a donor added to a list, another organisation credited — is new
        // content however few words it takes ("Japan and Norway" → "Japan, Norway and the United States").
        if !removed.isEmpty || !added.isEmpty {
            // Counted, so that "the Convention" kept and "the convention's aims" added is not a new name.
            let before = names(old, ignoring: ignoringNames), after = names(new, ignoring: ignoringNames)
            func more(_ x: [String: Int], _ y: [String: Int]) -> (String) -> Bool { { x[$0, default: 0] > y[$0, default: 0] } }
            if removed.contains(where: more(before, after)) || added.contains(where: more(after, before)) { return .major }
        }
        let changed = max(removed.count, added.count)
        let size = max(contentA.count, contentB.count)
        if changed >= 3 || (changed == 2 && size <= 4) { return .major }
        return .minor
    }

    /// A claim's tense changed: "retains" → "retained", "is" → "was", "has" → "had" (or back). A participle
    /// becoming a finite verb ("becoming" → "became") or an irregular verb swapped for a synonym is not.
    static func tenseChanged(_ a: [String], _ b: [String]) -> Bool {
        let (a, b) = (withoutPerfects(a), withoutPerfects(b))
        let removed = difference(a, b), added = difference(b, a)
        guard !removed.isEmpty, !added.isEmpty else { return false }
        let present: Set<String> = ["is", "are", "has", "have", "does", "do"], past: Set<String> = ["was", "were", "had", "did"]
        if removed.contains(where: present.contains) && added.contains(where: past.contains) { return true }
        if removed.contains(where: past.contains) && added.contains(where: present.contains) { return true }
        func pastBases(_ w: String) -> [String] {
            guard w.count >= 5, w.hasSuffix("ed") else { return [] }
            return [String(w.dropLast(2)), String(w.dropLast(1))]
        }
        func presentBase(_ w: String) -> String { w.hasSuffix("s") && !w.hasSuffix("ss") ? String(w.dropLast()) : w }
        let removedPresent = Set(removed.map(presentBase)), addedPresent = Set(added.map(presentBase))
        // "is slowed by" → "slows": the participle of a present passive tells no past.
        let passiveA = presentPassives(a), passiveB = presentPassives(b)
        if removed.contains(where: { !passiveA.contains($0) && pastBases($0).contains(where: addedPresent.contains) }) { return true }
        if added.contains(where: { !passiveB.contains($0) && pastBases($0).contains(where: removedPresent.contains) }) { return true }
        return false
    }

    /// The "-ed" participles of present passives: each right after "is", "are" or "am" ("is slowed", "are
    /// funded"). Their tense is the present of that verb; "was slowed" stays a past.
    static func presentPassives(_ words: [String]) -> Set<String> {
        var out = Set<String>()
        for i in words.indices.dropFirst() where words[i].hasSuffix("ed") && ["is", "are", "am"].contains(words[i - 1]) {
            out.insert(words[i])
        }
        return out
    }

    /// The words with "has", "have" and "had" left out where they make a perfect ("has denied", "had not
    /// used", "has been extended"): a perfect tells of the past as the simple past does, so "denied that
    /// its forces had used them" → "has denied that its forces used them" keeps the claim's tense.
    static func withoutPerfects(_ words: [String]) -> [String] {
        var out: [String] = []
        for (i, word) in words.enumerated() {
            if word == "has" || word == "have" || word == "had",
               words[(i + 1)...].prefix(2).contains(where: { ($0.count >= 4 && $0.hasSuffix("ed")) || participles.contains($0) }) {
                continue
            }
            out.append(word)
        }
        return out
    }

    /// Past participles that do not end in "-ed".
    static let participles: Set<String> = ["been", "done", "made", "taken", "given", "held", "found", "sent", "paid", "kept",
                                           "left", "won", "lost", "seen", "written", "begun", "known", "shown", "told", "said",
                                           "laid", "met", "become", "brought", "built", "chosen", "drawn", "fallen", "grown",
                                           "risen", "struck", "thrown", "withdrawn", "sold", "fought", "shot", "put", "set", "cut"]

    /// Whether at least 70% of the content words of `text` also appear in one of `pools`.
    static func isMostlyContained(_ text: String, in pools: [Set<String>]) -> Bool {
        let words = contentWords(Typography.similarityWords(text))
        guard !words.isEmpty else { return true }
        return Double(words.filter { word in pools.contains { $0.contains(word) } }.count) >= 0.7 * Double(words.count)
    }

    /// The content words of a text, as `significance` and `isMostlyContained` compare them.
    static func contentWordSet(_ text: String) -> Set<String> {
        Set(contentWords(Typography.similarityWords(text)))
    }

    /// Content words, lightly stemmed so that `cites`, `cited` and `citing` count as one word.
    static func contentWords(_ words: [String]) -> [String] {
        words.filter { $0 != "#" && !Typography.functionWords.contains($0) && !Typography.negations.contains($0) }.map(stem)
    }

    static func stem(_ word: String) -> String {
        for suffix in ["ing", "ies", "ied", "es", "ed", "s"] where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            if suffix == "s", word.hasSuffix("ss") { return word }
            return String(word.dropLast(suffix.count))
        }
        // "resume" is the stem "resumed" and "resumes" leave, "change" the one "changes" leaves.
        if word.utf8.count >= 5, word.utf8.last == UInt8(ascii: "e") { return String(word.dropLast()) }
        return word
    }

    /// `t` counts as a negation: it is what is left of `n't` once words are split at apostrophes.
    static func negations(_ words: [String]) -> Int {
        words.filter { Typography.negations.contains($0) || $0 == "t" }.count
    }

    /// The stages of a legal or procedural act. One stage swapped for another ("has requested an
    /// extension" → "has been granted an extension") says something else happened, though one word changed.
    static let stages: [String: String] = {
        let groups: [String: [String]] = [
            "request": ["request", "requests", "requested", "requesting"],
            "grant": ["grant", "grants", "granted", "granting"],
            "approve": ["approve", "approves", "approved", "approving"],
            "reject": ["reject", "rejects", "rejected", "rejecting", "deny", "denies", "denied", "denying",
                       "refuse", "refuses", "refused", "refusing"],
            "propose": ["propose", "proposes", "proposed", "proposing"],
            "adopt": ["adopt", "adopts", "adopted", "adopting", "enact", "enacts", "enacted", "enacting"],
            "sign": ["signs", "signed", "signing"],
            "ratify": ["ratify", "ratifies", "ratified", "ratifying", "accede", "accedes", "acceded", "acceding"],
            "submit": ["submit", "submits", "submitted", "submitting"],
            "draft": ["drafted", "drafting"],
            "withdraw": ["withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing"],
            "complete": ["complete", "completes", "completed", "completing", "finish", "finishes", "finished", "finishing"],
            "start": ["start", "starts", "started", "starting", "begin", "begins", "began", "begun", "beginning"],
            // How a state voted: abstaining, for and against are three different votes.
            "abstain": ["abstain", "abstains", "abstained", "abstaining", "abstention"],
            "for": ["favour", "favor"],
            "against": ["against", "opposed"],
            // What befell a casualty: killed and injured are two outcomes, one word apart.
            "killed": ["killed", "died", "dead"],
            "injured": ["injured", "wounded", "maimed"],
            // Which way a figure went: "an increase of 8%" → "a decrease of 8%" reverses the trend. ("Declined"
            // and "dropped" are left out: a state "declined to comment", "dropped its reservation".)
            "up": ["increase", "increases", "increased", "increasing", "rise", "rises", "rose", "risen", "rising",
                   "grow", "grows", "grew", "grown", "growing", "growth"],
            "down": ["decrease", "decreases", "decreased", "decreasing", "fall", "falls", "fell", "fallen", "falling",
                     "reduction"],
        ]
        var stage: [String: String] = [:]
        for (name, forms) in groups { for form in forms { stage[form] = name } }
        return stage
    }()

    /// Whether a stage word went and a different one came.
    static func stageChanged(_ a: [String], _ b: [String]) -> Bool {
        guard a.contains(where: { stages[$0] != nil }), b.contains(where: { stages[$0] != nil }) else { return false }
        let gone = Set(difference(a, b).compactMap { stages[$0] }), came = Set(difference(b, a).compactMap { stages[$0] })
        return !gone.isEmpty && !came.isEmpty && gone != came
    }

    /// Words that are capitalised in the Monitor's prose without naming anyone new.
    static let institutionWords: Set<String> = Set(["republic", "kingdom", "government", "state", "states", "party", "parties",
                                                    "convention", "treaty", "meeting", "meetings", "article"].map(stem))

    /// Content words written with a capital inside a sentence (not opening it) — names of states,
    /// organisations and people — stemmed as `contentWords` stems them, with how often each is written.
    static func names(_ text: String, ignoring ignored: SubjectNames = .none) -> [String: Int] {
        var out: [String: Int] = [:]
        var word = String.UnicodeScalarView()
        var capitalised = false
        var opensSentence = true, nextOpens = false
        func flush() {
            defer { word = String.UnicodeScalarView() }
            guard !word.isEmpty else { return }
            let opens = opensSentence
            opensSentence = false
            guard !opens, capitalised else { return }
            let lower = String(word).lowercased()
            let stemmed = stem(lower)
            if !Typography.functionWords.contains(lower), !institutionWords.contains(stemmed), !ignored.contains(lower, stemmed: stemmed) {
                out[stemmed, default: 0] += 1
            }
        }
        for c in text.unicodeScalars {
            if c.properties.isAlphabetic {
                if word.isEmpty {
                    if nextOpens { opensSentence = true; nextOpens = false }
                    capitalised = c.properties.isUppercase
                }
                word.append(c)
                continue
            }
            flush()
            if c == "." || c == "!" || c == "?" { nextOpens = true }
        }
        flush()
        return out
    }

    /// The kind of modality a word adds — modals, plans and hedges ("is believed to be limited" → "is
    /// limited" makes a belief an assertion); words of one kind may replace each other ("intends to" → "its
    /// desire to", "will" → "shall").
    static func modalKind(_ word: String) -> String? {
        switch word {
        case "will", "shall": "future"
        case "would", "may", "might", "could": "possible"
        case "should", "must": "obligation"
        case "plan", "plans", "planned", "intend", "intends", "intended", "aim", "aims", "hope", "hopes", "expects", "expected",
             "desire", "intention", "intent", "wish", "wishes":
            "intention"
        case "believed", "reportedly", "allegedly", "apparently", "possibly", "probably", "likely", "unlikely": "hedge"
        default: nil
        }
    }

    /// Whether the modality of a claim changed: a modal, plan or hedge came or went (or became another
    /// kind) while the word it governs stayed — "will attend" → "attended", "is believed to be limited"
    /// → "is limited". When the governed word went too, the clause was rephrased ("would be sent to
    /// parliament" → "for submission to parliament"), and the content words judge it.
    static func modalityChanged(_ a: [String], _ b: [String]) -> Bool {
        let kindsA = a.compactMap(modalKind).sorted(), kindsB = b.compactMap(modalKind).sorted()
        guard kindsA != kindsB else { return false }
        let stemsA = Set(contentWords(a)), stemsB = Set(contentWords(b))
        func governsKept(_ words: [String], _ other: Set<String>, _ gone: [String]) -> Bool {
            // "ratify" and "ratified" stem differently ("ratify", "ratif"): one word if all but a letter agree.
            func kept(_ governed: String) -> Bool {
                let s = stem(governed)
                if other.contains(s) { return true }
                return other.contains { o in
                    let common = zip(o, s).prefix { $0 == $1 }.count
                    return common >= 4 && common >= min(o.count, s.count) - 1
                }
            }
            var pending = gone
            for (i, w) in words.enumerated() {
                guard let kind = modalKind(w), let k = pending.firstIndex(of: kind) else { continue }
                pending.remove(at: k)
                // The governed word: the next content word that is not itself a modal ("to be", "have been" skipped).
                let governed = words[(i + 1)...].first { !Typography.functionWords.contains($0) && modalKind($0) == nil
                    && !Typography.negations.contains($0) }
                guard let governed else { return true }
                if kept(governed) { return true }
            }
            return false
        }
        return governsKept(a, stemsB, difference(kindsA, kindsB)) || governsKept(b, stemsA, difference(kindsB, kindsA))
    }

    /// Multiset difference, in the order of `a`.
    static func difference(_ a: [String], _ b: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for w in b { counts[w, default: 0] += 1 }
        var result: [String] = []
        for w in a {
            if let c = counts[w], c > 0 { counts[w] = c - 1 } else { result.append(w) }
        }
        return result
    }

    static func isTypo(_ a: String, _ b: String) -> Bool {
        let longer = max(a.count, b.count)
        guard longer >= 4 else { return false }
        return editDistance(Array(a), Array(b), limit: longer >= 8 ? 2 : 1) != nil
    }

    /// Levenshtein distance when it is at most `limit`, else nil.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            var rowMin = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return nil }
            previous = current
        }
        let d = previous[b.count]
        return d <= limit ? d : nil
    }
}
