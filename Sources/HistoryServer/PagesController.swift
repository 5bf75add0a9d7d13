import HistoryModel
import HistoryStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import NIOCore
import Rendering
import ProfileModel
import SemanticDiff

/// The reviewers' web pages.
struct PagesController: Sendable {
    typealias Context = HistoryRequestContext

    let service: HistoryService
    let options: ServeOptions
    let gate: Gate

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
        router.get("signin", use: signInPage)
        router.post("signin", use: signIn)
        router.post("signout", use: signOut)
        router.get("reviews/pending", use: pending)
        router.get("events/:commit", use: event)
        router.post("events/:commit/review", use: review)
    }

    /// The sign-in form, with a CSRF token in a cookie of its own (the session does not exist yet).
    @Sendable func signInPage(_ request: Request, _ context: Context) async throws -> Response {
        // The token already in the browser's cookie is kept: another tab's form (or a favicon request sent
        // here) must not make the form on screen stale.
        let kept = request.cookies["history_signin"]?.value.filter { $0.isHexDigit }
        return signInForm(next: Self.localPath(request.query("next")), message: nil, status: .ok, csrf: kept?.count == 64 ? kept : nil)
    }

    /// The form and its cookie: the same CSRF token in both, so a form made elsewhere cannot sign anyone in.
    func signInForm(next: String, message: String?, status: HTTPResponse.Status, csrf given: String? = nil) -> Response {
        let csrf = given ?? Gate.randomToken()
        var response = Reply.html(Pages.signIn(next: next, csrf: csrf, message: message), status: status)
        response.setCookie(Cookie(name: "history_signin", value: csrf, path: "/signin", secure: options.people.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func signIn(_ request: Request, _ context: Context) async throws -> Response {
        try gate.refuseIfLimited(context.address)
        let form = try await Self.form(request)
        guard let expected = request.cookies["history_signin"]?.value, let sent = form["csrf"], Users.constantTimeEqual(sent, expected) else {
            throw HTTPError(.forbidden, message: "the sign-in form's CSRF token is missing or stale: open /signin again")
        }
        let next = Self.localPath(form["next"])
        guard let caller = gate.caller(token: form["token"] ?? ""), caller.via == .bearer else {
            gate.failed(context.address)
            return signInForm(next: next, message: "That token is not valid (mistyped, or revoked).", status: .unauthorized)
        }
        context.sessions.createSession(SignedIn(user: caller.account.name, csrf: Gate.randomToken()), expiresIn: options.people.sessionLength)
        context.who.set(caller.account.name)
        return Response(status: .seeOther, headers: [.location: next])
    }

    @Sendable func signOut(_ request: Request, _ context: Context) async throws -> Response {
        let form = try await Self.form(request)
        if context.identity != nil { try context.requireCSRF(form["csrf"]) }
        context.sessions.clearSession()
        return Response(status: .seeOther, headers: [.location: "/"])
    }

    /// The events nobody has reviewed, newest first (`?profile=GLOB`, `?min=LEVEL`).
    @Sendable func pending(_ request: Request, _ context: Context) async throws -> Rendered {
        let glob = request.query("profile") ?? ""
        let globs = try ProfileGlobs([glob], option: "profile")
        let minimum: Significance? = request.query("min") == nil ? nil : try request.significance()
        let who = whoIsIn(context)
        return .html(try await service.page(connection: context.connection) { snapshot in
            Pages.pending(try Reporter(snapshot).pending(profiles: globs, minimum: minimum, limit: 200), glob: glob, minimum: minimum, who: who)
        })
    }

    /// One event: its diff, its reviews and, for a reviewer, the verdict form.
    @Sendable func event(_ request: Request, _ context: Context) async throws -> Rendered {
        let named = try context.parameters.require("commit")
        let who = whoIsIn(context)
        let csrf = context.identity.flatMap { $0.account.role.allows(.reviewer) ? context.sessions.session?.csrf : nil }
        return .html(try await service.page(connection: context.connection) { snapshot in
            let entry = try EventLog(snapshot).event(named: named)
            return Pages.event(try Reporter(snapshot).event(entry.commit), who: who, reviewCSRF: csrf)
        })
    }

    /// The verdict form: the same git note `history review` writes, then back to the event's page.
    @Sendable func review(_ request: Request, _ context: Context) async throws -> Response {
        let caller = try context.require(.reviewer)
        let form = try await Self.form(request)
        try context.requireCSRF(form["csrf"])
        let review = try APIController.review(verdict: form["verdict"], note: form["note"], by: caller, at: options.now())
        let commit = try await service.recordReview(review, of: try context.parameters.require("commit"))
        return Response(status: .seeOther, headers: [.location: "/events/\(commit.hex)"])
    }

    func whoIsIn(_ context: Context) -> String {
        Pages.whoIsIn(context.identity?.account.name, role: context.identity?.account.role.rawValue, csrf: context.sessions.session?.csrf)
    }

    /// Only a path on this server (never `//elsewhere` or a full URL): where sign-in may send the browser.
    /// Judged by scalars, as the browser's URL parser reads it: that parser drops tabs and line breaks
    /// ("/\t/elsewhere" is "//elsewhere") and reads a backslash as a slash, and as `Character`s a slash or
    /// backslash followed by a combining mark is neither. A path history makes is percent-encoded, so
    /// spaces and control characters are refused outright.
    static func localPath(_ given: String?) -> String {
        guard let given else { return "/" }
        let scalars = Array(given.unicodeScalars)
        guard scalars.first == "/", scalars.count < 2000, scalars.dropFirst().first != "/",
              !scalars.contains(where: { $0 == "\\" || $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else { return "/" }
        return given
    }

    /// An `application/x-www-form-urlencoded` body, up to 16 KB.
    static func form(_ request: Request) async throws -> [String: String] {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: 16 * 1024) } catch {
            throw HTTPError(.contentTooLarge, message: "the form is larger than 16 KB")
        }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
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
