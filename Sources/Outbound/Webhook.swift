import AsyncHTTPClient
import Crypto
import Foundation
import HistoryModel
import NIOCore
import NIOHTTP1

/// POSTs one document to webhook endpoints, as GitHub's webhooks do: JSON, signed with HMAC-SHA256 of the
/// body (`X-History-Signature: sha256=<hex>`) when a secret is given, a delivery id a receiver can use to
/// drop a repeat (`X-History-Delivery`), retried with backoff on connection failures, 5xx and 429 (waiting
/// as long as `Retry-After` asks, up to a bound). Redirects are not followed: an endpoint that moved says so.
public struct Webhook: Sendable {
    public struct Delivered: Sendable {
        public let endpoint: String
        public let status: Int
        public let attempts: Int
    }

    public let endpoints: [URL]
    public let secret: [UInt8]?
    /// Tries per endpoint, and the first wait between them (doubled each time).
    public var attempts = 4
    public var firstBackoff: Double = 1
    /// A `Retry-After` longer than this fails the delivery instead of holding the run.
    public var longestWait: Double = 120
    public var timeout: TimeAmount = .seconds(30)
    public var userAgent = "history (webhook)"

    /// Endpoints checked here: absolute http or https URLs with a host, at most 16.
    public init(endpoints: [String], secret: [UInt8]?) throws(HistoryError) {
        guard endpoints.count <= 16 else {
            throw .invalidArgument(what: "\(endpoints.count) --post endpoints", fix: "give at most 16")
        }
        var urls: [URL] = []
        for text in endpoints {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  let host = url.host, !host.isEmpty else {
                throw .invalidArgument(what: "--post '\(text.prefix(120))' is not an http or https URL",
                                       fix: "give the endpoint's full address, e.g. https://hooks.example.org/history")
            }
            urls.append(url)
        }
        if let secret, secret.isEmpty {
            throw .invalidArgument(what: "the webhook secret is empty", fix: "put a long random string in the secret file")
        }
        self.endpoints = urls
        self.secret = secret
    }

    /// `sha256=<hex of HMAC-SHA256(secret, body)>`: what a receiver recomputes and compares.
    public static func signature(of body: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + hex(code)
    }

    /// Posts `body` to every endpoint in turn; returns when each answered 2xx. Throws `.unavailable` naming
    /// the first endpoint that did not (and those already delivered to, which will get it again next time).
    public func post(_ body: [UInt8], delivery: String, event: String = "report",
                     progress: @Sendable (String) -> Void = { _ in }) async throws(HistoryError) -> [Delivered] {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: timeout)))
        var delivered: [Delivered] = []
        var failure: HistoryError?
        for endpoint in endpoints {
            do {
                delivered.append(try await post(body, to: endpoint, delivery: delivery, event: event, client: client, progress: progress))
            } catch {
                let sent = delivered.isEmpty ? "" : " (delivered to \(delivered.map(\.endpoint).joined(separator: ", ")) first: they will get it again)"
                failure = .unavailable(what: "the webhook \(endpoint.absoluteString) \(error.what)\(sent)",
                                       fix: "the checkpoint was not moved; the next run posts the same report again")
                break
            }
        }
        try? await client.shutdown()
        if let failure { throw failure }
        return delivered
    }

    private func post(_ body: [UInt8], to endpoint: URL, delivery: String, event: String, client: HTTPClient,
                      progress: @Sendable (String) -> Void) async throws(HistoryError) -> Delivered {
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "X-History-Event", value: event)
        request.headers.add(name: "X-History-Delivery", value: delivery)
        if let secret { request.headers.add(name: "X-History-Signature", value: Self.signature(of: body, secret: secret)) }
        request.body = .bytes(ByteBuffer(bytes: body))
        var wait = firstBackoff
        var last = ""
        for attempt in 1...max(1, attempts) {
            var retryAfter: Double?
            do {
                let response = try await client.execute(request, timeout: timeout)
                // The answer's body is not used; read a little of it so the connection can be reused.
                _ = try? await response.body.collect(upTo: 64 * 1024)
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return Delivered(endpoint: endpoint.absoluteString, status: status, attempts: attempt) }
                last = "answered \(status) \(response.status.reasonPhrase)"
                guard status >= 500 || status == 429 else {
                    throw HistoryError.unavailable(what: last + " (not retried: a 4xx other than 429 will not change by itself)", fix: "")
                }
                retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.seconds(retryAfter:))
            } catch let error as HistoryError {
                throw error
            } catch {
                last = "could not be reached (\(error))"
            }
            guard attempt < attempts else { break }
            let pause = retryAfter ?? wait
            if pause > longestWait {
                throw HistoryError.unavailable(what: last + " and asked to wait \(Int(pause)) s, longer than \(Int(longestWait)) s", fix: "")
            }
            progress("\(endpoint.absoluteString) \(last); trying again in \(Self.format(pause)) s")
            try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
            wait *= 2
        }
        throw HistoryError.unavailable(what: "\(last) after \(attempts) tries", fix: "")
    }

    /// `Retry-After` as seconds: a whole number, or an HTTP date.
    static func seconds(retryAfter text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Double(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: trimmed).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// Bytes as lower-case hex (a digest, a MAC).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
