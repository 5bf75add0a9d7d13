import Foundation
import Git

/// A reviewer's sign-off on one recorded event, kept as a git note on its commit in `refs/notes/reviews`:
/// the commit itself never changes, and any git tool shows the note (`git log --notes=reviews`).
public struct Review: Hashable, Sendable {
    public enum Verdict: String, Hashable, Sendable, CaseIterable {
        case approved, questioned
    }

    public var verdict: Verdict
    public var reviewerName: String
    public var reviewerEmail: String
    /// Seconds since the epoch.
    public var reviewedAt: Int64
    public var note: String

    public init(verdict: Verdict, reviewerName: String, reviewerEmail: String, reviewedAt: Int64, note: String) {
        self.verdict = verdict
        self.reviewerName = reviewerName
        self.reviewerEmail = reviewerEmail
        self.reviewedAt = reviewedAt
        self.note = note
    }

    public var reviewer: String { "\(reviewerName) <\(reviewerEmail)>" }

    /// One block of trailers per review; a note holds the blocks of every review of that commit, oldest
    /// first, separated by blank lines. Lines of a multi-line note continue with a leading space.
    var block: String {
        let noteLines = note.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var lines = ["Verdict: \(verdict.rawValue)", "Reviewer: \(reviewer)", "Reviewed-At: \(Formatting.timestamp(reviewedAt))"]
        lines.append("Note: " + (noteLines.first ?? ""))
        lines += noteLines.dropFirst().map { " " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every review in a note; blocks that cannot be read (edited by hand) are skipped.
    static func parse(note text: String) -> [Review] {
        text.components(separatedBy: "\n\n").compactMap { block -> Review? in
            var fields: [String: String] = [:]
            var last: String?
            for line in block.split(separator: "\n") {
                if line.hasPrefix(" "), let key = last {
                    fields[key, default: ""] += "\n" + line.dropFirst()
                } else if let colon = line.firstIndex(of: ":") {
                    let key = String(line[..<colon])
                    fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    last = key
                }
            }
            guard let verdict = fields["Verdict"].flatMap(Verdict.init(rawValue:)),
                  let reviewer = fields["Reviewer"], let (name, email) = try? Recorder.identity(reviewer, option: "Reviewer"),
                  let at = fields["Reviewed-At"], let seconds = parseTimestamp(at) else { return nil }
            return Review(verdict: verdict, reviewerName: name, reviewerEmail: email, reviewedAt: seconds, note: fields["Note"] ?? "")
        }
    }

    static func parseTimestamp(_ text: String) -> Int64? {
        ISO8601DateFormatter().date(from: text).map { Int64($0.timeIntervalSince1970) }
    }
}

extension HistoryRepository {
    public static let reviewsRef = "refs/notes/reviews"

    /// A recorded event on main named by its commit id or a unique prefix of at least 7 hex digits.
    public func event(named text: String) throws(HistoryError) -> LogEntry {
        let lower = text.lowercased()
        guard lower.count >= 7, lower.count <= 40, lower.allSatisfy(\.isHexDigit) else {
            throw .invalidArgument("commit '\(text)'", "give a commit id (at least 7 hex digits) as `history log` prints it")
        }
        let matches = try log().filter { $0.commit.hex.hasPrefix(lower) }
        guard let entry = matches.first else {
            throw .notFound("no event recorded on \(Self.mainRef) has commit \(text)", "`history log` lists the recorded events and their commits")
        }
        guard matches.count == 1 else {
            throw .invalidArgument("commit '\(text)' is ambiguous (\(matches.count) events match)", "give more of its digits")
        }
        return entry
    }

    /// Adds a review to an event's note and publishes it by compare-and-swap of `refs/notes/reviews`,
    /// retrying on a race, so concurrent reviews are all kept and none half-written.
    public func review(_ commit: OID, _ review: Review) throws(HistoryError) {
        var attempt = 0
        while true {
            attempt += 1
            do {
                let parent = try repository.reference(Self.reviewsRef)
                let existing = try parent.flatMap { (notes) throws(GitError) in try repository.note(for: commit, inNotesCommit: notes) } ?? ""
                let text = existing.isEmpty ? review.block : existing.trimmingCharacters(in: .newlines) + "\n\n" + review.block
                let signature = Signature(name: review.reviewerName, email: review.reviewerEmail, time: review.reviewedAt, offsetMinutes: 0)
                let notes = try repository.createNoteCommit(parent: parent, for: commit, text: text, author: signature, committer: signature)
                try publish(Self.reviewsRef, to: notes, expecting: parent,
                                               message: "history review: \(review.verdict.rawValue) \(commit.short)")
                return
            } catch where error.isConcurrentUpdate && attempt < Self.maximumAttempts {
                usleep(UInt32.random(in: 1_000...20_000))
            } catch {
                throw Self.wrap(error, "record the review of \(commit.short)")
            }
        }
    }

    /// Reviews of every commit, read from one notes commit (the current `refs/notes/reviews`).
    func reviewReader() throws(GitError) -> (OID) -> [Review] {
        guard let notes = try repository.reference(Self.reviewsRef) else { return { _ in [] } }
        let repository = self.repository
        return { commit in
            guard let text = try? repository.note(for: commit, inNotesCommit: notes) else { return [] }
            return Review.parse(note: text)
        }
    }

    /// Events recorded on or after `since` (all when nil) that nobody has reviewed yet, newest first.
    public func pendingReviews(since: Int64?) throws(HistoryError) -> [LogEntry] {
        try log(LogQuery(since: since)).filter { $0.reviews.isEmpty }
    }
}
