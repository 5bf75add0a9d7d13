import Foundation
import Testing
import TestSupport

/// Every `$ history …` example in README.md and docs/*.md is run, in bash after the README's one step for
/// interactive shells (`enable -n history`), on the embedded Repo/ recorded at the fixed clock, and its
/// output compared with what the page shows — so the documentation cannot drift from the program.
///
/// In an expected output a line that is only `…` stands for any number of lines, and a line ending in
/// ` …` for any line that begins with what comes before it. An HTML comment just above a block steers it:
/// `<!-- doc-test: skip — why -->` (it needs a network host, a server or minutes of benchmark),
/// `<!-- doc-test: fresh -->` (Repo/ copied, nothing recorded yet), `<!-- doc-test: setup: CMD -->`
/// (run first, output ignored; `$PACKAGE_ROOT` is this checkout), `<!-- doc-test: env: NAME=VALUE -->`.
@Suite struct DocExampleTests {
    struct Example: CustomStringConvertible, Sendable {
        let file: String
        let line: Int
        let commands: [(command: String, expected: [String])]
        let fresh: Bool
        let setup: [String]
        let environment: [String]

        var description: String { "\(file):\(line)" }
    }

    static let files = ["README.md"] + ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("docs").path)) ?? [])
        .filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }

    /// The runnable examples of one Markdown file.
    static func examples(in file: String) throws -> (run: [Example], skipped: Int) {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var examples: [Example] = []
        var skipped = 0
        var directives: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("<!-- doc-test:") {
                directives.append(line.replacingOccurrences(of: "<!-- doc-test:", with: "").replacingOccurrences(of: "-->", with: "")
                    .trimmingCharacters(in: .whitespaces))
                index += 1
                continue
            }
            guard line.hasPrefix("```") else {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { directives = [] }
                index += 1
                continue
            }
            let start = index + 1
            var end = start
            while end < lines.count && !lines[end].hasPrefix("```") { end += 1 }
            let body = Array(lines[start..<min(end, lines.count)])
            index = end + 1
            defer { directives = [] }
            guard body.contains(where: { $0.hasPrefix("$ ") }) else { continue }
            if directives.contains(where: { $0.hasPrefix("skip") }) { skipped += 1; continue }
            var commands: [(String, [String])] = []
            var i = 0
            while i < body.count {
                guard body[i].hasPrefix("$ ") else { i += 1; continue }
                var command = String(body[i].dropFirst(2))
                // A command goes on past a trailing backslash or an open double quote (a multi-line SQL query).
                while command.hasSuffix("\\") || command.filter({ $0 == "\"" }).count % 2 == 1, i + 1 < body.count {
                    i += 1
                    command += "\n" + body[i]
                }
                i += 1
                var expected: [String] = []
                while i < body.count && !body[i].hasPrefix("$ ") { expected.append(body[i]); i += 1 }
                commands.append((command, expected))
            }
            examples.append(Example(file: file, line: start, commands: commands, fresh: directives.contains("fresh"),
                                    setup: directives.filter { $0.hasPrefix("setup:") }.map { String($0.dropFirst(6)) },
                                    environment: directives.filter { $0.hasPrefix("env:") }.map { String($0.dropFirst(4)) }))
        }
        return (examples, skipped)
    }

    static var allExamples: [Example] { files.flatMap { (try? examples(in: $0).run) ?? [] } }

    /// `expected` (with its `…` lines) describes `actual`.
    static func matches(_ expected: ArraySlice<String>, _ actual: ArraySlice<String>) -> Bool {
        guard let first = expected.first else { return actual.isEmpty }
        let pattern = first.trimmingTrailingSpaces
        if pattern.trimmingCharacters(in: .whitespaces) == "…" {
            var rest = actual
            while true {
                if matches(expected.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let line = actual.first?.trimmingTrailingSpaces else { return false }
        let same = pattern.hasSuffix(" …") ? line.hasPrefix(String(pattern.dropLast())) : line == pattern
        return same && matches(expected.dropFirst(), actual.dropFirst())
    }

    @Test func everyFileHasRunnableExamples() throws {
        let readme = try Self.examples(in: "README.md")
        #expect(readme.run.count >= 20, "README examples found: \(readme.run.count)")
        #expect(Self.matches(["a", "…", "d …"], ["a", "b", "c", "d e"]))
        #expect(!Self.matches(["a", "d …"], ["a", "b", "d e"]))
    }

    @Test(arguments: allExamples)
    func exampleOutputIsWhatThePageShows(_ example: Example) throws {
        let dir = try TemporaryDirectory()
        if example.fresh { _ = try copyOfRepo(into: dir) } else { try recordedRepo(into: dir) }
        var script = """
            exec 2>&1
            enable -n history  # the README's one step for interactive bash
            export PATH='\(historyBinary().deletingLastPathComponent().path)':"$PATH" HISTORY_NOW=2026-11-29T09:00:00Z
            unset HISTORY_REPO HISTORY_PAGER NO_COLOR
            export PACKAGE_ROOT='\(packageRoot.path)'
            cd '\(dir.path)'

            """
        for setup in example.setup { script += "{ \(setup); } >/dev/null 2>&1 || echo 'the setup failed: \(setup)'\n" }
        for assignment in example.environment { script += "export \(assignment)\n" }
        for (number, step) in example.commands.enumerated() {
            // The marker keeps the last command's status, so `echo $?` says what the page's command exited with.
            script += "__status=$?; printf '\\n@@doc-test %d@@\\n' \(number); (exit $__status)\n\(step.command)\n"
        }
        try script.write(toFile: dir.path + "/example.sh", atomically: true, encoding: .utf8)
        let run = try runProgram("/bin/bash", ["--norc", "--noprofile", dir.path + "/example.sh"], in: dir.path)
        var outputs: [Int: [String]] = [:]
        var current = -1
        for line in run.output.components(separatedBy: "\n") {
            if line.hasPrefix("@@doc-test "), let number = Int(line.dropFirst(11).prefix { $0.isNumber }) {
                current = number
                outputs[number] = []
            } else if current >= 0 {
                outputs[current, default: []].append(line)
            }
        }
        var transcript = ""
        for (number, step) in example.commands.enumerated() {
            var actual = outputs[number] ?? []
            // The marker's own newline precedes the next marker: drop the empty line it leaves.
            if actual.last == "" { actual.removeLast() }
            if number + 1 < example.commands.count, actual.last == "" { actual.removeLast() }
            transcript += "$ \(step.command)\n" + actual.map { $0 + "\n" }.joined()
            #expect(Self.matches(step.expected[...], actual[...]),
                    "\(example): $ \(step.command)\n--- the page shows:\n\(step.expected.joined(separator: "\n"))\n--- the program printed:\n\(actual.joined(separator: "\n"))")
        }
        // HISTORY_DOC_ACTUAL=DIR keeps each example's real transcript there, to update a page from.
        if let folder = ProcessInfo.processInfo.environment["HISTORY_DOC_ACTUAL"] {
            let name = example.file.replacingOccurrences(of: "/", with: "-") + "-\(example.line).txt"
            try transcript.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
