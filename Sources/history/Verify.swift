import ArgumentParser
import HistoryModel
import HistoryStore

extension History {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove the repository is whole and was never rewritten: read every object, check every commit against the rules.",
            discussion: """
                Reads every object reachable from main, the report checkpoints and the review notes (libgit2 \
                checks each object's hash), and checks that each commit records one dated file of one profile with \
                trailers that match the change, the right event type, a real date, canonical text, and — where its \
                source file is at hand — the recorded SHA-256. --anchor proves main still descends from a commit \
                an auditor kept (for example the last commit of a report); --allowed-signers checks every commit's \
                SSH signature. Exit 0 when everything holds; otherwise one line per problem on stdout and exit 65.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @Option(help: ArgumentHelp("A commit main must still descend from: its id or 7+ hex digits of it (repeatable).", valueName: "commit"))
        var anchor: [String] = []

        @Option(name: .customLong("allowed-signers"), help: ArgumentHelp("Require a good SSH signature on every commit by a key in this file (git's allowed-signers format).", valueName: "file"))
        var allowedSigners: String?

        @Option(name: .customLong("sources"), help: ArgumentHelp("Where relative Source: paths are found, to check their SHA-256.", valueName: "dir"))
        var sourceRoot: String = "."

        func run() throws {
            try guarded {
                let signers = try allowedSigners.map { (path) throws(HistoryError) in try AllowedSigners(contentsOf: path) }
                let result = try Verifier(repository.open()).verify(VerifyOptions(anchors: anchor, allowedSigners: signers, sourceRoot: sourceRoot))
                for problem in result.problems { Terminal.print(problem + "\n") }
                var summary = "\(result.commits) commits, \(result.objects) objects read"
                if result.sourcesChecked > 0 { summary += ", \(result.sourcesChecked) sources hashed" }
                if signers != nil { summary += ", \(result.signaturesChecked) signatures checked" }
                if result.anchorsChecked > 0 { summary += ", \(result.anchorsChecked) anchor\(result.anchorsChecked == 1 ? "" : "s") checked" }
                if result.problems.isEmpty {
                    Terminal.note("verified: \(summary); no problems")
                } else {
                    let n = result.problems.count
                    throw HistoryError.badInput(what: "\(n) problem\(n == 1 ? "" : "s") found (\(summary))", fix: "each is listed above, one per line")
                }
            }
        }
    }
}
