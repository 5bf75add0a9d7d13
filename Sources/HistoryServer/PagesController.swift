import HistoryModel
import HistoryStore
import Hummingbird
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
        let profile = router.group("profiles/:area/:topic")
        profile.get(use: timeline)
        profile.get("diff", use: diff)
        profile.get("blame", use: blame)
    }

    @Sendable func index(_ request: Request, _ context: Context) async throws -> Response {
        Reply.html(try await service.profiles("index.html") { Pages.index($0) })
    }

    @Sendable func timeline(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.profile()
        return Reply.html(Pages.timeline(id, try await service.log(id)))
    }

    @Sendable func diff(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.profile()
        let dates = try await service.revisionDates(of: id)
        guard let last = dates.last else { throw HistoryError.notFound(what: "no profile \(id) in the repository", fix: "the list of profiles is at /") }
        // Without dates: the latest revision against the one before it.
        let fromText = request.query("from") ?? (dates.count > 1 ? dates[dates.count - 2] : last).description
        let toText = request.query("to") ?? last.description
        let from = try DateArgument(fromText, option: "from"), to = try DateArgument(toText, option: "to")
        let recorded = request.flag("recorded")
        let minimum = try request.significance()
        let request = DiffRequest(profiles: .some([id]), from: from, to: to, axis: recorded ? .recorded : .effective)
        return Reply.html(try await service.compare(request, connection: context.connection) { comparisons in
            guard let comparison = comparisons.first else { throw HistoryError.notFound(what: "nothing to compare for \(id)", fix: "pick other dates") }
            return Pages.diff(id, from: fromText, to: toText, recorded: recorded, minimum: minimum, comparison)
        })
    }

    @Sendable func blame(_ request: Request, _ context: Context) async throws -> Response {
        let id = try context.profile()
        return Reply.html(try await service.blame(id, at: try request.date("at")?.end, connection: context.connection) { Pages.blame(id, $0) })
    }
}
