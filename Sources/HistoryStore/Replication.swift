import Crypto
import Foundation
import Git
import HistoryModel

/// A named remote and how to authenticate to it (kept in the repository's git config, `remote.<name>.*`).
public struct RemoteSettings: Sendable, Hashable {
    public let name: String
    public let url: String
    /// `remote.<name>.historySshKey`: a private key file for `ssh://` (else the SSH agent is asked).
    public let sshKeyFile: String?
    /// `remote.<name>.historyTokenFile`: a file holding the token for `https://`.
    public let tokenFile: String?
    /// `remote.<name>.historyHostKey`: SSH host key fingerprints (`SHA256:…`, as `ssh-keygen -lf` prints
    /// them) accepted besides those in known_hosts.
    public var hostKeys: [String] = []
}

/// What a pull did.
public struct PullOutcome: Sendable {
    public enum Main: Sendable, Equatable {
        /// The remote has no main yet.
        case remoteEmpty
        /// Main already contained the remote's.
        case upToDate
        /// Main moved forward to the remote's.
        case fastForwarded(from: CommitID?, to: CommitID)
        /// Main moved to the remote's, with this repository's unpublished events recorded again on top
        /// (`replayed`), or left out when the remote had recorded the very same text (`alreadyThere`).
        case replayed(onto: CommitID, tip: CommitID, replayed: Int, alreadyThere: Int)
    }
    public let main: Main
    /// Checkpoints (`refs/history/reports/…`) created or moved forward from the remote.
    public let checkpoints: [String]
    /// True when reviews came from the remote (taken as they were, or merged with ours).
    public let reviews: Bool
    public let sources: Bool
    /// What could not be brought over and was left as it was here (e.g. a checkpoint that went elsewhere).
    public let warnings: [String]
}

/// What a push did.
public struct PushOutcome: Sendable {
    /// Nil when the remote's main already was ours.
    public let main: (from: CommitID?, to: CommitID)?
    public let references: [String]
}

/// Replicas through git's own protocol and any git host: `pull` and `push` of main, the report checkpoints,
/// the reviews and the sources list, through libgit2's transports.
///
/// main only ever moves forward, here and there. A pull fast-forwards; when this repository recorded
/// events the remote does not have, they are recorded again on top of the remote's main (each event decided
/// anew against it, as a second writer's compare-and-swap retry would be), never the other way round. A
/// remote whose main no longer contains what it had when last seen was rewritten: refused, nothing moved.
/// A push is a compare-and-swap of the remote's main: it moves only from the value this push found there.
public struct Replication {
    let store: HistoryRepository

    public init(_ store: HistoryRepository) { self.store = store }

    static let checkpointPrefix = Checkpoint.prefix
    /// What the last successful pull or push saw as the remote's main: the base that tells an append from a rewrite.
    /// Not under refs/remotes: a plain `git fetch` (or libgit2's opportunistic update of remote-tracking
    /// branches) must not move it.
    static func tracking(_ name: String) -> String { "refs/history/remotes/\(name)/main" }
    /// Where a fetch puts the remote's references before they are checked (replaced by every fetch).
    static func fetched(_ name: String) -> String { "refs/history/fetched/\(name)/" }

    // MARK: Remotes

