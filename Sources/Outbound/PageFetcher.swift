import AsyncHTTPClient
import Crypto
import Foundation
import HistoryModel
import NIOCore
import NIOHTTP1

/// Downloads published pages politely: a User-Agent naming the tool, conditional requests (`If-None-Match`,
/// `If-Modified-Since`), redirects followed (at most 5, no loops), a connect and a total timeout, a size
/// limit enforced while reading, and retries with backoff on connection failures, 429 and 5xx (not on a
/// timeout or a redirect loop, which a second try would only repeat), honouring
/// `Retry-After` up to a bound. One client for a whole run; `shutdown()` when done.
public final class PageFetcher: Sendable {
    public struct Settings: Sendable {
        public var connectTimeout: Double = 10
        public var totalTimeout: Double = 30
        public var maxBytes = 10 << 20
        public var attempts = 3
        public var firstBackoff: Double = 1
        public var longestWait: Double = 60
        public var userAgent = "history (tracks published profiles)"
        public init() {}
    }

    public enum Outcome: Sendable {
        /// The page has not changed since the validators given (304).
        case notModified
        case page(Page)
    }

    public struct Page: Sendable {
        public let bytes: [UInt8]
        public let contentType: String
        public let etag: String?
        public let lastModified: String?
        /// SHA-256 of the bytes, hex.
        public var sha256: String { Webhook.hex(SHA256.hash(data: bytes)) }
    }

    let settings: Settings
    let client: HTTPClient

    public init(_ settings: Settings = Settings()) {
        self.settings = settings
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .milliseconds(Int64(settings.connectTimeout * 1000)), read: .milliseconds(Int64(settings.totalTimeout * 1000))))
        configuration.decompression = .enabled(limit: .size(settings.maxBytes))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async { try? await client.shutdown() }

    /// One page. Throws `.unavailable` for what the network or server did (with the status or the error),
    /// `.badInput` for an answer that is not an HTML page or is too large.
    public func fetch(_ url: String, etag: String?, lastModified: String?, progress: @Sendable (String) -> Void = { _ in }) async throws(HistoryError) -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9")
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        var wait = settings.firstBackoff
        var last = ""
        for attempt in 1...max(1, settings.attempts) {
            var retryAfter: Double?
            do {
                let response = try await client.execute(request, timeout: .milliseconds(Int64(settings.totalTimeout * 1000)))
                let status = Int(response.status.code)
                if status == 304 { return .notModified }
                if (200..<300).contains(status) {
                    let type = response.headers.first(name: "Content-Type") ?? ""
                    let mime = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
                    guard mime == "text/html" || mime == "application/xhtml+xml" else {
                        throw HistoryError.badInput(what: "\(url) is not an HTML page (Content-Type: \(type.isEmpty ? "none" : type))",
                                                    fix: "point the source at the profile's web page")
                    }
                    if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > settings.maxBytes {
                        throw HistoryError.badInput(what: "\(url) is \(length) bytes, more than the \(settings.maxBytes) a page may have", fix: "check the address")
                    }
                    let body: ByteBuffer
                    do { body = try await response.body.collect(upTo: settings.maxBytes) } catch is NIOTooManyBytesError {
                        throw HistoryError.badInput(what: "\(url) sent more than the \(settings.maxBytes) bytes a page may have", fix: "check the address")
                    }
                    return .page(Page(bytes: Array(buffer: body), contentType: type, etag: response.headers.first(name: "ETag"),
                                      lastModified: response.headers.first(name: "Last-Modified")))
                }
                _ = try? await response.body.collect(upTo: 64 * 1024)
                last = "answered \(status) \(response.status.reasonPhrase)"
                guard status >= 500 || status == 429 else {
                    throw HistoryError.unavailable(what: "\(url) \(last)", fix: status == 404 || status == 410 ? "check the source's address" : "check the address, or try again later")
                }
                retryAfter = response.headers.first(name: "Retry-After").flatMap(Webhook.seconds(retryAfter:))
            } catch let error as HistoryError {
                throw error
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                // A page that is slow now will be as slow a second later: the next run tries again.
                throw HistoryError.unavailable(what: "\(url) did not answer within \(Webhook.format(settings.totalTimeout)) s",
                                               fix: "try again later, or give a longer --timeout")
            } catch let error as HTTPClientError where error == .redirectCycleDetected || error == .redirectLimitReached {
                throw HistoryError.unavailable(what: "\(url) redirects \(error == .redirectCycleDetected ? "in a loop" : "more than 5 times")",
                                               fix: "point the source at the page's final address")
            } catch {
                last = "could not be reached (\(error))"
            }
            guard attempt < settings.attempts else { break }
            let pause = retryAfter ?? wait
            if pause > settings.longestWait {
                throw HistoryError.unavailable(what: "\(url) \(last) and asked to wait \(Int(pause)) s", fix: "try again later")
            }
            progress("\(url) \(last); trying again in \(Webhook.format(pause)) s")
            try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
            wait *= 2
        }
        throw HistoryError.unavailable(what: "\(url) \(last) after \(settings.attempts) tries", fix: "try again later")
    }
}
