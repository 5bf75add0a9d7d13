import Foundation
import HistoryModel
import HistoryStore
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import NIOConcurrencyHelpers
import NIOCore

/// Who made a request and how the service knows it.
public struct Caller: Sendable, Hashable {
    public enum Via: String, Sendable { case bearer, session, proxy, tokenFile }
    public var account: Account
    public var via: Via
}

/// What a signed-in browser's session holds on the server (the cookie holds only its random id).
public struct SignedIn: Codable, Sendable {
    var user: String
    /// The token every form of this session carries; a request from elsewhere cannot know it.
    var csrf: String
}

/// The person a request was made by, as the access log (which wraps everything) names them.
final class Who: Sendable {
    private let box = NIOLockedValueBox<String?>(nil)
    func set(_ name: String) { box.withLockedValue { $0 = name } }
    var name: String? { box.withLockedValue { $0 } }
}

/// How `history serve` knows people: the users file, the old single token, whether reads need sign-in,
/// a reverse proxy it trusts, and how failed tokens are counted per address.
public struct PeopleOptions: Sendable {
    /// The users file (nil: nobody but the token file's holder).
    public var usersFile: String?
    /// Anonymous requests may read even when people are known.
    public var isPublic: Bool
    /// A header a reverse proxy sets to the signed-in user's name, trusted only from `trustedProxies`.
    public var proxyHeader: String?
    public var trustedProxies: [String]
    public var sessionLength: Duration
    /// Session cookies only over TLS (set it when a TLS proxy is in front).
    public var secureCookies: Bool
    /// Failed tokens an address may send within `failureWindow` before it gets 429.
    public var failuresAllowed: Int
    public var failureWindow: Duration

    public init(usersFile: String? = nil, isPublic: Bool = false, proxyHeader: String? = nil, trustedProxies: [String] = [],
                sessionLength: Duration = .seconds(8 * 3600), secureCookies: Bool = false,
                failuresAllowed: Int = 10, failureWindow: Duration = .seconds(600)) {
        self.usersFile = usersFile
        self.isPublic = isPublic
        self.proxyHeader = proxyHeader
        self.trustedProxies = trustedProxies
        self.sessionLength = sessionLength
        self.secureCookies = secureCookies
        self.failuresAllowed = failuresAllowed
        self.failureWindow = failureWindow
    }
}

/// The service's knowledge of people, shared by every request. The users file is read again whenever it
/// changes on disk, so `history users add` and `users revoke` take effect at once in a running server.
public final class Gate: Sendable {
    let options: PeopleOptions
    let tokenFile: String?
    private struct Loaded { var stamp: String; var entries: [Users.Entry] }
    private let loaded = NIOLockedValueBox<Loaded?>(nil)
    private let failures = NIOLockedValueBox<[String: [ContinuousClock.Instant]]>([:])

    public init(_ options: PeopleOptions, tokenFile: String?) {
        self.options = options
        self.tokenFile = tokenFile
    }

    func entries() -> [Users.Entry] {
        guard let path = options.usersFile else { return [] }
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        let stamp = "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec).\(info.st_size).\(info.st_ino)"
        if let cached = loaded.withLockedValue({ $0 }), cached.stamp == stamp { return cached.entries }
        // A file that cannot be read or parsed lets nobody in, rather than everybody.
        let entries = (try? Users(path: path).entries()) ?? []
        loaded.withLockedValue { $0 = Loaded(stamp: stamp, entries: entries) }
        return entries
    }

    /// Reads need a signed-in person when people are known and the server is not `--public`.
    var signInRequired: Bool { !options.isPublic && entries().contains { $0.revoked == nil } }

    /// Whether writes can happen at all: someone may record, or the token file exists.
    var knowsPeople: Bool { tokenFile != nil || !entries().isEmpty }

    func caller(token: String) -> Caller? {
        if let account = Users.authenticate(token, in: entries()) { return Caller(account: account, via: .bearer) }
        if let tokenFile, Users.constantTimeEqual(token, tokenFile) {
            return Caller(account: Account(name: "token-file", role: .recorder), via: .tokenFile)
        }
        return nil
    }

    func account(named name: String) -> Account? {
        entries().first { $0.name == name && $0.revoked == nil }?.account
    }

    // MARK: failed tokens, per address

