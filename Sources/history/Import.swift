import ArgumentParser
import HistoryModel
import HistoryStore

extension History {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record profile revisions: files, or directories in the <area>/<topic>/<YYYY-MM-DD>.txt layout.",
            discussion: """
                Each revision becomes one commit: a revision (newer than all recorded), a backfill (older) or a \
                correction (new text for a date already recorded). Identical text is skipped, so importing \
                twice records nothing new. Directories are recorded in date order.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("Files or directories to import.", valueName: "path"))
        var paths: [String]

        @Option(help: ArgumentHelp("The profile of the files given (default: from their <area>/<topic>/ folders).", valueName: "area/topic"))
        var profile: ProfileID?

        @Option(help: ArgumentHelp("The effective date for texts without a Last updated line.", valueName: "YYYY-MM-DD"))
        var date: DateArgument?

        @Option(help: ArgumentHelp("Where the files came from, recorded in each commit (default: the path; files only).", valueName: "path-or-url"))
        var source: String?

        @Option(help: ArgumentHelp("Who records (default: the service identity history <history@localhost>).", valueName: "Name <email>"))
        var author: String?

        @Option(name: .customLong("sign-key"), help: ArgumentHelp("Sign each commit with this OpenSSH Ed25519 private key, as git does with gpg.format=ssh (git verify-commit checks it).", valueName: "file"))
        var signKey: String?

        @Flag(help: "Say what would be recorded, and record nothing.")
        var dryRun = false

        @Flag(help: "Record a text even when its title names another topic than its folder's.")
        var force = false

        func run() throws {
            try guarded {
                let options = ImportPlan.Options(
                    profile: profile,
                    date: try date.map { (d) throws(HistoryError) in
                        guard d.start == d.end else { throw HistoryError.invalidArgument(what: "--date '\(d)'", fix: "give a full day, YYYY-MM-DD") }
                        return d.start
                    },
                    source: source, force: force)
                let key = try signKey.map { (path) throws(HistoryError) in try SSHSigningKey(contentsOf: path) }
                let recorder = try identity(author, signingKey: key)
                let store = try repository.open()
                let plan = ImportPlan(paths: paths, options: options)
                for problem in plan.problems { Terminal.error(problem.description) }
                let showProgress = Terminal.stderrIsTerminal
                let result = try Importer(store).run(plan, by: recorder, dryRun: dryRun, progress: { done, total, path in
                    guard showProgress else { return }
                    let line = done < total ? "recording \(done + 1)/\(total) \(path)" : ""
                    Terminal.rewriteLine(line)
                }, problem: { problem in
                    if showProgress { Terminal.rewriteLine("") }
                    Terminal.error(problem.description)
                })
                for r in result.recorded {
                    let line = "\(r.event.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(r.profile) \(r.date)"
                    Terminal.print(dryRun ? "would record \(line)  \(r.path)\n" : "\(line)  \(r.commit.short)\n")
                }
                var summary = "\(dryRun ? "would record" : "recorded") \(result.recorded.count), unchanged \(result.unchanged)"
                if result.superseded > 0 { summary += ", superseded \(result.superseded)" }
                if !result.problems.isEmpty { summary += ", rejected \(result.problems.count)" }
                Terminal.note(summary + (dryRun ? " (dry run: nothing was recorded)" : ""))
                if !result.problems.isEmpty { throw HistoryError.someInputsRejected(count: result.problems.count) }
            }
        }
    }
}
