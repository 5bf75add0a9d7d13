import DiffEvaluation
import Foundation
import HistoryModel
import ProfileModel
import Rendering
import SemanticDiff

/// `history-bench scale [--profiles 200,2000] [--runs 3] [--work DIR]`: see Scale.swift.
/// `history-bench diff [--iterations N] [--bytes B] [--seed S]`: how long one semantic diff of two
/// ~20 KB revisions takes in-process, next to `git diff --no-index --word-diff=porcelain` on the same two
/// files in the same run. Prints medians; timings are figures to read, never assertions.
struct Options {
    var iterations = 200
    var bytes = 20_000
    var seed: UInt64 = 2026

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            switch flag {
            case "--iterations": iterations = try Self.positive(value, flag)
            case "--bytes": bytes = try Self.positive(value, flag)
            case "--seed": seed = UInt64(try Self.positive(value, flag))
            default: throw UsageError(message: "unknown option \(flag)")
            }
        }
    }

    static func positive(_ value: String, _ flag: String) throws -> Int {
        guard let n = Int(value), n > 0 else { throw UsageError(message: "\(flag) wants a positive whole number, not '\(value)'") }
        return n
    }
}

struct UsageError: Error { let message: String }

func median(_ samples: [Duration]) -> Duration {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
}

func milliseconds(_ d: Duration) -> String {
    let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    return String(format: "%9.3f ms", ms)
}

func ratio(_ a: Duration, _ b: Duration) -> String {
    let x = Double(a.components.seconds) + Double(a.components.attoseconds) / 1e18
    let y = Double(b.components.seconds) + Double(b.components.attoseconds) / 1e18
    return y > 0 ? String(format: "%.3f×", x / y) : "-"
}

func measure(_ iterations: Int, _ body: () throws -> Void) rethrows -> Duration {
    let clock = ContinuousClock()
    var samples: [Duration] = []
    for _ in 0..<iterations { samples.append(try clock.measure(body)) }
    return median(samples)
}

func runGitWordDiff(_ a: String, _ b: String) throws -> Int {
    try runGit(["diff", "--no-index", "--word-diff=porcelain", a, b])
}

func runGit(_ arguments: [String]) throws -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let bytes = out.fileHandleForReading.readDataToEndOfFile().count
    process.waitUntilExit()
    return bytes
}

