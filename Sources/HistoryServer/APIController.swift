import Foundation
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
    let gate: Gate

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
        api.get("reviews/pending", use: pendingReviews)
        api.post("reviews/:commit", use: recordReview)
        api.get("users", use: users)
    }

    /// Events nobody has reviewed, newest first (`?profile=GLOB`, `?min=major`, `?limit=N` up to 500).
    @Sendable func pendingReviews(_ request: Request, _ context: Context) async throws -> Rendered {
        let globs = try ProfileGlobs(request.uri.queryParameters.getAll("profile").map { String($0) }, option: "profile")
        let minimum: Significance? = request.query("min") == nil ? nil : try request.significance()
        let limit = min(try request.count("limit") ?? 100, Self.reportPageLimit)
        return .json(try await service.page(connection: context.connection) { snapshot in
            Formatting.pendingJSON(try Reporter(snapshot).pending(profiles: globs, minimum: minimum, limit: limit))
        })
    }

    /// `{"verdict": "approved|questioned|rejected", "note": "…"}` from a reviewer: the same git note
    /// `history review` writes, naming the person and the time.
    @Sendable func recordReview(_ request: Request, _ context: Context) async throws -> Rendered {
        let caller = try context.require(.reviewer)
        try context.requireCSRF(request.headers[.xCSRFToken])
        let body = try await request.body.collect(upTo: 64 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            throw HistoryError.invalidArgument(what: "the body is not a JSON object", fix: #"send {"verdict": "approved", "note": "what was checked"}"#)
        }
        let review = try Self.review(verdict: object["verdict"] as? String, note: object["note"] as? String, by: caller, at: options.now())
        let commit = try await service.recordReview(review, of: try context.parameters.require("commit"))
        return .json(Formatting.reviewJSON(review, of: commit), status: .created)
    }

    static func review(verdict: String?, note: String?, by caller: Caller, at time: Int64) throws(HistoryError) -> Review {
        guard let verdict = verdict.flatMap(Review.Verdict.init(rawValue:)) else {
            throw .invalidArgument(what: "verdict '\(verdict ?? "")'", fix: "use approved, questioned or rejected")
        }
        let note = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty, note.count <= 4000 else { throw .invalidArgument(what: "note", fix: "say in up to 4000 characters what was checked") }
        return Review(verdict: verdict, reviewer: caller.account.person, reviewedAt: Timestamp(seconds: time), note: note)
    }

    /// The people this server knows, for an admin: names, roles, when added or revoked — never a hash.
    @Sendable func users(_ request: Request, _ context: Context) async throws -> Rendered {
        _ = try context.require(.admin)
        let entries = gate.entries().map { e in
            JSONValue.object([("name", .string(e.name)), ("role", .string(e.role)), ("email", .optional(e.email)),
                              ("created", .string(e.created)), ("revoked", .optional(e.revoked))])
        }
        return .json(JSONValue.object([("schema", .string("history.users.v1")), ("users", .array(entries))]).rendered())
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
        let recorded = try request.recordedTime("recordedAt")
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
        guard gate.knowsPeople else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"],
                            message: "writes are off: add a recorder with `history users add NAME --role recorder`, or start `history serve` with --token-file")
        }
        let caller = try context.require(.recorder)
        try context.requireCSRF(request.headers[.xCSRFToken])
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
        // A person records as themselves; only the shared token file's holder may name an author.
        let named = try request.query("author").map { (a) throws(HistoryError) in try Person(parsing: a, option: "author") }
        if named != nil && caller.via != .tokenFile {
            throw HistoryError.invalidArgument(what: "author= is set, but \(caller.account.name) is signed in", fix: "drop author=: what a person posts is recorded as theirs")
        }
        let author = caller.via == .tokenFile ? named : caller.account.person
        let submission = try Submission(validating: Array(buffer: body), profile: profile, nameDate: nil, forcedDate: forced,
                                        source: request.query("source") ?? "POST /api/profiles/\(profile)/revisions")
        let identity = Identity(author ?? Identity.service, at: Timestamp(seconds: options.now()))
        return RecordedRevision(outcome: try await service.record(submission, by: identity), profile: profile, lastUpdated: submission.date)
    }

}

extension HTTPField.Name {
    /// The session's CSRF token, on a JSON write made from a signed-in browser.
    static let xCSRFToken = Self("X-CSRF-Token")!
    static let xHistoryTotalEvents = Self("X-History-Total-Events")!
    static let link = Self("Link")!
}
