import HistoryModel
import Foundation
import Git
import ProfileModel

/// What a commit says it recorded: DESIGN's subject line plus git trailers.
public struct RecordTrailers: Hashable, Sendable {
    public var profile: ProfileID
    public var lastUpdated: EffectiveDate
    public var event: RecordEvent
    public var source: String?
    public var sourceSHA256: String?
    /// For a retraction: the commit whose text it withdraws (40 hex digits), and why.
    public var retracts: String?
    public var reason: String?

    /// `kosovo/cluster-munition-ban-policy: revision of 2016-07-05`, a blank line, then the trailers.
    public var message: String {
        var lines = ["\(profile): \(event.rawValue) of \(lastUpdated)", "",
                     "Profile: \(profile)", "Last-Updated: \(lastUpdated)", "Event: \(event.rawValue)"]
        if let source { lines.append("Source: \(source)") }
        if let sourceSHA256 { lines.append("Source-SHA256: \(sourceSHA256)") }
        if let retracts { lines.append("Retracts: \(retracts)") }
        if let reason { lines.append("Reason: \(reason)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads the trailers back; nil when a commit was not written by `history` (or was damaged).
    public init?(message: String) {
        var values: [String: String] = [:]
        for line in message.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            guard ["Profile", "Last-Updated", "Event", "Source", "Source-SHA256", "Retracts", "Reason"].contains(key) else { continue }
            values[key] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        guard let p = values["Profile"], let profile = try? ProfileID(p),
              let d = values["Last-Updated"], let date = EffectiveDate(iso: d),
              let e = values["Event"], let event = RecordEvent(rawValue: e) else { return nil }
        self.init(profile: profile, lastUpdated: date, event: event, source: values["Source"], sourceSHA256: values["Source-SHA256"])
        retracts = values["Retracts"]
        reason = values["Reason"]
    }

    public init(profile: ProfileID, lastUpdated: EffectiveDate, event: RecordEvent, source: String?, sourceSHA256: String?) {
        self.profile = profile
        self.lastUpdated = lastUpdated
        self.event = event
        self.source = source
        self.sourceSHA256 = sourceSHA256
    }
}
