import ArgumentParser
import HistoryModel
import HistoryStore

extension History {
    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a mistaken record by appending a retraction event; nothing is rewritten.",
            discussion: """
                The text the event recorded leaves the tree (for a correction, the text it replaced comes back), \
                so `show` and `diff` no longer see it; the event and the retraction both stay on main, and `log` \
                and reports show them. Only the text still in effect can be withdrawn.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("The event's commit (as `history log` prints it; 7 hex digits or more).", valueName: "commit"))
        var commit: String

        @Option(help: ArgumentHelp("Why the record is withdrawn (kept in the retraction's commit).", valueName: "text"))
        var reason: String

        @Option(help: ArgumentHelp("Who withdraws it (default: the service identity history <history@localhost>).", valueName: "Name <email>"))
        var author: String?

        func run() throws {
            try guarded {
                let done = try Retractor(repository.open()).retract(commit, reason: reason, by: try identity(author))
                let r = done.retracted
                let effect = done.restored ? "the text it replaced is in effect again" : "\(r.profile) has no revision of \(r.lastUpdated) now"
                Terminal.print("retraction \(r.profile) \(r.lastUpdated)  \(done.commit.short)  withdraws \(r.event.rawValue) \(r.commit.short); \(effect)\n")
            }
        }
    }
}
