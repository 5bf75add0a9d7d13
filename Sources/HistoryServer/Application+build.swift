import Foundation
import HistoryModel
import HistoryStore
import Hummingbird
import HummingbirdAuth
import HTTPTypes
import Logging
import NIOCore

/// How `history serve` runs.
public struct ServeOptions: Sendable {
    public var repositoryPath: String
    public var host: String
    public var port: Int
    /// The bearer token that allows writes; nil turns writes off (405).
    public var token: String?
    public var maxBodyBytes: Int
    /// When something is recorded (the clock, or HISTORY_NOW for reproducible runs).
    public var now: @Sendable () -> Int64
    /// How much work runs at once, and for how long.
    public var limits: ServiceLimits
    /// A connection that sends nothing for this long — no complete request head, no next request — is closed.
    public var idleTimeout: Duration
    /// The people it knows, sessions and sign-in.
    public var people: PeopleOptions

    public init(repositoryPath: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                maxBodyBytes: Int = 1 << 20, limits: ServiceLimits = .init(), idleTimeout: Duration = .seconds(15),
                people: PeopleOptions = .init(), now: @escaping @Sendable () -> Int64) {
        self.people = people
        self.repositoryPath = repositoryPath
        self.host = host
        self.port = port
        self.token = token
        self.maxBodyBytes = maxBodyBytes
        self.limits = limits
        self.idleTimeout = idleTimeout
        self.now = now
    }

    /// Reads a token file: its first line, trimmed; an empty or unreadable file is an error, not "no token".
    public static func token(fromFile path: String) throws(HistoryError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidArgument(what: "--token-file \(path) cannot be read", fix: "give a file holding the bearer token on its first line")
        }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else {
            throw .invalidArgument(what: "--token-file \(path) holds no token of at least 16 characters", fix: "write a long random token into it, e.g. `openssl rand -hex 32 > \(path)`")
        }
        return token
    }
}

/// The router: API and pages behind one error handler and one access-log line per request.
public func buildRouter(service: HistoryService, options: ServeOptions,
                        sessions: any PersistDriver = MemoryPersistDriver()) -> Router<HistoryRequestContext> {
    let router = Router(context: HistoryRequestContext.self)
    let gate = Gate(options.people, tokenFile: options.token)
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: ServedFromMiddleware())
    router.add(middleware: ErrorMiddleware())
    // Sessions live in the server's memory (a restart signs everyone out); the cookie holds only a random id.
    let cookie = SessionCookieParameters(name: "history_session", path: "/", secure: options.people.secureCookies, sameSite: .strict)
    router.add(middleware: SessionMiddleware(storage: sessions, configuration: .init(
        sessionCookieParameters: cookie, keyPrefix: "history.session.", defaultSessionExpiration: options.people.sessionLength)))
    router.add(middleware: PeopleAuthenticator(gate: gate))
    router.add(middleware: SignInRequired(gate: gate))
    let openAPI = APIController.Document()
    APIController(service: service, options: options, openAPI: openAPI, gate: gate).add(to: router)
    PagesController(service: service, options: options, gate: gate).add(to: router)
    FeedController(service: service).add(to: router)
    // The OpenAPI document lists what the router answers: written once every route is in.
    openAPI.set(OpenAPIDocument.document(routes: apiRoutes(router)))
    return router
}

/// Every API route the router answers, as `GET /api/profiles/{area}/{topic}/log` (OpenAPI's spelling).
public func apiRoutes(_ router: Router<HistoryRequestContext>) -> [(method: HTTPRequest.Method, path: String)] {
    router.routes.map { (method: $0.method, path: openAPIPath($0.path.description)) }.filter { $0.path.hasPrefix("/api/") }
}

/// `/api/profiles/:area/:topic` → `/api/profiles/{area}/{topic}` (recent Hummingbird already spells it so).
func openAPIPath(_ routerPath: String) -> String {
    "/" + routerPath.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
}

public func buildApplication(_ options: ServeOptions, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws(HistoryError) -> some ApplicationProtocol {
    let service = try HistoryService(repositoryPath: options.repositoryPath, limits: options.limits)
    let sessions = MemoryPersistDriver()
    let router = buildRouter(service: service, options: options, sessions: sessions)
    let routes = router.routes.map { (path: $0.path.description, method: $0.method) }
    let idle = options.idleTimeout.components
    var application = Application(
        responder: MethodResponder(inner: router.buildResponder(), routes: routes),
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))),
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "history"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? options.port) },
        logger: logger)
    // Its tidying drops expired sessions from memory.
    application.addServices(sessions)
    return application
}

/// A failure to start listening, as one line a person can act on (nil for anything else).
public func startFailure(_ error: any Error, _ options: ServeOptions) -> HistoryError? {
    guard let io = error as? IOError else { return nil }
    switch io.errnoCode {
    case EADDRINUSE:
        return .repository(what: "cannot listen on \(options.host):\(options.port): the port is already in use",
                           fix: "stop the other server, or pick another --port (0 picks a free one)")
    case EACCES:
        return .repository(what: "cannot listen on \(options.host):\(options.port): permission denied",
                           fix: "use a port above 1023, or run with the right to bind it")
    case EADDRNOTAVAIL:
        return .repository(what: "cannot listen on \(options.host): no such address on this machine", fix: "give --host an address of this machine, e.g. 127.0.0.1")
    default:
        return .repository(what: "cannot listen on \(options.host):\(options.port) (\(io.description))", fix: "check --host and --port")
    }
}
