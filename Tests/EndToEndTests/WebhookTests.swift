import Crypto
import Foundation
import Testing
import TestSupport

/// A real HTTP receiver on a free loopback port — `scripts/webhook-receiver`, the Python receiver the README
/// describes, in a process of its own: it checks each signature with the secret, logs every request as a
/// JSON line and answers each with the next status of its script (then 200), `Retry-After: 1` with a 429.
struct Receiver: Sendable {
    struct Received: Sendable {
        let status: Int
        let signed: Bool?
        let duplicate: Bool
        let headers: [String: String]
        let body: [UInt8]
    }

    let server: ScriptServer

    init(answering statuses: [Int] = [], secretFile: String? = nil) throws {
        server = try ScriptServer("webhook-receiver") { folder in
            ["--log", folder + "/log", "--answer", statuses.map(String.init).joined(separator: ",")]
                + (secretFile.map { ["--secret-file", $0] } ?? [])
        }
    }

    func url(_ path: String = "/hook") -> String { "http://127.0.0.1:\(server.port)\(path)" }

    var requests: [Received] {
        server.logged().compactMap { object in
            guard let body = (object["body"] as? String).flatMap({ Data(base64Encoded: $0) }) else { return nil }
            return Received(status: object["status"] as? Int ?? 0, signed: object["signed"] as? Bool, duplicate: object["duplicate"] as? Bool ?? false,
                            headers: object["headers"] as? [String: String] ?? [:], body: Array(body))
        }
    }

    func stop() { server.stop() }
}

/// `history report --post`: signed deliveries, retries, and a checkpoint that moves only after every
/// endpoint answered 2xx.
@Suite struct WebhookTests {
    func repoWithSecret() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        try recordedRepo(into: dir)
        let secret = dir.path + "/secret"
        try "s3cret-for-tests\n".write(toFile: secret, atomically: true, encoding: .utf8)
        return (dir, secret)
    }

    func checkpoint(_ name: String, in dir: TemporaryDirectory) -> String? {
        try? String(contentsOfFile: dir.path + "/.history/refs/history/reports/" + name, encoding: .utf8)
    }

    @Test func aReportIsPostedSignedRetriedAndOnlyThenCheckpointed() throws {
        let (dir, secret) = try repoWithSecret()
        let receiver = try Receiver(answering: [500, 429], secretFile: secret)
        defer { receiver.stop() }
        let run = try history(["report", "--since-last", "hook", "--post", receiver.url(), "--secret-file", secret], in: dir.path)
        #expect(run.status == 0 && run.stdout.isEmpty)
        #expect(run.stderr.contains("answered 500") && run.stderr.contains("answered 429"))
        #expect(run.stderr.hasSuffix("posted the report (31 events) to \(receiver.url()) (200)\n"))
        let requests = receiver.requests
        #expect(requests.count == 3)
        #expect(requests.map(\.status) == [500, 429, 200])
        for request in requests {
            // Checked by the receiver with Python's hmac, and here with swift-crypto.
            let code = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Array("s3cret-for-tests".utf8)))
            #expect(request.signed == true)
            #expect(request.headers["x-history-signature"] == "sha256=" + code.map { String(format: "%02x", $0) }.joined())
            #expect(request.headers["content-type"] == "application/json; charset=utf-8")
            #expect(request.headers["x-history-event"] == "report")
        }
        #expect(Set(requests.map { $0.headers["x-history-delivery"] ?? "" }).count == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(requests[2].body)) as? [String: Any])
        #expect(document["schema"] as? String == "history.report.v1")
        #expect(checkpoint("hook", in: dir) != nil)
        // Nothing new: nothing posted, exit 0.
        let again = try history(["report", "--since-last", "hook", "--post", receiver.url(), "--secret-file", secret], in: dir.path)
        #expect(again.status == 0 && receiver.requests.count == 3)
    }

    @Test func anEndpointThatKeepsFailingLeavesTheCheckpointWhereItWas() throws {
        let good = try Receiver()
        let bad = try Receiver(answering: [503, 503, 503, 503])
        defer { good.stop(); bad.stop() }
        let (dir, _) = try repoWithSecret()
        let run = try history(["report", "--since-last", "hook", "--post", good.url(), "--post", bad.url()], in: dir.path)
        #expect(run.status == 69)
        let last = run.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("history: the webhook \(bad.url()) answered 503 Service Unavailable after 4 tries (delivered to \(good.url()) first"))
        #expect(last.hasSuffix("the checkpoint was not moved; the next run posts the same report again"))
        #expect(bad.requests.count == 4 && good.requests.count == 1)
        #expect(checkpoint("hook", in: dir) == nil)
        // Next run: the same report, with the same delivery id, to both.
        let retry = try history(["report", "--since-last", "hook", "--post", good.url(), "--post", bad.url()], in: dir.path)
        #expect(retry.status == 0 && checkpoint("hook", in: dir) != nil)
        #expect(good.requests.count == 2 && good.requests[0].headers["x-history-delivery"] == good.requests[1].headers["x-history-delivery"])
        // The receiver knows the second one for a repeat by its delivery id.
        #expect(good.requests[1].duplicate)
        #expect(good.requests[0].body == good.requests[1].body)
    }

    @Test func aClientErrorIsNotRetriedAndArgumentsAreChecked() throws {
        let gone = try Receiver(answering: [410])
        defer { gone.stop() }
        let (dir, secret) = try repoWithSecret()
        let run = try history(["report", "--since", "2000", "--post", gone.url()], in: dir.path)
        #expect(run.status == 69 && gone.requests.count == 1 && run.stderr.contains("answered 410 Gone (not retried"))
        let notHTTP = try history(["report", "--since", "2000", "--post", "ftp://example.org/x"], in: dir.path)
        #expect(notHTTP.status == 64 && notHTTP.stderr.hasPrefix("history: --post 'ftp://example.org/x' is not an http or https URL"))
        let lonely = try history(["report", "--since", "2000", "--secret-file", secret], in: dir.path)
        #expect(lonely.status == 64)
        let markdown = try history(["report", "--since", "2000", "--post", gone.url(), "--format", "markdown"], in: dir.path)
        #expect(markdown.status == 64)
        let missing = try history(["report", "--since", "2000", "--post", gone.url(), "--secret-file", dir.path + "/nope"], in: dir.path)
        #expect(missing.status == 64 && missing.stderr.hasPrefix("history: cannot read the secret file"))
    }

    @Test func slackFormatIsAChatMessage() throws {
        let chat = try Receiver()
        defer { chat.stop() }
        let (dir, _) = try repoWithSecret()
        let run = try history(["report", "--since", "2000", "--post", chat.url(), "--format", "slack", "--profile", "kosovo/*"], in: dir.path)
        #expect(run.status == 0)
        let posted = try #require(chat.requests.first)
        let message = try #require(try JSONSerialization.jsonObject(with: Data(posted.body)) as? [String: Any])
        let text = try #require(message["text"] as? String)
        #expect(message.count == 1 && text.hasPrefix("*history*: 8 events in 2 profiles"))
        #expect(text.contains("*kosovo/cluster-munition-ban-policy*") && text.contains("recognized by … states: 108 states → 110 states"))
    }
}
