import ArgumentParser
import Foundation
import HistoryModel
import HistoryStore

extension History {
    struct Remote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The other repositories this one pulls from and pushes to (git remotes).",
            discussion: """
                A remote is any git repository: a path, file://, git://, ssh:// (a key file, else the SSH agent) or \
                https:// (a token read from a file). Credentials never go on the command line or into the URL. An SSH \
                server must present a host key listed in ~/.ssh/known_hosts or /etc/ssh/ssh_known_hosts, or pinned \
                with --host-key.
                """,
            subcommands: [Add.self, List.self, RemoveCommand.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a remote.")

            @OptionGroup var repository: RepositoryOptions

            @Argument(help: ArgumentHelp("Its name, e.g. origin.", valueName: "name"))
            var name: String

            @Argument(help: ArgumentHelp("A path, or a file://, git://, ssh:// or https:// URL.", valueName: "url"))
            var url: String

            @Option(name: .customLong("ssh-key"), help: ArgumentHelp("A private key file for ssh:// (default: the SSH agent).", valueName: "file"))
            var sshKey: String?

            @Option(name: .customLong("token-file"), help: ArgumentHelp("A file holding the token for https:// (GitLab, Gitea, GitHub).", valueName: "file"))
            var tokenFile: String?

            @Option(name: .customLong("host-key"), help: ArgumentHelp("An SSH host key to accept besides ~/.ssh/known_hosts, as `ssh-keygen -lf` prints it (repeatable).", valueName: "SHA256:…"))
            var hostKeys: [String] = []

            func run() throws {
                try guarded {
                    try Replication(try repository.open()).add(name: name, url: url, sshKeyFile: sshKey, tokenFile: tokenFile, hostKeys: hostKeys)
                    Terminal.note("added remote \(name): \(url)")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every remote with its URL and credentials' files.")

            @OptionGroup var repository: RepositoryOptions

            func run() throws {
                try guarded {
                    var out = ""
                    for remote in try Replication(try repository.open()).list() {
                        out += "\(remote.name)\t\(remote.url)"
                        if let key = remote.sshKeyFile { out += "\tssh-key \(key)" }
                        if let token = remote.tokenFile { out += "\ttoken-file \(token)" }
                        out += "\n"
                    }
                    FileHandle.standardOutput.write(Data(out.utf8))
                }
            }
        }

        struct RemoveCommand: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "remove", abstract: "Forget a remote (nothing on it changes).")

            @OptionGroup var repository: RepositoryOptions

            @Argument(help: ArgumentHelp("The remote's name.", valueName: "name"))
            var name: String

            func run() throws {
                try guarded {
                    try Replication(try repository.open()).remove(name: name)
                    Terminal.note("removed remote \(name)")
                }
            }
        }
    }

    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring a remote's events, checkpoints, reviews and sources here; main only moves forward.",
            discussion: """
                main fast-forwards to the remote's. Events recorded here and not yet pushed are recorded again on top \
                of it, each decided anew (a revision the remote already has is left out; one the remote recorded \
                differently becomes a correction), with the same author and time. A remote whose main no longer \
                contains what it had when last pulled or pushed was rewritten: refused with both commits named \
                (exit 65), nothing changed. Checkpoints and the sources list move forward; reviews from both sides \
                are all kept.
                """)

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("The remote (default: origin).", valueName: "name"))
        var name: String = "origin"

        func run() throws {
            try guarded {
                let outcome = try Replication(try repository.open()).pull(name, now: try Terminal.now())
                switch outcome.main {
                case .remoteEmpty: Terminal.note("\(name) has recorded nothing yet")
                case .upToDate: Terminal.note("main already contains \(name)'s main")
                case .fastForwarded(let from, let to):
                    Terminal.note("main \(from.map { $0.short + ".." } ?? "")\(to.short): fast-forward from \(name)")
                case .replayed(let onto, let tip, let replayed, let already):
                    Terminal.note("main \(onto.short)..\(tip.short): \(replayed) unpublished event\(replayed == 1 ? "" : "s") recorded again on top of \(name)'s main"
                                  + (already > 0 ? ", \(already) left out (\(name) has the same text)" : "") + "; push them with `history push \(name)`")
                }
                if !outcome.checkpoints.isEmpty { Terminal.note("checkpoints from \(name): \(outcome.checkpoints.joined(separator: ", "))") }
                if outcome.reviews { Terminal.note("reviews from \(name) brought in") }
                if outcome.sources { Terminal.note("sources list from \(name) brought in") }
                for warning in outcome.warnings { Terminal.error("warning: \(warning)") }
            }
        }
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish main, checkpoints, reviews and sources on a remote, by compare-and-swap.",
            discussion: """
                The remote's main moves only from the value this push found there, and only forward. If another \
                writer pushed first, nothing of main is pushed (exit 75): run `history pull`, then push again.
                """)

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("The remote (default: origin).", valueName: "name"))
        var name: String = "origin"

        func run() throws {
            try guarded {
                let outcome = try Replication(try repository.open()).push(name)
                if let main = outcome.main {
                    Terminal.note("\(name) main \(main.from.map { $0.short + ".." } ?? "")\(main.to.short)")
                } else {
                    Terminal.note("\(name)'s main already is ours")
                }
                if !outcome.references.isEmpty { Terminal.note("also pushed: \(outcome.references.joined(separator: ", "))") }
            }
        }
    }
}
