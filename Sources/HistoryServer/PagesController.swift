import HistoryModel
import HistoryStore
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
        let profile = router.group("profiles/:area/:topic")
        profile.get(use: timeline)
        profile.get("diff", use: diff)
        profile.get("blame", use: blame)
    }

    @Sendable func index(_ request: Request, _ context: Context) async throws -> Rendered {
        Rendered.html(try await service.profiles("index.html") { Pages.index($0) })
    }

    @Sendable func timeline(_ request: Request, _ context: Context) async throws -> Rendered {
        let id = try context.profile()
        return Rendered.html(Pages.timeline(id, try await service.log(id)))
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
