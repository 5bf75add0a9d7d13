import Crypto
import Foundation
import Testing
import TestSupport

/// `scripts/test-site` in a process of its own on a free loopback port: the pages of a folder (with ETag and
/// 304) and every failure a fetcher meets; each request it got, as a JSON line.
struct TestSite: Sendable {
    let server: ScriptServer
    var port: Int { server.port }
    var pages: String { server.folder + "/pages" }

    init() throws {
        server = try ScriptServer("test-site") { folder in
            try? FileManager.default.createDirectory(atPath: folder + "/pages", withIntermediateDirectories: true)
            return ["--pages", folder + "/pages", "--log", folder + "/log"]
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func put(_ name: String, _ html: String) throws {
        try html.write(toFile: "\(pages)/\(name).html", atomically: true, encoding: .utf8)
    }

    /// The headers of each request for `path`, in order.
    func requests(_ path: String) -> [[String: String]] {
        server.logged().filter { $0["path"] as? String == path }.compactMap { $0["headers"] as? [String: String] }
    }

    func stop() { server.stop() }
}

/// `history sources` and `history fetch` against a real web server.
@Suite struct FetchTests {
    func repo() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        #expect(try history(["init"], in: dir.path).status == 0)
        return dir
    }

    func logJSON(_ dir: TemporaryDirectory) throws -> [[String: Any]] {
        let run = try history(["log", "--format", "json"], in: dir.path)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return document?["entries"] as? [[String: Any]] ?? []
    }

    @Test func aPageIsRecordedOnceAndAChangedParagraphIsOneRevision() throws {
        let site = try TestSite()
        defer { site.stop() }
        try site.put("kosovo", kosovoPage)
        let dir = try repo()
        let kosovo = "kosovo/cluster-munition-ban-policy"
        #expect(try history(["sources", "add", kosovo, site.url("/pages/kosovo")], in: dir.path).status == 0)
        let listed = try history(["sources", "list"], in: dir.path)
        #expect(listed.stdout.hasPrefix("\(kosovo)  \(site.url("/pages/kosovo"))\n    last fetch never fetched"))

        let first = try history(["fetch"], in: dir.path)
        #expect(first.status == 0 && first.stdout.hasPrefix("recorded   \(kosovo)  2016-07-05  "))
        let entry = try #require(try logJSON(dir).first)
        #expect(entry["source"] as? String == site.url("/pages/kosovo"))
        let sha = SHA256.hash(data: Array(kosovoPage.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(entry["sourceSHA256"] as? String == sha)
        // What was recorded is the profile as the Monitor's text has it.
        let shown = try history(["show", kosovo], in: dir.path)
        let expected = try String(contentsOf: packageRoot.appendingPathComponent("Repo/\(kosovo)/2016-07-05.txt"), encoding: .utf8)
        #expect(shown.stdout == expected)
        #expect(site.requests("/pages/kosovo").first?["user-agent"]?.hasPrefix("history/") == true)

        // Unchanged: a conditional request, a 304, nothing recorded.
        let again = try history(["fetch"], in: dir.path)
        #expect(again.status == 0 && again.stdout == "unchanged  \(kosovo)  (304 Not Modified)\n")
        #expect(site.requests("/pages/kosovo").last?["if-none-match"] != nil)
        #expect(try logJSON(dir).count == 1)

        // One paragraph changed (and the date): one revision, whose diff is exactly that.
        try site.put("kosovo", kosovoPage.replacingOccurrences(of: "05 July 2016", with: "01 August 2017")
            .replacingOccurrences(of: "recognized by 110 states", with: "recognized by 114 states"))
        let changed = try history(["fetch"], in: dir.path)
        #expect(changed.status == 0 && changed.stdout.hasPrefix("recorded   \(kosovo)  2017-08-01  "))
        #expect(try logJSON(dir).count == 2)
        let diff = try history(["diff", kosovo, "--from", "2016-07-05", "--to", "2017-08-01", "--format", "json"], in: dir.path)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        let changes = (document["changes"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "")/\($0["significance"] ?? "")" }
        #expect(changes == ["last-updated-changed/minor", "fact-changed/major"])
        #expect(diff.stdout.contains("114 states"))
        let list = try history(["sources", "list"], in: dir.path)
        #expect(list.stdout.contains("recorded revision 2017-08-01 · last change 2017-08-01"))
    }

    /// A page's key-data table (one block per row once fetched) and a bulleted list: a changed cell is a
    /// major fact change, not a section renamed (held-out-19), and an item gone is a statement removed, not
    /// a heading.
    @Test func aChangedCellOrAListItemGoneFromAFetchedPageIsMajor() throws {
        let site = try TestSite()
        defer { site.stop() }
        func page(_ date: String, _ deadline: String, _ operators: [String]) -> String {
            """
            <html><body><main><h1>Lao PDR</h1><h2>Mine Action</h2><p>Last updated: \(date)</p>
            <table><tr><th colspan="2">Treaty status</th></tr>
            <tr><td>Convention on Cluster Munitions</td><td>State Party</td></tr>
            <tr><td>Article 4 deadline</td><td>\(deadline)</td></tr></table>
            <h3>Clearance</h3><p>Operators cleared 33km² in 2017. These were accredited:</p>
            <ul>\(operators.map { "<li>\($0)</li>" }.joined())</ul><h3>Funding</h3><p>Donors gave US$40 million.</p></main></body></html>
            """
        }
        try site.put("laos", page("19 November 2018", "1 August 2020", ["UXO Lao", "HALO Trust", "Mines Advisory Group"]))
        let dir = try repo()
        let laos = "laos/mine-action"
        #expect(try history(["sources", "add", laos, site.url("/pages/laos")], in: dir.path).status == 0)
        #expect(try history(["fetch"], in: dir.path).status == 0)
        // The page changes and is fetched again: the major changes since `from`, and the diff's text.
        func fetched(_ html: String, since from: String, until to: String) throws -> (changes: [String], text: String) {
            try site.put("laos", html)
            #expect(try history(["fetch"], in: dir.path).status == 0)
            let diff = try history(["diff", laos, "--from", from, "--to", to, "--min-significance", "major", "--format", "json"], in: dir.path)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
            let changes = document["changes"] as? [[String: Any]] ?? []
            return (changes.map { "\($0["kind"] ?? "")/\($0["significance"] ?? "")" }, diff.stdout)
        }
        let gone = try fetched(page("01 March 2019", "1 August 2020", ["UXO Lao", "Mines Advisory Group"]), since: "2018-11-19", until: "2019-03-01")
        #expect(gone.changes == ["statement-removed/major"] && gone.text.contains("HALO Trust"))
        let cell = try fetched(page("20 November 2019", "1 August 2025", ["UXO Lao", "Mines Advisory Group"]), since: "2019-03-01", until: "2019-11-20")
        #expect(cell.changes == ["fact-changed/major"] && cell.text.contains("1 August 2025"))
    }

    /// A part of the page that changes on its own (a box of related pages, a view counter) is excluded by
    /// XPath: its changes record nothing, a cron job stays silent. A selector libxml2 cannot read is refused
    /// when the source is added, and the list is left as it was.
    @Test func anExcludedPartOfThePageRecordsNothingWhenItChanges() throws {
        let site = try TestSite()
        defer { site.stop() }
        func page(_ related: String, _ views: Int) -> String {
            "<html><body><main><h1>Angola</h1><h2>Mine Action</h2><p>Last updated: 24 October 2019</p>"
                + "<p>Operators cleared 4.1km² in 2018.</p><aside-box class='related'><h3>Related</h3><ul><li>\(related)</li></ul></aside-box>"
                + "<p class='counter'>Viewed \(views) times</p></main></body></html>"
        }
        try site.put("angola", page("Zambia", 1_234))
        let dir = try repo()
        let angola = "angola/mine-action"
        let refused = try history(["sources", "add", angola, site.url("/pages/angola"), "--exclude", "//div["], in: dir.path)
        #expect(refused.status == 64 && refused.stderr.contains("--exclude '//div[' is not an XPath expression"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try history(["sources", "list"], in: dir.path).stdout.isEmpty)
        #expect(try history(["sources", "add", angola, site.url("/pages/angola"),
                             "--exclude", "//*[@class='related']", "--exclude", "//p[@class='counter']"], in: dir.path).status == 0)
        #expect(try history(["sources", "list"], in: dir.path).stdout.contains("excluding //*[@class='related'] · excluding //p[@class='counter']"))
        #expect(try history(["fetch"], in: dir.path).stdout.hasPrefix("recorded   \(angola)  2019-10-24"))
        #expect(!(try history(["show", angola], in: dir.path).stdout.contains("Zambia")))
        try site.put("angola", page("Namibia", 1_301))
        let again = try history(["fetch"], in: dir.path)
        #expect(again.status == 0 && again.stdout == "unchanged  \(angola)  (same text as recorded for 2019-10-24)\n")
        #expect(try logJSON(dir).count == 1)

        // No longer tracked: its revision stays, the next fetch leaves it alone, and removing it twice is named.
        let removed = try history(["sources", "remove", angola], in: dir.path)
        #expect(removed.status == 0 && removed.stderr.contains("no longer tracking \(angola)"))
        #expect(try history(["sources", "list"], in: dir.path).stdout.isEmpty)
        #expect(try history(["fetch"], in: dir.path).stderr.contains("no sources to fetch"))
        #expect(try history(["show", angola], in: dir.path).status == 0)
        let twice = try history(["sources", "remove", angola], in: dir.path)
        #expect(twice.status != 0 && twice.stderr == "history: no source for \(angola): see `history sources list`\n")
    }

    @Test func eachFailureIsNamedNothingIsRecordedForItAndTheOthersStillRun() throws {
        let site = try TestSite()
        defer { site.stop() }
        try site.put("kosovo", kosovoPage)
        try site.put("undated", kosovoPage.replacingOccurrences(of: "<p class=\"updated\">Last updated: 05 July 2016</p>", with: ""))
        let dir = try repo()
        let sources: [(String, String)] = [
            ("a/missing", "/status/404"), ("b/broken", "/status/500"), ("c/busy", "/flaky/kosovo"),
            ("d/moved", "/redirect/3/kosovo"), ("e/slow", "/slow"), ("f/huge", "/big"), ("g/pdf", "/pdf"),
            ("h/garbled", "/badutf8"), ("i/loop", "/loop"), ("j/undated", "/pages/undated"), ("k/stream", "/bigstream"),
        ]
        for (id, path) in sources { #expect(try history(["sources", "add", id, site.url(path)], in: dir.path).status == 0) }
        let run = try history(["fetch", "--delay", "0", "--timeout", "2"], in: dir.path)
        #expect(run.status == 69)
        let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("history: ") && !$0.contains("trying again") }
        let expected = [
            "history: a/missing: \(site.url("/status/404")) answered 404 Not Found",
            "history: b/broken: \(site.url("/status/500")) answered 500 Internal Server Error after 3 tries",
            "history: e/slow: \(site.url("/slow")) did not answer within 2 s",
            "history: f/huge: \(site.url("/big")) is 20971553 bytes, more than the 10485760 a page may have",
            "history: g/pdf: \(site.url("/pdf")) is not an HTML page (Content-Type: application/pdf)",
            "history: h/garbled: \(site.url("/badutf8")) holds no profile: missing valid UTF-8 text",
            "history: i/loop: \(site.url("/loop")) redirects in a loop",
            "history: j/undated: \(site.url("/pages/undated")) holds no profile: missing a \"Last updated\" line",
            "history: k/stream: \(site.url("/bigstream")) sent more than the 10485760 bytes a page may have",
        ]
        #expect(errors.count == expected.count)
        for (line, prefix) in zip(errors, expected) { #expect(line.hasPrefix(prefix), "\(line)") }
        // The 429 waited its Retry-After and was fetched; the redirect chain was followed.
        #expect(run.stderr.contains("\(site.url("/flaky/kosovo")) answered 429 Too Many Requests; trying again in 1 s"))
        #expect(run.stdout.contains("recorded   c/busy  2016-07-05") && run.stdout.contains("recorded   d/moved  2016-07-05"))
        #expect(Set(try logJSON(dir).compactMap { $0["profile"] as? String }) == ["c/busy", "d/moved"])
        #expect(site.requests("/status/404").count == 1 && site.requests("/status/500").count == 3)
    }
}