    public static func validate(name: String) throws(HistoryError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ allowed.contains($0) }), !name.hasPrefix("-"), !name.hasPrefix("."),
              !name.hasSuffix(".lock"), !name.contains("..") else {
            throw .invalidArgument(what: "'\(name)' cannot name a remote",
                                   fix: "use letters, digits, '.', '_' and '-' (e.g. origin, office-geneva)")
        }
    }

    public func add(name: String, url: String, sshKeyFile: String?, tokenFile: String?, hostKeys: [String] = []) throws(HistoryError) {
        for key in hostKeys where SSHHostKeys.fingerprint(key) == nil {
            throw .invalidArgument(what: "--host-key '\(key)' is not a SHA-256 fingerprint",
                                   fix: "give it as `ssh-keygen -lf` prints it, e.g. SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og")
        }
        try Self.validate(name: name)
        guard !url.isEmpty, !url.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw .invalidArgument(what: "'\(url)' is not a remote URL", fix: "give a path, or a file://, ssh:// or https:// URL")
        }
        if url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://"),
           let at = url.firstIndex(of: "@"), url[..<at].dropFirst(8).contains(":") {
            throw .invalidArgument(what: "the URL '\(Self.redacted(url))' carries a password",
                                   fix: "put the token in a file and name it with --token-file; a URL is shown in logs and process lists")
        }
        for (option, file) in [("--ssh-key", sshKeyFile), ("--token-file", tokenFile)] {
            if let file, !FileManager.default.isReadableFile(atPath: file) {
                throw .invalidArgument(what: "\(option) '\(file)' cannot be read", fix: "name a readable file")
            }
        }
        try store.ensureWritable()
        let repository = store.repository
        do {
            guard try repository.remoteURL(name) == nil else {
                throw HistoryError.invalidArgument(what: "there is already a remote named \(name)",
                                                   fix: "choose another name, or see `history remote list`")
            }
            // A folder is kept as an absolute path: the remote is the same whichever folder history runs in.
            let stored = Self.localPath(url).map { $0.hasPrefix("/") ? url : Self.absolute($0) } ?? url
            try repository.addRemote(name, url: stored)
            try repository.setConfigValue("remote.\(name).historySshKey", sshKeyFile.map(Self.absolute))
            try repository.setConfigValue("remote.\(name).historyTokenFile", tokenFile.map(Self.absolute))
            if !hostKeys.isEmpty { try repository.setConfigValue("remote.\(name).historyHostKey", hostKeys.joined(separator: ",")) }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryRepository.translated(error, "add the remote \(name)")
        }
    }

    public func remove(name: String) throws(HistoryError) {
        _ = try settings(name)
        try HistoryRepository.translating("remove the remote \(name)") {
            try store.repository.removeRemote(name)
            for ref in try store.repository.references(matching: Self.fetched(name) + "*") + store.repository.references(matching: "refs/history/remotes/\(name)/*") {
                try? store.repository.deleteReference(ref.name, expecting: ref.target)
            }
        }
    }

    public func list() throws(HistoryError) -> [RemoteSettings] {
        try HistoryRepository.translating("list the remotes") {
            try store.repository.remotes().map { remote in
                var settings = RemoteSettings(name: remote.name, url: remote.url,
                                              sshKeyFile: try store.repository.configValue("remote.\(remote.name).historySshKey"),
                                              tokenFile: try store.repository.configValue("remote.\(remote.name).historyTokenFile"))
                settings.hostKeys = (try store.repository.configValue("remote.\(remote.name).historyHostKey"))?
                    .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
                return settings
            }
        }
    }

    public func settings(_ name: String) throws(HistoryError) -> RemoteSettings {
        try Self.validate(name: name)
        let all = try list()
        guard let remote = all.first(where: { $0.name == name }) else {
            let known = all.map(\.name)
            throw .notFound(what: "no remote named \(name)" + (known.isEmpty ? "" : " (there is \(known.joined(separator: ", ")))"),
                            fix: "add it with `history remote add \(name) URL`")
        }
        return remote
    }

    func credentials(_ remote: RemoteSettings) throws(HistoryError) -> RemoteCredentials {
        var token: String?
        if let file = remote.tokenFile {
            guard let data = FileManager.default.contents(atPath: file),
                  let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                throw .invalidArgument(what: "the token file \(file) of remote \(remote.name) cannot be read or is empty",
                                       fix: "write the token into it, or set another with `git config remote.\(remote.name).historyTokenFile FILE`")
            }
            token = text
        }
        var hostKeys = remote.hostKeys.compactMap(SSHHostKeys.fingerprint)
        if let (host, port) = SSHHostKeys.endpoint(of: remote.url) { hostKeys += SSHHostKeys.known(host: host, port: port) }
        return RemoteCredentials(sshKeyFile: remote.sshKeyFile, token: token, sshHostKeys: hostKeys)
    }

    /// A refused SSH host key, said with its fingerprint and how to accept it once it is checked.
    static func unknownHostKey(_ fingerprint: [UInt8], _ remote: RemoteSettings) -> HistoryError {
        let shown = "SHA256:" + Data(fingerprint).base64EncodedString().replacingOccurrences(of: "=", with: "")
        let (host, port) = SSHHostKeys.endpoint(of: remote.url) ?? ("the server", 22)
        return .unavailable(what: "\(remote.name)'s SSH server \(host) presented the host key \(shown), which is neither in known_hosts nor pinned for the remote",
                            fix: "check it with the server's administrator, then `ssh-keyscan -p \(port) \(host) >> ~/.ssh/known_hosts` or `git config remote.\(remote.name).historyHostKey \(shown)` in the repository")
    }

    /// A URL as it may be shown: without a password.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
              url[scheme.upperBound..<at].contains(":") else { return url }
        return url[..<scheme.upperBound] + "…" + url[at...]
    }

    static func absolute(_ path: String) -> String {
        ((path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path) as NSString).standardizingPath
    }

    /// The folder of a remote on this machine (a path or `file://`), or nil for a network URL.
    static func localPath(_ url: String) -> String? {
        if url.hasPrefix("file://") { return String(url.dropFirst(7)) }
        if url.contains("://") { return nil }
        // scp-like `host:path` is ssh; a path with a colon before any slash is that form.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        return url
    }

    // MARK: Fetch

    /// The remote's references as a fetch just brought them into `refs/history/fetched/<name>/`.
    struct Fetched {
        var main: OID?
        var reviews: OID?
        var sources: OID?
        var checkpoints: [String: OID] = [:]
    }

    func fetch(_ remote: RemoteSettings) throws(HistoryError) -> Fetched {
        let repository = store.repository
        let prefix = Self.fetched(remote.name)
        let credentials = try credentials(remote)
        do {
            for ref in try repository.references(matching: prefix + "*") {
                try repository.deleteReference(ref.name, expecting: ref.target)
            }
            var refused: [UInt8]?
            try repository.fetch(remote: remote.name, refspecs: [
                "+\(HistoryRepository.mainRef):\(prefix)main",
                "+\(Reviews.reference):\(prefix)reviews",
                "+\(SourceList.reference):\(prefix)sources",
                "+\(Self.checkpointPrefix)*:\(prefix)reports/*",
            ], credentials: credentials, refusedHostKey: &refused)
            if let refused { throw Self.unknownHostKey(refused, remote) }
            var fetched = Fetched(main: try repository.reference(prefix + "main"),
                                  reviews: try repository.reference(prefix + "reviews"),
                                  sources: try repository.reference(prefix + "sources"))
            for ref in try repository.references(matching: prefix + "reports/*") {
                fetched.checkpoints[String(ref.name.dropFirst((prefix + "reports/").count))] = ref.target
            }
            return fetched
        } catch let error as HistoryError {
            throw error
        } catch let error as GitError {
            throw Self.unreachable(error, remote, doing: "fetch from")
        } catch {
            throw HistoryRepository.translated(error, "fetch from \(remote.name)")
        }
    }

    static func unreachable(_ error: GitError, _ remote: RemoteSettings, doing: String) -> HistoryError {
        let url = redacted(remote.url)
        if error.code == -16 {
            return .unavailable(what: "\(remote.name) (\(url)): \(error.message)",
                                fix: "check the SSH key (--ssh-key, or the agent in SSH_AUTH_SOCK) or the token file of the remote")
        }
        return .unavailable(what: "cannot \(doing) \(remote.name) (\(url)): \(error.message)",
                            fix: "check the URL (`history remote list`), the network and the credentials, then run it again; nothing here was changed")
    }

    // MARK: Pull

    /// Brings the remote's main, checkpoints, reviews and sources here, moving each only forward.
    /// `now` dates the commits of replayed events (their author keeps the date they were first recorded).
    public func pull(_ name: String, now: Int64 = Int64(Date().timeIntervalSince1970)) throws(HistoryError) -> PullOutcome {
        let remote = try settings(name)
        try store.ensureWritable()
        let fetched = try fetch(remote)
        let repository = store.repository
        do {
            let known = try repository.reference(Self.tracking(name))
            var warnings: [String] = []
            var replayed: [OID: OID] = [:]
            let main: PullOutcome.Main
            if let theirs = fetched.main {
                if let known, !(try repository.isDescendant(theirs, of: known)) {
                    throw HistoryError.badInput(
                        what: "\(name)'s main is now \(theirs.hex), which does not contain \(known.hex), its main when last pulled or pushed: its history was rewritten, or the URL now names another repository",
                        fix: "nothing here was changed; compare the two (`git -C \(store.path) log \(Self.fetched(name))main`) and ask who rewrote it")
                }
                let (outcome, map) = try pullMain(theirs, known: known, remoteName: name, now: now)
                main = outcome
                replayed = map
                try store.publish(Self.tracking(name), to: theirs, expecting: known, message: "history pull \(name)")
            } else {
                main = .remoteEmpty
            }
            let checkpoints = try pullCheckpoints(fetched.checkpoints, replayed: replayed, warnings: &warnings)
            let reviews = try pullReviews(fetched.reviews, replayed: replayed, warnings: &warnings)
            let sources = try pullSources(fetched.sources, remoteName: name, warnings: &warnings)
            return PullOutcome(main: main, checkpoints: checkpoints, reviews: reviews, sources: sources, warnings: warnings)
        } catch {
            throw HistoryRepository.translated(error, "pull from \(name)")
        }
    }

    /// Moves main to contain `theirs`; returns what it did and, for replayed events, old commit → new commit.
    private func pullMain(_ theirs: OID, known: OID?, remoteName: String, now: Int64) throws -> (PullOutcome.Main, [OID: OID]) {
        let repository = store.repository
        return try HistoryRepository.retryingLostRaces { _ in
            let ours = try repository.reference(HistoryRepository.mainRef)
            guard let ours else {
                try store.publish(HistoryRepository.mainRef, to: theirs, expecting: nil, message: "history pull \(remoteName): fast-forward")
                refreshIndexes(from: nil, to: theirs)
                return (.fastForwarded(from: nil, to: CommitID(theirs)), [:])
            }
            if try repository.isDescendant(ours, of: theirs) { return (.upToDate, [:]) }
            if try repository.isDescendant(theirs, of: ours) {
                try store.publish(HistoryRepository.mainRef, to: theirs, expecting: ours, message: "history pull \(remoteName): fast-forward")
                refreshIndexes(from: ours, to: theirs)
                return (.fastForwarded(from: CommitID(ours), to: CommitID(theirs)), [:])
            }
            // Both moved. Only events this repository recorded after what it last saw of the remote can be
            // replayed: anything else means one side's history is not the other's.
            guard let known, try repository.isDescendant(ours, of: known) else {
                throw HistoryError.badInput(
                    what: "\(remoteName)'s main \(theirs.hex) does not contain this repository's main \(ours.hex), and they share no history pulled or pushed before",
                    fix: "nothing was changed; if the remote is right, start from a new repository and pull it there")
            }
            let unpublished = try repository.commits(from: ours, hiding: [theirs]).reversed()
            var tip = theirs
            var map: [OID: OID] = [:]
            var count = 0, dropped = 0
            for commit in unpublished {
                if let next = try replay(commit, onto: tip, now: now) {
                    map[commit] = next
                    tip = next
                    count += 1
                } else {
                    map[commit] = tip
                    dropped += 1
                }
            }
            try store.publish(HistoryRepository.mainRef, to: tip, expecting: ours,
                              message: "history pull \(remoteName): \(count) unpublished event\(count == 1 ? "" : "s") recorded again on top")
            refreshIndexes(from: ours, to: tip)
            return (.replayed(onto: CommitID(theirs), tip: CommitID(tip), replayed: count, alreadyThere: dropped), map)
        }
    }

    /// Records one unpublished event again on top of `parent`, by the same person; nil when `parent` already
    /// holds exactly its text. The author's date stays the one it was first recorded at; the committer's —
    /// the time it joined this main, which `verify` checks never goes backwards — is now, or the parent's
    /// if that is later.
    private func replay(_ id: OID, onto parent: OID, now: Int64) throws -> OID? {
        let repository = store.repository
        let commit = try repository.commit(id)
        guard let trailers = RecordTrailers(message: commit.message), commit.parentIDs.count == 1 else {
            throw HistoryError.badInput(what: "the unpublished commit \(id.hex) was not recorded by history",
                                        fix: "nothing was changed; push or remove it with git before pulling")
        }
        if try repository.signature(ofCommit: id) != nil {
            throw HistoryError.badInput(what: "the unpublished event \(id.hex) is signed, and recording it again on top of the remote's main would drop its signature",
                                        fix: "nothing was changed; push signed imports before others record, or import them again with --sign after pulling")
        }
        var identity = Identity(Person(name: commit.author.name, email: commit.author.email),
                                at: Timestamp(seconds: commit.author.time, offsetMinutes: commit.author.offsetMinutes))
        let joined = max(now, commit.committer.time, try repository.commit(parent).committer.time)
        if joined != commit.author.time { identity.committedAt = Timestamp(seconds: joined) }
        let path = HistoryRepository.path(of: trailers.profile, date: trailers.lastUpdated)
        if trailers.event == .retraction {
            // The retraction's own change (a text leaving, or an older one coming back), applied only where
            // the remote still has the text it withdrew.
            let before = try repository.commit(commit.parentIDs[0]).treeID
            let base = try repository.commit(parent).treeID
            guard try repository.entry(atPath: path, inTree: base)?.id == repository.entry(atPath: path, inTree: before)?.id else {
                throw HistoryError.badInput(what: "the unpublished retraction \(id.hex) withdraws a text that \(trailers.profile) \(trailers.lastUpdated) no longer has on the remote",
                                            fix: "nothing was changed; look at the remote's events of that date (`history log`) and retract again after pulling")
            }
            let update: TreeUpdate = try repository.entry(atPath: path, inTree: commit.treeID).map { .upsertBlob(path: path, id: $0.id) } ?? .remove(path: path)
            let tree = try repository.updateTree(base, [update])
            let author = Signature(name: commit.author.name, email: commit.author.email, time: commit.author.time,
                                   offsetMinutes: commit.author.offsetMinutes)
            let committer = Signature(name: commit.author.name, email: commit.author.email, time: joined, offsetMinutes: 0)
            return try repository.createCommit(tree: tree, parents: [parent], author: author, committer: joined == commit.author.time ? author : committer,
                                               message: commit.message)
        }
        guard let bytes = try repository.blob(atPath: path, inTree: commit.treeID) else {
            throw HistoryError.badInput(what: "the unpublished event \(id.hex) names \(path), which its tree lacks", fix: "check it with `history verify`")
        }
        let submission = Submission(profile: trailers.profile, date: trailers.lastUpdated, text: String(decoding: bytes, as: UTF8.self),
                                    source: trailers.source, sourceSHA256: trailers.sourceSHA256)
        var sink = try LooseObjects(repository: repository, parent: parent)
        switch try Recorder.prepareEvent(submission, on: parent, into: &sink, by: identity) {
        case .recorded(let commit, _): return commit
        case .left: return nil
        }
    }

    /// Brings the event and semantic indexes up to a new tip (best effort, as every writer does).
    func refreshIndexes(from old: OID?, to tip: OID) {
        let repository = store.repository
        try? EventIndex.rebuild(tip: tip, repository: repository)
        guard let newTree = try? repository.commit(tip).treeID else { return }
        let oldTree = old.flatMap { try? repository.commit($0).treeID }
        guard let changes = try? repository.changedPaths(from: oldTree, to: newTree) else { return }
        let profiles = Set(changes.compactMap { change -> ProfileID? in
            let parts = change.path.split(separator: "/")
            guard parts.count == 4, parts[0] == "profiles" else { return nil }
            return try? ProfileID("\(parts[1])/\(parts[2])")
        })
        SemanticIndex.update(profiles.sorted { $0.description < $1.description }, tip: tip, repository: repository)
    }

    private func pullCheckpoints(_ theirs: [String: OID], replayed: [OID: OID], warnings: inout [String]) throws -> [String] {
        let repository = store.repository
        var moved: [String] = []
        // Ours first: a checkpoint at an event that was just recorded again follows it to its new commit.
        for ref in try repository.references(matching: Self.checkpointPrefix + "*") {
            if let next = replayed[ref.target] {
                try store.publish(ref.name, to: next, expecting: ref.target, message: "history pull: follow a replayed event")
            }
        }
        for (name, target) in theirs.sorted(by: { $0.key < $1.key }) {
            let reference = Self.checkpointPrefix + name
            let ours = try repository.reference(reference)
            if ours == target { continue }
            if let ours {
                if try repository.isDescendant(ours, of: target) { continue }
                guard try repository.isDescendant(target, of: ours) else {
                    warnings.append("checkpoint \(name) went elsewhere on the remote (\(target.hex)); kept ours (\(ours.hex))")
                    continue
                }
            }
            try store.publish(reference, to: target, expecting: ours, message: "history pull: checkpoint \(name)")
            moved.append(name)
        }
        return moved
    }

    private func pullReviews(_ theirs: OID?, replayed: [OID: OID], warnings: inout [String]) throws -> Bool {
        let repository = store.repository
        var changed = false
        if let theirs {
            try HistoryRepository.retryingLostRaces { _ in
                let ours = try repository.reference(Reviews.reference)
                if let ours, try repository.isDescendant(ours, of: theirs) { return }
                changed = true
                guard let ours, !(try repository.isDescendant(theirs, of: ours)) else {
                    try store.publish(Reviews.reference, to: theirs, expecting: ours, message: "history pull: reviews")
                    return
                }
                // Both sides reviewed: one notes commit with both as parents, every review of either kept.
                var tip = ours
                let signature = Self.serviceSignature()
                for (object, text) in try repository.notes(inNotesCommit: theirs) {
                    let mine = try repository.note(for: object, inNotesCommit: tip) ?? ""
                    let merged = Self.mergedNote(mine, text)
                    if merged != mine {
                        tip = try repository.createNoteCommit(parent: tip, for: object, text: merged, author: signature, committer: signature)
                    }
                }
                let tree = try repository.commit(tip).treeID
                let merge = try repository.createCommit(tree: tree, parents: [ours, theirs], author: signature, committer: signature,
                                                        message: "history pull: reviews from both sides\n")
                try store.publish(Reviews.reference, to: merge, expecting: ours, message: "history pull: merge reviews")
            }
        }
        // Reviews of events that were just recorded again are copied to their new commits.
        if !replayed.isEmpty {
            try HistoryRepository.retryingLostRaces { _ in
                guard let ours = try repository.reference(Reviews.reference) else { return }
                var tip = ours
                for (old, new) in replayed.sorted(by: { $0.key.hex < $1.key.hex }) where old != new {
                    guard let text = try repository.note(for: old, inNotesCommit: tip) else { continue }
                    let mine = try repository.note(for: new, inNotesCommit: tip) ?? ""
                    let merged = Self.mergedNote(mine, text)
                    if merged == mine { continue }
                    let signature = Self.serviceSignature()
                    tip = try repository.createNoteCommit(parent: tip, for: new, text: merged, author: signature, committer: signature)
                }
                if tip != ours {
                    try store.publish(Reviews.reference, to: tip, expecting: ours, message: "history pull: reviews follow replayed events")
                    changed = true
                }
            }
        }
        return changed
    }

    /// Who writes the notes commits a pull makes: the service, now.
    static func serviceSignature() -> Signature {
        Signature(name: Identity.service.name, email: Identity.service.email, time: Int64(Date().timeIntervalSince1970), offsetMinutes: 0)
    }

    /// Every review block of both notes, ours first, none twice.
    static func mergedNote(_ ours: String, _ theirs: String) -> String {
        func blocks(_ text: String) -> [String] {
            text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        }
        var all = blocks(ours)
        for block in blocks(theirs) where !all.contains(block) { all.append(block) }
        return all.isEmpty ? "" : all.joined(separator: "\n\n") + "\n"
    }

    private func pullSources(_ theirs: OID?, remoteName: String, warnings: inout [String]) throws -> Bool {
        guard let theirs else { return false }
        let repository = store.repository
        let ours = try repository.reference(SourceList.reference)
        if let ours {
            if try repository.isDescendant(ours, of: theirs) { return false }
            guard try repository.isDescendant(theirs, of: ours) else {
                warnings.append("the sources list changed both here and on \(remoteName); kept ours (\(SourceList.reference))")
                return false
            }
        }
        try store.publish(SourceList.reference, to: theirs, expecting: ours, message: "history pull: sources")
        return true
    }

    // MARK: Push

    /// Publishes main, checkpoints, reviews and sources on the remote. main moves there only from the value
    /// this push found (compare-and-swap): a remote that moved since is refused, and the user pulls first.
    public func push(_ name: String) throws(HistoryError) -> PushOutcome {
        let remote = try settings(name)
        let repository = store.repository
        let fetched = try fetch(remote)
        do {
            guard let ours = try repository.reference(HistoryRepository.mainRef) else {
                throw HistoryError.badInput(what: "this repository has recorded nothing yet", fix: "record or pull something before pushing")
            }
            let known = try repository.reference(Self.tracking(name))
            if let theirs = fetched.main {
                if let known, !(try repository.isDescendant(theirs, of: known)) {
                    throw HistoryError.badInput(
                        what: "\(name)'s main is now \(theirs.hex), which does not contain \(known.hex), its main when last pulled or pushed: its history was rewritten",
                        fix: "nothing was pushed; compare the two and ask who rewrote it")
                }
                guard try repository.isDescendant(ours, of: theirs) else { throw Self.moved(name, theirs: theirs, ours: ours) }
            }
            if let theirs = fetched.reviews, try !(repository.reference(Reviews.reference).map { try repository.isDescendant($0, of: theirs) } ?? false) {
                throw HistoryError.busy(what: "\(name) has reviews this repository lacks", fix: "run `history pull \(name)` (it merges them), then push again")
            }
            // Everything that moves forward from the remote's value; the rest is left to the remote.
            var updates: [(reference: String, target: OID, expected: OID?)] = []
            if fetched.main != ours { updates.append((HistoryRepository.mainRef, ours, fetched.main)) }
            if let reviews = try repository.reference(Reviews.reference), reviews != fetched.reviews {
                updates.append((Reviews.reference, reviews, fetched.reviews))
            }
            if let sources = try repository.reference(SourceList.reference), sources != fetched.sources,
               try fetched.sources.map({ try repository.isDescendant(sources, of: $0) }) ?? true {
                updates.append((SourceList.reference, sources, fetched.sources))
            }
            for ref in try repository.references(matching: Self.checkpointPrefix + "*") {
                let theirs = fetched.checkpoints[String(ref.name.dropFirst(Self.checkpointPrefix.count))]
                if theirs == ref.target { continue }
                if let theirs, !(try repository.isDescendant(ref.target, of: theirs)) { continue }
                updates.append((ref.name, ref.target, theirs))
            }
            if !updates.isEmpty {
                if let path = Self.localPath(remote.url) {
                    try pushLocally(updates, to: path, remote: remote)
                } else {
                    try pushOverNetwork(updates, remote: remote)
                }
            }
            try store.publish(Self.tracking(name), to: ours, expecting: known, message: "history push \(name)")
            let movedMain = fetched.main == ours ? nil : (from: fetched.main.map(CommitID.init), to: CommitID(ours))
            return PushOutcome(main: movedMain, references: updates.map(\.reference).filter { $0 != HistoryRepository.mainRef })
        } catch {
            throw HistoryRepository.translated(error, "push to \(name)")
        }
    }

    /// Moves one ref of `target` by compare-and-swap; true when another writer moved it first.
    private static func publishLostRace(_ target: HistoryRepository, _ update: (reference: String, target: OID, expected: OID?)) throws(GitError) -> Bool {
        do {
            try target.publish(update.reference, to: update.target, expecting: update.expected, message: "history push")
            return false
        } catch {
            guard error.isConcurrentUpdate else { throw error }
            return true
        }
    }

    static func moved(_ name: String, theirs: OID?, ours: OID?) -> HistoryError {
        .busy(what: "\(name)'s main moved to \(theirs?.hex ?? "another commit"), which this repository's main \(ours?.hex ?? "(none)") does not contain; nothing was pushed",
              fix: "run `history pull \(name)` (it records your new events again on top), then push again")
    }

    /// git's own protocol: receive-pack moves each ref only from the value the push names (git's
    /// compare-and-swap), and libgit2 refuses anything but a fast-forward before sending.
    private func pushOverNetwork(_ updates: [(reference: String, target: OID, expected: OID?)], remote: RemoteSettings) throws {
        let rejections: [PushRejection]
        let credentials = try credentials(remote)
        var refused: [UInt8]?
        do {
            rejections = try store.repository.push(remote: remote.name, refspecs: updates.map { "\($0.reference):\($0.reference)" },
                                                   credentials: credentials, refusedHostKey: &refused)
        } catch where error.code == -11 /* GIT_ENONFASTFORWARD */ {
            throw Self.moved(remote.name, theirs: updates.first?.expected, ours: updates.first?.target)
        } catch {
            throw Self.unreachable(error, remote, doing: "push to")
        }
        if let refused { throw Self.unknownHostKey(refused, remote) }
        if let main = rejections.first(where: { $0.reference == HistoryRepository.mainRef }) {
            throw HistoryError.busy(what: "\(remote.name) refused to move main (\(main.status)): it moved while this push ran; nothing of main was pushed",
                                    fix: "run `history pull \(remote.name)`, then push again")
        }
        if let other = rejections.first {
            throw HistoryError.busy(what: "\(remote.name) refused \(other.reference) (\(other.status))",
                                    fix: "run `history pull \(remote.name)`, then push again")
        }
    }

    /// A repository on this machine: libgit2's local transport would overwrite refs without checking them,
    /// so objects go to a scratch ref of this push alone and each ref is then moved by compare-and-swap
    /// under the remote's own writers' lock, exactly as a writer there would move it.
    private func pushLocally(_ updates: [(reference: String, target: OID, expected: OID?)], to path: String, remote: RemoteSettings) throws {
        let target = try HistoryRepository.open(at: path)
        let scratch = "refs/history/incoming/\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let specs = updates.enumerated().map { "\($0.element.reference):\(scratch)/\($0.offset)" }
        defer {
            for ref in (try? target.repository.references(matching: scratch + "/*")) ?? [] {
                try? target.repository.deleteReference(ref.name, expecting: ref.target)
            }
        }
        let credentials = try credentials(remote)
        do throws(GitError) {
            var refused: [UInt8]?
            let rejections = try store.repository.push(remote: remote.name, refspecs: specs, credentials: credentials, refusedHostKey: &refused)
            if let first = rejections.first { throw GitError.invalid(first.status, "push to \(first.reference)") }
        } catch {
            throw Self.unreachable(error, remote, doing: "push to")
        }
        let mainBefore = try target.repository.reference(HistoryRepository.mainRef)
        for update in updates {
            if try Self.publishLostRace(target, update) {
                if update.reference == HistoryRepository.mainRef {
                    throw Self.moved(remote.name, theirs: try target.repository.reference(update.reference), ours: update.target)
                }
                throw HistoryError.busy(what: "\(update.reference) moved on \(remote.name) while this push ran", fix: "run `history pull \(remote.name)`, then push again")
            }
        }
        if let after = try target.repository.reference(HistoryRepository.mainRef), after != mainBefore {
            Replication(target).refreshIndexes(from: mainBefore, to: after)
        }
    }
}

