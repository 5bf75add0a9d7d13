import Foundation
import Synchronization
import HistoryServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// HTTP's own rules and the server's bounds: HEAD, 405, 503 past the bounds, deadlines, pages, idle connections.
@Suite struct ServerLimitsTests {
    let repo: ServedRepo
    init() throws { repo = try ServedRepo() }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        try await repo.application().test(.router) { client in
            let get = try await client.execute(uri: "\(kosovo)/log", method: .get) { $0 }
            try await client.execute(uri: "\(kosovo)/log", method: .head) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == get.headers[.contentType])
                #expect(r.body.readableBytes == 0)
            }
            try await client.execute(uri: "/", method: .head) { r in #expect(r.status == .ok && r.body.readableBytes == 0) }
            try await client.execute(uri: "/api/profiles/x/y/log", method: .head) { r in #expect(r.status == .notFound) }
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.delete, "/api/profiles", "GET, HEAD"),
        (.post, "/api/profiles", "GET, HEAD"),
        (.put, "\(kosovo)/revisions", "POST"),
        (.patch, "/profiles/kosovo/cluster-munition-ban-policy/diff", "GET, HEAD"),
    ])
    func aWrongMethodIs405WithAllow(method: HTTPRequest.Method, uri: String, allow: String) async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: uri, method: method) { r in
                #expect(r.status == .methodNotAllowed)
                #expect(r.headers[.allow] == allow)
            }
        }
    }

    @Test func unknownPathsStay404() async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: "/api/nothing", method: .delete) { r in #expect(r.status == .notFound) }
        }
    }

    @Test func pastTheDeadlineIs503WithRetryAfter() async throws {
        try await repo.application(limits: ServiceLimits(deadline: .nanoseconds(1))).test(.router) { client in
            try await client.execute(uri: "/api/report?since=2026", method: .get) { r in
                #expect(r.status == .serviceUnavailable, "\(r.text)")
                #expect(r.headers[.retryAfter] == "2")
                #expect(r.text.contains("took longer than"))
            }
        }
    }

    @Test func pastTheBoundOnHeavyWorkIs503NotAQueue() async throws {
        try await repo.application(limits: ServiceLimits(heavyConcurrency: 1, heavyQueue: 0)).test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.execute(uri: "/api/report?since=2026", method: .get) { $0.status } }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.contains(.serviceUnavailable), "\(statuses)")
            #expect(statuses.contains(.ok))
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .serviceUnavailable })
        }
    }

    /// Light reads run on their own threads: one arrives while a heavy report holds the only heavy thread
    /// and is answered before any report is (order, not time: nothing here is timed). The first report
    /// holds its thread until the light read has been answered; were light reads queued behind heavy
    /// ones, the hold would end only at its 30 s bound and the light read would come after a report.
    @Test func lightReadsDoNotWaitBehindHeavyOnes() async throws {
        let (started, signal) = AsyncStream.makeStream(of: Void.self)
        let hold = HeldOnce()
        var limits = ServiceLimits(heavyConcurrency: 1, heavyQueue: 8)
        limits.heavyWorkStarted = { if hold.first() { signal.yield(); hold.wait(seconds: 30) } }
        try await repo.application(limits: limits).test(.router) { client in
            let order = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<4 {
                    group.addTask { try await client.execute(uri: "/api/report?since=2026&limit=500", method: .get) { r in "report \(i) \(r.status.code)" } }
                }
                for await _ in started { break }
                group.addTask {
                    let answer = try await client.execute(uri: "/api/profiles", method: .get) { r in "profiles \(r.status.code)" }
                    hold.release()
                    return answer
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(order.first == "profiles 200", "\(order)")
            #expect(order.filter { $0.hasPrefix("report") }.count == 4)
        }
    }

    @Test func reportsComeAPageAtATime() async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: "/api/report?since=2026&limit=10", method: .get) { r in
                #expect(r.status == .ok)
                #expect((r.json["counts"] as? [String: Any])?["events"] as? Int == 10)
                #expect(r.headers[HTTPField.Name("X-History-Total-Events")!] == "31")
                #expect(r.headers[HTTPField.Name("Link")!] == "</api/report?since=2026&offset=10&limit=10&min=minor>; rel=\"next\"")
            }
            try await client.execute(uri: "/api/report?since=2026&offset=30&limit=10", method: .get) { r in
                #expect((r.json["counts"] as? [String: Any])?["events"] as? Int == 1)
                #expect(r.headers[HTTPField.Name("Link")!] == nil)
            }
            for bad in ["limit=0", "limit=501", "offset=-1", "limit=x"] {
                try await client.execute(uri: "/api/report?since=2026&\(bad)", method: .get) { r in #expect(r.status == .badRequest, "\(bad)") }
            }
            try await client.execute(uri: "/api/report?since=2026-11-01&until=2026-10-01", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.text.contains("before it starts"))
            }
        }
    }

    /// A client that never finishes its request head is disconnected after the idle timeout (slowloris).
    @Test func aSlowRequestHeadIsCutOff() async throws {
        try await repo.application(idleTimeout: .seconds(1)).test(.live) { client in
            let port = try #require(client.port)
            let script = """
                import socket, sys, time
                s = socket.create_connection(("127.0.0.1", \(port)))
                s.sendall(b"GET /api/profiles HTTP/1.1\\r\\nHost: x\\r\\n")
                s.settimeout(10)
                start = time.time()
                try:
                    data = s.recv(100)
                except socket.timeout:
                    data = None
                print("closed" if data == b"" else "open", round(time.time() - start, 1))
                """
            let result = try runProgram("/usr/bin/env", ["python3", "-c", script], in: NSTemporaryDirectory())
            #expect(result.output.hasPrefix("closed"), "\(result.output)")
        }
    }
}

/// The first heavy report's hold: `first()` is true once; `wait` blocks that heavy thread until `release`.
private final class HeldOnce: Sendable {
    private let taken = Mutex(false)
    private let gate = DispatchSemaphore(value: 0)
    func first() -> Bool { taken.withLock { was in defer { was = true }; return !was } }
    func wait(seconds: Int) { _ = gate.wait(timeout: .now() + .seconds(seconds)) }
    func release() { gate.signal() }
}
