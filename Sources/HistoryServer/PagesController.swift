import HistoryStore
import Hummingbird
import ProfileModel
import SemanticDiff

/// The reviewers' web pages.
struct PagesController<Context: RequestContext>: Sendable {
    let service: HistoryService
    let options: ServeOptions

    func add(to router: Router<Context>) {
        router.get("/") { _, _ in Reply.html(Pages.index(try await service.overview())) }
        router.get("/static/history.css") { _, _ in
            var response = Reply.text(Pages.stylesheet, contentType: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "max-age=3600"
            return response
        }
        router.get("/profiles/:area/:topic") { _, context in
            let id = try context.profile()
            return Reply.html(Pages.timeline(id, try await service.log(id)))
        }
        router.get("/profiles/:area/:topic/diff") { request, context in
            let id = try context.profile()
            let dates = try await service.revisionDates(of: id)
            guard let last = dates.last else { throw HistoryError.notFound("no profile \(id) in the repository", "the list of profiles is at /") }
            // Without dates: the latest revision against the one before it.
            let fromText = request.query("from") ?? (dates.count > 1 ? dates[dates.count - 2] : last).description
            let toText = request.query("to") ?? last.description
            let from = try DateArgument(fromText, option: "from"), to = try DateArgument(toText, option: "to")
            let recorded = request.flag("recorded")
            let minimum = try request.significance()
            let comparisons = try await service.compare(DiffRequest(profiles: .some([id]), from: from, to: to, axis: recorded ? .recorded : .effective))
            guard let comparison = comparisons.first else { throw HistoryError.notFound("nothing to compare for \(id)", "pick other dates") }
            return Reply.html(Pages.diff(id, from: fromText, to: toText, recorded: recorded, minimum: minimum, comparison))
        }
        router.get("/profiles/:area/:topic/blame") { request, context in
            let id = try context.profile()
            return Reply.html(Pages.blame(id, try await service.blame(id, at: try request.date("at")?.end)))
        }
    }
}
