import HistoryModel
import HistoryStore
import HTTPTypes
import Hummingbird
import Rendering
import SemanticDiff

/// Atom feeds of recorded events: every profile's (`/feed.atom`, optionally `?profile=GLOB`), one area's
/// and one profile's. Each answers with an `ETag` naming the tip it was made from, and a request whose
/// `If-None-Match` names it gets 304 without any diff being made.
struct FeedController: Sendable {
    typealias Context = HistoryRequestContext

    let service: HistoryService

    /// Events per feed: the newest ones (with `min`, those of them with a change at least that significant).
    static let entries = 50

    func add(to router: Router<Context>) {
        router.get("feed.atom") { request, _ in
            let globs = try ProfileGlobs(request.uri.queryParameters.getAll("profile").map { String($0) }, option: "profile")
            return try await feed(request, globs: globs, path: "/feed.atom", title: "history: every recorded event" + (globs.map { " of \($0)" } ?? ""), page: "/")
        }
        router.get("profiles/:area/feed.atom") { request, context in
            let area = try context.parameters.require("area")
            // An area is valid where it names a profile id's first half.
            let globs = try ProfileGlobs([try ProfileID(area: area, topic: "x").area + "/*"], option: "area")
            return try await feed(request, globs: globs, path: "/profiles/\(area)/feed.atom", title: "history: \(area)", page: "/")
        }
        router.get("profiles/:area/:topic/feed.atom") { request, context in
            let id = try context.profile()
            return try await feed(request, globs: try ProfileGlobs([id.description]), path: "/profiles/\(id)/feed.atom",
                                  title: "history: \(id)", page: "/profiles/\(id)")
        }
    }

    enum Answer: Sendable {
        case notModified(etag: String)
        case feed(etag: String, body: String)
    }

    func feed(_ request: Request, globs: ProfileGlobs?, path: String, title: String, page: String) async throws -> Response {
        let minimum: Significance? = request.query("min") == nil ? nil : try request.significance()
        let asked = request.headers[.ifNoneMatch]
        let query = request.uri.query ?? ""
        let answer = try await service.page(connection: nil) { snapshot in
            // The same tip, path and query give the same bytes.
            // Reviews are shown too, so a new verdict (refs/notes/reviews) makes a new tag as a new event does.
            let reviews = snapshot.reviewsTip?.hex.prefix(12) ?? "none"
            let etag = "\"\(snapshot.tip?.hex.prefix(20) ?? "empty")-\(reviews)-\(String(FNV1a.hash((path + "?" + query).utf8), radix: 16))\""
            if let asked, asked.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == etag }) {
                return Answer.notModified(etag: etag)
            }
            var events: [ChangeReport.Event] = []
            if snapshot.tip != nil {
                let run = try Reporter(snapshot).prepareReport(ReportQuery(window: .after(nil), profiles: globs, newest: Self.entries))
                // Newest first, in the order main recorded them (a bulk import records many in one second).
                let order = Dictionary(run.recorded.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                events = run.report.events.sorted { (order[$0.commit] ?? 0) > (order[$1.commit] ?? 0) }
                if let minimum { events = events.filter { $0.isFlagged || $0.comparison.diff.counts.count(atLeast: minimum) > 0 } }
            }
            // Each entry lists its major changes, or those at `min` and above when it is given.
            let feed = AtomFeed.Feed(path: path, title: title, page: page, minimum: minimum ?? .major)
            return Answer.feed(etag: etag, body: AtomFeed.render(feed, events: events, updated: Timestamp(seconds: 0)))
        }
        switch answer {
        case .notModified(let etag):
            return Response(status: .notModified, headers: [.eTag: etag])
        case .feed(let etag, let body):
            return Reply.body(body, contentType: "application/atom+xml; charset=utf-8", status: .ok, headers: [.eTag: etag])
        }
    }
}
