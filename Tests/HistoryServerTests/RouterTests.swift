import Foundation
@testable import HistoryServer
import HistoryModel
import HistoryStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import TestSupport

/// A history recorded from Repo/ at a fixed time, served by the real router.
final class ServedRepo: Sendable {
    let directory: TemporaryDirectory
    let path: String
    static let token = "test-token-0123456789abcdef"

    init() throws {
        let dir = try TemporaryDirectory()
        path = dir.path + "/history"
        let (store, _) = try HistoryRepository.create(at: path)
        let plan = ImportPlan(paths: [Golden.packageRoot.appendingPathComponent("Repo").path], options: .init())
        _ = try Importer(store).run(plan, by: Identity(at: Timestamp(seconds: 1_795_000_000)))
        directory = dir
    }

    func application(token: String? = ServedRepo.token, maxBody: Int = 1 << 20, limits: ServiceLimits = .init(),
                     idleTimeout: Duration = .seconds(15), logger: Logger = Logger(label: "test")) throws -> some ApplicationProtocol {
        try buildApplication(ServeOptions(repositoryPath: path, port: 0, token: token, maxBodyBytes: maxBody, limits: limits,
                                          idleTimeout: idleTimeout, now: { 1_796_000_000 }), logger: logger)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:] }
}

let kosovo = "/api/profiles/kosovo/cluster-munition-ban-policy"

@Suite struct APIRouteTests {
    let repo: ServedRepo
    init() throws { repo = try ServedRepo() }

