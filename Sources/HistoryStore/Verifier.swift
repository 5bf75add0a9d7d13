import Crypto
import Foundation
import Git
import HistoryModel
import ProfileModel

/// What `history verify` checks beyond reading every object.
public struct VerifyOptions: Sendable {
    /// Commits that main must still descend from (for example the last commit of a report kept by an auditor).
    public var anchors: [String]
    /// An allowed-signers file (git's `gpg.ssh.allowedSignersFile` format): every commit must carry a good
    /// signature by one of its keys.
    public var allowedSigners: AllowedSigners?
    /// Where relative `Source:` paths are looked up, to check their SHA-256 against the recorded one.
    public var sourceRoot: String

    public init(anchors: [String] = [], allowedSigners: AllowedSigners? = nil, sourceRoot: String = ".") {
        self.anchors = anchors
        self.allowedSigners = allowedSigners
        self.sourceRoot = sourceRoot
    }
}

public struct VerifyResult: Sendable {
    /// One line each, naming the commit (or ref, or object) and what is wrong.
    public var problems: [String] = []
    public var commits = 0
    public var objects = 0
    public var sourcesChecked = 0
    public var signaturesChecked = 0
    public var anchorsChecked = 0
}

/// `history verify`: reads every object of main, its checkpoints and reviews, and checks DESIGN's rules
/// commit by commit — proof that history was never rewritten. Works from the commits, never the event index.
public struct Verifier {
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    var repository: Repository { store.repository }
    var path: String { store.path }

    /// Reads every object once; call it in a process of its own (the CLI does), since it turns libgit2's
    /// process-wide object cache off while it runs.
    public func verify(_ options: VerifyOptions) throws(HistoryError) -> VerifyResult {
        Repository.setObjectCaching(false)
        defer { Repository.setObjectCaching(true) }
        var result = VerifyResult()
        var seen = Set<OID>()
        let main: OID?
        do { main = try repository.reference(HistoryRepository.mainRef) } catch { throw HistoryRepository.wrap(error, "read \(HistoryRepository.mainRef)") }

        // Every commit on main, oldest first, each checked against DESIGN's rules.
        var onMain = Set<OID>()
        if let main {
            var ids: [OID] = []
            do {
                try repository.walk(from: main, order: .topologicalReverse) { ids.append($0); return true }
            } catch {
                result.problems.append("\(HistoryRepository.mainRef): cannot walk its history (\(error)); a commit is missing or damaged")
            }
            onMain = Set(ids)
            // Recorded time only moves forward along main: a commit recorded before its parent was made with a
            // wrong clock, or history was rebuilt by hand. Read from the commit checkCommit reads anyway.
            var previous: (id: OID, time: Int64)?
            for id in ids {
                result.commits += 1
                guard let time = checkCommit(id, options: options, into: &result, seen: &seen) else { continue }
                if let previous, time < previous.time {
                    result.problems.append("commit \(id.short): recorded at \(Timestamp(seconds: time)), before its parent \(previous.id.short) (\(Timestamp(seconds: previous.time))): recorded times go backwards")
                }
                previous = (id, time)
            }
        }

        // A ref lock left by a killed writer blocks nothing (the next writer removes it), but say it is there.
        for lock in store.staleReferenceLocks() {
            result.problems.append("\(lock): a stale lock left by a writer that was killed; the next history write removes it, or delete it now")
        }

        // Report checkpoints must be commits main contains: otherwise something already reported was rewritten.
        do {
            for (name, target) in try repository.references(matching: Checkpoint.prefix + "*") {
                if onMain.contains(target) { continue }
                result.problems.append("\(name) points at \(target.hex), which \(HistoryRepository.mainRef) does not contain: history reported under that checkpoint was rewritten")
                readReachable(from: target, into: &result, seen: &seen)
            }
            if let notes = try repository.reference(Reviews.reference) { readReachable(from: notes, into: &result, seen: &seen) }
        } catch {
            result.problems.append("cannot list the report checkpoints and review notes (\(error))")
        }

        for anchor in options.anchors {
            result.anchorsChecked += 1
            let digits = anchor.lowercased()
            guard (7...40).contains(digits.count), digits.allSatisfy(\.isHexDigit) else {
                result.problems.append("--anchor \(anchor): not a commit id; give 7 to 40 of its hex digits as the report or `history log` printed it")
                continue
            }
            guard let id = OID(hex: digits), digits.count == 40 else {
                // A prefix names the one commit on main that begins with it; a rewritten history has none.
                let matches = onMain.filter { $0.hex.hasPrefix(digits) }
                if matches.count > 1 {
                    result.problems.append("--anchor \(anchor) is ambiguous: \(matches.count) commits on \(HistoryRepository.mainRef) begin with it; give more of its digits")
                } else if matches.isEmpty {
                    result.problems.append("anchor \(anchor): no commit on \(HistoryRepository.mainRef) begins with it: history was rewritten after it was reported, or the id is wrong")
                }
                continue
            }
            if onMain.contains(id) { continue }
            if repository.contains(id) {
                result.problems.append("anchor \(id.hex) is not an ancestor of \(HistoryRepository.mainRef): history was rewritten after that commit was reported")
            } else {
                result.problems.append("anchor \(id.hex) is not in the repository: history was rewritten (and the old commits are gone) or the id is wrong")
            }
        }
        return result
    }

