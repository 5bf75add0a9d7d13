import Foundation
import HistoryStore
import Hummingbird
import Logging

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

    public init(repositoryPath: String, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                maxBodyBytes: Int = 1 << 20, now: @escaping @Sendable () -> Int64) {
        self.repositoryPath = repositoryPath
        self.host = host
        self.port = port
        self.token = token
        self.maxBodyBytes = maxBodyBytes
        self.now = now
    }

    /// Reads a token file: its first line, trimmed; an empty or unreadable file is an error, not "no token".
    public static func token(fromFile path: String) throws(HistoryError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidArgument("--token-file \(path) cannot be read", "give a file holding the bearer token on its first line")
        }
        let token = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else {
            throw .invalidArgument("--token-file \(path) holds no token of at least 16 characters", "write a long random token into it, e.g. `openssl rand -hex 32 > \(path)`")
        }
        return token
    }
}

/// The router: API and pages behind one error handler and one access-log line per request.
public func buildRouter(service: HistoryService, options: ServeOptions) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: ErrorMiddleware())
    APIController(service: service, options: options).add(to: router)
    PagesController(service: service, options: options).add(to: router)
    return router
}

public func buildApplication(_ options: ServeOptions, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws(HistoryError) -> some ApplicationProtocol {
    let service = try HistoryService(repositoryPath: options.repositoryPath)
    return Application(
        router: buildRouter(service: service, options: options),
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "history"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? options.port) },
        logger: logger)
}
