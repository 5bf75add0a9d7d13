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

/// People, roles, sessions and the review queue, through the real router.
@Suite struct PeopleTests: Sendable {
    let repo: ServedRepo
    let users: Users
    var tokens: [Role: String] = [:]
    let revokedToken: String

    init() throws {
        repo = try ServedRepo()
        users = Users(path: repo.directory.path + "/users.json")
        for role in Role.allCases { tokens[role] = try users.add(Account(name: "a-\(role)", role: role), at: Timestamp(seconds: 1_796_000_000)) }
        revokedToken = try users.add(Account(name: "gone", role: .admin), at: Timestamp(seconds: 1_796_000_000))
        try users.revoke("gone", at: Timestamp(seconds: 1_796_000_001))
    }

    func application(_ people: PeopleOptions? = nil, token: String? = nil, logger: Logger = Logger(label: "test")) throws -> some ApplicationProtocol {
        try buildApplication(ServeOptions(repositoryPath: repo.path, port: 0, token: token,
                                          people: people ?? PeopleOptions(usersFile: users.path), now: { 1_796_000_000 }), logger: logger)
    }

    func bearer(_ role: Role) -> HTTPFields { [.authorization: "Bearer \(tokens[role] ?? "")"] }

    /// The newest event's commit.
    func newestCommit() throws -> String {
        try #require(try EventLog(HistoryRepository.open(at: repo.path).snapshot()).entries().first).commit.hex
    }

    static let text = "Kosovo\nCluster Munition Ban Policy\nLast updated: 1 March 2017\n\nSummary: Kosovo still cannot join the convention.\n"

