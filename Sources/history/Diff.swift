import ArgumentParser
import HistoryModel
import HistoryStore
import ProfileModel
import Rendering
import SemanticDiff

extension Significance: ExpressibleByArgument {}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension History {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say what changed in meaning between two dates: facts, statements, quotes, footnotes, sections.",
            discussion: """
                Each side is the revision in effect on its date (--from reads a period from its start, --to to its \
                end); with --recorded, what the repository held at those times. A side with no revision yet \
                shows everything on the other side as added. Exit 1 with --exit-code when something at or above \
                --min-significance changed.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Argument(help: ArgumentHelp("The profiles to compare.", valueName: "area/topic"), completion: Completion.profiles)
        var profiles: [ProfileID] = []

        @Flag(help: "Every profile whose revision differs between the two dates.")
        var all = false

        @Option(name: [.customShort("f"), .long], help: ArgumentHelp("The earlier date (YYYY-MM-DD, YYYY-MM or YYYY: the start of that period).", valueName: "date"), completion: Completion.dates)
        var from: DateArgument

        @Option(name: [.customShort("t"), .long], help: ArgumentHelp("The later date (the end of that period; default: today).", valueName: "date"), completion: Completion.dates)
        var to: DateArgument?

        @Flag(help: "Compare what the repository held at those times (recorded time) instead of the revisions in effect.")
        var recorded = false

        @Flag(help: "Show each revision-to-revision diff in the range instead of the net change.")
        var steps = false

        @Option(name: .customLong("min-significance"), help: ArgumentHelp("The least significant changes to show.", valueName: "level"))
        var minimum: Significance = .minor

        @Option(name: [.customShort("F"), .long], help: "Output format.")
        var format: DiffFormat = .text

        @Flag(help: "Exit 1 when something at or above --min-significance changed.")
        var exitCode = false

        @Option(help: "Colour in text output.")
        var color: ColorChoice = .auto

        func validate() throws {
            if all && !profiles.isEmpty { throw ValidationError("profiles and --all together: give profiles or --all, not both") }
            if !all && profiles.isEmpty { throw ValidationError("diff needs a profile: name at least one (area/topic), or pass --all") }
        }

        func run() throws {
            var changed = false
            try guarded {
                pager.start()
                let ids = profiles
                let fromDate = from
                let toDate = try to ?? DateArgument(day: try Terminal.now())
                let request = DiffRequest(profiles: all ? .all : .some(ids), from: fromDate, to: toDate,
                                          axis: recorded ? .recorded : .effective, steps: steps)
                let comparer = Comparer(try repository.open().snapshot())
                if format == .json && DiffJSON.isOneDocument(profiles: ids.count, all: all, steps: steps) {
                    let comparisons = try comparer.compare(request)
                    changed = comparisons.contains { $0.diff.counts.count(atLeast: minimum) > 0 }
                    if let only = comparisons.first { Terminal.print(DiffJSON.document(only, minimum: minimum)) }
                    return
                }
                // Several documents: each is printed as soon as it is made, so memory stays flat however many.
                var count = 0
                var totals = SignificanceCounts()
                let style = DiffText.Style(color: color == .always || (color == .auto && Terminal.stdoutIsTerminal && !Terminal.noColor),
                                           minimum: minimum)
                if format == .json {
                    Terminal.print(DiffJSON.begin(from: fromDate.start.description, to: toDate.end.description, axis: request.axis,
                                                  steps: steps, minimum: minimum))
                }
                try comparer.compare(request) { comparison in
                    changed = changed || comparison.diff.counts.count(atLeast: minimum) > 0
                    totals.add(comparison.diff.counts)
                    switch format {
                    case .json: Terminal.write(DiffJSON.entry(comparison, index: count, minimum: minimum))
                    case .markdown: Terminal.print((count == 0 ? "" : "\n") + DiffMarkdown.render(comparison, minimum: minimum))
                    case .text: Terminal.print((count == 0 ? "" : "\n") + DiffText.render(comparison, style: style))
                    }
                    count += 1
                }
                switch format {
                case .json: Terminal.print(DiffJSON.end(count: count, counts: totals))
                case .markdown where count == 0: Terminal.print("No profile changed between \(fromDate.start) and \(toDate.end).\n")
                case .text where count == 0: Terminal.print("no profile changed between \(fromDate.start) and \(toDate.end)\n")
                default: break
                }
            }
            if exitCode && changed { throw ExitCode(1) }
        }
    }
}
