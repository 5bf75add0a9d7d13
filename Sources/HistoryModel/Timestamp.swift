import ProfileModel

/// A moment on the recorded-time axis: seconds since the epoch, and the UTC offset of whoever recorded it
/// (git keeps both for every commit). Written as ISO 8601: `2026-11-29T03:40:12Z`, `2026-11-29T04:40:12+01:00`.
public struct Timestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var seconds: Int64
    public var offsetMinutes: Int

    public init(seconds: Int64, offsetMinutes: Int = 0) {
        self.seconds = seconds
        self.offsetMinutes = offsetMinutes
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    /// The day it falls on in UTC.
    public var utcDay: EffectiveDate? {
        EffectiveDate(iso: Timestamp(seconds: seconds).description.prefix(10))
    }

    public var description: String {
        let local = seconds + Int64(offsetMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secs = local - days * 86_400
        // Civil-from-days (Howard Hinnant): no calendar or time zone is consulted.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(y)-\(two(m))-\(two(d))T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))"
        if offsetMinutes == 0 { text += "Z" } else {
            let sign = offsetMinutes < 0 ? "-" : "+"
            let o = Int64(abs(offsetMinutes))
            text += "\(sign)\(two(o / 60)):\(two(o % 60))"
        }
        return text
    }
}

/// One end of a comparison or a window: a day on the effective axis, or a recorded moment.
public enum Moment: Hashable, Sendable, CustomStringConvertible {
    case day(EffectiveDate)
    case time(Timestamp)

    public var description: String {
        switch self {
        case .day(let date): date.description
        case .time(let time): time.description
        }
    }
}
