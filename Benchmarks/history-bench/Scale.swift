import Foundation

/// `history-bench scale`: for each N, a generated corpus of N × 25 revisions; `history` against git on the
/// same data in the same run — import vs `git fast-import`, `diff --all` vs `git diff --word-diff`, and the
/// read commands — as medians over runs, with peak memory from /usr/bin/time.
struct ScaleOptions {
    var sizes = [200, 2_000]
    var runs = 3
    var work = "/tmp/history-bench"
    var seed: UInt64 = 2026

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            switch flag {
            case "--profiles":
                sizes = try value.split(separator: ",").map { try Options.positive(String($0), flag) }
            case "--runs": runs = try Options.positive(value, flag)
            case "--work": work = value
            case "--seed": seed = UInt64(try Options.positive(value, flag))
            default: throw UsageError(message: "unknown option \(flag)")
            }
        }
    }
}

struct Measurement {
    var seconds: [Double] = []
    var peakKB = 0

    var median: Double { seconds.sorted()[seconds.count / 2] }
}

/// Runs a shell command under /usr/bin/time; returns wall seconds and peak resident memory (KB).
func timed(_ command: String, in directory: String, environment: [String: String] = [:]) throws -> (Double, Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    let report = directory + "/.time"
    process.arguments = ["-f", "%e %M", "-o", report, "/bin/sh", "-c", command]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_CONFIG_GLOBAL"] = "/dev/null"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("`\(command)` failed (\(process.terminationStatus)): \(String(decoding: stderr.suffix(2000), as: UTF8.self))")
    }
    let fields = (try String(contentsOfFile: report, encoding: .utf8)).split(whereSeparator: \.isWhitespace)
    guard fields.count >= 2, let seconds = Double(fields[fields.count - 2]), let kb = Int(fields[fields.count - 1]) else {
        throw BenchError("cannot read /usr/bin/time's report for `\(command)`")
    }
    return (seconds, kb)
}

