import ArgumentParser
import Foundation
import HistoryModel
import HistoryStore
import Rendering
import SemanticDiff

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, text, json, html
}

extension History {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report the events recorded since the last report (or in a window of recorded time), each with its semantic diff.",
            discussion: """
                With --since-last NAME, every event recorded on main after the checkpoint refs/history/reports/NAME is \
                reported once: the checkpoint moves (compare-and-swap) only after the whole report is written, so a \
                run that fails or is killed reports those events again next time and never skips one. Runs with the \
                same NAME take turns: a second run waits for the first (--wait), then reports only what is newer. \
                Nothing to report means no output and exit 0, so cron sends no mail; --always prints a report anyway. \
                Exit 75 when another run kept the checkpoint busy for longer than --wait.
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

        @Option(help: "Output format.")
        var format: ReportFormat = .markdown

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
        }

        func run() throws {
            try guarded {
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
                let quiet = report.events.isEmpty || (format != .json && report.shown(atLeast: minimum).events.isEmpty)
                if !quiet || always {
                    try write(render(report))
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

        func render(_ report: ChangeReport) -> String {
            switch format {
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
