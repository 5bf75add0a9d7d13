import ArgumentParser
import Foundation
import HistoryModel
import HistoryStore
import Outbound
import Rendering
import SemanticDiff

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, text, json, html, slack
}

extension History {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report the events recorded since the last report (or in a window of recorded time), each with its semantic diff.",
            discussion: """
                With --since-last NAME, every event recorded on main after the checkpoint refs/history/reports/NAME is \
                reported once: the checkpoint moves (compare-and-swap) only after the whole report is written, so a \
                run that fails or is killed reports those events again next time and never skips one. Runs with the \
                same NAME take turns: a second run waits for the first (--wait), then reports only what is newer. \
                Nothing to report means no output and exit 0, so cron sends no mail; --always prints a report anyway. \
                Exit 75 when another run kept the checkpoint busy for longer than --wait. With --post URL                 (repeatable) the report is POSTed as JSON (history.report.v1, or a chat message with --format slack)                 instead of printed, signed with --secret-file; the checkpoint moves only when every endpoint answered                 2xx, else exit 69.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Option(name: .customLong("since-last"), help: ArgumentHelp("Report what is new since the last report of this name, then remember where it stopped.", valueName: "name"), completion: Completion.checkpoints)
        var sinceLast: String?

        @Option(help: ArgumentHelp("With --since-last on its first run: report only events recorded from this date on.", valueName: "date"))
        var start: DateArgument?

        @Option(help: ArgumentHelp("Report events recorded from this date on (no checkpoint).", valueName: "date"))
        var since: DateArgument?

        @Option(help: ArgumentHelp("With --since: events recorded up to this date.", valueName: "date"))
        var until: DateArgument?

        @Option(name: [.customShort("F"), .long], help: ArgumentHelp("Output format (default: markdown; json when posting). slack: a Slack or Teams message.", valueName: "format"))
        var format: ReportFormat?

        @Option(name: .customLong("post"), help: ArgumentHelp("POST the report to this webhook instead of printing it; repeatable. The checkpoint moves only after every endpoint answered 2xx.", valueName: "url"))
        var endpoints: [String] = []

        @Option(name: .customLong("secret-file"), help: ArgumentHelp("Sign each POST with HMAC-SHA256 of its body under the secret in this file (header X-History-Signature: sha256=…).", valueName: "file"))
        var secretFile: String?

        var chosenFormat: ReportFormat { format ?? (endpoints.isEmpty ? .markdown : .json) }

        @Option(name: .customLong("min-significance"), help: ArgumentHelp("Events with nothing at or above this level are counted, not shown (JSON lists every event).", valueName: "level"))
        var minimum: Significance = .minor

        @Option(name: .customLong("profile"), help: ArgumentHelp("Only the events of profiles matching this glob (kosovo/*, */mine-ban-policy); repeatable. Give a filtered report its own --since-last name: its checkpoint still moves to the tip.", valueName: "glob"), completion: Completion.profiles)
        var profiles: [String] = []

        @Option(help: ArgumentHelp("Write the report to this file atomically instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(help: "Report, but leave the checkpoint where it is.")
        var dryRun = false

        @Flag(help: "Print a report even when nothing changed.")
        var always = false

        @Option(help: ArgumentHelp("How long to wait for another run of the same --since-last name.", valueName: "seconds"))
        var wait: Double = 600

        @Option(help: "Colour in text output.")
        var color: ColorChoice = .auto

        func validate() throws {
            if (sinceLast == nil) == (since == nil) { throw ValidationError("report needs one window: give --since-last NAME (a checkpoint) or --since DATE, not both") }
            if start != nil && sinceLast == nil { throw ValidationError("--start without --since-last: add --since-last NAME, or use --since instead") }
            if until != nil && since == nil { throw ValidationError("--until without --since: add --since DATE") }
            if !(wait >= 0) { throw ValidationError("--wait \(wait) is not a number of seconds: give 0 or more") }
            if secretFile != nil && endpoints.isEmpty { throw ValidationError("--secret-file without --post: add --post URL, or drop --secret-file") }
            if !endpoints.isEmpty && ![.json, .slack].contains(chosenFormat) {
                throw ValidationError("--post cannot send --format \(chosenFormat): use --format json (history.report.v1) or --format slack")
            }
        }

        func run() async throws {
            try await guarded {
                let webhook = try endpoints.isEmpty ? nil : Webhook(endpoints: endpoints, secret: try secretFile.map(Self.secret(in:)))
                if webhook == nil && output == nil { pager.start() }
                let window: ReportQuery.Window
                let checkpoint = try sinceLast.map { (name) throws(HistoryError) in try Checkpoint(name) }
                if let checkpoint {
                    window = .sinceLast(checkpoint, start: start)
                } else {
                    guard let since else { return }
                    window = .recorded(since: since, until: until)
                }
                let store = try repository.open()
                let lock = try checkpoint.map { (c) throws(HistoryError) in try Checkpoints(store).lock(c, timeout: wait) }
                // The snapshot is taken with the lock held: a run that waited reports only what is newer.
                let globs = try ProfileGlobs(profiles, option: "--profile")
                // Profile by profile: each section is rendered as its events are diffed and spooled to a file,
                // so a report over 50,000 events never holds them; the first lines, which count them all,
                // go in front once all are known.
                let renderer = self.renderer()
                HistoryRepository.boundObjectCache(megabytes: 4)
                let spool = try Spool()
                var summary = ReportSummary(range: .init(), minimum: minimum)
                var sections = 0
                let run = try Reporter(store.snapshot()).streamReport(ReportQuery(window: window, profiles: globs)) { profile in
                    summary.add(profile)
                    let part = renderer.section(profile, index: sections)
                    guard !part.isEmpty else { return }
                    try spool.append(part)
                    sections += 1
                }
                summary.range = run.report.range
                let quiet = summary.events == 0 || (chosenFormat != .json && summary.shown == 0)
                if !quiet || always {
                    let pieces: [AtomicFile.Piece] = [.bytes(Array(renderer.head(summary).utf8)), .file(spool.path),
                                                      .bytes(Array(renderer.tail(summary, sections: sections).utf8))]
                    if let webhook {
                        // A webhook's body is signed whole: read back into memory (a report to post is a small one).
                        let text = try spool.contents(between: pieces)
                        let delivered = try await webhook.post(Array(text.utf8), delivery: Self.deliveryID(run.report.range, checkpoint: checkpoint),
                                                               progress: { Terminal.note("history: \($0)") })
                        if let output { try AtomicFile.write(text, to: output) }
                        Terminal.note("posted the report (\(summary.events) events) to " + delivered.map { "\($0.endpoint) (\($0.status))" }.joined(separator: ", "))
                    } else {
                        try write(pieces)
                    }
                }
                // Only now, with the report completely written, may the checkpoint move past these events.
                Self.failpoint()
                if !dryRun, let move = run.checkpoint { try Checkpoints(store).move(move) }
                withExtendedLifetime(lock) {}
            }
        }

        /// Test hooks between writing the report and moving the checkpoint — the moment exactly-once hinges
        /// on: HISTORY_FAILPOINT=report-kill-before-checkpoint dies there (SIGKILL); =report-pause-before-checkpoint
        /// pauses there holding the lock, as a handshake through two FIFOs the test made in
        /// HISTORY_FAILPOINT_DIR: it writes a byte into `paused`, then waits until `resume` is opened and closed.
        static func failpoint() {
            let environment = ProcessInfo.processInfo.environment
            switch environment["HISTORY_FAILPOINT"] {
            case "report-kill-before-checkpoint": kill(getpid(), SIGKILL)
            case "report-pause-before-checkpoint":
                guard let dir = environment["HISTORY_FAILPOINT_DIR"] else { return }
                if let paused = FileHandle(forWritingAtPath: dir + "/paused") {
                    paused.write(Data("p".utf8))
                    try? paused.close()
                }
                _ = FileHandle(forReadingAtPath: dir + "/resume")?.readDataToEndOfFile()
            default: break
            }
        }

        /// The same for every run that posts the same events under the same name: a receiver drops a repeat.
        static func deliveryID(_ range: ChangeReport.Range, checkpoint: Checkpoint?) -> String {
            let range = "\(range.fromCommit?.hex ?? "none")..\(range.toCommit?.hex ?? "none")"
            return (checkpoint.map { "\($0.name):" } ?? "window:") + range
        }

        /// The secret's bytes, without a trailing line break; an unreadable or empty file is a usage error.
        static func secret(in path: String) throws(HistoryError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .invalidArgument(what: "cannot read the secret file \(path)", fix: "give a readable file holding the webhook's secret")
            }
            var bytes = Array(data)
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
            guard !bytes.isEmpty else { throw .invalidArgument(what: "the secret file \(path) is empty", fix: "put a long random string in it") }
            return bytes
        }

        func renderer() -> any ReportRenderer {
            switch chosenFormat {
            case .slack: ReportSlack(minimum: minimum)
            case .markdown: ReportMarkdown(minimum: minimum)
            case .json: ReportJSON(minimum: minimum)
            case .html: ReportHTML(minimum: minimum)
            case .text:
                ReportText(style: .init(
                    color: output == nil && (color == .always || (color == .auto && Terminal.stdoutIsTerminal && !Terminal.noColor)),
                    minimum: minimum))
            }
        }

        func write(_ pieces: [AtomicFile.Piece]) throws(HistoryError) {
            if let output {
                try AtomicFile.write(pieces: pieces, to: output)
                return
            }
            if let failed = AtomicFile.writeAll(pieces, to: STDOUT_FILENO) {
                throw .repository(what: "cannot write the report to standard output (\(String(cString: strerror(failed))))",
                                  fix: "the checkpoint was not moved, so the next run reports these events again")
            }
        }
    }
}

/// A report's sections on their way to the output: a temporary file, removed when this goes away.
final class Spool {
    let path: String
    private let handle: FileHandle

    init() throws(HistoryError) {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        path = (folder as NSString).appendingPathComponent("history-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .repository(what: "cannot create a temporary file in \(folder) for the report", fix: "check that it exists and is writable (TMPDIR)")
        }
        self.handle = handle
    }

    deinit {
        try? handle.close()
        unlink(path)
    }

    func append(_ text: String) throws(HistoryError) {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .repository(what: "cannot write the report's temporary file \(path) (\(error.localizedDescription))",
                              fix: "free some space in TMPDIR; the checkpoint was not moved")
        }
    }

    /// The whole report in memory: the bytes pieces and this file's contents, in their order.
    func contents(between pieces: [AtomicFile.Piece]) throws(HistoryError) -> String {
        var bytes: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .bytes(let b): bytes += b
            case .file(let file):
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw .repository(what: "cannot read the report's temporary file \(file)", fix: "check TMPDIR")
                }
                bytes += Array(data)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