func scaleBenchmark(_ options: ScaleOptions, history: String) throws {
    let dates = ("2010-06-30", "2020-06-30")
    let env = ["HISTORY_NOW": "2026-11-29T09:00:00Z"]
    print("history-bench scale: seed \(options.seed), medians of \(options.runs) runs, work folder \(options.work)")
    print("git: \(try shellOutput("git --version"))")
    for n in options.sizes {
        let corpus = Corpus(profiles: n, seed: options.seed, root: "\(options.work)/n\(n)")
        let start = Date()
        try corpus.prepare(stateDates: dates)
        let bytes = try shellOutput("du -sb corpus | cut -f1", in: corpus.root)
        print("\nN = \(n) profiles × 25 revisions = \(n * 25) revisions, \(Int(Double(bytes) ?? 0) / 1_000_000) MB of text (corpus ready in \(Int(Date().timeIntervalSince(start))) s)")
        var rows: [(String, Measurement, Measurement)] = []
        var importHistory = Measurement(), importGit = Measurement()
        for run in 0..<options.runs {
            try? FileManager.default.removeItem(atPath: corpus.root + "/git")
            try? FileManager.default.removeItem(atPath: corpus.root + "/history")
            _ = try timed("git init -q --bare git", in: corpus.root)
            let (g, gm) = try timed("git --git-dir=git fast-import --quiet < fast-import.stream", in: corpus.root)
            importGit.seconds.append(g); importGit.peakKB = max(importGit.peakKB, gm)
            _ = try timed("'\(history)' init --repo history", in: corpus.root)
            let (h, hm) = try timed("'\(history)' import corpus --repo history", in: corpus.root, environment: env)
            importHistory.seconds.append(h); importHistory.peakKB = max(importHistory.peakKB, hm)
            print("  import run \(run + 1): history \(String(format: "%.1f", h)) s, git fast-import \(String(format: "%.1f", g)) s")
        }
        rows.append(("import all revisions (semantic index included)  vs  git fast-import", importHistory, importGit))
        // The write side of the semantic index alone, beside git's own derived index.
        var reindex = Measurement(), graph = Measurement()
        for _ in 0..<options.runs {
            try? FileManager.default.removeItem(atPath: corpus.root + "/history/history-cache")
            try? FileManager.default.removeItem(atPath: corpus.root + "/git/objects/info/commit-graph")
            let (h, hm) = try timed("'\(history)' reindex --repo history", in: corpus.root, environment: env)
            let (g, gm) = try timed("git --git-dir=git commit-graph write --reachable", in: corpus.root)
            reindex.seconds.append(h); reindex.peakKB = max(reindex.peakKB, hm)
            graph.seconds.append(g); graph.peakKB = max(graph.peakKB, gm)
        }
        rows.append(("reindex from nothing (the indexes' write side)  vs  git commit-graph write", reindex, graph))
        let rare = corpus.rarePhrase()

        let profile = "area-0000/mine-ban-policy"
        let pairs: [(String, String, String)] = [
            ("diff --all \(dates.0) → \(dates.1) (json)  vs  git diff --word-diff=porcelain",
             "'\(history)' diff --all --from \(dates.0) --to \(dates.1) --format json --repo history > /dev/null",
             "git --git-dir=git diff --word-diff=porcelain refs/bench/first refs/bench/second > /dev/null"),
            // issue 15: a statement by its words, and every fact that changed in one year, across all profiles.
            ("search \"Ministry of Defense had acknowledged\"  vs  git log -S <the phrase>",
             "'\(history)' search 'Ministry of Defense had acknowledged' --repo history > /dev/null",
             "git --git-dir=git log -S 'Ministry of Defense had acknowledged' --format=%H main > /dev/null"),
            ("search a rare phrase (\"\(rare)\")  vs  git log -S <it>",
             "'\(history)' search '\(rare)' --repo history > /dev/null",
             "git --git-dir=git log -S '\(rare)' --format=%H main > /dev/null"),
            ("search a phrase no text has  vs  git log -S <it>",
             "'\(history)' search 'zzqx never said' --repo history > /dev/null 2>&1",
             "git --git-dir=git log -S 'zzqx never said' --format=%H main > /dev/null"),
            ("facts --all --from 2016 --to 2016  vs  git log -G '[0-9] states' (its commits)",
             "'\(history)' facts --all --from 2016 --to 2016 --repo history > /dev/null",
             "git --git-dir=git log -G '[0-9] states' --format=%H main > /dev/null"),
            ("profiles  vs  git ls-tree -r main",
             "'\(history)' profiles --repo history > /dev/null", "git --git-dir=git ls-tree -r main > /dev/null"),
            ("log \(profile)  vs  git log -- <its folder>",
             "'\(history)' log \(profile) --repo history > /dev/null",
             "git --git-dir=git log --format='%H %s' main -- profiles/\(profile) > /dev/null"),
            ("show \(profile) --at 2015-06-30  vs  git show main:<file>",
             "'\(history)' show \(profile) --at 2015-06-30 --repo history > /dev/null",
             "git --git-dir=git show main:profiles/\(profile)/$(git --git-dir=git ls-tree --name-only main profiles/\(profile)/ | awk -F/ '$4 <= \"2015-06-30.txt\"' | tail -1 | xargs basename) > /dev/null"),
        ]
        for (label, ours, theirs) in pairs {
            var h = Measurement(), g = Measurement()
            for _ in 0..<max(options.runs, 3) {
                let (hs, hm) = try timed(ours, in: corpus.root, environment: env)
                let (gs, gm) = try timed(theirs, in: corpus.root)
                h.seconds.append(hs); h.peakKB = max(h.peakKB, hm)
                g.seconds.append(gs); g.peakKB = max(g.peakKB, gm)
            }
            rows.append((label, h, g))
        }
        // issue 17: a report over every event at once, written profile by profile (once per run: it is long).
        var report = Measurement(), gitLog = Measurement()
        for _ in 0..<options.runs {
            let (hs, hm) = try timed("'\(history)' report --since 1970-01-01 --format markdown --repo history > /dev/null", in: corpus.root, environment: env)
            let (gs, gm) = try timed("git --git-dir=git log -p --word-diff=porcelain main > /dev/null", in: corpus.root)
            report.seconds.append(hs); report.peakKB = max(report.peakKB, hm)
            gitLog.seconds.append(gs); gitLog.peakKB = max(gitLog.peakKB, gm)
        }
        rows.append(("report over every event (markdown)  vs  git log -p --word-diff=porcelain", report, gitLog))
        let repoSize = try shellOutput("du -sm history git | cut -f1 | paste -sd/", in: corpus.root)
        print("  repository sizes (MB, history/git): \(repoSize)")
        print("  " + "what".padding(toLength: 84, withPad: " ", startingAt: 0) + "history      git    ratio   peak MB (history / git)")
        for (label, h, g) in rows {
            let ratio = g.median > 0 ? String(format: "%6.2f×", h.median / g.median) : "   -  "
            print("  " + label.padding(toLength: 84, withPad: " ", startingAt: 0)
                  + String(format: "%7.2f s %7.2f s ", h.median, g.median) + ratio
                  + String(format: "   %5d / %d", h.peakKB / 1024, g.peakKB / 1024))
        }
    }
    try inProcessDiffRow()
}

/// The in-process row: one semantic diff of two ~20 KB revisions, many iterations, next to git's word
/// diff of the same two files (a process, so mostly process start; `git --version` shows how much).
func inProcessDiffRow() throws {
    let options = try Options(["--iterations", "200"][...])
    print("\none diff of two ~20 KB revisions, in-process (history-bench diff):")
    try diffBenchmark(options)
}

func shellOutput(_ command: String, in directory: String = ".") throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