    /// Reads every object reachable from a commit outside main (a damaged or rewritten branch of history).
    private func readReachable(from start: OID, into result: inout VerifyResult, seen: inout Set<OID>) {
        do {
            try repository.walk(from: start) { id in
                guard seen.insert(id).inserted else { return true }
                result.objects += 1
                let commit = try repository.commit(id)
                readTree(commit.treeID, path: "", commit: id, into: &result, seen: &seen)
                return true
            }
        } catch {
            result.problems.append("cannot read the history of \(start.hex) (\(error))")
        }
    }

    /// Reads a tree and everything below it once; libgit2 checks each object's hash as it reads it.
    private func readTree(_ tree: OID, path: String, commit: OID, into result: inout VerifyResult, seen: inout Set<OID>) {
        guard seen.insert(tree).inserted else { return }
        result.objects += 1
        do {
            for entry in try repository.treeEntries(tree) {
                let here = path.isEmpty ? entry.name : path + "/" + entry.name
                readEntry(entry, path: here, commit: commit, into: &result, seen: &seen)
            }
        } catch {
            result.problems.append("commit \(commit.short): cannot read the tree \(path.isEmpty ? "(root)" : path) (\(tree.hex)): \(error.message)")
        }
    }

    /// Reads one entry of a tree: a folder with everything below it, or a file, each once.
    private func readEntry(_ entry: TreeEntry, path: String, commit: OID, into result: inout VerifyResult, seen: inout Set<OID>) {
        switch entry.kind {
        case .tree: readTree(entry.id, path: path, commit: commit, into: &result, seen: &seen)
        case .blob:
            guard seen.insert(entry.id).inserted else { return }
            result.objects += 1
            do { _ = try repository.blob(entry.id) } catch {
                result.problems.append("commit \(commit.short): cannot read \(path) (blob \(entry.id.hex)): \(error.message)")
            }
        case .other:
            result.problems.append("commit \(commit.short): \(path) is neither a file nor a folder")
        }
    }

    /// Reads what a commit added to its parent's objects: the trees on the way to each changed file, and
    /// the new files. A tree not on such a way has the same entries, hence the same id, as in the parent,
    /// whose objects were read already; so every object reachable from main is still read once.
    private func readChanged(_ changes: [PathChange], root: OID, commit: OID, into result: inout VerifyResult, seen: inout Set<OID>) {
        for change in changes {
            var tree = root
            var here = ""
            let parts = change.path.split(separator: "/").map(String.init)
            for (depth, name) in parts.enumerated() {
                let found: TreeEntry?
                do {
                    if seen.insert(tree).inserted { result.objects += 1 }
                    found = try repository.entry(named: name, inTree: tree)
                } catch {
                    result.problems.append("commit \(commit.short): cannot read the tree \(here.isEmpty ? "(root)" : here) (\(tree.hex)): \(error.message)")
                    break
                }
                here = here.isEmpty ? name : here + "/" + name
                guard let entry = found else { break }  // removed: nothing new to read
                if depth + 1 < parts.count {
                    guard entry.kind == .tree else { break }
                    tree = entry.id
                    continue
                }
                readEntry(entry, path: here, commit: commit, into: &result, seen: &seen)
            }
        }
        if changes.isEmpty, seen.insert(root).inserted {
            result.objects += 1
            do { _ = try repository.treeEntries(root) } catch {
                result.problems.append("commit \(commit.short): cannot read the tree (root) (\(root.hex)): \(error.message)")
            }
        }
    }