    @Test func readRoutesAnswerWithTheCommandLinesDocuments() async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: "/api/profiles", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "application/json; charset=utf-8")
                #expect(r.json["schema"] as? String == "history.profiles.v1")
                #expect((r.json["profiles"] as? [Any])?.count == 8)
            }
            try await client.execute(uri: "\(kosovo)/log", method: .get) { r in
                #expect(r.json["schema"] as? String == "history.log.v1")
                #expect((r.json["entries"] as? [Any])?.count == 4)
            }
            try await client.execute(uri: "\(kosovo)/revisions/2015", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("Last updated: 30 July 2014"))
                #expect(r.headers[HTTPField.Name("X-History-Last-Updated")!] == "2014-07-30")
            }
            try await client.execute(uri: "\(kosovo)/diff?from=2014-08&to=2016", method: .get) { r in
                #expect(r.json["schema"] as? String == "history.diff.v1")
                let change = (r.json["changes"] as? [[String: Any]])?.first { $0["kind"] as? String == "fact-changed" }
                #expect(change?["moved"] as? Bool == true)
            }
            try await client.execute(uri: "\(kosovo)/diff?from=2011-12&to=2016&steps=1&min=major", method: .get) { r in
                #expect(r.json["schema"] as? String == "history.diffs.v1")
                #expect((r.json["diffs"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "\(kosovo)/blame?at=2016", method: .get) { r in
                #expect(r.json["schema"] as? String == "history.blame.v1")
            }
            try await client.execute(uri: "/api/report?since=2026-11-01", method: .get) { r in
                #expect(r.json["schema"] as? String == "history.report.v1", "\(r.status) \(r.text.prefix(300))")
                #expect((r.json["counts"] as? [String: Any])?["events"] as? Int == 31)
            }
        }
    }

    @Test func errorsAreJSONWithTheRightStatus() async throws {
        try await repo.application().test(.router) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/api/profiles/kosovo/nothing/log", .notFound, "no profile kosovo/nothing"),
                ("/api/profiles/Kosovo!/x/log", .badRequest, "lower-case letters, digits and single hyphens"),
                ("\(kosovo)/revisions/2016-02-30", .badRequest, "not a real date"),
                ("\(kosovo)/revisions/2009", .notFound, "did not exist yet"),
                ("\(kosovo)/diff", .badRequest, "from is missing"),
                ("\(kosovo)/diff?from=2016&min=huge", .badRequest, "min=huge"),
                ("\(kosovo)/diff?from=2016&to=2011", .badRequest, "is after"),
                ("/api/report", .badRequest, "since is missing"),
                ("/api/nothing-here", .notFound, "Not Found"),
            ]
            for (uri, status, message) in cases {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == status, "\(uri)")
                    #expect(r.headers[.contentType] == "application/json; charset=utf-8", "\(uri)")
                    #expect(r.json["status"] as? Int == status.code, "\(uri)")
                    #expect((r.json["error"] as? String)?.contains(message) == true, "\(uri): \(r.text)")
                }
            }
        }
    }

    @Test func writesNeedATokenFileAndTheToken() async throws {
        let text = ByteBuffer(string: "Kosovo\nCluster Munition Ban Policy\nLast updated: 01 March 2017\n\nPolicy\n\nKosovo still cannot join.\n")
        try await repo.application(token: nil).test(.router) { client in
            try await client.execute(uri: "\(kosovo)/revisions", method: .post, body: text) { r in
                #expect(r.status == .methodNotAllowed && r.headers[.allow] == "GET, HEAD")
            }
        }
        try await repo.application().test(.router) { client in
            for header: HTTPFields in [[:], [.authorization: "Bearer wrong-token-0123456789"], [.authorization: ServedRepo.token]] {
                try await client.execute(uri: "\(kosovo)/revisions", method: .post, headers: header, body: text) { r in
                    #expect(r.status == .unauthorized && r.headers[.wwwAuthenticate] == "Bearer")
                }
            }
        }
    }

    @Test func aPostedRevisionIsRecordedLikeAnImport() async throws {
        let auth: HTTPFields = [.authorization: "Bearer \(ServedRepo.token)"]
        let path = repo.path
        try await repo.application(maxBody: 4096).test(.router) { client in
            let text = "Kosovo\nCluster Munition Ban Policy\nLast updated: 01 March 2017\n\nPolicy\n\nKosovo still cannot join the convention.\n"
            try await client.execute(uri: "\(kosovo)/revisions?source=https://example.org/k&author=Ada%20%3Cada@example.org%3E", method: .post,
                                     headers: auth, body: ByteBuffer(string: text)) { r in
                #expect(r.status == .created, "\(r.text)")
                #expect(r.json["event"] as? String == "revision" && r.json["lastUpdated"] as? String == "2017-03-01")
                #expect((r.json["commit"] as? String)?.count == 40)
            }
            try await client.execute(uri: "\(kosovo)/revisions", method: .post, headers: auth, body: ByteBuffer(string: text)) { r in
                #expect(r.status == .ok && r.json["result"] as? String == "unchanged")
            }
            try await client.execute(uri: "\(kosovo)/revisions", method: .post, headers: auth,
                                     body: ByteBuffer(string: text.replacingOccurrences(of: "cannot", with: "can"))) { r in
                #expect(r.status == .created && r.json["event"] as? String == "correction")
            }
            // The same validation and messages as `history import`.
            let rejected: [(String, String)] = [
                ("Kosovo\n\nNo date anywhere.\n", "no Last updated line"),
                ("Kosovo\nLast updated: 30 February 2016\n\nX.\n", "30 February 2016"),
                ("", "empty"),
            ]
            for (body, message) in rejected {
                try await client.execute(uri: "\(kosovo)/revisions", method: .post, headers: auth, body: ByteBuffer(string: body)) { r in
                    #expect(r.status == .unprocessableContent, "\(body)")
                    #expect((r.json["error"] as? String)?.contains(message) == true, "\(r.text)")
                }
            }
            try await client.execute(uri: "\(kosovo)/revisions?date=2018-05-05", method: .post, headers: auth,
                                     body: ByteBuffer(string: "Kosovo\n\nUndated text.\n")) { r in
                #expect(r.status == .created && r.json["lastUpdated"] as? String == "2018-05-05")
            }
            try await client.execute(uri: "\(kosovo)/revisions", method: .post, headers: auth,
                                     body: ByteBuffer(string: String(repeating: "x", count: 5000))) { r in
                #expect(r.status == .contentTooLarge)
            }
        }
        let log = try EventLog(HistoryRepository.open(at: path).snapshot()).entries(LogQuery(profile: try ProfileID("kosovo/cluster-munition-ban-policy")))
        #expect(log.first?.source == "POST /api/profiles/kosovo/cluster-munition-ban-policy/revisions")
        #expect(log.contains { $0.author.email == "ada@example.org" && $0.source == "https://example.org/k" })
    }

    @Test func concurrentPostsLoseNothing() async throws {
        let auth: HTTPFields = [.authorization: "Bearer \(ServedRepo.token)"]
        let path = repo.path
        try await repo.application().test(.router) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for day in 1...12 {
                    let text = "Laos\nMine Ban Policy\nLast updated: \(day) January 2030\n\nPolicy\n\nRevision number \(day).\n"
                    group.addTask {
                        try await client.execute(uri: "/api/profiles/laos/mine-ban-policy/revisions", method: .post,
                                                 headers: auth, body: ByteBuffer(string: text)) { $0.status }
                    }
                }
                for try await status in group { #expect(status == .created) }
            }
        }
        let dates = try HistoryRepository.open(at: path).snapshot().dates(of: try ProfileID("laos/mine-ban-policy"))
        #expect(dates.filter { $0.year == 2030 }.count == 12)
    }

    @Test func theOpenAPIDocumentIsMadeFromTheRoutesTheServerAnswers() async throws {
        let path = repo.path
        let served = apiRoutes(buildRouter(service: try HistoryService(repositoryPath: path), options: ServeOptions(repositoryPath: path, now: { 0 })))
            .map { "\($0.method.rawValue) \($0.path)" }
        try await repo.application().test(.router) { client in
            let yaml = try await client.execute(uri: "/api/openapi.yaml", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "application/yaml; charset=utf-8")
                return r.text
            }
            // Paths and their methods as the document lists them.
            var documented: [String] = []
            var current: String?
            var inPaths = false
            for line in yaml.split(separator: "\n") {
                if line == "paths:" { inPaths = true; continue }
                guard inPaths else { continue }
                if line.hasPrefix("  /"), line.hasSuffix(":") { current = String(line.dropFirst(2).dropLast()); continue }
                if let current, ["    get:", "    post:"].contains(line) { documented.append("\(line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()) \(current)") }
            }
            #expect(documented.sorted() == served.sorted())
            // The list is the router's; what is kept by hand is each route's description: none missing, none stale.
            #expect(!yaml.contains("UNDOCUMENTED ROUTE"), "a route was added without its OpenAPI operation")
            #expect(Set(OpenAPIDocument.operations.keys) == Set(served), "an OpenAPI operation describes no route")
            // And each documented route answers (anything but the router's own 404 for an unknown route).
            for entry in documented {
                let parts = entry.split(separator: " ")
                let uri = String(parts[1]).replacingOccurrences(of: "{area}", with: "kosovo")
                    .replacingOccurrences(of: "{topic}", with: "cluster-munition-ban-policy").replacingOccurrences(of: "{date}", with: "2016")
                let method: HTTPRequest.Method = parts[0] == "POST" ? .post : .get
                try await client.execute(uri: uri + (uri.hasSuffix("/diff") ? "?from=2015" : uri.hasSuffix("report") ? "?since=2026" : ""), method: method) { r in
                    #expect(r.json["error"] as? String != "Not Found", "\(entry) is documented but not served")
                }
            }
        }
    }
}

