import ProfileModel

/// A date as typed on the command line: `2016-07-05`, `2016-07` or `2016`, i.e. a period of days.
public struct DateArgument: Hashable, Sendable, LosslessStringConvertible {
    public let text: String
    /// First and last day of the period (the same day for a full date).
    public let start: EffectiveDate
    public let end: EffectiveDate

    public init(_ text: String, option: String) throws(HistoryError) {
        let fix = "use YYYY-MM-DD, YYYY-MM or YYYY with a real calendar date, e.g. 2016-07-05"
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4,
              parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }) else {
            throw .invalidArgument(what: "\(option) '\(text)'", fix: fix)
        }
        let numbers = parts.compactMap { Int($0) }
        let start: EffectiveDate?
        let end: EffectiveDate?
        switch numbers.count {
        case 1:
            start = EffectiveDate(year: numbers[0], month: 1, day: 1)
            end = EffectiveDate(year: numbers[0], month: 12, day: 31)
        case 2:
            start = EffectiveDate(year: numbers[0], month: numbers[1], day: 1)
            end = EffectiveDate(year: numbers[0], month: numbers[1],
                                day: EffectiveDate.daysIn(month: numbers[1], year: numbers[0]))
        default:
            start = EffectiveDate(year: numbers[0], month: numbers[1], day: numbers[2])
            end = start
        }
        guard let start, let end else { throw .invalidArgument(what: "\(option) '\(text)' is not a real date", fix: fix) }
        self.text = text
        self.start = start
        self.end = end
    }

    /// The UTC day containing `seconds` since the epoch (what "today" means for a default `--to`).
    public init(day seconds: Int64) throws(HistoryError) {
        try self.init(String(Timestamp(seconds: seconds).description.prefix(10)), option: "the current date")
    }

    public var description: String { text }

    /// The same parse without saying why not (for a router's typed path parameters).
    public init?(_ description: String) {
        guard let parsed = try? DateArgument(description, option: "date") else { return nil }
        self = parsed
    }

    /// Seconds since the epoch at the first instant of the period (UTC).
    public var startTime: Int64 { Self.epochSeconds(start) }
    /// Seconds since the epoch at the last second of the period (UTC).
    public var endTime: Int64 { Self.epochSeconds(end) + 86_399 }

    /// Days-from-civil (Howard Hinnant), so no calendar or time zone is consulted.
    static func epochSeconds(_ d: EffectiveDate) -> Int64 {
        let y = Int64(d.month <= 2 ? d.year - 1 : d.year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(d.month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(d.day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return (era * 146_097 + doe - 719_468) * 86_400
    }
}