    /// One recorded event: one dated file of one profile added or changed, trailers that say so, the right
    /// event type, a valid date, canonical text, its source's SHA-256, and (if asked) a good signature.
    /// Returns the commit's recorded (committer) time, or nil when it could not be read or was seen before.
    @discardableResult
    private func checkCommit(_ id: OID, options: VerifyOptions, into result: inout VerifyResult, seen: inout Set<OID>) -> Int64? {
        let at = "commit \(id.short)"
        guard seen.insert(id).inserted else { return nil }
        result.objects += 1
        let commit: Commit
        do { commit = try repository.commit(id) } catch {
            result.problems.append("\(at): cannot be read (\(error.message))")
            return nil
        }
        checkEvent(commit, id: id, at: at, options: options, into: &result, seen: &seen)
        return commit.committer.time
    }

    private func checkEvent(_ commit: Commit, id: OID, at: String, options: VerifyOptions, into result: inout VerifyResult, seen: inout Set<OID>) {
        // Compared with its parent once: the files it changes, and from them the new trees and blobs to read.
        let parentTree: OID?
        let changes: [PathChange]
        do {
            parentTree = try commit.parentIDs.first.map { (p) throws(GitError) in try repository.commit(p).treeID }
            changes = try repository.changedPaths(from: parentTree, to: commit.treeID)
        } catch {
            result.problems.append("\(at): cannot compare with its parent (\(error.message))")
            readTree(commit.treeID, path: "", commit: id, into: &result, seen: &seen)
            return
        }
        if parentTree == nil {
            readTree(commit.treeID, path: "", commit: id, into: &result, seen: &seen)
        } else {
            readChanged(changes, root: commit.treeID, commit: id, into: &result, seen: &seen)
        }
        if let signers = options.allowedSigners {
            result.signaturesChecked += 1
            if let problem = signers.problem(with: id, in: repository) { result.problems.append("\(at): \(problem)") }
        }
        guard commit.parentIDs.count <= 1 else {
            result.problems.append("\(at): a merge; \(HistoryRepository.mainRef) only ever moves forward one event at a time")
            return
        }
        // Whatever the message says, every file it adds or changes must sit where a revision can.
        for change in changes {
            if let problem = Self.layoutProblem(change.path) { result.problems.append("\(at): \(problem)") }
        }
        guard let trailers = RecordTrailers(message: commit.message) else {
            result.problems.append("\(at): no Profile/Last-Updated/Event trailers; not an event recorded by history")
            return
        }
        let subject = commit.message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        let expectedSubject = "\(trailers.profile): \(trailers.event.rawValue) of \(trailers.lastUpdated)"
        if subject != expectedSubject {
            result.problems.append("\(at): subject '\(subject)' does not match its trailers ('\(expectedSubject)')")
        }
        do {
            let expectedPath = HistoryRepository.path(of: trailers.profile, date: trailers.lastUpdated)
            guard changes.count == 1, let change = changes.first else {
                let profiles = Set(changes.map { $0.path.split(separator: "/").prefix(3).joined(separator: "/") })
                result.problems.append(profiles.count > 1
                    ? "\(at): changes \(profiles.count) profiles (\(profiles.sorted().joined(separator: ", "))); one event must touch one profile"
                    : "\(at): changes \(changes.count) files (\(changes.map(\.path).joined(separator: ", "))); one event records exactly one dated file")
                return
            }
            guard change.path == expectedPath else {
                result.problems.append("\(at): changes \(change.path) but its trailers say \(expectedPath)")
                return
            }
            if trailers.event == .retraction {
                checkRetraction(trailers, change: change, at: at, into: &result)
                return
            }
            let expected: RecordEvent
            switch change.status {
            case .modified: expected = .correction
            case .added:
                let newest = try parentTree.flatMap { (tree) throws(GitError) in try Snapshot.dates(of: trailers.profile, inTree: tree, in: repository).last }
                expected = newest.map { $0 > trailers.lastUpdated } == true ? .backfill : .revision
            case .deleted, .typeChanged:
                result.problems.append("\(at): \(change.status.rawValue) \(change.path); history never removes a revision")
                return
            }
            if trailers.event != expected {
                result.problems.append("\(at): Event: \(trailers.event.rawValue), but the change is a \(expected.rawValue)")
            }
            guard let blob = change.newID else { return }
            let bytes = try repository.blob(blob)
            checkText(bytes, trailers: trailers, path: expectedPath, at: at, options: options, into: &result)
        } catch {
            result.problems.append("\(at): cannot compare with its parent (\(error.message))")
        }
    }

