import Foundation
import TestSupport

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `history` executable built next to the test bundle (the test target depends on it).
func historyBinary() -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("history")
    if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
    return packageRoot.appendingPathComponent(".build/debug/history")
}

struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// The real binary, set up with a fixed clock and no inherited HISTORY_REPO, not yet started.
func historyProcess(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) -> Process {
    let process = Process()
    process.executableURL = historyBinary()
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["HISTORY_REPO"] = nil
    environment["HISTORY_NOW"] = "2026-11-29T09:00:00Z"
    for (k, v) in extra { environment[k] = v }
    process.environment = environment
    return process
}

/// Runs the real binary with a fixed clock and no inherited HISTORY_REPO. stdout is drained before waiting.
@discardableResult
func history(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws -> RunResult {
    let process = historyProcess(arguments, in: directory, environment: extra)
    // stderr goes to a file so that only one pipe needs draining: no deadlock, no shared mutable state.
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("history-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let errHandle = try FileHandle(forWritingTo: errURL)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errHandle
    try process.run()
    let outBytes = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errHandle.close()
    let errBytes = try Data(contentsOf: errURL)
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outBytes, as: UTF8.self),
                     stderr: String(decoding: errBytes, as: UTF8.self))
}

/// A private copy of Repo/ so tests may add files to it.
func copyOfRepo(into dir: TemporaryDirectory) throws -> String {
    let target = dir.path + "/Repo"
    try FileManager.default.copyItem(atPath: packageRoot.appendingPathComponent("Repo").path, toPath: target)
    return target
}

/// Repo/ recorded by the real binary (`init`, `import Repo` at the fixed clock), once per test process.
private let recordedOnce: Result<TemporaryDirectory, any Error> = Result {
    let dir = try TemporaryDirectory()
    _ = try copyOfRepo(into: dir)
    guard try history(["init"], in: dir.path).status == 0, try history(["import", "Repo"], in: dir.path).status == 0 else {
        throw CocoaError(.fileWriteUnknown)
    }
    return dir
}

/// A private copy of Repo/ and of its history as `init` and `import Repo` record it here: byte for byte
/// what those two commands would make in `dir` (sources are recorded as relative paths, the clock is
/// fixed), without running them again for every test.
func recordedRepo(into dir: TemporaryDirectory) throws {
    let source = try recordedOnce.get()
    _ = try copyOfRepo(into: dir)
    try FileManager.default.copyItem(atPath: source.path + "/.history", toPath: dir.path + "/.history")
}

/// One of the Python servers in `scripts/` (a test web site, a webhook receiver), started in a process of
/// its own on a free loopback port it writes to `--port-file`; its log and any other files in `folder`.
struct ScriptServer: Sendable {
    let process: Process
    let port: Int
    let folder: String

    init(_ script: String, _ arguments: (String) -> [String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(script)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("scripts/\(script)").path, "--port-file", folder + "/port"]
            + arguments(folder)
        try process.run()
        self.process = process
        var port = 0
        for _ in 0..<100 where port == 0 {
            port = (try? String(contentsOfFile: folder + "/port", encoding: .utf8)).flatMap { Int($0) } ?? 0
            if port == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        self.port = port
    }

    /// Each line of its JSON-lines log.
    func logged(_ name: String = "log") -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Killed outright and reaped: a child of the test process may have inherited SIGTERM blocked.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