/// The SSH host keys a remote's server may present: those `known_hosts` lists for its host (plain or
/// hashed names, `[host]:port` off port 22), as SHA-256 fingerprints of the key blobs, which is what
/// libgit2 gives the check of a connection.
enum SSHHostKeys {
    /// Host and port of an `ssh://` or scp-like (`user@host:path`) URL; nil for any other.
    static func endpoint(of url: String) -> (host: String, port: Int)? {
        if url.hasPrefix("ssh://") || url.hasPrefix("git+ssh://") || url.hasPrefix("ssh+git://") {
            guard let start = url.range(of: "://")?.upperBound else { return nil }
            var authority = url[start...].prefix { $0 != "/" }
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
                let host = String(authority[authority.index(after: authority.startIndex)..<close])
                let rest = authority[authority.index(after: close)...]
                return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? 22 : 22)
            }
            let parts = authority.split(separator: ":", maxSplits: 1)
            guard let host = parts.first else { return nil }
            return (String(host), parts.count == 2 ? Int(parts[1]) ?? 22 : 22)
        }
        guard !url.contains("://"), Replication.localPath(url) == nil, let colon = url.firstIndex(of: ":") else { return nil }
        var host = url[..<colon]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        return (String(host), 22)
    }

    /// `SHA256:base64` (padding optional) as 32 bytes; nil for anything else.
    static func fingerprint(_ text: String) -> [UInt8]? {
        guard text.hasPrefix("SHA256:") else { return nil }
        var digits = String(text.dropFirst(7))
        while digits.count % 4 != 0 { digits += "=" }
        guard let data = Data(base64Encoded: digits), data.count == 32 else { return nil }
        return Array(data)
    }

    /// Fingerprints of the keys known for `host` in the user's and the system's known_hosts.
    static func known(host: String, port: Int, files: [String]? = nil) -> [[UInt8]] {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        let name = port == 22 ? host : "[\(host)]:\(port)"
        var found: [[UInt8]] = []
        for file in files ?? [home + "/.ssh/known_hosts", "/etc/ssh/ssh_known_hosts"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for line in text.split(whereSeparator: \.isNewline) {
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard fields.count >= 3, !fields[0].hasPrefix("#"), !fields[0].hasPrefix("@"),
                      matches(String(fields[0]), name),
                      let blob = Data(base64Encoded: String(fields[2])) else { continue }
                found.append(Array(SHA256.hash(data: blob)))
            }
        }
        return found
    }

    /// A known_hosts host field against a name: comma-separated names or `*`/`?` patterns (a `!` one
    /// excludes), or one hashed name, `|1|salt|HMAC-SHA1(salt, name)`.
    static func matches(_ field: String, _ name: String) -> Bool {
        if field.hasPrefix("|1|") {
            let parts = field.split(separator: "|")
            guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])), let hash = Data(base64Encoded: String(parts[2])) else { return false }
            let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(name.utf8), using: SymmetricKey(data: salt))
            return Data(mac) == hash
        }
        // `[host]:port` is a name, not a bracket expression: only `*` and `?` are wildcards here.
        func like(_ pattern: Substring) -> Bool {
            guard pattern.contains("*") || pattern.contains("?") else { return pattern == name }
            let escaped = pattern.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            return fnmatch(escaped, name, 0) == 0
        }
        var matched = false
        for pattern in field.split(separator: ",") {
            if pattern.hasPrefix("!") {
                if like(pattern.dropFirst()) { return false }
            } else if like(pattern) {
                matched = true
            }
        }
        return matched
    }
}
