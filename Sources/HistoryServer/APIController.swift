import HTTPTypes
import NIOConcurrencyHelpers
import HistoryModel
import HistoryStore
import Hummingbird
import ProfileModel
import Rendering
import SemanticDiff

/// The JSON API: the same documents as the command line (`history.profiles.v1`, `history.log.v1`,
/// `history.diff.v1`, `history.blame.v1`, `history.report.v1`), plus authenticated writes.
struct APIController: Sendable {
    typealias Context = HistoryRequestContext

    let service: HistoryService
    let options: ServeOptions
    let openAPI: Document

    /// The OpenAPI document, made from the router once all routes are added (`buildRouter`).
    final class Document: Sendable {
        private let text = NIOLockedValueBox("")
        func set(_ yaml: String) { text.withLockedValue { $0 = yaml } }
        var yaml: String { text.withLockedValue { $0 } }
    }

    /// Reports over the API come a page at a time: at most this many events, `limit` says fewer.
    static let reportPageLimit = 500
    static let reportPageDefault = 100

    func add(to router: Router<Context>) {
        let api = router.group("api")
        api.get("profiles", use: profiles)
        api.get("report", use: report)
        api.get("openapi.yaml") { [openAPI] _, _ in Rendered(kind: .yaml, body: openAPI.yaml) }
        let profile = api.group("profiles/:area/:topic")
        profile.get("log", use: log)
        profile.get("revisions/:date", use: revision)
        profile.post("revisions", use: record)
        profile.get("diff", use: diff)
        profile.get("blame", use: blame)
    }

    /// `history.profiles.v1`, rendered once per tip of main.
    @Sendable func profiles(_ request: Request, _ context: Context) async throws -> Rendered {
        .json(try await service.profiles("profiles.json") { Formatting.profilesJSON($0) })
    }

    @Sendable func log(_ request: Request, _ context: Context) async throws -> LogDocument {
        LogDocument(entries: try await service.log(try context.profile()))
    }

    @Sendable func revision(_ request: Request, _ context: Context) async throws -> RevisionText {
        let date = try context.date("date")
        let recorded = try request.uri.recordedTime("recordedAt")
        return RevisionText(revision: try await service.revision(try context.profile(), on: date.end, recordedBy: recorded))
    }

    @Sendable func diff(_ request: Request, _ context: Context) async throws -> Rendered {
        guard let from = try request.date("from") else { throw HistoryError.invalidArgument(what: "from is missing", fix: "add ?from=YYYY-MM-DD") }
        let to = try request.date("to") ?? DateArgument(day: options.now())
        let steps = request.flag("steps")
        let minimum = try request.significance()
        let axis: ProfileComparison.TimeAxis = request.flag("recorded") ? .recorded : .effective
        let request = DiffRequest(profiles: .some([try context.profile()]), from: from, to: to, axis: axis, steps: steps)
        return .json(try await service.compare(request, connection: context.connection) { comparisons in
            if DiffJSON.isOneDocument(profiles: 1, all: false, steps: steps), let only = comparisons.first {
                return DiffJSON.document(only, minimum: minimum)
            }
            return DiffJSON.documents(comparisons, from: from.start.description, to: to.end.description, axis: axis, steps: steps, minimum: minimum)
        })
    }

    @Sendable func blame(_ request: Request, _ context: Context) async throws -> Rendered {
        .json(try await service.blame(try context.profile(), at: try request.date("at")?.end, connection: context.connection) { Formatting.blameJSON($0) })
    }

    /// A window of recorded time, a page of events at a time (oldest first); `Link: …; rel="next"` names the next page.
    @Sendable func report(_ request: Request, _ context: Context) async throws -> Rendered {
        guard let since = try request.date("since") else { throw HistoryError.invalidArgument(what: "since is missing", fix: "add ?since=YYYY-MM-DD") }
        let until = try request.date("until")
        let minimum = try request.significance()
        let offset = try request.count("offset") ?? 0
        let limit = try request.count("limit") ?? Self.reportPageDefault
        guard (1...Self.reportPageLimit).contains(limit) else {
            throw HistoryError.invalidArgument(what: "limit=\(limit)", fix: "ask for 1 to \(Self.reportPageLimit) events a page")
        }
        let (json, total) = try await service.report(ReportQuery(window: .recorded(since: since, until: until), page: .init(offset: offset, limit: limit)),
                                                     connection: context.connection) { run in (ReportJSON.render(run.report, minimum: minimum), run.totalEvents) }
        var response = Rendered.json(json)
        response.headers[HTTPField.Name.xHistoryTotalEvents] = String(total)
        if offset + limit < total {
            var next = "/api/report?since=\(since)&offset=\(offset + limit)&limit=\(limit)&min=\(minimum.rawValue)"
            if let until { next += "&until=\(until)" }
            response.headers[HTTPField.Name.link] = "<\(next)>; rel=\"next\""
        }
        return response
    }

    /// POST a profile text: recorded exactly as `history import` records a file, behind a bearer token.
    @Sendable func record(_ request: Request, _ context: Context) async throws -> RecordedRevision {
        guard let token = options.token else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"],
                            message: "writes are off: start `history serve` with --token-file to accept revisions")
        }
        let presented = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
        guard Self.constantTimeEqual(presented, token) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "a valid `Authorization: Bearer <token>` header is required")
        }
        let profile = try context.profile()
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: options.maxBodyBytes)
        } catch {
            throw HTTPError(.contentTooLarge, message: "the text is larger than \(options.maxBodyBytes) bytes")
        }
        let forced = try request.date("date").map { (d) throws(HistoryError) in
            guard d.start == d.end else { throw HistoryError.invalidArgument(what: "date=\(d)", fix: "give a full day, YYYY-MM-DD") }
            return d.start
        }
        let author = try request.query("author").map { (a) throws(HistoryError) in try Person(parsing: a, option: "author") }
        let submission = try Submission(validating: Array(buffer: body), profile: profile, nameDate: nil, forcedDate: forced,
                                        source: request.query("source") ?? "POST /api/profiles/\(profile)/revisions")
        let identity = Identity(author ?? Identity.service, at: Timestamp(seconds: options.now()))
        return RecordedRevision(outcome: try await service.record(submission, by: identity), profile: profile, lastUpdated: submission.date)
    }

    /// Compares every byte whatever the first difference, so timing says nothing about the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        // The lengths are compared whole: folding them into a byte would let lengths 256 apart pass.
        var difference: UInt8 = x.count == y.count ? 0 : 1
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0 && !y.isEmpty
    }
}

extension HTTPField.Name {
    static let xHistoryTotalEvents = Self("X-History-Total-Events")!
    static let link = Self("Link")!
}
