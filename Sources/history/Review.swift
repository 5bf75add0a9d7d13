import ArgumentParser
import HistoryStore

extension Review.Verdict: ExpressibleByArgument {}

extension History {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a reviewer's verdict on a recorded event, or list the events nobody has reviewed.",
            discussion: """
                A review is a git note on the event's commit in refs/notes/reviews: the commit never changes, \
                several reviews of one commit are all kept, and `history log` and reports show them.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("The event's commit (as `history log` prints it; 7 hex digits or more).", valueName: "commit"))
        var commit: String?

        @Option(help: "approved, or questioned.")
        var verdict: HistoryStore.Review.Verdict?

        @Option(help: ArgumentHelp("What the reviewer checked or questions.", valueName: "text"))
        var note: String?

        @Option(help: ArgumentHelp("Who reviews (default: $HISTORY_REVIEWER, else the service identity).", valueName: "Name <email>"))
        var reviewer: String?

        @Flag(help: "List the events nobody has reviewed yet, newest first.")
        var pending = false

        @Option(help: ArgumentHelp("With --pending: only events recorded on or after this date.", valueName: "date"))
        var since: String?

        @Option(help: "Output format (--pending).")
        var format: OutputFormat = .text

        func validate() throws {
            if pending {
                if commit != nil || verdict != nil || note != nil { throw ValidationError("--pending lists events; give no commit, --verdict or --note with it") }
            } else {
                if commit == nil { throw ValidationError("name the event's commit, or pass --pending") }
                if verdict == nil { throw ValidationError("give --verdict approved or --verdict questioned") }
                if note?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true { throw ValidationError("say what was checked with --note TEXT") }
                if since != nil { throw ValidationError("--since goes with --pending") }
            }
        }

        func run() throws {
            try guarded {
                let store = try repository.open()
                if pending {
                    let entries = try store.pendingReviews(since: try DateArgument.parse(since, option: "--since")?.startTime)
                    switch format {
                    case .text:
                        if entries.isEmpty { Terminal.note("every event\(since.map { " recorded since \($0)" } ?? "") has been reviewed") }
                        Terminal.print(Formatting.logText(entries))
                    case .json: Terminal.print(Formatting.logJSON(entries))
                    }
                    return
                }
                guard let commit, let verdict, let note else { return }
                let identity = try (reviewer ?? Terminal.environment("HISTORY_REVIEWER"))
                    .map { (text) throws(HistoryError) in try Recorder.identity(text, option: "--reviewer") }
                let event = try store.event(named: commit)
                let review = HistoryStore.Review(verdict: verdict, reviewerName: identity?.name ?? Recorder.serviceName,
                                                 reviewerEmail: identity?.email ?? Recorder.serviceEmail,
                                                 reviewedAt: try Terminal.now(), note: note)
                try store.review(event.commit, review)
                Terminal.print("\(event.commit.short)  \(event.event.rawValue) \(event.lastUpdated) \(event.profile)  \(Formatting.reviewLine(review))\n")
                if identity == nil {
                    Terminal.note("note: recorded under the service identity; name the reviewer with --reviewer \"Name <email>\" or HISTORY_REVIEWER")
                }
            }
        }
    }
}