    /// 429 with the seconds until the oldest counted failure expires, once an address has used up its tries.
    func refuseIfLimited(_ address: String) throws {
        let now = ContinuousClock.now
        let window = options.failureWindow
        let recent = failures.withLockedValue { all -> [ContinuousClock.Instant] in
            let kept = (all[address] ?? []).filter { now - $0 < window }
            all[address] = kept.isEmpty ? nil : kept
            return kept
        }
        guard recent.count >= options.failuresAllowed, let oldest = recent.first else { return }
        let wait = max(1, (window - (now - oldest)).components.seconds)
        throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)],
                        message: "too many wrong tokens from \(address); try again in \(wait) s")
    }

    func failed(_ address: String) {
        let now = ContinuousClock.now
        failures.withLockedValue { all in
            all[address, default: []].append(now)
            // Bounded: an address keeps at most its allowance plus one.
            if (all[address]?.count ?? 0) > options.failuresAllowed + 1 { all[address]?.removeFirst() }
            // And so is the table, should many addresses fail at once.
            if all.count > 10_000 { all.removeAll() }
        }
    }

    static func randomToken() -> String { Users.randomHex(32) }
}

extension HistoryRequestContext {
    /// The client's address as the socket says (never a header).
    var address: String { connection?.remoteAddress?.ipAddress ?? "unknown" }

    /// The caller if they may act as `role`: 401 when nobody is signed in, 403 when the person may not.
    func require(_ role: Role) throws -> Caller {
        guard let caller = identity else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                            message: "sign in first: send `Authorization: Bearer <token>`, or sign in at /signin")
        }
        guard caller.account.role.allows(role) else {
            throw HTTPError(.forbidden, message: "\(caller.account.name) is a \(caller.account.role) and may not do this (it needs a \(role))")
        }
        return caller
    }

    /// A request that rides on a browser's session (its cookie, or the proxy's header) must carry the session's
    /// CSRF token; a bearer token cannot be sent by another site, so it needs none.
    func requireCSRF(_ presented: String?) throws {
        guard let caller = identity, caller.via == .session || caller.via == .proxy else { return }
        guard let expected = sessions.session?.csrf, let presented, Users.constantTimeEqual(presented, expected) else {
            throw HTTPError(.forbidden, message: "the form's CSRF token is missing or stale: reload the page and send it again")
        }
    }
}

/// Finds the caller: a trusted proxy's header, else a bearer token, else the browser's session. A wrong
/// token is 401 at once (and counted against its address); a revoked person's session is ended.
struct PeopleAuthenticator: AuthenticatorMiddleware {
    typealias Context = HistoryRequestContext
    typealias Identity = Caller
    let gate: Gate

    func authenticate(request: Request, context: Context) async throws -> Caller? {
        let caller = try find(request, context)
        if let caller { context.who.set(caller.account.name) }
        return caller
    }

    func find(_ request: Request, _ context: Context) throws -> Caller? {
        if let header = gate.options.proxyHeader.flatMap({ HTTPField.Name($0) }), let name = request.headers[header],
           gate.options.trustedProxies.contains(context.address) {
            guard let account = gate.account(named: name) else {
                throw HTTPError(.forbidden, message: "the proxy signed in \(name), whom this server does not know (or who was revoked)")
            }
            // The proxy's people get a session too, so that their forms carry a CSRF token.
            if context.sessions.session?.user != name {
                context.sessions.createSession(SignedIn(user: name, csrf: Gate.randomToken()), expiresIn: gate.options.sessionLength)
            }
            return Caller(account: account, via: .proxy)
        }
        if let authorization = request.headers[.authorization] {
            try gate.refuseIfLimited(context.address)
            guard authorization.hasPrefix("Bearer "), let caller = gate.caller(token: String(authorization.dropFirst(7))) else {
                gate.failed(context.address)
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                                message: "the bearer token is not valid (mistyped, or revoked)")
            }
            return caller
        }
        if let session = context.sessions.session {
            guard let account = gate.account(named: session.user) else {
                context.sessions.clearSession()
                return nil
            }
            return Caller(account: account, via: .session)
        }
        return nil
    }
}

/// When reads need a signed-in person: pages send anonymous visitors to the sign-in page, the API and
/// feeds answer 401. The sign-in page, the stylesheet and the API's description stay open.
struct SignInRequired: RouterMiddleware {
    typealias Context = HistoryRequestContext
    let gate: Gate

    static func isOpen(_ path: String) -> Bool {
        path == "/signin" || path.hasPrefix("/static/") || path == "/api/openapi.yaml"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard context.identity == nil, gate.signInRequired, !Self.isOpen(path) else { return try await next(request, context) }
        // Only a page a person navigates to is sent to sign in; a feed, the API or a favicon is simply refused.
        let wantsPage = request.method == .get && (request.headers[.accept]?.contains("text/html") ?? false)
        if path.hasPrefix("/api/") || path.hasSuffix(".atom") || !wantsPage {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                            message: "this server needs a signed-in person: send `Authorization: Bearer <token>`")
        }
        let next = request.uri.description
        return Response(status: .seeOther, headers: [.location: "/signin?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")])
    }
}