    /// Nil when `path` is `profiles/<area>/<topic>/<YYYY-MM-DD>.txt` with slugs and a real date.
    static func layoutProblem(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "profiles", ProfileID.isSlug(parts[1]), ProfileID.isSlug(parts[2]) else {
            return "\(path) is not in the layout profiles/<area>/<topic>/<YYYY-MM-DD>.txt"
        }
        let name = parts[3]
        guard name.count == 14, EffectiveDate(revisionFile: String(name)) != nil else {
            return "\(path) is not named after a real date (YYYY-MM-DD.txt)"
        }
        return nil
    }

    /// Canonical text whose Last updated line (if any) names the file's date, and a source that still hashes
    /// to the recorded SHA-256 and reads as this text.
    private func checkText(_ bytes: [UInt8], trailers: RecordTrailers, path: String, at: String, options: VerifyOptions,
                           into result: inout VerifyResult) {
        let text = String(decoding: bytes, as: UTF8.self)
        if (try? ProfileText.normalize(bytes)) != text {
            result.problems.append("\(at): \(path) is not stored in canonical form (UTF-8, LF, NFC, one final newline)")
        }
        // The header alone: the same date (and the same refusals) as a full parse, without the body.
        if let date = (try? ProfileParser.lastUpdated(normalized: text)) ?? nil, date != trailers.lastUpdated {
            result.problems.append("\(at): \(path) says Last updated \(date), not \(trailers.lastUpdated)")
        }
        if let sha = trailers.sourceSHA256 {
            guard sha.count == 64, sha.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                result.problems.append("\(at): Source-SHA256 '\(sha)' is not a SHA-256 in hex")
                return
            }
            guard let source = trailers.source else { return }
            let file = source.hasPrefix("/") ? source : (options.sourceRoot as NSString).appendingPathComponent(source)
            guard let data = FileManager.default.contents(atPath: file) else { return }
            result.sourcesChecked += 1
            let actual = sha256Hex(data)
            if actual != sha {
                result.problems.append("\(at): the source \(source) now hashes to \(actual.prefix(12))…, not the recorded \(sha.prefix(12))…")
            } else if (try? ProfileText.normalize(Array(data))) != text {
                result.problems.append("\(at): \(path) is not the text of its source \(source), although the source's SHA-256 matches")
            }
        } else if trailers.source != nil {
            result.problems.append("\(at): Source is given without Source-SHA256")
        }
    }

    /// A retraction removes the file the retracted event recorded, or puts back the text a retracted
    /// correction replaced; `Retracts:` names an earlier event on main of the same profile and date.
    private func checkRetraction(_ trailers: RecordTrailers, change: PathChange, at: String, into result: inout VerifyResult) {
        guard let hex = trailers.retracts, let target = OID(hex: hex) else {
            result.problems.append("\(at): Event: retraction without a Retracts: trailer naming the commit it withdraws")
            return
        }
        guard let retracted = try? repository.commit(target), let theirs = RecordTrailers(message: retracted.message),
              theirs.profile == trailers.profile, theirs.lastUpdated == trailers.lastUpdated, theirs.event != .retraction else {
            result.problems.append("\(at): retracts \(hex), which is not an event of \(trailers.profile) \(trailers.lastUpdated)")
            return
        }
        switch (change.status, theirs.event) {
        case (.deleted, .revision), (.deleted, .backfill), (.modified, .correction): break
        default:
            result.problems.append("\(at): a retraction of a \(theirs.event.rawValue) that \(change.status.rawValue) \(change.path)")
        }
    }
}
