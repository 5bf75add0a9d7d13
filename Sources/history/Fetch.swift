import ArgumentParser
import Foundation
import HistoryModel
import HistoryStore
import HTML
import Outbound

extension History {
    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The published pages history fetch tracks (sources.yaml, versioned on refs/history/sources).",
            subcommands: [Add.self, Remove.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Track a profile's published page (or change its address).")

            @OptionGroup var repository: RepositoryOptions

            @Argument(help: ArgumentHelp("The profile the page is a revision of.", valueName: "area/topic"))
            var profile: ProfileID

            @Argument(help: ArgumentHelp("The page's address (http or https).", valueName: "url"))
            var url: String

            @Option(help: ArgumentHelp("XPath of the element holding the profile, e.g. //div[@id='content'] (default: <main>, <article> or <body>).", valueName: "xpath"))
            var container: String?

            @Option(help: ArgumentHelp("XPath of a part of the page that is no part of the profile, e.g. //div[@class='related'] (repeatable): its changes are not recorded.", valueName: "xpath"))
            var exclude: [String] = []

            @Option(help: ArgumentHelp("Least seconds between two fetches of this page.", valueName: "seconds"))
            var interval: Int?

            @Option(help: ArgumentHelp("Who changes the list (default: the service identity).", valueName: "Name <email>"))
            var author: String?

            func run() throws {
                try guarded {
                    for (flag, expression) in (container.map { [("--container", $0)] } ?? []) + exclude.map({ ("--exclude", $0) })
                    where !ProfilePage.isSelector(expression) {
                        throw HistoryError.invalidArgument(what: "\(flag) '\(expression.prefix(120))' is not an XPath expression libxml2 can read",
                                                          fix: "write it as XPath 1.0, e.g. //div[@id='content']")
                    }
                    let store = try repository.open()
                    let source = try Source(profile: profile, url: url, container: container, exclude: exclude, interval: interval)
                    let added = try SourceList(store).add(source, by: try identity(author))
                    Terminal.note("\(added ? "tracking" : "changed") \(profile): \(url)")
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Stop tracking a profile's published page (its revisions stay).")

            @OptionGroup var repository: RepositoryOptions

            @Argument(help: ArgumentHelp("The profile whose page is no longer fetched.", valueName: "area/topic"), completion: Completion.profiles)
            var profile: ProfileID

            @Option(help: ArgumentHelp("Who changes the list (default: the service identity).", valueName: "Name <email>"))
            var author: String?

            func run() throws {
                try guarded {
                    let store = try repository.open()
                    let removed = try SourceList(store).remove(profile, by: try identity(author))
                    Terminal.note("no longer tracking \(profile): \(removed.url)")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every source with its last fetch, status and last change.")

            @OptionGroup var repository: RepositoryOptions

            func run() throws {
                try guarded {
                    let store = try repository.open()
                    let state = FetchState.load(store)
                    var out = ""
                    for source in try SourceList(store).sources() {
                        let entry = state.sources[source.profile]
                        let when = entry?.lastFetch.map { Timestamp(seconds: $0).description } ?? "never fetched"
                        out += "\(source.profile)  \(source.url)\n    last fetch \(when) · \(entry?.status ?? "-") · last change \(entry?.lastChange ?? "-")\n"
                        let parts = (source.container.map { ["container \($0)"] } ?? []) + (source.exclude ?? []).map { "excluding \($0)" }
                        if !parts.isEmpty { out += "    " + parts.joined(separator: " · ") + "\n" }
                    }
                    if out.isEmpty { Terminal.note("no sources yet: add one with `history sources add ID URL`") }
                    FileHandle.standardOutput.write(Data(out.utf8))
                }
            }
        }
    }

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download each source's page and record a revision when its text changed.",
            discussion: """
                Each page is fetched with a conditional request, its profile extracted with libxml2's HTML parser \
                (title, Last updated, headings, paragraphs, footnotes; navigation, banners and footers left out) \
                and recorded like `history import` with Source: the URL and Source-SHA256: the bytes fetched. An \
                unchanged text records nothing. One request at a time per host, --delay apart. A page that fails \
                is named on one line and the others still run; exit 69 when a server failed, 65 when a page held \
                no profile.
                """)

        @OptionGroup var repository: RepositoryOptions

        @Argument(help: ArgumentHelp("Only these profiles' sources (default: all).", valueName: "area/topic"), completion: Completion.profiles)
        var profiles: [ProfileID] = []

        @Flag(help: "Fetch even a source fetched less than its interval ago.")
        var force = false

        @Option(help: ArgumentHelp("Seconds between two requests to the same host.", valueName: "seconds"))
        var delay: Double = 1

        @Option(help: ArgumentHelp("Seconds a page may take, in all.", valueName: "seconds"))
        var timeout: Double = 30

        @Option(name: .customLong("max-bytes"), help: ArgumentHelp("Largest page accepted.", valueName: "bytes"))
        var maxBytes: Int = 10 << 20

        @Option(help: ArgumentHelp("Who records (default: the service identity).", valueName: "Name <email>"))
        var author: String?

        func validate() throws {
            if !(delay >= 0 && delay <= 3600) { throw ValidationError("--delay \(delay) is out of range: give seconds from 0 to 3600") }
            if !(timeout > 0 && timeout <= 600) { throw ValidationError("--timeout \(timeout) is out of range: give seconds above 0, up to 600") }
            if maxBytes < 1024 { throw ValidationError("--max-bytes \(maxBytes) is too small: give at least 1024") }
        }

        func run() async throws {
            try await guarded {
                let store = try repository.open()
                var sources = try SourceList(store).sources()
                if !profiles.isEmpty {
                    for id in profiles where !sources.contains(where: { $0.profile == id.description }) {
                        throw HistoryError.notFound(what: "no source for \(id)", fix: "add one with `history sources add \(id) URL`")
                    }
                    sources = sources.filter { source in profiles.contains { $0.description == source.profile } }
                }
                guard !sources.isEmpty else {
                    Terminal.note("no sources to fetch: add one with `history sources add ID URL`")
                    return
                }
                let recorder = try identity(author)
                var settings = PageFetcher.Settings()
                settings.totalTimeout = timeout
                settings.connectTimeout = min(10, timeout)
                settings.maxBytes = maxBytes
                settings.userAgent = "history/\(History.version) (tracks published profiles for history)"
                let fetcher = PageFetcher(settings)
                var state = FetchState.load(store)
                var lastRequest: [String: Date] = [:]
                var failures: [HistoryError] = []
                let now = Date()
                for (n, source) in sources.enumerated() {
                    if Terminal.stderrIsTerminal { Terminal.rewriteLine("fetching \(n + 1)/\(sources.count) \(source.profile)") }
                    var entry = state.sources[source.profile] ?? FetchState.Entry()
                    if !force, let interval = source.interval, let last = entry.lastFetch, Int64(now.timeIntervalSince1970) - last < Int64(interval) {
                        print("skipped    \(source.profile)  (fetched \(Int64(now.timeIntervalSince1970) - last) s ago, interval \(interval) s)")
                        continue
                    }
                    // One request at a time per host, `delay` apart.
                    let host = URL(string: source.url)?.host?.lowercased() ?? ""
                    if let previous = lastRequest[host] {
                        let pause = delay - Date().timeIntervalSince(previous)
                        if pause > 0 { try? await Task.sleep(for: .milliseconds(Int(pause * 1000))) }
                    }
                    lastRequest[host] = Date()
                    entry.lastFetch = Int64(Date().timeIntervalSince1970)
                    do throws(HistoryError) {
                        let line = try await fetch(source, fetcher: fetcher, store: store, recorder: recorder, entry: &entry)
                        print(line)
                    } catch {
                        entry.status = "error: \(error.what)"
                        print("error      \(source.profile)")
                        Terminal.error("\(source.profile): \(error.description)")
                        failures.append(error)
                    }
                    lastRequest[host] = Date()
                    state.sources[source.profile] = entry
                    try state.save(store)
                }
                if Terminal.stderrIsTerminal { Terminal.rewriteLine("") }
                await fetcher.shutdown()
                if let first = failures.first(where: { if case .unavailable = $0 { true } else { false } }) ?? failures.first {
                    throw ExitCode(first.exitCode)
                }
            }
        }

        /// One source: fetched, extracted, recorded; the summary line.
        func fetch(_ source: Source, fetcher: PageFetcher, store: HistoryRepository, recorder: Identity,
                   entry: inout FetchState.Entry) async throws(HistoryError) -> String {
            guard let id = source.id else {
                throw .badInput(what: "'\(source.profile)' in \(SourceList.file) is not a profile id", fix: "add the source again with a valid id")
            }
            let outcome = try await fetcher.fetch(source.url, etag: entry.etag, lastModified: entry.lastModified,
                                                  progress: { Terminal.note("history: \($0)") })
            guard case .page(let page) = outcome else {
                entry.status = "unchanged (304)"
                return "unchanged  \(source.profile)  (304 Not Modified)"
            }
            let text: String
            do { text = try ProfilePage.text(of: page.bytes, container: source.container, excluding: source.exclude ?? []) } catch {
                throw .badInput(what: "\(source.url) holds no profile: missing \(error.what)", fix: "check the page, or give the source a --container")
            }
            var submission: Submission
            do {
                submission = try Submission(validating: Array(text.utf8), profile: id, nameDate: nil, forcedDate: nil, source: source.url)
            } catch {
                throw .badInput(what: "the profile extracted from \(source.url) cannot be recorded (\(error.message))", fix: "check the page")
            }
            submission.sourceSHA256 = page.sha256
            let result = try Recorder(store).record(submission, by: recorder)
            entry.etag = page.etag
            entry.lastModified = page.lastModified
            switch result {
            case .recorded(let commit, let event):
                entry.status = "recorded \(event.rawValue) \(submission.date)"
                entry.lastChange = "\(submission.date) (\(commit.short))"
                return "\(event == .correction ? "correction" : "recorded  ") \(source.profile)  \(submission.date)  \(commit.short)"
            case .unchanged:
                entry.status = "unchanged text"
                return "unchanged  \(source.profile)  (same text as recorded for \(submission.date))"
            case .superseded:
                entry.status = "superseded"
                return "superseded \(source.profile)  (\(submission.date) is older than what is recorded)"
            }
        }
    }
}