func diffBenchmark(_ options: Options) throws {
    var generator = CorpusGenerator(seed: options.seed)
    let old = generator.profile(name: "Freedonia", year: 2015, bytes: options.bytes)
    let new = generator.nextRevision(of: old)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("history-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let oldPath = dir.appendingPathComponent("old.txt").path, newPath = dir.appendingPathComponent("new.txt").path
    try old.text.write(toFile: oldPath, atomically: true, encoding: .utf8)
    try new.text.write(toFile: newPath, atomically: true, encoding: .utf8)

    let oldProfile = try ProfileParser.parse(text: old.text), newProfile = try ProfileParser.parse(text: new.text)
    let diff = DocumentDiff.compare(oldProfile, newProfile)
    print("two revisions: \(old.text.utf8.count) and \(new.text.utf8.count) bytes, \(oldProfile.allSentences.count) and \(newProfile.allSentences.count) sentences")
    print("changes found: \(diff.counts.major) major, \(diff.counts.minor) minor, \(diff.counts.cosmetic) cosmetic; "
          + "sentences: \(diff.sentences.unchanged) unchanged, \(diff.sentences.changed) changed, \(diff.sentences.moved) moved, "
          + "\(diff.sentences.added) added, \(diff.sentences.removed) removed\(diff.fallback.map { "; fallback: \($0)" } ?? "")")
    print("median of \(options.iterations) runs each (git: \(max(5, options.iterations / 10)) runs)\n")

    _ = try runGitWordDiff(oldPath, newPath)  // warm the page cache and the binary
    let compare = measure(options.iterations) { _ = DocumentDiff.compare(oldProfile, newProfile) }
    let parseAndCompare = try measure(options.iterations) {
        _ = DocumentDiff.compare(try ProfileParser.parse(text: old.text), try ProfileParser.parse(text: new.text))
    }
    // What `history diff` does with stored texts: decode without normalising, parse without facts and
    // quotes, which the diff extracts for the sentences it reports.
    let storedOld = Array(ProfileText.normalize(old.text).utf8), storedNew = Array(ProfileText.normalize(new.text).utf8)
    let storedAndCompare = try measure(options.iterations) {
        _ = DocumentDiff.compare(try ProfileParser.parse(stored: storedOld, details: false),
                                 try ProfileParser.parse(stored: storedNew, details: false))
    }
    let full = try measure(options.iterations) {
        let d = DocumentDiff.compare(try ProfileParser.parse(text: old.text), try ProfileParser.parse(text: new.text))
        _ = Bench.comparison(d).map { DiffJSON.document($0) }
    }
    let git = try measure(max(5, options.iterations / 10)) { _ = try runGitWordDiff(oldPath, newPath) }
    let gitStart = try measure(max(5, options.iterations / 10)) { _ = try runGit(["--version"]) }

    let rows: [(String, Duration)] = [
        ("semantic diff of two parsed revisions (in-process)", compare),
        ("parse both + semantic diff (in-process)", parseAndCompare),
        ("parse as stored + diff (what history diff does)", storedAndCompare),
        ("parse both + semantic diff + history.diff.v1 JSON", full),
        ("git diff --no-index --word-diff=porcelain (a process)", git),
        ("git --version (starting a git process, for scale)", gitStart),
    ]
    for (label, time) in rows {
        print("\(label.padding(toLength: 56, withPad: " ", startingAt: 0)) \(milliseconds(time))   \(ratio(time, git)) of git")
    }
}

var arguments = CommandLine.arguments.dropFirst()
let command = arguments.first.map { $0.hasPrefix("--") ? "diff" : $0 } ?? "diff"
if arguments.first == command { arguments = arguments.dropFirst() }
do {
    switch command {
    case "diff": try diffBenchmark(try Options(arguments))
    case "scale":
        // The history binary built beside this one (scripts/bench builds both in release).
        let history = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("history").path
        guard FileManager.default.isExecutableFile(atPath: history) else { throw BenchError("no history binary at \(history); run scripts/bench") }
        try scaleBenchmark(try ScaleOptions(arguments), history: history)
    case "pathological": try pathologicalBenchmark(arguments)
    case "eval":
        // Quality, not time: precision and recall per class on the annotated corpus.
        let verbose = arguments.contains("--verbose")
        let paths = arguments.enumerated().filter { i, a in !a.hasPrefix("--") && (i == 0 || Array(arguments)[i - 1] != "--show") }.map(\.element)
        let directory = URL(fileURLWithPath: paths.first ?? "Tests/Evaluation")
        // --show NAME: every change the diff reports for the pairs whose folder name contains NAME.
        if let s = arguments.firstIndex(of: "--show"), s + 1 < arguments.endIndex {
            try Evaluation.show(directory, matching: arguments[s + 1])
            exit(0)
        }
        let groups = try Evaluation.groups(directory)
        let score = try Evaluation.run(directory)
        if verbose { for note in score.notes { print(note) } ; print("") }
        if groups.count > 1 {
            for (name, group) in groups { print("\(name):\n\(group.table)\n") }
            print("all:")
        }
        print(score.table)
        let failures = score.failures
        if !failures.isEmpty {
            print("below target: " + failures.joined(separator: "; "))
            exit(1)
        }
    case "corpus":
        let options = try ScaleOptions(arguments)
        for n in options.sizes {
            let corpus = Corpus(profiles: n, seed: options.seed, root: "\(options.work)/n\(n)")
            try corpus.prepare(stateDates: ("2010-06-30", "2020-06-30"))
            print("\(corpus.corpusDirectory)")
        }
    default: throw UsageError(message: "unknown benchmark '\(command)'; try: diff, scale, corpus, pathological, eval")
    }
} catch let error as UsageError {
    FileHandle.standardError.write(Data("history-bench: \(error.message)\n".utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("history-bench: \(error)\n".utf8))
    exit(1)
}

/// What the benchmarks' standalone comparisons are labelled with (the renderers need a profile and a day).
enum Bench {
    static func comparison(_ diff: DocumentDiff) -> ProfileComparison? {
        guard let profile = try? ProfileID("a/b"), let day = EffectiveDate(year: 2000, month: 1, day: 1) else { return nil }
        return ProfileComparison(unrecorded: diff, profile: profile, from: day, to: day)
    }
}
