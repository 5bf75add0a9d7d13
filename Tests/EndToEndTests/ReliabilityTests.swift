import Foundation
import Testing
import TestSupport

/// What a killed writer, a reversed range or a special output file must not do to the next run.
@Suite struct ReliabilityTests {
    /// A history of Repo/ with one Kosovo revision held back, so a later import has something to record.
    func historyMissingOneRevision(in dir: TemporaryDirectory) throws -> (repo: String, heldBack: String) {
        let repo = try copyOfRepo(into: dir)
        let heldBack = dir.path + "/2016-07-05.txt"
        try FileManager.default.moveItem(atPath: repo + "/kosovo/cluster-munition-ban-policy/2016-07-05.txt", toPath: heldBack)
        #expect(try history(["init"], in: dir.path).status == 0)
        #expect(try history(["import", repo], in: dir.path).status == 0)
        return (repo, heldBack)
    }

    @Test func aReversedWindowIsABadArgumentNotATrap() throws {
        let dir = try TemporaryDirectory()
        _ = try historyMissingOneRevision(in: dir)
        let run = try history(["report", "--since", "2026-11-01", "--until", "2026-10-01"], in: dir.path)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("history: the window ends (2026-10-01) before it starts (2026-11-01)"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aRefLockLeftByAKilledWriterBlocksNothing() throws {
        let dir = try TemporaryDirectory()
        let (_, heldBack) = try historyMissingOneRevision(in: dir)
        let git = dir.path + "/.history"
        // What a writer killed between creating and renaming the lock leaves behind.
        let lock = git + "/refs/heads/main.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data("0000000000000000000000000000000000000000\n".utf8)))

        let verify = try history(["verify"], in: dir.path)
        #expect(verify.status == 65)
        #expect(verify.stdout.contains("refs/heads/main.lock: a stale lock"), "\(verify.stdout)")

        let start = Date()
        let run = try history(["import", heldBack, "--profile", "kosovo/cluster-munition-ban-policy"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("revision   kosovo/cluster-munition-ban-policy 2016-07-05"))
        #expect(run.stderr.contains("removed \(lock), a stale lock"), "\(run.stderr)")
        #expect(Date().timeIntervalSince(start) < 5, "the stale lock was waited on")
        #expect(!FileManager.default.fileExists(atPath: lock))
        #expect(try history(["verify"], in: dir.path).status == 0)
    }

    @Test func aStaleCheckpointLockNeverMakesAReportRepeatItself() throws {
        let dir = try TemporaryDirectory()
        let (_, heldBack) = try historyMissingOneRevision(in: dir)
        let first = try history(["report", "--since-last", "nightly", "--format", "json"], in: dir.path)
        #expect(first.status == 0, "\(first.stderr)")
        let lock = dir.path + "/.history/refs/history/reports/nightly.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        #expect(try history(["import", heldBack, "--profile", "kosovo/cluster-munition-ban-policy"], in: dir.path).status == 0)

        let second = try history(["report", "--since-last", "nightly", "--format", "json"], in: dir.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"lastUpdated\": \"2016-07-05\""))
        let third = try history(["report", "--since-last", "nightly"], in: dir.path)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stdout.isEmpty, "the report repeated itself: \(third.stdout.prefix(200))")
    }

    /// `--output /dev/null` run as root once replaced the machine's /dev/null with a regular file. Here on a
    /// stand-in device node (the same major/minor as /dev/null) in a temporary folder.
    @Test func reportOutputWritesThroughADeviceNodeAndNeverRenamesOverIt() throws {
        let dir = try TemporaryDirectory()
        _ = try historyMissingOneRevision(in: dir)
        let node = dir.path + "/null"
        let made = mknod(node, S_IFCHR | 0o666, dev_t((1 << 8) | 3))  // makedev(1, 3), as /dev/null
        try #require(made == 0, "mknod needs root (CI runs as root): \(String(cString: strerror(errno)))")
        let run = try history(["report", "--since-last", "nightly", "--output", node], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        var info = stat()
        #expect(lstat(node, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFCHR, "the device node was replaced")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // The checkpoint moved: the report was written (into the device), so it counts as delivered.
        #expect(try history(["report", "--since-last", "nightly"], in: dir.path).stdout.isEmpty)
    }

    @Test func reportOutputNeverFollowsALinkOutOfItsFolder() throws {
        let dir = try TemporaryDirectory()
        _ = try historyMissingOneRevision(in: dir)
        let outside = try TemporaryDirectory()
        let target = outside.path + "/victim"
        #expect(FileManager.default.createFile(atPath: target, contents: Data("keep me\n".utf8)))
        try FileManager.default.createDirectory(atPath: dir.path + "/outbox", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/outbox/report.md", withDestinationPath: target)
        let run = try history(["report", "--since-last", "nightly", "--output", dir.path + "/outbox/report.md"], in: dir.path)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("is a symbolic link to \(target), outside its folder"), "\(run.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        // Nothing was delivered, so nothing was checkpointed: the next run still reports everything.
        #expect(!(try history(["report", "--since-last", "nightly"], in: dir.path).stdout.isEmpty))
    }

    @Test func reportOutputIntoAFIFOReachesItsReader() throws {
        let dir = try TemporaryDirectory()
        _ = try historyMissingOneRevision(in: dir)
        let fifo = dir.path + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let run = try history(["report", "--since-last", "nightly", "--output", fifo], in: dir.path)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(text.hasPrefix("# Profile changes recorded on main"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aBusyPortIsOneLineAndExit74() throws {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        // A port this test holds open: another program listening on it.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let run = try history(["serve", "--port", String(port)], in: dir.path)
        #expect(run.status == 74)
        #expect(run.stderr == "history: cannot listen on 127.0.0.1:\(port): the port is already in use: stop the other server, or pick another --port (0 picks a free one)\n")
    }

    @Test func aRepositoryOfAnotherUserIsSaidSo() throws {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        try #require(geteuid() == 0, "chown to another user needs root (CI runs as root)")
        #expect(chown(dir.path + "/.history", 4321, 4321) == 0)
        let run = try history(["log"], in: dir.path)
        #expect(run.status == 74)
        #expect(run.stderr.contains("belongs to another user (uid 4321)"), "\(run.stderr)")
    }

    /// A read-only mount of the repository, in a private mount namespace of the test's own.
    @Test func aReadOnlyRepositoryIsSaidSoAndExits74() throws {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        try #require(geteuid() == 0, "mounting needs root (CI runs as root)")
        let git = dir.path + "/.history"
        let script = "mount --bind '\(git)' '\(git)' && mount -o remount,ro,bind '\(git)' && "
            + "HISTORY_NOW=2026-11-29T09:00:00Z '\(historyBinary().path)' import --repo '\(git)' '\(packageRoot.path)/Repo/kosovo/cluster-munition-ban-policy'; echo \"exit $?\""
        let run = try runProgram("/usr/bin/unshare", ["-m", "sh", "-c", script], in: dir.path)
        #expect(run.output.contains("the repository \(git) cannot be written (Read-only file system)"), "\(run.output)")
        #expect(run.output.contains("exit 74"), "\(run.output)")
    }

    /// A 2 MB tmpfs, nearly full, in a private mount namespace: the import stops with one line about the
    /// disk, exit 74, and the repository stays whole.
    @Test func aFullDiskIsSaidSoAndLeavesTheRepositoryWhole() throws {
        try #require(geteuid() == 0, "mounting needs root (CI runs as root)")
        let dir = try TemporaryDirectory()
        let mount = dir.path + "/small"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let history = historyBinary().path, repo = packageRoot.path + "/Repo"
        let script = "mount -t tmpfs -o size=2m tmpfs '\(mount)' && cd '\(mount)' && '\(history)' init --repo h >/dev/null 2>&1 && "
            + "head -c 1800000 /dev/zero > filler; HISTORY_NOW=2026-11-29T09:00:00Z '\(history)' import --repo h '\(repo)' >/dev/null; echo \"exit $?\"; "
            + "git --git-dir h fsck --strict >/dev/null 2>&1 && echo fsck-ok"
        let run = try runProgram("/usr/bin/unshare", ["-m", "sh", "-c", script], in: dir.path)
        #expect(run.output.contains("the disk holding h is full"), "\(run.output)")
        #expect(run.output.contains("exit 74"), "\(run.output)")
        #expect(run.output.contains("fsck-ok"), "\(run.output)")
    }
}
