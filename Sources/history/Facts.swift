import ArgumentParser
import HistoryModel
import HistoryStore
import Rendering

enum FactsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

extension History {
    struct Facts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow every fact of a profile through its revisions: each value, the revision that set it, corrections.",
            discussion: """
                A fact keeps its series while the diff links its sentence across revisions — reworded, moved into a \
                footnote, split or merged — so "recognized by … states" reads 77 → 110 however the text moved. \
                With --from, only series that changed from then on, each with the value in effect before. \
                --all (optionally with a glob such as 'kosovo/*') covers every profile, one at a time.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @OptionGroup var pager: PagerOptions

        @Argument(help: ArgumentHelp("The profiles (with --all: an optional glob over profile ids).", valueName: "area/topic"), completion: Completion.profiles)
        var profiles: [String] = []

        @Flag(help: "Every profile (or those matching the glob given).")
        var all = false

        @Option(help: ArgumentHelp("Only facts whose subject or unit contains this, e.g. states.", valueName: "text"))
        var subject: String?

        @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Changes from this date on (YYYY-MM-DD, YYYY-MM or YYYY: the start of that period).", valueName: "date"), completion: Completion.dates)
        var from: DateArgument?

        @Option(name: [.customShort("t"), .long], help: ArgumentHelp("Changes up to this date (the end of that period).", valueName: "date"), completion: Completion.dates)
        var to: DateArgument?

        @Option(name: [.customShort("F"), .long], help: "Output format.")
        var format: FactsFormat = .text

        func validate() throws {
            if !all && profiles.isEmpty { throw ValidationError("facts needs a profile: name at least one (area/topic), or pass --all") }
            if all && profiles.count > 1 { throw ValidationError("--all takes at most one glob: e.g. --all 'kosovo/*'") }
        }

        func run() throws {
            try guarded {
                pager.start()
                let scope: FactQuery.Profiles
                if all {
                    scope = .all(glob: profiles.first)
                } else {
                    scope = .some(try profiles.map { (p) throws(HistoryError) in try ProfileID(p) })
                }
                let query = FactQuery(profiles: scope, subject: subject, from: from, to: to)
                let history = FactHistory(try repository.open().snapshot())
                var count = 0
                switch format {
                case .json: Terminal.print(FactsRendering.begin(from: from, to: to, subject: subject))
                case .csv: Terminal.print(FactsRendering.csvHeader)
                case .text: break
                }
                try history.series(query) { profile, series in
                    switch format {
                    case .json:
                        Terminal.print(FactsRendering.profile(profile, series, index: count))
                        count += 1
                    case .csv: Terminal.print(FactsRendering.csv(series))
                    case .text:
                        guard !series.isEmpty else { return }
                        Terminal.print((count == 0 ? "" : "\n") + FactsRendering.text(profile, series))
                        count += 1
                    }
                }
                switch format {
                case .json: Terminal.print(FactsRendering.end(count: count))
                case .text where count == 0: Terminal.note("no facts match")
                default: break
                }
            }
        }
    }
}
