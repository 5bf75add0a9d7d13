/// A calendar day with no time zone: a revision's "Last updated" date, or a date a user asked about.
public struct EffectiveDate: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil for a day that does not exist (`2016-02-31`) or a year outside 1000–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month),
              (1...EffectiveDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strictly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        // Read on the bytes: every file name of every profile goes through here.
        var digits: [Int] = []
        digits.reserveCapacity(8)
        var count = 0
        for byte in text.utf8 {
            count += 1
            if count == 5 || count == 8 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= 0x30, byte <= 0x39, count <= 10 else { return nil }
            digits.append(Int(byte - 0x30))
        }
        guard count == 10 else { return nil }
        let y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        self.init(year: y, month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7])
    }

    /// The forms profiles use: `05 July 2016`, `5 July 2016`, `July 5, 2016`, `2016-07-05`, each also after
    /// the day of the week (`Tuesday, 5 July 2016`, as a web page may print it).
    public init?(text: some StringProtocol) {
        let trimmed = text.trimmingCharacters(in: " \t.")
        if let iso = EffectiveDate(iso: trimmed) { self = iso; return }
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if words.count == 4, Self.weekdays.contains(words[0].lowercased().trimmingCharacters(in: ["."])) { words.removeFirst() }
        guard words.count == 3 else { return nil }
        if let d = Int(words[0]), let m = EffectiveDate.month(named: words[1]), let y = Int(words[2]), words[2].count == 4 {
            self.init(year: y, month: m, day: d)
        } else if let m = EffectiveDate.month(named: words[0]), let d = Int(words[1]), let y = Int(words[2]), words[2].count == 4 {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public static func < (a: EffectiveDate, b: EffectiveDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july",
                             "august", "september", "october", "november", "december"]

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]

    /// 1–12 for a full English month name or its common abbreviation (`Sept.`), any case.
    public static func month(named name: some StringProtocol) -> Int? {
        // Most words are not months: a length and first-letter check turns them away without lowercasing.
        let count = name.utf8.count
        guard count >= 3, count <= 10, let first = name.utf8.first else { return nil }
        switch first | 0x20 {
        case UInt8(ascii: "j"), UInt8(ascii: "f"), UInt8(ascii: "m"), UInt8(ascii: "a"), UInt8(ascii: "s"),
             UInt8(ascii: "o"), UInt8(ascii: "n"), UInt8(ascii: "d"): break
        default: return nil
        }
        var lower = name.lowercased()
        if lower.hasSuffix(".") { lower.removeLast() }
        if let index = monthNames.firstIndex(of: lower) { return index + 1 }
        if lower == "sept" { return 9 }
        if lower.count == 3, let index = monthNames.firstIndex(where: { $0.hasPrefix(lower) }) { return index + 1 }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = EffectiveDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension StringProtocol {
    /// The text without leading or trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        guard let start = firstIndex(where: { !set.contains($0) }),
              let end = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
