import ArgumentParser
import Foundation
import HistoryModel
import HistoryStore

/// `--users FILE`: where the people `history serve` knows are kept (default: in the git directory).
struct UsersFileOptions: ParsableArguments {
    @Option(name: .customLong("users"), help: ArgumentHelp("The users file (default: history-users.json in the repository's git directory, outside main).", valueName: "file"))
    var file: String?

    func users(_ repository: RepositoryOptions) throws(HistoryError) -> Users {
        if let file { return Users(path: file) }
        return Users(path: Users.defaultPath(for: try repository.open()))
    }
}

extension History {
    struct UsersCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "users",
            abstract: "The people history serve knows, their roles and tokens.",
            discussion: """
                Roles: reader (reads), recorder (posts revisions), reviewer (records verdicts), admin (everything). \
                A token is printed once, when its person is added; only a salted hash is kept. A running server \
                sees additions and revocations at once.
                """,
            subcommands: [Add.self, List.self, Revoke.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a person and print their token, once.")

            @OptionGroup var repository: RepositoryOptions
            @OptionGroup var usersFile: UsersFileOptions

            @Argument(help: ArgumentHelp("Their name: lower-case letters, digits, dots, hyphens, underscores.", valueName: "name"))
            var name: String

            @Option(help: ArgumentHelp("reader, recorder, reviewer or admin.", valueName: "role"))
            var role: Role = .reader

            @Option(help: ArgumentHelp("Their email in commits and review notes (default: NAME@history).", valueName: "address"))
            var email: String?

            func run() throws {
                try guarded {
                    let token = try usersFile.users(repository).add(Account(name: name, role: role, email: email), at: Timestamp(seconds: try Terminal.now()))
                    Terminal.print(token + "\n")
                    Terminal.note("added \(name) (\(role)); the token above is shown only now: hand it over, it cannot be read back")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every person with their role, when they were added and whether they were revoked.")

            @OptionGroup var repository: RepositoryOptions
            @OptionGroup var usersFile: UsersFileOptions

            func run() throws {
                try guarded {
                    let entries = try usersFile.users(repository).entries()
                    let width = entries.map(\.name.count).max() ?? 0
                    var out = ""
                    for entry in entries {
                        out += entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
                        out += "  \(entry.role.padding(toLength: 8, withPad: " ", startingAt: 0))  added \(entry.created)"
                        if let revoked = entry.revoked { out += "  revoked \(revoked)" }
                        if let email = entry.email { out += "  <\(email)>" }
                        out += "\n"
                    }
                    if entries.isEmpty { Terminal.note("nobody yet; add someone with `history users add NAME --role ROLE`") }
                    Terminal.print(out)
                }
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Refuse a person's token and end their sessions (the name stays, marked).")

            @OptionGroup var repository: RepositoryOptions
            @OptionGroup var usersFile: UsersFileOptions

            @Argument(help: ArgumentHelp("Their name.", valueName: "name"))
            var name: String

            func run() throws {
                try guarded {
                    try usersFile.users(repository).revoke(name, at: Timestamp(seconds: try Terminal.now()))
                    Terminal.note("revoked \(name): their token and sessions no longer work")
                }
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