@Suite struct PageTests {
    let repo: ServedRepo
    init() throws { repo = try ServedRepo() }

    @Test func everyPageRendersWithoutScriptsOrOutsideAssets() async throws {
        try await repo.application().test(.router) { client in
            for uri in ["/", "/profiles/kosovo/cluster-munition-ban-policy", "/profiles/kosovo/cluster-munition-ban-policy/diff",
                        "/profiles/kosovo/cluster-munition-ban-policy/diff?from=2014-08-01&to=2016-12-31&min=cosmetic",
                        "/profiles/lebanon/cluster-munition-ban-policy/blame", "/profiles/lebanon/cluster-munition-ban-policy/revisions/latest",
                        "/profiles/kosovo/cluster-munition-ban-policy/compare", "/search?q=states"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(!r.text.contains("<script") && !r.text.contains("http://") && !r.text.contains("https://"), "\(uri)")
                    #expect(r.text.contains("<link rel=\"stylesheet\" href=\"/static/history.css\">"))
                }
            }
            try await client.execute(uri: "/static/history.css", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "text/css; charset=utf-8" && r.text.contains("del{"))
            }
        }
    }

    @Test func theDiffPageShowsFactsSideBySideAndFoldsCosmeticChanges() async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/diff?from=2014-08-01&to=2016-12-31", method: .get) { r in
                let html = r.text
                #expect(html.contains("<input type=\"date\" name=\"from\" value=\"2014-08-01\" required>"))
                #expect(html.contains("<td class=\"old\"><del>108 states</del></td><td class=\"new\"><ins>110 states</ins></td>"))
                #expect(html.contains("<span class=\"moved\">moved</span>"))
                #expect(html.contains("<details><summary>1 cosmetic change"))
                #expect(html.contains("<del>108 states had </del><ins>the declaration of independence was </ins>"))
            }
            try await client.execute(uri: "/profiles/lebanon/cluster-munition-ban-policy", method: .get) { r in
                #expect(r.text.contains("<span class=\"event-correction\">correction</span>"))
            }
            try await client.execute(uri: "/profiles/nowhere/at-all", method: .get) { r in
                #expect(r.status == .notFound && r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.text.contains("no profile nowhere/at-all"))
            }
        }
    }

    @Test func dynamicTextIsEscaped() async throws {
        let auth: HTTPFields = [.authorization: "Bearer \(ServedRepo.token)"]
        try await repo.application().test(.router) { client in
            let text = "Kosovo\nLast updated: 01 March 2017\n\nPolicy <b>\n\nIt said <script>alert(1)</script> & more.\n"
            try await client.execute(uri: "\(kosovo)/revisions?source=%3Cimg%20src=x%3E", method: .post, headers: auth, body: ByteBuffer(string: text)) { r in
                #expect(r.status == .created)
            }
            for uri in ["/profiles/kosovo/cluster-munition-ban-policy/diff?from=2016&to=2017",
                        "/profiles/kosovo/cluster-munition-ban-policy", "/profiles/kosovo/cluster-munition-ban-policy/blame", "/"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(!r.text.contains("<script>") && !r.text.contains("<img") && !r.text.contains("<b>"), "\(uri)")
                }
            }
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/diff?from=2016&to=2017", method: .get) { r in
                #expect(r.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more."))
            }
        }
    }
}

