import Foundation
import Testing
import TestSupport
@testable import Git

/// Packfiles written without libgit2 must be packfiles git itself reads back exactly.
@Suite struct PackWriterTests {
    /// A text edited the ways profiles are: numbers changed, sentences added and dropped, a paragraph moved.
    static func versions(count: Int, seed: UInt64, paragraphs size: Int = 120) -> [[UInt8]] {
        var random = SplitMix64(seed: seed)
        var paragraphs = (0..<size).map { i in "Paragraph \(i): by then \(i * 7) states had joined, and \(i + 3) more said they would.\n" }
        var out: [[UInt8]] = []
        for _ in 0..<count {
            switch random.next() % 4 {
            case 0: paragraphs[Int(random.next() % UInt64(paragraphs.count))] = "Updated: \(random.next() % 1000) states.\n"
            case 1: paragraphs.insert("A new sentence \(random.next()).\n", at: Int(random.next() % UInt64(paragraphs.count)))
            case 2: if paragraphs.count > 10 { paragraphs.remove(at: Int(random.next() % UInt64(paragraphs.count))) }
            default: paragraphs.append(paragraphs.removeFirst())
            }
            out.append(Array(paragraphs.joined().utf8))
        }
        return out
    }

    @Test func deltasRebuildTheirTargets() throws {
        var random = SplitMix64(seed: 7)
        let texts = Self.versions(count: 60, seed: 3)
        for (base, target) in zip(texts, texts.dropFirst()) {
            let delta = try #require(Delta.encode(from: base, to: target, limit: target.count))
            #expect(delta.count < target.count / 4, "similar texts give small deltas")
            #expect(Delta.apply(delta, to: base) == target)
        }
        // Random bytes, long runs (copies past 64 KiB), empty sides.
        let long = (0..<200_000).map { _ in UInt8(random.next() % 4) }
        var edited = long
        edited.replaceSubrange(100_000..<100_010, with: [9, 9, 9])
        let cases: [([UInt8], [UInt8])] = [(long, edited), (edited, long), ([], Array("new".utf8)), (Array("old".utf8), []),
                                           (Array(repeating: 1, count: 1000), Array(repeating: 1, count: 3000))]
        for (base, target) in cases {
            if let delta = Delta.encode(from: base, to: target, limit: Int.max) {
                #expect(Delta.apply(delta, to: base) == target)
            }
        }
        #expect(Delta.encode(from: Array("abc".utf8), to: long, limit: 100) == nil, "a delta past the limit is refused")
    }

