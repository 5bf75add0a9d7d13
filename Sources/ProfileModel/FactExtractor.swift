/// Finds counts, ordinals and dates in a sentence by scanning words, not with regular expressions,
/// so that a long profile parses in well under a millisecond per kilobyte.
enum FactExtractor {
    struct Token {
        enum Kind { case word, number, ordinal, punctuation }
        let kind: Kind
        let text: String
        let range: Range<Int>
        var number: Double? = nil
    }

    /// Words that end the noun a number counts (`110 states and Taiwan` counts `states`).
    static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "by", "for", "from", "with", "as", "that",
        "which", "who", "were", "was", "is", "are", "be", "been", "had", "has", "have", "will", "would", "it",
        "its", "this", "these", "those", "than", "but", "not", "no", "per", "into", "during", "since", "until",
        "after", "before", "between", "including", "under", "over", "about", "while", "when", "where", "all",
        "each", "also", "more", "less", "other", "such", "there", "their", "they", "he", "she", "we", "could",
        "may", "might", "did", "do", "does", "so", "if", "out", "up", "only", "still", "then", "through", "via",
        "whose", "some", "any", "remaining", "left", "total", "respectively", "year", "years", "remain",
        "remained", "remains", "exist", "existed", "exists", "being", "now", "already", "yet", "again",
    ]
    static let scaleWords: [String: Double] = ["thousand": 1e3, "million": 1e6, "billion": 1e9]
    /// Numbers spelled out, two to ninety-nine ("thirty days", "forty-five states"); "one" counts nothing on its own.
    static let numberWords: [String: Double] = {
        var words: [String: Double] = [
            "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
            "seventeen": 17, "eighteen": 18, "nineteen": 19,
        ]
        let units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        for (k, ten) in tensWords.enumerated() {
            let value = Double(20 + 10 * k)
            words[ten] = value
            for (u, unit) in units.enumerated() { words[ten + "-" + unit] = value + Double(u + 1) }
        }
        return words
    }()

    static let tensWords = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    static func tokenize(_ chars: [Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            if c.isDigit {
                var j = i
                var digits: [Scalar] = []
                while j < chars.count {
                    let d = chars[j]
                    if d.isDigit { digits.append(d); j += 1; continue }
                    // Thousands separators and decimals only count when a digit follows.
                    if (d == "," || d == "."), j + 1 < chars.count, chars[j + 1].isDigit {
                        if d == "." { digits.append(".") }
                        else {
                            // "1,765" groups of exactly three digits; "2010,2011" is two numbers.
                            var k = j + 1, n = 0
                            while k < chars.count, chars[k].isDigit { k += 1; n += 1 }
                            if n != 3 { break }
                        }
                        j += 1
                        continue
                    }
                    break
                }
                let value = Double(String(scalars: digits))
                // Ordinal suffixes glued to the digits: 164th, 1st, 22nd, 3rd.
                var k = j
                while k < chars.count, chars[k].isLetterLike, k - j < 2 { k += 1 }
                let suffix = String(scalars: chars[j..<k]).lowercased()
                if ["st", "nd", "rd", "th"].contains(suffix), k == chars.count || !chars[k].isLetterLike {
                    tokens.append(Token(kind: .ordinal, text: String(scalars: chars[i..<k]), range: i..<k, number: value))
                    i = k
                } else {
                    tokens.append(Token(kind: .number, text: String(scalars: chars[i..<j]), range: i..<j, number: value))
                    i = j
                }
                continue
            }
            if c.isLetterLike {
                var j = i
                while j < chars.count, chars[j].isLetterLike || ((chars[j] == "-" || chars[j] == "’" || chars[j] == "'") && j + 1 < chars.count && chars[j + 1].isLetterLike) { j += 1 }
                tokens.append(Token(kind: .word, text: String(scalars: chars[i..<j]), range: i..<j))
                i = j
                continue
            }
            tokens.append(Token(kind: .punctuation, text: String(Character(c)), range: i..<(i + 1)))
            i += 1
        }
        return tokens
    }


    static let areaUnits: [String: String] = ["kilometres": "km²", "kilometers": "km²", "km": "km²",
                                              "metres": "m²", "meters": "m²", "m": "m²"]

    static func isYear(_ t: Token) -> Bool {
        t.kind == .number && t.text.count == 4 && !t.text.utf8.contains(UInt8(ascii: ",")) && !t.text.utf8.contains(UInt8(ascii: "."))
            && (t.number.map { (1900...2100).contains($0) } ?? false)
    }

    /// Words after which a number locates a citation (`p. 12`, `No. 4`), not a fact.
    static let locators: Set<String> = ["article", "articles", "p", "pp", "para", "paras", "no", "nos", "vol", "vols", "art", "arts", "ch", "sec", "page", "pages"]

    static func isLocator(_ tokens: [Token], before i: Int) -> Bool {
        var k = i - 1
        if k >= 0, tokens[k].text == "." { k -= 1 }
        return k >= 0 && tokens[k].kind == .word && locators.contains(tokens[k].text.lowercased())
    }

    static func isDash(_ t: Token) -> Bool { t.kind == .punctuation && ["-", "–", "—", "/"].contains(t.text) }

    /// Every fact holds a digit or a number word; most sentences hold neither and skip the scan.
    static func mayHoldFacts(_ text: String) -> Bool {
        var word: [UInt8] = []
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { return true }
            let lower = byte | 0x20
            if lower >= 0x61 && lower <= 0x7A { word.append(lower); continue }
            if !word.isEmpty { if numberWordBytes.contains(word) { return true }; word.removeAll(keepingCapacity: true) }
        }
        return !word.isEmpty && numberWordBytes.contains(word)
    }

    /// "years" after a number spelled out: a count of years, as "4 years" is ("four years ahead of its
    /// deadline"), though "years" is too common a word to be what a count counts.
    static func isYears(_ t: Token) -> Bool {
        t.text.utf8.count <= 5 && ["year", "years"].contains(t.text.lowercased())
    }

    /// Whether the number at `i` is followed by a unit of time and "ago" ("five years ago", "2 months ago").
    static func isElapsedTime(_ tokens: [Token], after i: Int) -> Bool {
        guard i + 2 < tokens.count, tokens[i + 1].kind == .word, tokens[i + 2].kind == .word,
              tokens[i + 2].text.utf8.count == 3, tokens[i + 2].text.lowercased() == "ago" else { return false }
        return ["year", "years", "month", "months", "week", "weeks", "day", "days"].contains(tokens[i + 1].text.lowercased())
    }

    /// An ordinal word that ranks ("ninth-largest", "second consecutive"): its value, the ranking word and
    /// how many tokens it takes.
    static func spelledRank(_ tokens: [Token], at i: Int) -> (value: Double, rank: String, length: Int)? {
        let word = tokens[i].text
        // Most words fail on their first three letters, without lower-casing.
        guard word.utf8.count >= 5, ordinalOpenings.contains(opening(word)) else { return nil }
        let lower = word.lowercased()
        if let dash = lower.firstIndex(of: "-") {
            let rank = String(lower[lower.index(after: dash)...])
            guard let value = ordinalWords[String(lower[..<dash])], rankWords.contains(rank) else { return nil }
            return (value, rank, 1)
        }
        guard let value = ordinalWords[lower], i + 1 < tokens.count, tokens[i + 1].kind == .word else { return nil }
        let rank = tokens[i + 1].text.lowercased()
        return rankWords.contains(rank) ? (value, rank, 2) : nil
    }

    /// A share spelled out at `i` and followed by "of": "a third", "one-quarter", "two-thirds", "half" (not
    /// "the second half of 2015"), as a percentage, and how many tokens it takes before "of".
    static func share(_ tokens: [Token], at i: Int) -> (percent: Double, length: Int)? {
        // "of" follows one or two words on: most words fail this on two bytes, without lower-casing.
        func isOf(_ k: Int) -> Bool {
            guard k < tokens.count else { return false }
            let bytes = tokens[k].text.utf8
            return bytes.count == 2 && bytes.first.map { $0 | 0x20 } == 0x6F && bytes.last.map { $0 | 0x20 } == 0x66
        }
        // Or an approximation comes before it: "about a fifth went to risk education" is a share, where "a
        // third was injured" counts a person. (Looked at only after a word that opens as a numerator does:
        // a, one, two, three, four, half.)
        let of = isOf(i + 1) || isOf(i + 2)
        let opensAsNumerator = tokens[i].text.utf8.first.map { [0x61, 0x6F, 0x74, 0x66, 0x68].contains($0 | 0x20) } == true
        let approximated = !of && opensAsNumerator && i > 0 && tokens[i - 1].text.utf8.count >= 4
            && approximators.contains(tokens[i - 1].text.lowercased())
        guard of || approximated else { return nil }
        let lower = tokens[i].text.lowercased()
        if lower == "half" {
            guard isOf(i + 1), i == 0 || ordinalWords[tokens[i - 1].text.lowercased()] == nil else { return nil }
            return (50, 1)
        }
        if let dash = lower.firstIndex(of: "-") {
            guard let n = numerators[String(lower[..<dash])], let d = denominators[String(lower[lower.index(after: dash)...])],
                  n < d, approximated || isOf(i + 1) else { return nil }
            return (100 * n / d, 1)
        }
        guard let n = numerators[lower], i + 1 < tokens.count, let d = denominators[tokens[i + 1].text.lowercased()],
              n < d, approximated || isOf(i + 2) else { return nil }
        return (100 * n / d, 2)
    }

    /// Words before a share that make it one without "of": "about a fifth", "nearly two-thirds".
    static let approximators: Set<String> = ["about", "around", "roughly", "nearly", "almost", "approximately", "some", "over", "under"]

    static let numerators: [String: Double] = ["a": 1, "one": 1, "two": 2, "three": 3, "four": 4]
    static let denominators: [String: Double] = {
        var map: [String: Double] = ["half": 2, "halves": 2, "quarter": 4, "quarters": 4]
        for (word, d) in [("third", 3.0), ("fifth", 5), ("sixth", 6), ("eighth", 8), ("tenth", 10)] {
            map[word] = d
            map[word + "s"] = d
        }
        return map
    }()

    /// The first three letters of a word in lower case, as one number (ASCII letters only; 0 otherwise).
    static func opening(_ word: String) -> UInt32 {
        var value: UInt32 = 0
        var count = 0
        for byte in word.utf8.prefix(3) {
            guard (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x7A else { return 0 }
            value = value << 8 | UInt32(byte | 0x20)
            count += 1
        }
        return count == 3 ? value : 0
    }

    static let ordinalOpenings: Set<UInt32> = Set(ordinalWords.keys.map(opening))

    static let ordinalWords: [String: Double] = {
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
                     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
                     "nineteenth", "twentieth"]
        return Dictionary(uniqueKeysWithValues: words.enumerated().map { ($1, Double($0 + 1)) })
    }()

    /// Words after an ordinal that make it a rank or a run.
    static let rankWords: Set<String> = ["largest", "biggest", "highest", "lowest", "smallest", "greatest", "consecutive",
                                         "straight", "successive", "most", "least"]

    /// Number words are 3 to 9 letters, or a compound of up to 13 ("seventy-seven"), and start with e, f, n, s or t: most words fail this
    /// without lowercasing.
    static func mayBeNumberWord(_ word: String) -> Bool {
        let count = word.utf8.count
        // "two" … "seventeen"; longer, only a compound ("seventy-seven")
        guard count >= 3, count <= 13, count <= 9 || word.utf8.contains(0x2D), let first = word.utf8.first else { return false }
        switch first | 0x20 {
        case UInt8(ascii: "e"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "t"): return true
        default: return false
        }
    }

    /// Number words and ordinal words (a rank spelled out is a fact too): what `mayHoldFacts` looks for.
    static let numberWordBytes: Set<[UInt8]> = Set((Array(numberWords.keys) + Array(ordinalWords.keys) + Array(denominators.keys))
        .map { Array($0.utf8) })

    static func extract(from text: String, framed: Bool = false) -> [Fact] {
        guard mayHoldFacts(text) else { return [] }
        let chars = text.scalarArray
        let tokens = tokenize(chars)
        var facts: [Fact] = []
        var i = 0
        func source(_ from: Int, _ to: Int) -> (String, Range<Int>) {
            let range = tokens[from].range.lowerBound..<tokens[to].range.upperBound
            return (String(scalars: chars[range]), range)
        }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

        while i < tokens.count {
            let t = tokens[i]
            let next = i + 1 < tokens.count ? tokens[i + 1] : nil
            let afterNext = i + 2 < tokens.count ? tokens[i + 2] : nil

            // 65/48: an identifier (a resolution, a case number), not two facts; year pairs go on to be ranges.
            if t.kind == .number, let slash = next, slash.text == "/", let other = afterNext, other.kind == .number,
               slash.range.lowerBound == t.range.upperBound, other.range.lowerBound == slash.range.upperBound,
               !(isYear(t) && (isYear(other) || other.text.count == 2)) {
                i += 3
                continue
            }
            // 12–13 May 2014: one range of days (a dash with no spaces between the two days)
            if t.kind == .number, let first = t.number, (1...31).contains(first), t.text.count <= 2, let dash = next, isDash(dash),
               dash.range.lowerBound == t.range.upperBound, let d2 = afterNext, d2.kind == .number, let last = d2.number,
               (1...31).contains(last), d2.text.count <= 2, last > first, d2.range.lowerBound == dash.range.upperBound,
               i + 4 < tokens.count, tokens[i + 3].kind == .word, let month = EffectiveDate.month(named: tokens[i + 3].text),
               tokens[i + 3].text.count > 3 || tokens[i + 3].text == "May", isYear(tokens[i + 4]), let year = tokens[i + 4].number {
                let (text, range) = source(i, i + 4)
                let prefix = "\(Int(year))-\(pad(month))-"
                facts.append(Fact(kind: .dateRange, value: .date("\(prefix)\(pad(Int(first)))/\(prefix)\(pad(Int(last)))"), unit: "",
                                  text: text, context: "", range: range))
                i += 5
                continue
            }
            // 30 March 2010
            if t.kind == .number, let day = t.number, (1...31).contains(day), t.text.count <= 2,
               let m = next, m.kind == .word, let month = EffectiveDate.month(named: m.text), m.text.count > 3 || m.text == "May",
               let y = afterNext, isYear(y), let year = y.number {
                let (text, range) = source(i, i + 2)
                facts.append(Fact(kind: .date, value: .date("\(Int(year))-\(pad(month))-\(pad(Int(day)))"), unit: "",
                                  text: text, context: "", range: range))
                i += 3
                continue
            }
            if t.kind == .word, t.text.utf8.first.map({ $0 >= 0x41 && $0 <= 0x5A }) == true,
               let month = EffectiveDate.month(named: t.text), t.text.count > 3 || t.text == "May" {
                // March 30, 2010
                if let d = next, d.kind == .number, let day = d.number, (1...31).contains(day), d.text.count <= 2 {
                    var k = i + 2
                    if k < tokens.count, tokens[k].text == "," { k += 1 }
                    if k < tokens.count, isYear(tokens[k]), let year = tokens[k].number {
                        let (text, range) = source(i, k)
                        facts.append(Fact(kind: .date, value: .date("\(Int(year))-\(pad(month))-\(pad(Int(day)))"), unit: "",
                                          text: text, context: "", range: range))
                        i = k + 1
                        continue
                    }
                }
                // June 2014
                if let y = next, isYear(y), let year = y.number {
                    let (text, range) = source(i, i + 1)
                    facts.append(Fact(kind: .date, value: .date("\(Int(year))-\(pad(month))"), unit: "",
                                      text: text, context: "", range: range))
                    i += 2
                    continue
                }
            }
            if isYear(t), let year = t.number {
                // 1998–1999, 1998-99
                if let dash = next, isDash(dash), let end = afterNext, end.kind == .number, let e = end.number,
                   dash.range.lowerBound == t.range.upperBound, end.range.lowerBound == dash.range.upperBound {
                    var endYear = Int(e)
                    if end.text.count == 2 { endYear = Int(year) / 100 * 100 + endYear }
                    if end.text.count == 2 || isYear(end), endYear > Int(year) {
                        let (text, range) = source(i, i + 2)
                        facts.append(Fact(kind: .dateRange, value: .date("\(Int(year))/\(endYear)"), unit: "",
                                          text: text, context: "", range: range))
                        i += 3
                        continue
                    }
                }
                // Between 1964 and 1973, from 2010 to 2014: a range of years.
                if i > 0, let connector = next, let end = afterNext, isYear(end), let endYear = end.number, endYear > year,
                   (tokens[i - 1].text.lowercased() == "between" && connector.text == "and")
                    || (tokens[i - 1].text.lowercased() == "from" && connector.text == "to") {
                    let (text, range) = source(i - 1, i + 2)
                    facts.append(Fact(kind: .dateRange, value: .date("\(Int(year))/\(Int(endYear))"), unit: "", text: text,
                                      context: "", range: range))
                    i += 3
                    continue
                }
                // "2,000 mines" counts, but a year before a singular noun ("the 1999 conflict") is a date.
                let countsSomething = next.map { $0.kind == .word && $0.text.first?.isLowercase == true
                    && !stopWords.contains($0.text) && $0.text.hasSuffix("s") } ?? false
                if !countsSomething {
                    let (text, range) = source(i, i)
                    facts.append(Fact(kind: .date, value: .date("\(Int(year))"), unit: "", text: text,
                                      context: "", range: range))
                    i += 1
                    continue
                }
            }
            // A share spelled out: "a third of", "two-thirds of", "half of" — as a percentage.
            if t.kind == .word, let (value, length) = share(tokens, at: i) {
                let (text, range) = source(i, i + length - 1)
                facts.append(Fact(kind: .quantity, value: .number(value), unit: "%", text: text, context: "", range: range))
                i += length
                continue
            }
            // A rank spelled out: "the ninth-largest donor", "the second consecutive year". (An ordinal word
            // alone, "the Fifth Meeting", names a meeting and is no fact; "5th" is, see below.)
            if t.kind == .word, let (value, rank, length) = spelledRank(tokens, at: i) {
                var k = i + length
                var unit = [rank]
                while k < tokens.count, unit.count < 3, tokens[k].kind == .word, !stopWords.contains(tokens[k].text.lowercased()) {
                    unit.append(tokens[k].text); k += 1
                }
                let (text, range) = source(i, k - 1)
                facts.append(Fact(kind: .ordinal, value: .number(value), unit: unit.joined(separator: " "), text: text,
                                  context: "", range: range))
                i = k
                continue
            }
            if t.kind == .ordinal, let value = t.number {
                var k = i + 1
                var unit: [String] = []
                while k < tokens.count, unit.count < 3, tokens[k].kind == .word, !stopWords.contains(tokens[k].text.lowercased()) {
                    unit.append(tokens[k].text); k += 1
                }
                let (text, range) = source(i, max(i, k - 1))
                facts.append(Fact(kind: .ordinal, value: .number(value), unit: unit.joined(separator: " "), text: text,
                                  context: "", range: range))
                i = max(k, i + 1)
                continue
            }
            var quantity: Double? = nil
            let elapsed = (t.kind == .number || (t.kind == .word && mayBeNumberWord(t.text))) && isElapsedTime(tokens, after: i)
            if t.kind == .number, !isLocator(tokens, before: i) { quantity = t.number }
            else if t.kind == .word, mayBeNumberWord(t.text), let n = numberWords[t.text.lowercased()], let nx = next, nx.kind == .word,
                    elapsed || nx.text.first?.isLowercase == true || nx.text.hasSuffix("s"),
                    elapsed || !stopWords.contains(nx.text.lowercased()) || isYears(nx) { quantity = n }
            if let value = quantity, elapsed {
                // "four years ago": time since something, counted in units that are otherwise stop words.
                let (text, range) = source(i, i + 2)
                facts.append(Fact(kind: .quantity, value: .number(value), unit: tokens[i + 1].text.lowercased() + " ago",
                                  text: text, context: "", range: range))
                i += 3
                continue
            }
            if var value = quantity {
                var k = i + 1
                var isPercent = false
                if k < tokens.count, tokens[k].text == "%" { isPercent = true; k += 1 }
                else if k < tokens.count, let scale = scaleWords[tokens[k].text.lowercased()] { value *= scale; k += 1 }
                var unit: [String] = []
                if isPercent { unit = ["%"] }
                else if k < tokens.count, tokens[k].text.lowercased() == "percent" { unit = ["%"]; k += 1 }
                else if k + 1 < tokens.count, tokens[k].text.lowercased() == "per", tokens[k + 1].text.lowercased() == "cent" { unit = ["%"]; k += 2 }
                // An amount of money: its unit is the currency, by its code, whether a sign or code comes
                // before it ("US$17.6 million", "CHF 82.5 million") or its name after ("82.5 million Swiss francs").
                else if let code = currency(before: i, tokens) { unit = [code] }
                else if let (code, length) = currency(at: k, tokens) { unit = [code]; k += length }
                else {
                    // A unit that starts capitalised continues capitalised ("States Parties"); one that starts
                    // lower-case ends at a capital, a participle or an adverb ("cluster bombs containing").
                    // "12 Article 7 reports": the article's number belongs to what is counted.
                    if k + 2 < tokens.count, ["article", "protocol"].contains(tokens[k].text.lowercased()), tokens[k + 1].kind == .number {
                        unit = [tokens[k].text, tokens[k + 1].text]
                        k += 2
                        if k < tokens.count, tokens[k].kind == .word, !stopWords.contains(tokens[k].text.lowercased()) {
                            unit.append(tokens[k].text)
                            k += 1
                        }
                    }
                    while k < tokens.count, unit.count < 3, tokens[k].kind == .word,
                          !stopWords.contains(tokens[k].text.lowercased()),
                          !(tokens[k].text.first?.isUppercase == true && unit.first.map { $0.first?.isLowercase == true } == true),
                          !(unit.first.map { $0.first?.isUppercase == true } == true && tokens[k].text.first?.isLowercase == true),
                          !(unit.isEmpty == false && ["ed", "ly", "ing"].contains(where: { tokens[k].text.hasSuffix($0) })) {
                        unit.append(tokens[k].text); k += 1
                    }
                    // Areas: "645 km²", "811 km2", "645 square kilometres" are one unit, km².
                    if let first = unit.first?.lowercased(), first == "km" || first == "m", k < tokens.count,
                       tokens[k].text == "²" || (tokens[k].kind == .number && tokens[k].text == "2"),
                       tokens[k].range.lowerBound == tokens[k - 1].range.upperBound {
                        unit[0] = first + "²"
                        k += 1
                    } else if unit.count >= 2, ["square", "sq"].contains(unit[0].lowercased()),
                              let area = Self.areaUnits[unit[1].lowercased()] {
                        unit = [area] + unit.dropFirst(2)
                    }
                }
                // An area is one quantity in whatever unit it is written: square metres and hectares are km²
                // (64,117,539m² is 64.117539km², 2,470 hectares 24.7km²), so that a profile that changed
                // units pairs its areas, and a conversion is no new figure.
                if let first = unit.first?.lowercased(), let divisor = AreaUnits.perKm2[first] {
                    value /= Double(divisor)
                    unit[0] = "km²"
                }
                let (text, range) = source(i, k - 1)
                facts.append(Fact(kind: .quantity, value: .number(value), unit: unit.joined(separator: " "), text: text,
                                  context: "", range: range))
                i = k
                continue
            }
            i += 1
        }
        return framed ? frames(facts, tokens: tokens) : facts
    }

    /// The currency whose sign or code stands right before the number at `i`: "$", "US$", "€", "£", "CHF".
    static func currency(before i: Int, _ tokens: [Token]) -> String? {
        guard i > 0 else { return nil }
        let t = tokens[i - 1]
        if t.kind == .punctuation { return t.text.unicodeScalars.first.flatMap { Currency.signs[$0] } }
        return t.kind == .word && Currency.codes.contains(t.text) ? t.text : nil
    }

    /// The currency named from `k` on ("Swiss francs", "euros"), and how many words name it.
    static func currency(at k: Int, _ tokens: [Token]) -> (code: String, length: Int)? {
        let words = tokens[k..<min(k + 2, tokens.count)].prefix { $0.kind == .word }.map(\.text)
        return Currency.named(words)
    }

    /// The facts of a key-data row "Label: value": the value's counts and dates, or the value itself as a
    /// text cell, each named by the label (its `head` and `predicate`), so that rows pair by label.
    static func tableFacts(_ row: String) -> [Fact] {
        let cell = ProfileParser.tableCell(row, longestValue: 400)
        guard let (label, value, offset) = cell ?? ProfileParser.wideRow(row) else { return extract(from: row) }
        // A label may hold a date or count of its own ("Operators in 2017", "Casualties in 2019"): a fact of
        // the row, and no part of the name rows pair by, so that next year's row is the same row.
        let labelFacts = label.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) ? extract(from: label) : []
        var name = label.lowercased()
        if !labelFacts.isEmpty {
            var scalars = Array(label.unicodeScalars)
            for fact in labelFacts.reversed() where fact.range.upperBound <= scalars.count {
                scalars.replaceSubrange(fact.range, with: "…".unicodeScalars)
            }
            var masked = String.UnicodeScalarView()
            masked.append(contentsOf: scalars)
            // A label that is only a date or count ("2012 | 10.2 | 3,114") is the row's name itself: rows of
            // other years are other rows.
            let rest = String(masked)
            if rest.contains(where: \.isLetter) { name = rest.lowercased() }
        }
        var facts = extract(from: value).map { fact -> Fact in
            var f = fact
            f.range = (fact.range.lowerBound + offset)..<(fact.range.upperBound + offset)
            f.context = name
            f.head = name
            f.predicate = name
            return f
        }
        // A cell with one fact shows the whole cell: "State Party as of 1 May 2011" → "State Party" (a wide
        // row's value is several cells: its fact shows itself).
        if facts.count == 1, cell != nil {
            facts[0].text = value
            facts[0].range = offset..<(offset + value.unicodeScalars.count)
        }
        if facts.isEmpty {
            let count = value.unicodeScalars.count
            var cell = Fact(kind: .text, value: .text(value), unit: "", text: value, context: name, range: offset..<(offset + count))
            cell.head = name
            cell.predicate = name
            facts = [cell]
        }
        return labelFacts.map { fact -> Fact in
            var f = fact
            f.context = name
            f.head = name
            f.predicate = name
            return f
        } + facts
    }

    /// Words that say what a date or count is about though they are not verbs in -ed.
    static let predicateWords: Set<String> = [
        "due", "pending", "valid", "said", "told", "took", "made", "gave", "sent", "held", "began", "wrote", "found",
        "met", "left", "laid", "became", "kept", "paid", "sold", "won", "lost", "fought", "drew", "fell", "grew", "rose",
        "shot", "struck", "threw", "withdrew", "deadline", "expires",
        // "… attended most meetings, including the Seventeenth Meeting … in November 2018": what the list's
        // latest item is dated by.
        "including",
    ]

    /// Words that are not stop words yet never name a predicate ("as of", "most recently").
    static let notPredicates: Set<String> = ["as", "most"]

    /// , ; : ( ) . — –: where a clause ends, looking back from a fact.
    static func isClauseBreak(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        switch first {
        case ",", ";", ":", "(", ")", ".", "—", "–": return true
        default: return false
        }
    }

    /// Whether the tokens before `comma` are only a sentence's opening phrase ("In 2010,"), which says
    /// nothing about the fact after the comma.
    static func isLeadingClause(_ tokens: [Token], before comma: Int) -> Bool {
        comma <= 6 && !tokens[..<comma].contains { $0.kind == .word && isVerbLike($0.text) }
    }

    /// Whether the fact at token `fact`, right after the comma at `comma`, restates what the clause before
    /// names ("provided the largest share, 41% of the total, followed by …"), as "about a third of the total"
    /// would: its own clause has no verb ("45 mines were found" has), and the clause before has a verb and
    /// no number of its own ("10,120 men, 11,340 women" is a list, each count its own; a citation's title,
    /// "Cluster Munition Use Spreads,” 13 June 2013", names no act the date could restate).
    static func isAppositive(_ tokens: [Token], comma: Int, fact: Int) -> Bool {
        var j = fact
        while j < tokens.count, !(tokens[j].kind == .punctuation && isClauseBreak(tokens[j].text)) {
            if tokens[j].kind == .word, isVerbLike(tokens[j].text) { return false }
            j += 1
        }
        var k = comma - 1
        var verb = false
        while k >= 0, !(tokens[k].kind == .punctuation && isClauseBreak(tokens[k].text)) {
            if tokens[k].kind == .number || tokens[k].kind == .ordinal { return false }
            if tokens[k].kind == .word, isVerbLike(tokens[k].text) { verb = true }
            k -= 1
        }
        return verb
    }

    static let prepositions: Set<String> = ["in", "on", "at", "by", "of", "since", "until", "from", "to", "during", "between",
                                            "before", "after", "for", "about", "around", "over", "under", "than"]

    static func isVerbLike(_ word: String) -> Bool { isVerbLike(word.lowercased(), original: word) }

    /// `lower` is `original` lower-cased; a capitalised "-ed" word is a name ("Ted"), not a verb.
    static func isVerbLike(_ lower: String, original: String) -> Bool {
        if lower.utf8.count >= 4, lower.hasSuffix("ed"), !lower.hasSuffix("eed"), original.utf8.first.map({ $0 >= 0x61 && $0 <= 0x7A }) == true {
            return true
        }
        return predicateWords.contains(lower)
    }

    /// The facts of `text` (as `extract` found them) with their `context`, `head` and `predicate` filled:
    /// what pairing facts needs, and only the diff's changed sentences need it, so parsing leaves it out.
    static func framed(_ facts: [Fact], in text: String) -> [Fact] {
        guard facts.contains(where: { $0.predicate.isEmpty && $0.head.isEmpty }) else { return facts }
        return frames(facts, tokens: tokenize(text.scalarArray))
    }

    /// Fills each fact's `head` and `predicate` from the words before it in its clause (after the last
    /// comma, semicolon, colon or bracket, at most ten words back).
    static func frames(_ facts: [Fact], tokens: [Token]) -> [Fact] {
        guard !facts.isEmpty else { return facts }
        var out = facts
        // Most words are lower-case already and are used as they are.
        func lowered(_ k: Int) -> String {
            let text = tokens[k].text
            return text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? text.lowercased() : text
        }
        func isContent(_ k: Int) -> Bool {
            let l = lowered(k)
            guard !stopWords.contains(l), !notPredicates.contains(l) else { return false }
            // Month names are capitalised; most words are not and skip the lookup.
            return tokens[k].text.utf8.first.map { $0 >= 0x61 } == true || EffectiveDate.month(named: tokens[k].text) == nil
        }
        func verbLike(_ k: Int) -> Bool { isVerbLike(lowered(k), original: tokens[k].text) }
        var t = 0
        for f in out.indices {
            while t < tokens.count, tokens[t].range.lowerBound < out[f].range.lowerBound { t += 1 }
            // A key-data cell is named by its label already.
            if !out[f].predicate.isEmpty { continue }
            // The clause's words, nearest first — not the sign or code of an amount of money ("contributed CHF
            // 17.4 million", "(US$17.6 million)"), which its unit already names.
            var words: [Int] = []
            var taken = 0
            var k = t - 1
            if Currency.codes.contains(out[f].unit), k >= 0 {
                if tokens[k].kind == .punctuation, Currency.signs[tokens[k].text.unicodeScalars.first ?? " "] != nil {
                    k -= 1
                    if k >= 0, tokens[k].text == "US" { k -= 1 }
                } else if Currency.codes.contains(tokens[k].text) {
                    k -= 1
                }
            }
            var commas = 0
            while k >= 0, taken < 10 {
                let token = tokens[k]
                if token.kind == .punctuation {
                    if isClauseBreak(token.text) {
                        // "…its clearance deadline, to 31 December 2025": a clause of only "to" reaches back past one comma.
                        let bare = !words.contains(where: isContent)
                        guard token.text == ",", commas == 0, bare, k > 0, taken > 0 || isAppositive(tokens, comma: k, fact: t),
                              !isLeadingClause(tokens, before: k) else { break }
                        commas += 1
                    }
                } else {
                    taken += 1
                    if token.kind == .word { words.append(k) }
                }
                k -= 1
            }
            // Up to three words before the fact, in this clause: `context`.
            out[f].context = words.prefix(3).reversed().map(lowered).joined(separator: " ")
            // A name inside the sentence says which, and a place ("in Geneva", "at Maputo") where, not what
            // happened: a lower-case word of the clause heads it first ("statement"), then a name that is no place.
            func isName(_ k: Int) -> Bool { k > 0 && tokens[k].text.utf8.first.map { $0 >= 0x41 && $0 <= 0x5A } == true }
            func isPlace(_ k: Int) -> Bool { isName(k) && ["in", "at", "near"].contains(lowered(k - 1)) }
            guard let headToken = words.first(where: verbLike) ?? words.first(where: { isContent($0) && !isName($0) })
                    ?? words.first(where: { isContent($0) && !isPlace($0) }) ?? words.first(where: isContent) else {
                // The clause starts with the fact ("In 2011, …", "As of June 2014, …"): what it dates is the verb after it.
                let lead = words.prefix(2).reversed().map(lowered).joined(separator: " ")
                var j = t
                var found: Int?
                while j < tokens.count, j - t < 14, !(tokens[j].kind == .punctuation && (tokens[j].text == "." || tokens[j].text == ";")) {
                    if tokens[j].kind == .word, tokens[j].range.lowerBound >= out[f].range.upperBound, verbLike(j) { found = j; break }
                    j += 1
                }
                if let found {
                    out[f].head = lowered(found)
                    // "As of June 2014, …" dates the whole statement: its subject stays "as of", its head pairs it.
                    out[f].predicate = lead.isEmpty ? out[f].head : lead == "as of" ? lead : "\(out[f].head) \(lead)"
                } else if lead.isEmpty, k >= 0, tokens[k].text == ",", !tokens[..<k].contains(where: { $0.text == "," }),
                          let named = stride(from: k - 1, through: max(0, k - 6), by: -1).first(where: { tokens[$0].kind == .word && isContent($0) }) {
                    // "Resolution 73/61, 5 December 2018": the date of what the one clause before names (in a
                    // longer list of places and publishers, a citation, it stays a date).
                    out[f].head = lowered(named)
                    out[f].predicate = out[f].head
                } else {
                    out[f].predicate = lead
                }
                continue
            }
            let head = lowered(headToken)
            out[f].head = head
            // The words from the head to the fact: "recognized by", "due on"; a long stretch keeps its last preposition.
            // `words` runs nearest first: the ones before the head's position are between it and the fact.
            let count = words.prefix { $0 > headToken }.count
            if count == 0 {
                out[f].predicate = head
            } else if count <= 2 {
                var predicate = head
                for w in words[..<count].reversed() { predicate += " " + lowered(w) }
                out[f].predicate = predicate
            } else if let last = words[..<2].first(where: { prepositions.contains(lowered($0)) }) {
                out[f].predicate = head + " … " + lowered(last)
            } else {
                out[f].predicate = head
            }
        }
        return out
    }
}