/// Captures log lines, to see one line per request.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let sink: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { sink.append("\(event.message)") }
}

@Suite struct LiveServerTests {
    @Test func servesOnAFreePortAndLogsOneLinePerRequest() async throws {
        let repo = try ServedRepo()
        let sink = LogLines()
        let logger = Logger(label: "live") { _ in CapturingLogHandler(sink: sink) }
        try await repo.application(logger: logger).test(.live) { client in
            #expect(client.port != nil && client.port != 8080)
            try await client.execute(uri: "/api/profiles", method: .get) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/diff", method: .get) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/api/profiles/x/y/log", method: .get) { r in #expect(r.status == .notFound) }
        }
        let requests = sink.all.filter { $0.hasPrefix("GET ") }
        #expect(requests.count == 3)
        #expect(requests.contains { $0.hasPrefix("GET /api/profiles 200 ") })
        #expect(requests.contains { $0.hasPrefix("GET /api/profiles/x/y/log 404 ") })
    }
}

/// Every route answers from one snapshot: the tip of main is read exactly once per request.
@Test func eachRequestReadsTheTipExactlyOnce() async throws {
    let repo = try ServedRepo()
    let uris = ["/api/profiles", "\(kosovo)/log", "\(kosovo)/revisions/2016-07-05", "\(kosovo)/revisions/2016-07-05?recordedAt=2030-01-01",
                "\(kosovo)/diff?from=2011&to=2016", "\(kosovo)/blame", "/api/report?since=2026", "/profiles/kosovo/cluster-munition-ban-policy",
                "/profiles/kosovo/cluster-munition-ban-policy/diff", "/profiles/kosovo/cluster-munition-ban-policy/blame",
                "/profiles/kosovo/cluster-munition-ban-policy/revisions/2014", "/profiles/kosovo/cluster-munition-ban-policy/compare",
                "/search?q=states"]
    let counts = Mutex<[Int]>([])
    var limits = ServiceLimits()
    limits.requestRead = { reads in counts.withLock { $0.append(reads) } }
    try await repo.application(limits: limits).test(.router) { client in
        for uri in uris {
            counts.withLock { $0 = [] }
            try await client.execute(uri: uri, method: .get) { r in #expect(r.status == .ok, "\(uri)") }
            #expect(counts.withLock { $0 } == [1], "\(uri)")
        }
    }
}

/// Every response that read the repository says which commit of main it was made from (a replica's
/// clients compare it with the writer's); a revision's own commit has a header of its own.
@Test func everyResponseSaysTheCommitItWasServedFrom() async throws {
    let repo = try ServedRepo()
    let store = try HistoryRepository.open(at: repo.path)
    _ = try store.snapshot()
    let tip = try #require(store.servedFrom)
    try await repo.application().test(.router) { client in
        for uri in ["/api/profiles", "\(kosovo)/log", "\(kosovo)/diff?from=2011&to=2016", "/api/report?since=2026", "/",
                    "/profiles/kosovo/cluster-munition-ban-policy", "/feed.atom", "/api/profiles/x/y/log"] {
            try await client.execute(uri: uri, method: .get) { r in
                #expect(r.headers[HTTPField.Name("X-History-Commit")!] == tip, "\(uri)")
            }
        }
        try await client.execute(uri: "\(kosovo)/revisions/2011-09-08", method: .get) { r in
            #expect(r.headers[HTTPField.Name("X-History-Commit")!] == tip)
            let own = r.headers[HTTPField.Name("X-History-Revision-Commit")!]
            #expect(own?.count == 40)
        }
    }
}

/// The pages that show a profile through time, in-process.
@Suite struct HistoryPagesTests {
    let repo: ServedRepo
    init() throws { repo = try ServedRepo() }

    @Test func theProfilePageChartsItsFactsAndTheRevisionPageMarksItsChanges() async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("<figcaption>recognized by … states</figcaption>"))
                #expect(r.text.contains("<svg class=\"events\"") && !r.text.contains("<script"))
            }
            try await client.execute(uri: "/profiles/lebanon/cluster-munition-ban-policy/revisions/2016-07-20", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("<del>161,000</del><ins>168,000</ins>"))
            }
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/revisions/latest", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("Revision of 2016-07-05"))
            }
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/revisions/2005", method: .get) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/revisions/2016-13", method: .get) { r in
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test func sideBySideLinksMovedSentencesAndSearchFindsStatements() async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/compare?from=2011-12&to=2016", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("moved from ↑") && r.text.contains("<ins>June 2014</ins>"))
            }
            try await client.execute(uri: "/search?q=%3Cscript%3E", method: .get) { r in
                #expect(r.status == .ok && !r.text.contains("<script>") && r.text.contains("&lt;script&gt;"))
            }
            // A quote followed by a combining mark is one Character but two scalars, and the browser ends
            // the attribute at the quote: it must be escaped all the same.
            try await client.execute(uri: "/search?q=%22%CC%81%20autofocus%20onfocus%3Dalert(1)%20x%3D%22", method: .get) { r in
                #expect(r.status == .ok)
                #expect(!r.text.contains("\"\u{301} autofocus") && r.text.contains("&quot;\u{301} autofocus onfocus=alert(1) x=&quot;"))
            }
            try await client.execute(uri: "/search?q=submunitions", method: .get) { r in
                #expect(r.status == .ok && r.text.contains("found and destroyed 168,000 submunitions"))
            }
            try await client.execute(uri: "/search?q=" + String(repeating: "a", count: 201), method: .get) { r in
                #expect(r.status == .badRequest)
            }
        }
    }
}
