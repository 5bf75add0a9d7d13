import Foundation
import ProfileModel
import SemanticDiff

/// Plain-text and JSON views of what the store returns, for the command line and later the server.
public enum Formatting {
    /// `2026-11-29T03:40:12Z`, or with the recorder's offset `2026-11-29T04:40:12+01:00`.
    public static func timestamp(_ seconds: Int64, offsetMinutes: Int = 0) -> String {
        let local = seconds + Int64(offsetMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secs = local - days * 86_400
        // Civil-from-days (Howard Hinnant).
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

    public static func profilesText(_ profiles: [ProfileSummary]) -> String {
        let width = profiles.map { $0.profile.description.count }.max() ?? 0
        return profiles.map { p in
            let id = p.profile.description.padding(toLength: width, withPad: " ", startingAt: 0)
            let count = "\(p.revisions) revision\(p.revisions == 1 ? "" : "s")".padding(toLength: 13, withPad: " ", startingAt: 0)
            return "\(id)  \(count)  \(p.first) … \(p.last)\n"
        }.joined()
    }

    public static func logText(_ entries: [LogEntry]) -> String {
        let width = entries.map { $0.profile.description.count }.max() ?? 0
        return entries.map { e in
            var line = "\(e.commit.short)  recorded \(timestamp(e.recordedAt, offsetMinutes: e.recordedOffsetMinutes))  "
            line += e.event.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            line += " \(e.lastUpdated)  \(e.profile.description.padding(toLength: width, withPad: " ", startingAt: 0))"
            line += "  by \(e.authorName) <\(e.authorEmail)>"
            if let source = e.source { line += "  from \(source)" }
            if let sha = e.sourceSHA256 { line += " (sha256 \(sha.prefix(12)))" }
            for review in e.reviews { line += "\n    " + reviewLine(review) }
            return line + "\n"
        }.joined()
    }

    /// `reviewed approved by Ada Auditor <ada@example.org> at 2026-11-29T09:00:00Z: matches the PDF`
    public static func reviewLine(_ r: Review) -> String {
        "reviewed \(r.verdict.rawValue) by \(r.reviewer) at \(timestamp(r.reviewedAt))"
            + (r.note.isEmpty ? "" : ": " + r.note.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    struct ReviewEntry: Encodable {
        let verdict: String
        let reviewer: LogDocument.Author
        let reviewedAt: String
        let note: String
        init(_ r: Review) {
            verdict = r.verdict.rawValue
            reviewer = LogDocument.Author(name: r.reviewerName, email: r.reviewerEmail)
            reviewedAt = timestamp(r.reviewedAt)
            note = r.note
        }
    }

    struct LogDocument: Encodable {
        struct Entry: Encodable {
            let commit: String
            let profile: String
            let event: String
            let lastUpdated: String
            let recordedAt: String
            let author: Author
            let source: String?
            let sourceSHA256: String?
            let reviews: [ReviewEntry]
        }
        struct Author: Encodable { let name: String; let email: String }
        let schema = "history.log.v1"
        let entries: [Entry]
    }

    struct ProfilesDocument: Encodable {
        struct Entry: Encodable { let profile: String; let revisions: Int; let first: String; let last: String }
        let schema = "history.profiles.v1"
        let profiles: [Entry]
    }

    public static func logJSON(_ entries: [LogEntry]) -> String {
        json(LogDocument(entries: entries.map { e in
            .init(commit: e.commit.hex, profile: e.profile.description, event: e.event.rawValue,
                  lastUpdated: e.lastUpdated.description,
                  recordedAt: timestamp(e.recordedAt, offsetMinutes: e.recordedOffsetMinutes),
                  author: .init(name: e.authorName, email: e.authorEmail), source: e.source, sourceSHA256: e.sourceSHA256,
                  reviews: e.reviews.map(ReviewEntry.init))
        }))
    }

    public static func profilesJSON(_ profiles: [ProfileSummary]) -> String {
        json(ProfilesDocument(profiles: profiles.map {
            .init(profile: $0.profile.description, revisions: $0.revisions, first: $0.first.description, last: $0.last.description)
        }))
    }

    /// Stable JSON: sorted keys, two-space indent as JSONEncoder prints it, no escaped slashes, final newline.
    public static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension Formatting {
    /// One line per sentence under its place (summary, section, footnote): when it was introduced and,
    /// if later, when it last changed in meaning.
    public static func blameText(_ blame: Blame) -> String {
        var out = "\(blame.profile)  revision of \(blame.revision.lastUpdated) (commit \(blame.revision.commit.short))"
        out += ", following \(blame.revisions.count) revision\(blame.revisions.count == 1 ? "" : "s") since \(blame.revisions.first?.lastUpdated.description ?? "")\n"
        out += "  introduced               last change in meaning\n"
        var place = ""
        for line in blame.lines {
            let here = line.location.label
            if here != place { out += "\(here)\n"; place = here }
            let introduced = "\(line.introduced.lastUpdated) \(line.introduced.commit.short)"
            let meaning = line.lastMeaningChange == line.introduced
                ? String(repeating: " ", count: 23) : "\(line.lastMeaningChange.lastUpdated) \(line.lastMeaningChange.commit.short)"
            out += "  \(introduced)  \(meaning)  \(line.text)\n"
        }
        return out
    }

    struct BlameDocument: Encodable {
        struct Revision: Encodable { let lastUpdated: String; let commit: String }
        struct Place: Encodable { let part: String; let section: String?; let footnote: Int? }
        struct Line: Encodable {
            let index: Int
            let location: Place
            let text: String
            let introduced: Revision
            let lastMeaningChange: Revision
            let lastEdited: Revision
        }
        let schema = "history.blame.v1"
        let profile: String
        let revision: Revision
        let revisions: [Revision]
        let sentences: [Line]
    }

    public static func blameJSON(_ blame: Blame) -> String {
        func revision(_ r: BlameRevision) -> BlameDocument.Revision { .init(lastUpdated: r.lastUpdated.description, commit: r.commit.hex) }
        return json(BlameDocument(
            profile: blame.profile.description, revision: revision(blame.revision), revisions: blame.revisions.map(revision),
            sentences: blame.lines.map { l in
                .init(index: l.index, location: .init(part: l.location.part.rawValue, section: l.location.section, footnote: l.location.footnote),
                      text: l.text, introduced: revision(l.introduced), lastMeaningChange: revision(l.lastMeaningChange),
                      lastEdited: revision(l.lastEdited))
            }))
    }
}
