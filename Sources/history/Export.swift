import ArgumentParser
import Export
import HistoryModel
import HistoryStore

extension History {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write profiles, revisions, events, changes, facts and statements as SQLite tables or CSV files.",
            discussion: """
                --sqlite FILE writes the tables with foreign keys and indexes; run again, it adds only the events \
                recorded since (and lists again the statements of the profiles they touched), in one transaction. \
                --csv DIR writes one CSV file per table, whole.
                """
        )

        @OptionGroup var repository: RepositoryOptions

        @Option(help: ArgumentHelp("The SQLite file to write (created, or brought up to date).", valueName: "file"))
        var sqlite: String?

        @Option(help: ArgumentHelp("A folder for one CSV file per table.", valueName: "dir"))
        var csv: String?

        func validate() throws {
            if (sqlite == nil) == (csv == nil) { throw ValidationError("export needs one target: give either --sqlite FILE or --csv DIR") }
        }

        func run() throws {
            try guarded {
                let exporter = Exporter(try repository.open())
                let showProgress = Terminal.stderrIsTerminal
                if let sqlite {
                    let result = try exporter.sqlite(to: sqlite) { done, total in
                        if showProgress { Terminal.rewriteLine(done < total ? "exporting \(done)/\(total) events" : "") }
                    }
                    Terminal.note("\(sqlite): \(result.newEvents) new event\(result.newEvents == 1 ? "" : "s"), \(result.events) in all")
                } else if let csv {
                    let result = try exporter.csv(to: csv)
                    Terminal.note("\(csv): \(result.events) events in \(["profiles", "revisions", "events", "changes", "facts", "statements"].map { $0 + ".csv" }.joined(separator: ", "))")
                }
            }
        }
    }
}
