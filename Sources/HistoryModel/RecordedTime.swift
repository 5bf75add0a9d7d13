import Foundation

/// A moment on the recorded-time axis as typed on the command line: an ISO 8601 instant
/// (`2026-11-29T09:00:00Z`, `2026-11-29T10:00:00+01:00`, `2026-11-29T09:00` read as UTC), or a date
/// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` meaning the end of that period.
public struct RecordedTime: Hashable, Sendable, CustomStringConvertible {
    public let text: String
    /// Seconds since the epoch.
    public let seconds: Int64

    public init(_ text: String, option: String) throws(HistoryError) {
        self.text = text
        guard text.contains("T") else {
            seconds = try DateArgument(text, option: option).endTime
            return
        }
        let formatter = ISO8601DateFormatter()
        var candidates = [text]
        // No zone given: UTC, as every time history prints.
        if !(text.hasSuffix("Z") || text.dropFirst(10).contains("+") || text.dropFirst(10).contains("-")) { candidates.append(text + "Z") }
        // No seconds given.
        candidates += candidates.map { $0.replacingOccurrences(of: "Z", with: ":00Z") }
        guard let date = candidates.lazy.compactMap({ formatter.date(from: $0) }).first else {
            throw .invalidArgument(what: "\(option) '\(text)'", fix: "use an ISO 8601 time like 2026-11-29T09:00:00Z, or a date YYYY-MM-DD (its end)")
        }
        seconds = Int64(date.timeIntervalSince1970)
    }

    public var description: String { text }
}
