import Foundation
import Git
import HistoryModel

/// Reviewers' sign-offs, kept as git notes on the events' commits in `refs/notes/reviews`: the commit
/// itself never changes, and any git tool shows the note (`git log --notes=reviews`).
public struct Reviews {
    public static let reference = "refs/notes/reviews"
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    /// Adds a review to an event's note and publishes it by compare-and-swap of `refs/notes/reviews`,
    /// retrying on a race, so concurrent reviews are all kept and none half-written.
    public func record(_ review: Review, of event: CommitID) throws(HistoryError) {
        let repository = store.repository
        let commit = OID(event)
        do {
            try HistoryRepository.retryingLostRaces { _ in
                let parent = try repository.reference(Self.reference)
                let existing = try parent.flatMap { (notes) throws(GitError) in try repository.note(for: commit, inNotesCommit: notes) } ?? ""
                let text = existing.isEmpty ? review.block : existing.trimmingCharacters(in: .newlines) + "\n\n" + review.block
                let signature = Signature(name: review.reviewer.name, email: review.reviewer.email, time: review.reviewedAt.seconds, offsetMinutes: 0)
                let notes = try repository.createNoteCommit(parent: parent, for: commit, text: text, author: signature, committer: signature)
                try store.publish(Self.reference, to: notes, expecting: parent, message: "history review: \(review.verdict.rawValue) \(commit.short)")
            }
        } catch {
            throw HistoryRepository.translated(error, "record the review of \(commit.short)")
        }
    }

    /// The current notes commit of `refs/notes/reviews` (nil before the first review): what a cache of
    /// anything that shows reviews must name besides the tip of main.
    public func tip() -> CommitID? {
        (try? store.repository.reference(Self.reference)).flatMap { $0.map(CommitID.init) }
    }

    /// Reviews of every commit, read from one notes commit (the current `refs/notes/reviews`).
    func reader() throws(GitError) -> (OID) -> [Review] {
        let repository = store.repository
        guard let notes = try repository.reference(Self.reference) else { return { _ in [] } }
        return { commit in
            guard let text = try? repository.note(for: commit, inNotesCommit: notes) else { return [] }
            return Review.parse(note: text)
        }
    }
}

extension Review {
    /// One block of trailers per review; a note holds the blocks of every review of that commit, oldest
    /// first, separated by blank lines. Lines of a multi-line note continue with a leading space.
    var block: String {
        let noteLines = note.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var lines = ["Verdict: \(verdict.rawValue)", "Reviewer: \(reviewer)", "Reviewed-At: \(Timestamp(seconds: reviewedAt.seconds))"]
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
                  let reviewer = fields["Reviewer"], let person = try? Person(parsing: reviewer, option: "Reviewer"),
                  let at = fields["Reviewed-At"], let seconds = parseTimestamp(at) else { return nil }
            return Review(verdict: verdict, reviewer: person, reviewedAt: Timestamp(seconds: seconds), note: fields["Note"] ?? "")
        }
    }

    static func parseTimestamp(_ text: String) -> Int64? {
        ISO8601DateFormatter().date(from: text).map { Int64($0.timeIntervalSince1970) }
    }
}

extension Snapshot {
    /// The current commit of `refs/notes/reviews` (read now, not with the snapshot's tip).
    public var reviewsTip: CommitID? { Reviews(store).tip() }
}