    @Test func gitReadsBackEveryObjectAndTheDeltaChainsStayShort() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path + "/r", bare: true)
        let pack = try PackWriter(repository: repo)
        var written: [(OID, [UInt8])] = []
        // 120 versions of one file: longer than the depth limit, so some are stored whole again; small
        // objects (most trees) get shorter chains.
        for version in Self.versions(count: 120, seed: 11) {
            #expect(version.count > 4096)
            written.append((try pack.add(.blob, version, slot: "file"), version))
        }
        for version in Self.versions(count: 40, seed: 12, paragraphs: 20) {
            #expect(version.count < 4096)
            written.append((try pack.add(.blob, version, slot: "small"), version))
        }
        let big = Array((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) })
        var bigger = big
        bigger.insert(contentsOf: Array("inserted".utf8), at: 150_000)
        written.append((try pack.add(.blob, big, slot: "big"), big))
        written.append((try pack.add(.blob, bigger, slot: "big"), bigger))
        let again = try pack.add(.blob, big, slot: "big")
        #expect(again == written[written.count - 2].0, "the same object twice is written once")
        #expect(pack.deltaCount >= 110 + 30)
        let packPath = try #require(try pack.finish())

        let fsck = try runGit(["fsck", "--full", "--strict"], in: dir.path + "/r")
        #expect(fsck.status == 0, "\(fsck.output)")
        for (id, bytes) in written {
            #expect(try repo.blob(id) == bytes, "libgit2 reads \(id) back")
        }
        let check = try runGit(["cat-file", "blob", written[57].0.hex], in: dir.path + "/r")
        #expect(check.output == String(decoding: written[57].1, as: UTF8.self))
        let verify = try runGit(["verify-pack", "-v", packPath], in: dir.path + "/r")
        #expect(verify.status == 0, "\(verify.output)")
        let depths = verify.output.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("chain length = ") else { return nil }
            return Int(line.dropFirst("chain length = ".count).prefix { $0.isNumber })
        }
        #expect(depths.max() == PackWriter.maximumDepth, "\(depths)")
        for small in written[120..<160] {
            let line = verify.output.split(separator: "\n").first { $0.hasPrefix(small.0.hex) }
            let depth = line.flatMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(5).first }.flatMap { Int($0) } ?? 0
            #expect(depth <= PackWriter.smallObjectDepth, "\(line ?? "")")
        }
    }

    @Test func stagedTreesAreTheTreesLibgit2Writes() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path + "/r", bare: true)
        let blob = try repo.writeBlob(Array("x\n".utf8))
        // Names whose order differs between plain byte order and git's (a folder sorts as if it ended in "/").
        let paths = ["a.b/c", "a/b", "a-b", "a0", "b/a.txt", "b/a/x", "b/a-", "z", "profiles/area/topic/2016-07-05.txt"]
        let expected = try repo.updateTree(nil, paths.map { .upsertBlob(path: $0, id: blob) })
        let pack = try PackWriter(repository: repo)
        let stage = try StagedTree(repository: repo, tree: nil)
        for path in paths { try stage.setBlob(atPath: path, id: blob) }
        #expect(try stage.write(into: pack) == expected)
        _ = try pack.finish()

        // Changing a tree read from the repository rewrites only what changed, the same way.
        let other = try repo.writeBlob(Array("y\n".utf8))
        let updates: [TreeUpdate] = [.upsertBlob(path: "b/a/x", id: other), .upsertBlob(path: "b/new", id: other), .upsertBlob(path: "c/d/e", id: other)]
        let changed = try repo.updateTree(expected, updates)
        let second = try PackWriter(repository: repo)
        let staged = try StagedTree(repository: repo, tree: expected)
        #expect(try staged.entry(atPath: "b/a/x")?.id == blob)
        #expect(try staged.entries(inFolder: "b").map(\.name) == ["a-", "a.txt", "a"])
        for case .upsertBlob(let path, let id) in updates { try staged.setBlob(atPath: path, id: id) }
        #expect(try staged.write(into: second) == changed)
        #expect(second.objectCount == 5, "three folders, b and the root: nothing else is rewritten")
        _ = try second.finish()
        #expect(try runGit(["fsck", "--strict"], in: dir.path + "/r").status == 0)
    }

    @Test func commitsAreTheBytesLibgit2Writes() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path + "/r", bare: true)
        let tree = try repo.updateTree(nil, [.upsertBlob(path: "f", id: try repo.writeBlob([1]))])
        let author = Signature(name: " Ada Recorder ", email: "ada@example.org", time: 1_700_000_000, offsetMinutes: -330)
        let first = try repo.createCommit(tree: tree, parents: [], author: author, committer: RepositoryTests.ada, message: "first\n\nbody\n")
        let bytes = ObjectFormat.commit(tree: tree, parents: [], author: author, committer: RepositoryTests.ada, message: "first\n\nbody\n")
        #expect(ObjectFormat.id(of: .commit, bytes) == first)
        let second = try repo.createCommit(tree: tree, parents: [first], author: author, committer: author, message: "second\n",
                                           sign: { _ in "-----BEGIN X-----\nabc\n-----END X-----" })
        let unsigned = ObjectFormat.commit(tree: tree, parents: [first], author: author, committer: author, message: "second\n")
        let signed = try #require(ObjectFormat.signed(unsigned, signature: "-----BEGIN X-----\nabc\n-----END X-----"))
        #expect(ObjectFormat.id(of: .commit, signed) == second)
    }

    @Test func aPackThatIsNotFinishedLeavesNothingBehind() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path + "/r", bare: true)
        let folder = dir.path + "/r/objects/pack"
        do {
            let pack = try PackWriter(repository: repo)
            try pack.add(.blob, Array("never published".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 1, "a temporary file while writing")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let empty = try PackWriter(repository: repo)
        #expect(try empty.finish() == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

/// Tree comparison skips equal folders; it must still report exactly what `git diff-tree -r` reports.
@Suite struct ChangedPathsTests {
    @Test func changedPathsAgreeWithGitDiffTree() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path + "/r", bare: true)
        var random = SplitMix64(seed: 42)
        let blobs = try (0..<6).map { try repo.writeBlob(Array("text \($0)\n".utf8)) }
        let names = ["a", "b", "a-b", "a.b", "c"]
        func randomPath() -> String {
            (0..<Int(1 + random.next() % 3)).map { _ in names[Int(random.next() % UInt64(names.count))] }.joined(separator: "/")
        }
        var tree = try repo.writeEmptyTree()
        for _ in 0..<60 {
            var updates: [TreeUpdate] = []
            for _ in 0..<Int(1 + random.next() % 4) {
                let path = randomPath()
                updates.append(random.next() % 4 == 0 ? .remove(path: path) : .upsertBlob(path: path, id: blobs[Int(random.next() % 6)]))
            }
            // A path and a folder of the same name cannot both exist: skip update sets git would refuse.
            guard let next = try? repo.updateTree(tree, updates) else { continue }
            let ours: [String] = try repo.changedPaths(from: tree, to: next).map { change in
                let letter: String = change.status == .added ? "A" : (change.status == .deleted ? "D" : "M")
                return letter + "\t" + change.path
            }
            let git = try runGit(["diff-tree", "-r", "--no-renames", "--name-status", tree.hex, next.hex], in: dir.path + "/r")
            let lines: [String] = git.output.split(separator: "\n").map(String.init)
            let theirs: [String] = lines.sorted { $0.dropFirst(2) < $1.dropFirst(2) }
            #expect(ours == theirs, "\(updates)")
            tree = next
        }
    }
}
