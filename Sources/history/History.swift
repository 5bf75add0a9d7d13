import ArgumentParser
import Foundation
import HistoryModel

@main
struct History: AsyncParsableCommand {
    /// The one place the version is written (the User-Agent of fetches says it).
    static let version = "0.17.0"

    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Keep every revision of long-lived text profiles in git and say what changed.",
        discussion: """
            Exit codes: 0 ok; 1 differences found (diff --exit-code); 64 bad arguments; 65 bad input data (a file, a date outside a profile's life); \
            69 a server did not answer as it must (a webhook, a fetched page); 74 repository or I/O error; 75 busy \
            (another report run of the same name), try again later.
            """,
        version: "history \(History.version)",
        subcommands: [Init.self, Import.self, Profiles.self, Log.self, Show.self, Diff.self, Facts.self, Search.self, Export.self, Report.self, Blame.self, Review.self, Retract.self, Verify.self, Reindex.self, Sources.self, Fetch.self, Remote.self, Pull.self, Push.self, Serve.self, UsersCommand.self]
    )

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let error = UsageErrors.unknownHelpTopic(arguments) { fail(error) }
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if let line = UsageErrors.diagnose(error, arguments: arguments) { fail(line) }
            // Help, --version and exit codes already said are the parser's; anything else that escaped a
            // command is still said in one line, as an I/O error (every expected failure is a HistoryError).
            if let said = error as? HistoryError { fail(said) }
            if error is ExitCode || error is CleanExit || exitCode(for: error).rawValue == 0 { exit(withError: error) }
            fail(.repository(what: message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)",
                             fix: "this was not expected; if it happens again, report it with the command that was run"))
        }
    }

    static func fail(_ error: HistoryError) -> Never {
        Terminal.error(error.description)
        Foundation.exit(error.exitCode)
    }

    /// A date or profile id the parser could not read is said as its type's own one-line error — what was
    /// wrong and what to write instead — not as the parser's "The value … is invalid" and the usage.
    static func typedArgumentError(_ error: any Error) -> HistoryError? {
        let message = self.message(for: error)
        guard let head = message.range(of: "The value '"), let tail = message.range(of: "' is invalid for '", options: .backwards),
              head.upperBound <= tail.lowerBound else { return nil }
        let value = String(message[head.upperBound..<tail.lowerBound])
        let target = message[tail.upperBound...].prefix { $0 != "'" }
        let option = target.hasPrefix("--") ? String(target.prefix { $0 != " " }) : "the profile"
        do {
            if target.hasSuffix("<area/topic>") {
                _ = try ProfileID(value)
            } else if target.hasSuffix("<date>") || target.hasSuffix("<YYYY-MM-DD>") {
                _ = try DateArgument(value, option: option)
            }
            return nil
        } catch {
            return error
        }
    }
}
