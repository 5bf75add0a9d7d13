import Foundation
import Testing
import TestSupport
@testable import Git

@Suite struct RepositoryTests {
    static let ada = Signature(name: "Ada Recorder", email: "ada@example.org", time: 1_700_000_000, offsetMinutes: 60)

    @Test(arguments: [true, false])
    func initialisesWithHeadOnMain(bare: Bool) throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path + "/r", bare: bare)
        #expect(repo.isBare == bare)
        #expect(try repo.headReferenceName() == "refs/heads/main")
        #expect(try repo.reference("refs/heads/main") == nil)
        let reopened = try Repository(openingAt: dir.path + "/r")
        #expect(reopened.isBare == bare)
    }

    @Test func openingSomethingThatIsNotARepositoryFails() throws {
        let dir = try TemporaryDirectory()
        let error = #expect(throws: GitError.self) { try Repository(openingAt: dir.path) }
        #expect(error?.isNotFound == true)
        #expect(error?.message.isEmpty == false)
    }

    /// The ids below were computed independently with `git hash-object`, `git mktree` and `git commit-tree`.
    @Test func writesExactlyTheObjectsGitWould() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let blob = try repo.writeBlob(Array("hello\n".utf8))
        #expect(blob.hex == "ce013625030ba8dba906f756967f9e9ca394464a")
        let tree = try repo.updateTree(nil, [.upsertBlob(path: "a/b.txt", id: blob)])
        #expect(tree.hex == "4b378868f9def8dfbfa9494e931d7367e276bb3a")
        let commit = try repo.createCommit(tree: tree, parents: [], author: Self.ada, committer: Self.ada, message: "first\n")
        #expect(commit.hex == "c619adb59677f297a23a619415afa055d71c5624")

        let read = try repo.commit(commit)
        #expect(read.treeID == tree)
        #expect(read.author == Self.ada)
        #expect(read.message == "first\n")
        #expect(try repo.blob(atPath: "a/b.txt", inTree: tree) == Array("hello\n".utf8))
        #expect(try repo.blob(atPath: "a/missing.txt", inTree: tree) == nil)
        #expect(try repo.entry(atPath: "a", inTree: tree)?.kind == .tree)
    }

    @Test func nestedTreesKeepWhatTheyDoNotTouchAndDropEmptyFolders() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let one = try repo.writeBlob(Array("one\n".utf8))
        let two = try repo.writeBlob(Array("two\n".utf8))
        let base = try repo.updateTree(nil, [
            .upsertBlob(path: "profiles/kosovo/policy/2011-01-01.txt", id: one),
            .upsertBlob(path: "profiles/laos/policy/2012-01-01.txt", id: one),
        ])
        let next = try repo.updateTree(base, [
            .upsertBlob(path: "profiles/kosovo/policy/2016-07-05.txt", id: two),
            .remove(path: "profiles/laos/policy/2012-01-01.txt"),
        ])
        #expect(try repo.blob(atPath: "profiles/kosovo/policy/2011-01-01.txt", inTree: next) == Array("one\n".utf8))
        #expect(try repo.blob(atPath: "profiles/kosovo/policy/2016-07-05.txt", inTree: next) == Array("two\n".utf8))
        #expect(try repo.entry(atPath: "profiles/laos", inTree: next) == nil)
        #expect(try repo.treeEntries(next).map(\.name) == ["profiles"])

        let changes = try repo.changedPaths(from: base, to: next)
        #expect(changes.map(\.path) == ["profiles/kosovo/policy/2016-07-05.txt", "profiles/laos/policy/2012-01-01.txt"])
        #expect(changes.map(\.status) == [.added, .deleted])
        #expect(try repo.changedPaths(from: nil, to: base).count == 2)
    }

    @Test(arguments: ["", "/a", "a//b", "a/../b", ".git/config", "a/."])
    func refusesPathsGitCouldNotStore(path: String) throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let blob = try repo.writeBlob([1])
        #expect(throws: GitError.self) { try repo.updateTree(nil, [.upsertBlob(path: path, id: blob)]) }
    }

    @Test func referencesMoveOnlyByCompareAndSwap() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let tree = try repo.writeEmptyTree()
        let first = try repo.createCommit(tree: tree, parents: [], author: Self.ada, committer: Self.ada, message: "1\n")
        let second = try repo.createCommit(tree: tree, parents: [first], author: Self.ada, committer: Self.ada, message: "2\n")
        let stray = try repo.createCommit(tree: tree, parents: [first], author: Self.ada, committer: Self.ada, message: "stray\n")

        try repo.updateReference("refs/heads/main", to: first, expecting: nil, message: "create")
        let exists = #expect(throws: GitError.self) {
            try repo.updateReference("refs/heads/main", to: second, expecting: nil, message: "create again")
        }
        #expect(exists?.isConcurrentUpdate == true)
        try repo.updateReference("refs/heads/main", to: second, expecting: first, message: "advance")
        let lost = #expect(throws: GitError.self) {
            try repo.updateReference("refs/heads/main", to: stray, expecting: first, message: "stale")
        }
        #expect(lost?.isModified == true)
        #expect(try repo.reference("refs/heads/main") == second)
        #expect(try repo.reference("HEAD") == second)
        #expect(try repo.isDescendant(second, of: first))
        #expect(try !repo.isDescendant(stray, of: second))

        try repo.updateReference("refs/history/reports/weekly", to: first, expecting: nil, message: "report")
        #expect(try repo.references(matching: "refs/history/reports/*").map(\.name) == ["refs/history/reports/weekly"])
        try repo.deleteReference("refs/history/reports/weekly", expecting: first)
        #expect(try repo.reference("refs/history/reports/weekly") == nil)
    }

    @Test func walksNewestFirstOrOldestFirst() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let tree = try repo.writeEmptyTree()
        var ids: [OID] = []
        for n in 0..<5 {
            var sig = Self.ada
            sig.time += Int64(n) // equal times must still walk in topological order
            ids.append(try repo.createCommit(tree: tree, parents: ids.suffix(1), author: sig, committer: Self.ada, message: "\(n)\n"))
        }
        #expect(try repo.commits(from: ids[4]) == ids.reversed())
        var oldestFirst: [OID] = []
        try repo.walk(from: ids[4], hiding: [ids[1]], order: .topologicalReverse) { oldestFirst.append($0); return true }
        #expect(oldestFirst == Array(ids[2...]))
    }

    @Test func notesAnnotateWithoutChangingTheCommit() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let tree = try repo.writeEmptyTree()
        let commit = try repo.createCommit(tree: tree, parents: [], author: Self.ada, committer: Self.ada, message: "c\n")
        try repo.updateReference("refs/heads/main", to: commit, expecting: nil, message: "c")
        #expect(try repo.note(for: commit, notesRef: "refs/notes/reviews") == nil)
        try repo.setNote("verdict: approved\n", for: commit, notesRef: "refs/notes/reviews", author: Self.ada, committer: Self.ada)
        #expect(throws: GitError.self) {
            try repo.setNote("again\n", for: commit, notesRef: "refs/notes/reviews", author: Self.ada, committer: Self.ada)
        }
        #expect(try repo.note(for: commit, notesRef: "refs/notes/reviews") == "verdict: approved\n")
        #expect(try repo.reference("refs/heads/main") == commit)

        let log = try runGit(["log", "--notes=reviews", "--format=%H %N", "main"], in: dir.path)
        #expect(log.output.contains("\(commit.hex) verdict: approved"))
    }

    @Test func whatItWritesPassesGitFsckStrict() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        var parent: OID? = nil
        for n in 0..<3 {
            let blob = try repo.writeBlob(Array("revision \(n)\n".utf8))
            let base = try parent.map { try repo.commit($0).treeID }
            let tree = try repo.updateTree(base, [.upsertBlob(path: "profiles/a/b/201\(n)-01-01.txt", id: blob)])
            let commit = try repo.createCommit(tree: tree, parents: parent.map { [$0] } ?? [], author: Self.ada, committer: Self.ada, message: "r\(n)\n")
            try repo.updateReference("refs/heads/main", to: commit, expecting: parent, message: "r\(n)")
            parent = commit
        }
        let fsck = try runGit(["fsck", "--strict", "--no-dangling"], in: dir.path)
        #expect(fsck.status == 0, "\(fsck.output)")
        let log = try runGit(["log", "--format=%s", "main"], in: dir.path)
        #expect(log.output == "r2\nr1\nr0\n")
    }
}
