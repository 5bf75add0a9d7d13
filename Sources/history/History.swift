import ArgumentParser

@main
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Keep every revision of long-lived text profiles in git and say what changed.",
        discussion: """
            Exit codes: 0 ok; 1 differences found (diff --exit-code); 64 bad arguments; 65 bad input data (a file, a date outside a profile's life); \
            74 repository or I/O error; 75 busy (another report run of the same name), try again later.
            """,
        subcommands: [Init.self, Import.self, Profiles.self, Log.self, Show.self, Diff.self, Report.self, Blame.self, Review.self, Retract.self, Verify.self, Serve.self]
    )
}
