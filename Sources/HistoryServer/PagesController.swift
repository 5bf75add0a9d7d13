import HistoryModel
import HistoryStore
import Foundation
import Hummingbird
import Rendering
import ProfileModel
import SemanticDiff

/// The reviewers' web pages.
struct PagesController: Sendable {
    typealias Context = HistoryRequestContext

    let service: HistoryService
    let options: ServeOptions

    func add(to router: Router<Context>) {
        router.get("/", use: index)
        router.get("/static/history.css") { _, _ in
            var response = Reply.text(Pages.stylesheet, contentType: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        router.get("search", use: search)
        let profile = router.group("profiles/:area/:topic")
        profile.get(use: timeline)
        profile.get("revisions/:date", use: revision)
        profile.get("compare", use: compare)
        profile.get("diff", use: diff)
        profile.get("blame", use: blame)
    }

    @Sendable func index(_ request: Request, _ context: Context) async throws -> Rendered {
        Rendered.html(try await service.profiles("index.html") { Pages.index($0) })
    }

    /// The events of a profile, its facts as charts and its events on a strip.
    @Sendable func timeline(_ request: Request, _ context: Context) async throws -> Rendered {
        let id = try context.profile()
        return .html(try await service.page(connection: context.connection) { snapshot in
            let entries = try EventLog(snapshot).entries(LogQuery(profile: id))
            let facts = try FactHistory(snapshot).series(FactQuery(profiles: .some([id])))
            return Pages.profilePage(id, entries, facts: facts)
        })
    }

    /// The full text of the revision in effect on a date (`latest` for the newest), changes since the one
    /// before it marked in place.
    @Sendable func revision(_ request: Request, _ context: Context) async throws -> Rendered {
        let id = try context.profile()
        let asked = try context.parameters.require("date")
        let date = asked == "latest" ? nil : try DateArgument(asked, option: "date").end
        return .html(try await service.page(connection: context.connection) { snapshot in
            let reader = RevisionReader(snapshot)
            let (revision, profile) = try reader.parsed(of: id, on: date)
            let dates = try snapshot.dates(of: id)
            let previous = try dates.last { $0 < revision.lastUpdated }.map { (d) throws(HistoryError) in (d, try reader.parsed(of: id, on: d).profile) }
            let diff = previous.map { DocumentDiff.compare($0.1, profile) }
            return Pages.revision(id, revision, profile, previous: previous, diff: diff)
        })
    }

    /// Two dates side by side (default: the latest revision and the one before it).
    @Sendable func compare(_ request: Request, _ context: Context) async throws -> Rendered {
        let id = try context.profile()
        let asked = (from: request.query("from"), to: request.query("to"))
        return .html(try await service.page(connection: context.connection) { snapshot in
            let dates = try snapshot.dates(of: id)
            guard let last = dates.last else { throw HistoryError.notFound(what: "no profile \(id) in the repository", fix: "the list of profiles is at /") }
            let from = try DateArgument(asked.from ?? (dates.count > 1 ? dates[dates.count - 2] : last).description, option: "from")
            let to = try DateArgument(asked.to ?? last.description, option: "to")
            guard let comparison = try Comparer(snapshot).compare(DiffRequest(profiles: .some([id]), from: from, to: to)).first else {
                throw HistoryError.notFound(what: "nothing to compare for \(id)", fix: "pick other dates")
            }
            let reader = RevisionReader(snapshot)
            let old = try comparison.from.revision.map { (r) throws(HistoryError) in try reader.parsed(of: id, on: r.lastUpdated).profile }
            let new = try comparison.to.revision.map { (r) throws(HistoryError) in try reader.parsed(of: id, on: r.lastUpdated).profile }
            return Pages.sideBySide(id, comparison, old: old, new: new)
        })
    }

    /// Profiles and statements: `/search?q=words`.
    @Sendable func search(_ request: Request, _ context: Context) async throws -> Rendered {
        let query = (request.query("q") ?? "").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return .html(Pages.search("", profiles: [], statements: [], limit: 0)) }
        guard query.count <= 200 else { throw HistoryError.invalidArgument(what: "q is longer than 200 characters", fix: "search for fewer words") }
        return .html(try await service.page(connection: context.connection) { snapshot in
            let needle = query.lowercased()
            let profiles = try RevisionReader(snapshot).profiles().filter { $0.profile.description.contains(needle) }
            let statements = try StatementSearch(snapshot).find(try SearchPattern(phrase: query))
            return Pages.search(query, profiles: profiles, statements: statements, limit: 100)
        })
    }

    @Sendable func diff(_ request: Request, _ context: Context) async throws -> Rendered {
        let id = try context.profile()
        let asked = (from: request.query("from"), to: request.query("to"))
        let recorded = request.flag("recorded")
        let minimum = try request.significance()
        return Rendered.html(try await service.compare({ snapshot in
            let dates = try snapshot.dates(of: id)
            guard let last = dates.last else { throw HistoryError.notFound(what: "no profile \(id) in the repository", fix: "the list of profiles is at /") }
            // Without dates: the latest revision against the one before it.
            let from = try DateArgument(asked.from ?? (dates.count > 1 ? dates[dates.count - 2] : last).description, option: "from")
            let to = try DateArgument(asked.to ?? last.description, option: "to")
            return DiffRequest(profiles: .some([id]), from: from, to: to, axis: recorded ? .recorded : .effective)
        }, connection: context.connection) { comparisons, request in
            guard let comparison = comparisons.first else { throw HistoryError.notFound(what: "nothing to compare for \(id)", fix: "pick other dates") }
            return Pages.diff(id, from: request.from.text, to: request.to.text, recorded: recorded, minimum: minimum, comparison)
        })
    }

    @Sendable func blame(_ request: Request, _ context: Context) async throws -> Rendered {
        let id = try context.profile()
        return Rendered.html(try await service.blame(id, at: try request.date("at")?.end, connection: context.connection) { Pages.blame(id, $0) })
    }
}