    @Test func eachRoleMayDoItsOwnWritesAndGets403ForTheOthers() async throws {
        let commit = try newestCommit()
        try await application().test(.router) { client in
            for role in Role.allCases {
                let day = 10 + (Role.allCases.firstIndex(of: role) ?? 0)
                let post = try await client.execute(uri: "\(kosovo)/revisions", method: .post, headers: bearer(role),
                                                    body: ByteBuffer(string: Self.text.replacingOccurrences(of: "1 March 2017", with: "\(day) March 2017")))
                #expect(post.status == (role.allows(.recorder) ? .created : .forbidden), "\(role) POST revisions: \(post.status)")
                let review = try await client.execute(uri: "/api/reviews/\(commit)", method: .post, headers: bearer(role),
                                                      body: ByteBuffer(string: #"{"verdict": "approved", "note": "checked by \#(role)"}"#))
                #expect(review.status == (role.allows(.reviewer) ? .created : .forbidden), "\(role) POST review: \(review.status)")
                let list = try await client.execute(uri: "/api/users", method: .get, headers: bearer(role))
                #expect(list.status == (role == .admin ? .ok : .forbidden), "\(role) GET users: \(list.status)")
                let answer1 = try await client.execute(uri: "/api/profiles", method: .get, headers: bearer(role))
                #expect(answer1.status == .ok)
            }
            // Nobody signed in: 401 (with the Bearer challenge), for reads too, since people are known.
            for (uri, method) in [("\(kosovo)/revisions", HTTPRequest.Method.post), ("/api/reviews/\(commit)", .post), ("/api/profiles", .get)] {
                let r = try await client.execute(uri: uri, method: method, body: ByteBuffer(string: Self.text))
                #expect(r.status == .unauthorized && r.headers[.wwwAuthenticate] == "Bearer", "\(uri)")
            }
            // Pages send an anonymous visitor to sign in; the sign-in page itself is open.
            let page = try await client.execute(uri: "/reviews/pending", method: .get, headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .seeOther && page.headers[.location] == "/signin?next=%2Freviews%2Fpending")
            // What is not a page (a favicon, an image) is refused, not sent to sign in (which would set a cookie).
            let icon = try await client.execute(uri: "/favicon.ico", method: .get, headers: [.accept: "image/avif,image/webp,*/*"])
            #expect(icon.status == .unauthorized && icon.headers[.setCookie] == nil)
            let answer2 = try await client.execute(uri: "/signin", method: .get)
            #expect(answer2.status == .ok)
            // A revoked token is refused like a wrong one.
            let answer3 = try await client.execute(uri: "/api/profiles", method: .get, headers: [.authorization: "Bearer \(revokedToken)"])
            #expect(answer3.status == .unauthorized)
        }
        // Identity on the commit and on the note.
        let store = try HistoryRepository.open(at: repo.path)
        let entries = try EventLog(store.snapshot()).entries()
        let recorded = entries.filter { $0.author.name == "a-recorder" || $0.author.name == "a-admin" }
        #expect(recorded.count == 2 && recorded.allSatisfy { $0.author.email == "\($0.author.name)@history" })
        let reviewed = try #require(entries.first { $0.commit.hex == commit }).reviews
        #expect(Set(reviewed.map(\.reviewer.name)) == ["a-reviewer", "a-admin"])
        #expect(reviewed.allSatisfy { $0.reviewedAt.seconds == 1_796_000_000 })
    }

    @Test func publicServersLetAnonymousVisitorsReadButNotWrite() async throws {
        try await application(PeopleOptions(usersFile: users.path, isPublic: true)).test(.router) { client in
            let answer4 = try await client.execute(uri: "/api/profiles", method: .get)
            #expect(answer4.status == .ok)
            let answer5 = try await client.execute(uri: "/", method: .get)
            #expect(answer5.status == .ok)
            let answer6 = try await client.execute(uri: "\(kosovo)/revisions", method: .post, body: ByteBuffer(string: Self.text))
            #expect(answer6.status == .unauthorized)
        }
    }

    @Test func theOldTokenFileIsStillOneRecorderAndNoUsersKeepsReadsOpen() async throws {
        let commit = try newestCommit()
        try await application(PeopleOptions(), token: ServedRepo.token).test(.router) { client in
            let answer7 = try await client.execute(uri: "/api/profiles", method: .get)
            #expect(answer7.status == .ok)
            let post = try await client.execute(uri: "\(kosovo)/revisions?author=Ana%20%3Cana@example.org%3E", method: .post,
                                                headers: [.authorization: "Bearer \(ServedRepo.token)"], body: ByteBuffer(string: Self.text))
            #expect(post.status == .created)
            let review = try await client.execute(uri: "/api/reviews/\(commit)", method: .post,
                                                  headers: [.authorization: "Bearer \(ServedRepo.token)"], body: ByteBuffer(string: #"{"verdict": "approved", "note": "x"}"#))
            #expect(review.status == .forbidden)
        }
        #expect(try EventLog(HistoryRepository.open(at: repo.path).snapshot()).entries().first?.author.name == "Ana")
    }

    @Test func wrongTokensFromOneAddressAreLimitedTo429() async throws {
        let people = PeopleOptions(usersFile: users.path, failuresAllowed: 3)
        try await application(people).test(.router) { client in
            for _ in 0..<3 {
                let answer8 = try await client.execute(uri: "/api/profiles", method: .get, headers: [.authorization: "Bearer wrong"])
                #expect(answer8.status == .unauthorized)
            }
            let limited = try await client.execute(uri: "/api/profiles", method: .get, headers: bearer(.reader))
            #expect(limited.status == .tooManyRequests && Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }

    /// Signs in through the form as a browser does; returns the session cookie and the session's CSRF token.
    func signIn(_ client: some TestClientProtocol, _ role: Role) async throws -> (cookie: String, csrf: String) {
        let page = try await client.execute(uri: "/signin?next=/reviews/pending", method: .get)
        let formCookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
        let body = "csrf=\(csrf)&next=%2Freviews%2Fpending&token=\(tokens[role] ?? "")"
        let signedIn = try await client.execute(uri: "/signin", method: .post, headers: [.cookie: formCookie, .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: body))
        #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/reviews/pending")
        let setCookie = try #require(signedIn.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Expires="))
        let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
        let queue = try await client.execute(uri: "/reviews/pending", method: .get, headers: [.cookie: cookie])
        let sessionCSRF = try #require(queue.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
        return (cookie, String(sessionCSRF))
    }

    @Test func aWrongTokenOrAFormMadeElsewhereSignsNobodyIn() async throws {
        try await application().test(.router) { client in
            let page = try await client.execute(uri: "/signin", method: .get)
            let formCookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
            let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
            let form: HTTPFields = [.cookie: formCookie, .contentType: "application/x-www-form-urlencoded"]
            // Opening the page again (another tab) keeps the token, so the first form stays good.
            let again = try await client.execute(uri: "/signin", method: .get, headers: [.cookie: formCookie])
            #expect(again.text.contains("value=\"\(csrf)\"") && again.headers[.setCookie]?.hasPrefix(formCookie) == true)
            let wrong = try await client.execute(uri: "/signin", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)&token=hst_wrong"))
            #expect(wrong.status == .unauthorized && wrong.text.contains("That token is not valid") && wrong.headers[.setCookie]?.contains("history_signin=") == true)
            #expect(wrong.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("history_session=") })
            // The right token without the form's cookie (a form posted from another site): 403.
            let elsewhere = try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                     body: ByteBuffer(string: "csrf=\(csrf)&token=\(tokens[.admin] ?? "")"))
            #expect(elsewhere.status == .forbidden)
            // Only a path on this server may be where sign-in leads.
            #expect(PagesController.localPath("//evil.example/x") == "/" && PagesController.localPath("https://evil.example") == "/")
            #expect(PagesController.localPath("/reviews/pending?profile=laos/*") == "/reviews/pending?profile=laos/*")
            // A browser drops tabs and line breaks from a URL and reads a backslash as a slash; a combining mark
            // after a slash or backslash makes one Character of them, not another kind of slash.
            for elsewhere in ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//\u{301}evil.example",
                              "/\\\u{301}evil.example", "/\u{7F}/evil.example", "/ /evil.example", ""] {
                #expect(PagesController.localPath(elsewhere) == "/", "\(elsewhere.debugDescription)")
            }
            #expect(PagesController.localPath("/") == "/" && PagesController.localPath("/search?q=caf%C3%A9") == "/search?q=caf%C3%A9")
            #expect(PagesController.localPath("/profiles/caf\u{E9}\u{301}") == "/profiles/caf\u{E9}\u{301}")
        }
    }

    @Test func aBrowserSignsInReviewsWithItsCSRFTokenAndTheEventLeavesTheQueue() async throws {
        let commit = try newestCommit()
        try await application().test(.router) { client in
            let (cookie, csrf) = try await signIn(client, .reviewer)
            let queue = try await client.execute(uri: "/reviews/pending", method: .get, headers: [.cookie: cookie])
            #expect(queue.status == .ok && queue.text.contains("/events/\(commit)") && queue.text.contains("Signed in as <strong>a-reviewer</strong>"))
            let page = try await client.execute(uri: "/events/\(commit)", method: .get, headers: [.cookie: cookie])
            #expect(page.text.contains("form class=\"verdict\""))
            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            // Without the CSRF token (a form posted from another site): 403, nothing recorded.
            let forged = try await client.execute(uri: "/events/\(commit)/review", method: .post, headers: form, body: ByteBuffer(string: "verdict=rejected&note=forged"))
            #expect(forged.status == .forbidden)
            let json = try await client.execute(uri: "/api/reviews/\(commit)", method: .post, headers: [.cookie: cookie],
                                                body: ByteBuffer(string: #"{"verdict": "rejected", "note": "forged"}"#))
            #expect(json.status == .forbidden)
            let done = try await client.execute(uri: "/events/\(commit)/review", method: .post, headers: form,
                                                body: ByteBuffer(string: "csrf=\(csrf)&verdict=questioned&note=The+count+looks+off"))
            #expect(done.status == .seeOther && done.headers[.location] == "/events/\(commit)")
            let after = try await client.execute(uri: "/reviews/pending", method: .get, headers: [.cookie: cookie])
            #expect(!after.text.contains("/events/\(commit)"))
            let event = try await client.execute(uri: "/events/\(commit)", method: .get, headers: [.cookie: cookie])
            #expect(event.text.contains("<strong>questioned</strong> by a-reviewer &lt;a-reviewer@history&gt;"))
            // A reader sees the event but no form.
            let (readerCookie, _) = try await signIn(client, .reader)
            let answer9 = try await client.execute(uri: "/events/\(commit)", method: .get, headers: [.cookie: readerCookie])
            #expect(!(answer9.text.contains("form class=\"verdict\"")))
            // Sign-out ends the session on the server: the old cookie no longer signs anyone in.
            let out = try await client.execute(uri: "/signout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(out.status == .seeOther)
            let answer10 = try await client.execute(uri: "/reviews/pending", method: .get, headers: [.cookie: cookie, .accept: "text/html"])
            #expect(answer10.status == .seeOther)
        }
        let reviews = try EventLog(HistoryRepository.open(at: repo.path).snapshot()).entries().first { $0.commit.hex == commit }?.reviews ?? []
        #expect(reviews.map(\.verdict) == [.questioned] && reviews.first?.note == "The count looks off")
    }

    @Test func aSessionExpiresAndARevokedPersonsSessionEnds() async throws {
        // The sessions' clock is the test's: an hour passes when the test says so, however slow the machine.
        let clock = ManualClock()
        let options = ServeOptions(repositoryPath: repo.path, port: 0, people: PeopleOptions(usersFile: users.path, sessionLength: .seconds(3600)),
                                   now: { 1_796_000_000 })
        let router = buildRouter(service: try HistoryService(repositoryPath: repo.path), options: options, sessions: MemoryPersistDriver(clock))
        try await Application(router: router).test(.router) { client in
            let (cookie, _) = try await signIn(client, .reviewer)
            let answer11 = try await client.execute(uri: "/api/profiles", method: .get, headers: [.cookie: cookie])
            #expect(answer11.status == .ok)
            clock.advance(by: .seconds(3599))
            let stillIn = try await client.execute(uri: "/api/profiles", method: .get, headers: [.cookie: cookie])
            #expect(stillIn.status == .ok)
            clock.advance(by: .seconds(2))
            let answer12 = try await client.execute(uri: "/api/profiles", method: .get, headers: [.cookie: cookie])
            #expect(answer12.status == .unauthorized)
        }
        try await application().test(.router) { client in
            let (cookie, _) = try await signIn(client, .reader)
            let answer13 = try await client.execute(uri: "/api/profiles", method: .get, headers: [.cookie: cookie])
            #expect(answer13.status == .ok)
            try users.revoke("a-reader", at: Timestamp(seconds: 1_796_000_002))
            let answer14 = try await client.execute(uri: "/api/profiles", method: .get, headers: [.cookie: cookie])
            #expect(answer14.status == .unauthorized)
        }
    }

    @Test func aTrustedProxysHeaderNamesThePersonAndAnyoneElsesIsIgnored() async throws {
        let people = PeopleOptions(usersFile: users.path, proxyHeader: "X-Remote-User", trustedProxies: ["127.0.0.1"])
        try await application(people).test(.live) { client in
            let proxied = try await client.execute(uri: "/api/users", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "a-admin"])
            #expect(proxied.status == .ok)
            let unknown = try await client.execute(uri: "/api/profiles", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "mallory"])
            #expect(unknown.status == .forbidden)
        }
        let untrusted = PeopleOptions(usersFile: users.path, proxyHeader: "X-Remote-User", trustedProxies: ["10.9.9.9"])
        try await application(untrusted).test(.live) { client in
            let r = try await client.execute(uri: "/api/users", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "a-admin"])
            #expect(r.status == .unauthorized)
        }
    }
}


/// A clock that moves only when a test moves it.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }
    private let current = Mutex(Instant(offset: .zero))
    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }
    func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while now < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }
}
