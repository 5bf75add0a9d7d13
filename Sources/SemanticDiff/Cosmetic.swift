import Foundation
import ProfileModel

/// What `docs/significance.md` calls cosmetic: two texts that read the same once case, punctuation,
/// quotation marks, spacing, hyphenation, British/American spelling, a doubled word, a typo and an
/// abbreviation spelled out are set aside. Each rule is a step of one normal form (`words`); two texts
/// whose normal forms are equal, or equal up to typos, differ only in form.
enum Cosmetic {
    /// Whether `old` → `new` changes only form. `citation`: a footnote's source reference, whose parts may
    /// also be reordered ("Title," Publisher, date ↔ Publisher, "Title," date).
    static func isCosmetic(old: String, new: String, citation: Bool = false) -> Bool {
        if Typography.fold(old) == Typography.fold(new) { return true }
        let (a, b) = normalPair(old, new)
        if a == b { return true }
        // Hyphenation and compounds: "cease-fire", "cease fire" and "ceasefire" spell one word.
        if a.joined() == b.joined() { return true }
        // A citation's parts reordered, or its joining words changed ("Statement of" → "Statement by").
        if citation {
            let content: ([String]) -> [String] = { $0.filter { !Typography.functionWords.contains($0) }.sorted() }
            if content(a) == content(b) { return true }
        }
        return typosOnly(a, b)
    }

    /// Both texts in normal form, abbreviations resolved against each other.
    static func normalPair(_ old: String, _ new: String) -> ([String], [String]) {
        let ta = tokens(old), tb = tokens(new)
        let acronyms = Set(ta.filter(\.isAcronym).map(\.text) + tb.filter(\.isAcronym).map(\.text))
        return (normalWords(ta, acronyms: acronyms), normalWords(tb, acronyms: acronyms))
    }

    struct Token {
        var text: String
        var capitalized: Bool
        var isAcronym: Bool
    }

