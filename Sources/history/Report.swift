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

        @Option(name: .customLong("since-last"), help: ArgumentHelp("Report what is new since the last report of this name, then remember where it stopped.", valueName: "name"))
        var sinceLast: String?

        @Option(help: ArgumentHelp("With --since-last on its first run: report only events recorded from this date on.", valueName: "date"))
        var start: DateArgument?

        @Option(help: ArgumentHelp("Report events recorded from this date on (no checkpoint).", valueName: "date"))
        var since: DateArgument?

        @Option(help: ArgumentHelp("With --since: events recorded up to this date.", valueName: "date"))
        var until: DateArgument?

        @Option(help: ArgumentHelp("Output format (default: markdown; json when posting). slack: a Slack or Teams message.", valueName: "format"))
        var format: ReportFormat?

        @Option(name: .customLong("post"), help: ArgumentHelp("POST the report to this webhook instead of printing it; repeatable. The checkpoint moves only after every endpoint answered 2xx.", valueName: "url"))
        var endpoints: [String] = []

        @Option(name: .customLong("secret-file"), help: ArgumentHelp("Sign each POST with HMAC-SHA256 of its body under the secret in this file (header X-History-Signature: sha256=…).", valueName: "file"))
        var secretFile: String?

        var chosenFormat: ReportFormat { format ?? (endpoints.isEmpty ? .markdown : .json) }

        @Option(name: .customLong("min-significance"), help: ArgumentHelp("Events with nothing at or above this level are counted, not shown (JSON lists every event).", valueName: "level"))
        var minimum: Significance = .minor

        @Option(name: .customLong("profile"), help: ArgumentHelp("Only the events of profiles matching this glob (kosovo/*, */mine-ban-policy); repeatable. Give a filtered report its own --since-last name: its checkpoint still moves to the tip.", valueName: "glob"))
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
            if (sinceLast == nil) == (since == nil) { throw ValidationError("give either --since-last NAME or --since DATE") }
            if start != nil && sinceLast == nil { throw ValidationError("--start goes with --since-last") }
            if until != nil && since == nil { throw ValidationError("--until goes with --since") }
            if !(wait >= 0) { throw ValidationError("--wait wants a number of seconds, 0 or more") }
            if secretFile != nil && endpoints.isEmpty { throw ValidationError("--secret-file goes with --post URL") }
            if !endpoints.isEmpty && ![.json, .slack].contains(chosenFormat) {
                throw ValidationError("--post sends JSON: use --format json (history.report.v1) or --format slack")
            }
        }

        func run() async throws {
            try await guarded {
                let webhook = try endpoints.isEmpty ? nil : Webhook(endpoints: endpoints, secret: try secretFile.map(Self.secret(in:)))
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
                let run = try Reporter(store.snapshot()).prepareReport(ReportQuery(window: window, profiles: globs))
                let report = run.report
                let quiet = report.events.isEmpty || (chosenFormat != .json && report.shown(atLeast: minimum).events.isEmpty)
                if !quiet || always {
                    let text = render(report)
                    if let webhook {
                        let delivered = try await webhook.post(Array(text.utf8), delivery: Self.deliveryID(report, checkpoint: checkpoint),
                                                               progress: { Terminal.note("history: \($0)") })
                        if output != nil { try write(text) }
                        Terminal.note("posted the report (\(report.events.count) events) to " + delivered.map { "\($0.endpoint) (\($0.status))" }.joined(separator: ", "))
                    } else {
                        try write(text)
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
        static func deliveryID(_ report: ChangeReport, checkpoint: Checkpoint?) -> String {
            let range = "\(report.range.fromCommit?.hex ?? "none")..\(report.range.toCommit?.hex ?? "none")"
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

        func render(_ report: ChangeReport) -> String {
            switch chosenFormat {
            case .slack: ReportSlack.render(report, minimum: minimum)
            case .markdown: ReportMarkdown.render(report, minimum: minimum)
            case .json: ReportJSON.render(report, minimum: minimum)
            case .html: ReportHTML.render(report, minimum: minimum)
            case .text:
                ReportText.render(report, style: .init(
                    color: output == nil && (color == .always || (color == .auto && Terminal.stdoutIsTerminal && !Terminal.noColor)),
                    minimum: minimum))
            }
        }

        func write(_ text: String) throws(HistoryError) {
            if let output {
                try AtomicFile.write(text, to: output)
                return
            }
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
            } catch {
                throw .repository(what: "cannot write the report to standard output (\(error.localizedDescription))",
                                  fix: "the checkpoint was not moved, so the next run reports these events again")
            }
        }
    }
}