    /// Words and numbers, as written; "1,765" is one number. A hyphen inside a word joins it
    /// ("Co-operation" is one capitalised word, "anti-personnel" reads "antipersonnel").
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        // Bytes of the current word; ASCII is classified by range, other scalars by their properties.
        var current: [UInt8] = []
        var letters = 0, upper = 0
        var firstUpper = false
        var previousDigit = false
        // "US$" and "$" are one currency in the Monitor's house style (every amount is in US dollars).
        var scalars = Typography.fold(text).scalarArray
        if scalars.contains("$") {
            var kept: [Unicode.Scalar] = []
            for s in scalars {
                if s == "$", kept.count >= 2, kept[kept.count - 1] == "S", kept[kept.count - 2] == "U",
                   kept.count == 2 || !kept[kept.count - 3].properties.isAlphabetic {
                    kept.removeLast(2)
                }
                kept.append(s)
            }
            scalars = kept
        }
        func flush() {
            guard !current.isEmpty else { return }
            // "DoD", "MoFA": capitals with the "o" of an "of" between them abbreviate a name as its capitals do.
            if letters >= 3, upper >= 2, upper < letters, let initials = Self.initialsWithOf(current) {
                out.append(Token(text: initials, capitalized: true, isAcronym: true))
            } else {
                out.append(Token(text: String(decoding: current, as: UTF8.self), capitalized: firstUpper,
                                 isAcronym: letters >= 2 && upper == letters))
            }
            current.removeAll(keepingCapacity: true)
            letters = 0
            upper = 0
            firstUpper = false
        }
        func isLetter(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
            return s.properties.isAlphabetic
        }
        for (i, s) in scalars.enumerated() {
            let v = s.value
            let isDigit = v >= 0x30 && v <= 0x39
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            if isDigit || isLetter(s) {
                if !isDigit {
                    let isUpper = v < 0x80 ? (v >= 0x41 && v <= 0x5A) : s.properties.isUppercase
                    if letters == 0 { firstUpper = isUpper }
                    letters += 1
                    if isUpper { upper += 1 }
                }
                if v < 0x80 { current.append(UInt8(truncatingIfNeeded: v)) } else { current.append(contentsOf: UTF8.encode(s).map(Array.init) ?? []) }
            } else if (s == "," || s == ".") && previousDigit, let next, next.value >= 0x30 && next.value <= 0x39 {
                // 1,765 and 4.6 stay one number; its decimal point is kept ("4.6" is not "46")
                if s == "." { current.append(0x2E) }
            } else if v == 0x24 || v == 0x25 || v == 0x20AC || v == 0xA3, let sign = Self.signs[s] {
                // A currency or percent sign is a word of its own: "45%" reads "45 percent", "$86" "86 usd".
                flush()
                out.append(Token(text: sign, capitalized: false, isAcronym: false))
            } else if s == "²", letters > 0 {
                current.append(0x32)  // "km²" is "km2", "m²" "m2": a unit of area, whichever way it is written
            } else if s == "'", !current.isEmpty, let next, isLetter(next) {
                current.append(0x27)  // Kosovo's, don't
            } else if s == "-", letters > 0, current.last.map({ $0 < 0x30 || $0 > 0x39 }) == true, let next, isLetter(next) {
                // joined: the hyphen is dropped ("Co-operation", "anti-personnel")
            } else {
                flush()
            }
            previousDigit = isDigit
        }
        flush()
        return out
    }

    /// Whether `acronym` is the initials of `words` (capitalised words, upper-cased, joiners left out), the
    /// first of them giving one to three letters: "UN" of United Nations, "ZIMAC" of Zimbabwe Mine Action Centre.
    static func abbreviates(_ acronym: String, _ words: [String]) -> Bool {
        let letters = Array(acronym), rest = words.dropFirst()
        guard let first = words.first, letters.count >= rest.count + 1 else { return false }
        let lead = letters.count - rest.count
        guard lead <= 3, first.count >= lead, Array(first.prefix(lead)) == Array(letters.prefix(lead)) else { return false }
        return zip(letters.dropFirst(lead), rest).allSatisfy { letter, word in word.first == letter }
    }

    /// The capitals of an abbreviation written with the "o" of "of" ("DoD", "MoFA" → "DD", "MFA"): capitals
    /// first and last, and every lower-case letter a lone "o" between two of them. Nil for any other word.
    static func initialsWithOf(_ word: [UInt8]) -> String? {
        func isCapital(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        guard let first = word.first, let last = word.last, isCapital(first), isCapital(last) else { return nil }
        var initials: [UInt8] = []
        for (k, b) in word.enumerated() {
            if isCapital(b) { initials.append(b); continue }
            guard b == UInt8(ascii: "o"), isCapital(word[k - 1]), isCapital(word[k + 1]) else { return nil }
        }
        return String(decoding: initials, as: UTF8.self)
    }

    /// Lower-cased, respelled, doubled words dropped, and a name spelled out where the other side (or
    /// this one, in brackets) uses its abbreviation: "United Nations (UN)" and "United Nations" become "un".
    static func normalWords(_ tokens: [Token], acronyms: Set<String>) -> [String] {
        var out: [String] = []
        var i = 0
        let ordered = acronyms.sorted()  // so that the same abbreviation wins on every run
        while i < tokens.count {
            // A run of capitalised words (with `nameJoiners` inside: "of", "the", "with" …) whose initials are an
            // abbreviation in use; the first word may give it up to three letters ("Zimbabwe Mine Action
            // Centre", ZIMAC).
            if tokens[i].capitalized, !acronyms.isEmpty {
                var j = i
                var words: [String] = []
                var best: (end: Int, initials: String)? = nil
                while j < tokens.count {
                    let t = tokens[j]
                    if t.capitalized, !t.isAcronym {
                        words.append(t.text.uppercased())
                        if words.count >= 2, let acronym = ordered.first(where: { Self.abbreviates($0, words) }) {
                            best = (j, acronym)
                        }
                    } else if !(j > i && Self.nameJoiners.contains(t.text.lowercased())) {
                        break
                    }
                    j += 1
                }
                if let best {
                    // "the Tajikistan Mine Action Centre (TMAC)" and "TMAC": an abbreviation takes no article.
                    if out.last == "the" { out.removeLast() }
                    out.append(best.initials.lowercased())
                    i = best.end + 1
                    // "(UN)" right after the name it abbreviates says nothing more.
                    if i < tokens.count, tokens[i].text == best.initials { i += 1 }
                    continue
                }
            }
            // Amounts: "9.2 million" and "9,200,000" are one number, and a currency reads the same before
            // the amount as a code or sign ("CHF 82.5 million", "$86.1 million") and after it as a name
            // ("82.5 million Swiss francs"): the normal form is the digits, then the currency's code.
            let lower = tokens[i].text.lowercased()
            if Self.currencyCodes.contains(lower), let (digits, length) = Self.amount(tokens, at: i + 1) {
                out.append(digits)
                out.append(lower)
                i += 1 + length
                continue
            }
            if let (digits, length) = Self.amount(tokens, at: i) {
                i += length
                // An area's unit written onto its number ("648,800,000m²", "64.1km²"): the number in km², then "km".
                if let unit = digits.firstIndex(where: { $0.isLetter }) {
                    if let km = Self.areaInKm(String(digits[..<unit]), unit: String(digits[unit...])) {
                        out += [km, "km"]
                    } else {
                        out.append(digits)
                    }
                    continue
                }
                out.append(digits)
                if let (code, named) = Self.currencyName(tokens, at: i) {
                    out.append(code)
                    i += named
                } else if let (km, named) = Self.areaInKm(digits, tokens, at: i) {
                    // "648,800,000m²", "648.8 square kilometres", "64,880 hectares": one area, in km.
                    out[out.count - 1] = km
                    out.append("km")
                    i += named
                }
                continue
            }
            if tokens[i].isAcronym, acronyms.contains(tokens[i].text), out.last == "the" { out.removeLast() }
            // "per cent" is "percent" (and "%"); "2016 to 2019" is "2016–2019".
            if lower == "per", i + 1 < tokens.count, tokens[i + 1].text.lowercased() == "cent" {
                out.append("percent")
                i += 2
                continue
            }
            if lower == "to" || lower == "through", let before = out.last, Self.isYear(before), i + 1 < tokens.count,
               Self.isYear(tokens[i + 1].text) {
                i += 1
                continue
            }
            // Areas: "km²" (its ² is no word), "km2", "square kilometres" and "sq km" all read "km".
            if (lower == "square" || lower == "sq"), i + 1 < tokens.count,
               let area = Self.areas[tokens[i + 1].text.lowercased()] {
                out.append(area)
                i += 2
                continue
            }
            let word = Self.areas[lower].flatMap { lower.hasSuffix("2") ? $0 : nil } ?? numerals[lower] ?? respell(lower)
            if out.last != word || Self.repeatable.contains(word) { out.append(word) }
            i += 1
        }
        return out
    }

    /// Signs that are words: currencies (as their codes) and percent.
    static let signs: [Unicode.Scalar: String] = Currency.signs.mapValues { $0.lowercased() }.merging(["%": "percent"]) { sign, _ in sign }

    /// The currency named at `i` ("Swiss francs"), and how many words name it, its code in lower case.
    static func currencyName(_ tokens: [Token], at i: Int) -> (code: String, length: Int)? {
        Currency.named(tokens[min(i, tokens.count)..<min(i + 2, tokens.count)].map(\.text)).map { ($0.code.lowercased(), $0.length) }
    }

    static let currencyCodes: Set<String> = Set(Currency.codes.map { $0.lowercased() })

    static func isYear(_ word: String) -> Bool {
        word.utf8.count == 4 && word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (word.hasPrefix("1") || word.hasPrefix("2"))
    }

    /// The number at `i` as plain digits, times the "million", "billion" or "thousand" after it when that
    /// leaves a whole number ("9.2 million" → "9200000", "9,200,000" → "9200000"), and how many tokens it took.
    static func amount(_ tokens: [Token], at i: Int) -> (digits: String, length: Int)? {
        guard i < tokens.count, let first = tokens[i].text.utf8.first else { return nil }
        let zeros = i + 1 < tokens.count ? ["thousand": 3, "million": 6, "billion": 9][tokens[i + 1].text.lowercased()] : nil
        // "three million" is "3 million": a number spelled out is one only before a scale word here (alone,
        // it is a numeral word of the normal form).
        if !(first >= 0x30 && first <= 0x39) {
            guard let zeros, let digits = cardinals[tokens[i].text.lowercased()] else { return nil }
            return (digits + String(repeating: "0", count: zeros), 2)
        }
        let number = tokens[i].text.filter { $0 != "," }
        guard let zeros else { return (number, 1) }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count <= 2, fraction.count <= zeros else { return (number, 1) }
        let digits = String(whole) + fraction + String(repeating: "0", count: zeros - fraction.count)
        return (String(digits.drop { $0 == "0" }.isEmpty ? "0" : digits.drop { $0 == "0" }), 2)
    }

    /// An area in square metres or hectares at `i`, after the number `digits`, as km² ("648800000" m² →
    /// "648.8"), and how many words name its unit; nil for any other unit (km² is written as it is).
    /// "m" alone is left as it is: "5m" may be five million as well as five metres.
    static func areaInKm(_ digits: String, _ tokens: [Token], at i: Int) -> (digits: String, length: Int)? {
        guard i < tokens.count else { return nil }
        let lower = tokens[i].text.lowercased()
        if lower == "square" || lower == "sq" {
            guard i + 1 < tokens.count, areas[tokens[i + 1].text.lowercased()] == "m" else { return nil }
            return areaInKm(digits, unit: "m2").map { ($0, 2) }
        }
        return lower == "km2" || lower == "km" ? nil : areaInKm(digits, unit: lower).map { ($0, 1) }
    }

    /// The number `digits` of an area in `unit` (`m2`, `hectares`, `ha`, `km2`, `km`), in km².
    static func areaInKm(_ digits: String, unit: String) -> String? {
        let lower = unit.lowercased()
        guard let divisor = lower == "km2" || lower == "km" ? 1 : AreaUnits.perKm2[lower],
              let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return (value / Decimal(divisor)).description
    }

    /// Small words inside a name ("Convention on the Rights of Persons with Disabilities", "International
    /// Campaign to Ban Landmines"): they give no letter to its abbreviation.
    static let nameJoiners: Set<String> = ["of", "the", "and", "for", "on", "in", "with", "to"]

    /// Units of area as the normal form writes them, from what may follow "square" or carry a 2.
    static let areas: [String: String] = ["kilometres": "km", "kilometers": "km", "km": "km", "km2": "km",
                                          "metres": "m", "meters": "m", "m2": "m"]

    /// Numbers and ordinals spelled out, as digits: house style writes "nine provinces" and "the
    /// Fourteenth Meeting" where another editor wrote "9 provinces" and "the 14th Meeting".
    /// Up to ninety-nine; a compound is one word here, its hyphen dropped ("thirty-one" → "thirtyone" → "31",
    /// "Twenty-first" → "21st").
    static let numerals: [String: String] = {
        var map = cardinals
        let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                        "eighteenth", "nineteenth"]
        let tenths = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]
        func ordinal(_ n: Int) -> String {
            let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
            return "\(n)\(suffix)"
        }
        for (k, word) in ordinals.enumerated() { map[word] = ordinal(k + 1) }
        for (k, ten) in tens.enumerated() {
            map[tenths[k]] = ordinal(20 + 10 * k)
            for (u, unit) in ordinals.prefix(9).enumerated() { map[ten + unit] = ordinal(20 + 10 * k + u + 1) }
        }
        return map
    }()

    static let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// Cardinal numbers spelled out, one to ninety-nine, as digits.
    static let cardinals: [String: String] = {
        let units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        var map: [String: String] = [:]
        for (k, word) in units.enumerated() { map[word] = String(k + 1) }
        for (k, ten) in tens.enumerated() {
            map[ten] = String(20 + 10 * k)
            for (u, unit) in units.prefix(9).enumerated() { map[ten + unit] = String(20 + 10 * k + u + 1) }
        }
        return map
    }()
    /// Words that may stand twice in a row in good English ("had had", "that that").
    static let repeatable: Set<String> = ["had", "that"]

    /// British spellings mapped to American ones, so that either reads the same.
    static func respell(_ word: String) -> String {
        let count = word.utf8.count
        guard count >= 4, let last = word.utf8.last else { return word }
        if let mapped = spellings[word] { return mapped }
        // Every British ending below ends in one of these letters; most words are rejected here.
        guard count >= 5, last == UInt8(ascii: "e") || last == UInt8(ascii: "d") || last == UInt8(ascii: "s")
                || last == UInt8(ascii: "g") || last == UInt8(ascii: "r") else { return word }
        for (british, american) in suffixes where count - british.utf8.count >= 3 && word.hasSuffix(british) {
            return String(word.dropLast(british.count)) + american
        }
        return word
    }

    static let suffixes: [(String, String)] = [
        ("isation", "ization"), ("isations", "izations"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"), ("ise", "ize"),
        ("yse", "yze"), ("ysed", "yzed"), ("our", "or"), ("ours", "ors"), ("tre", "ter"), ("tres", "ters"),
        ("elled", "eled"), ("elling", "eling"), ("ogue", "og"), ("ogues", "ogs"),
    ]

    static let spellings: [String: String] = [
        "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
        "programme": "program", "programmes": "programs", "fulfil": "fulfill", "enrol": "enroll",
        "judgement": "judgment", "ageing": "aging", "grey": "gray", "cheque": "check", "practise": "practice",
        "towards": "toward", "amongst": "among", "whilst": "while", "learnt": "learned", "spelt": "spelled",
        "favour": "favor", "colour": "color", "honour": "honor", "labour": "labor", "neighbour": "neighbor",
        "neighbours": "neighbors", "behaviour": "behavior", "endeavour": "endeavor",
    ]

    /// Whether the two word lists differ only by misspelt words fixed (or made): a letter transposed,
    /// dropped or added inside a word of five letters or more, at most two such words.
    static func typosOnly(_ a: [String], _ b: [String]) -> Bool {
        guard a.count == b.count else { return false }
        var typos = 0
        for (x, y) in zip(a, b) where x != y {
            guard isTypo(x, y) else { return false }
            typos += 1
            if typos > 2 { return false }
        }
        return true
    }

    /// One letter transposed, dropped, added or replaced — not at the end, where a different inflection
    /// ("ratified"/"ratifies", "state"/"states") would change the meaning — and never in a number.
    static func isTypo(_ x: String, _ y: String) -> Bool {
        let a = Array(x), b = Array(y)
        guard max(a.count, b.count) >= 5, abs(a.count - b.count) <= 1, a.first == b.first else { return false }
        guard !a.contains(where: \.isNumber), !b.contains(where: \.isNumber) else { return false }
        var p = 0
        while p < min(a.count, b.count), a[p] == b[p] { p += 1 }
        var sa = a.count - 1, sb = b.count - 1
        while sa >= p, sb >= p, a[sa] == b[sb] { sa -= 1; sb -= 1 }
        // The differing stretch is a[p...sa] and b[p...sb]: at most one letter each, or two letters swapped.
        let da = sa - p + 1, db = sb - p + 1
        let oneEdit = da <= 1 && db <= 1
        let swapped = da == 2 && db == 2 && a[p] == b[p + 1] && a[p + 1] == b[p]
        guard oneEdit || swapped else { return false }
        // The change must leave the last two letters alone.
        return max(sa, sb) < min(a.count, b.count) - 2
    }
}
