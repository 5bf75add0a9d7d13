import Foundation
@testable import HistoryServer
import HistoryModel
import HistoryStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The entries of a feed, as text.
func entries(_ text: String) -> [String] {
    text.components(separatedBy: "<entry>").dropFirst().map { $0.components(separatedBy: "</entry>")[0] }
}

/// The Atom feeds: every event, an area's, a profile's; filters; ETag and 304; links from the pages.
@Suite struct FeedTests {
    let repo: ServedRepo
    init() throws { repo = try ServedRepo() }


    @Test func feedsListEventsNewestFirstWithStableIdsAndLinks() async throws {
        try await repo.application().test(.router) { client in
            var everything: [String] = []
            try await client.execute(uri: "/feed.atom", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "application/atom+xml; charset=utf-8")
                #expect(r.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
                everything = entries(r.text)
                // Repo/ records 31 events; a feed shows every one (fewer than its 50).
                #expect(everything.count == 31)
                // Newest first, as `log` lists them: the back-fills and the correction were recorded last.
                #expect(everything.first?.contains("<category term=\"backfill\"/>") == true)
                #expect(everything.first?.contains("laos/mine-ban-policy: ") == true)
                #expect(everything[1].contains("<category term=\"correction\"/>"))
            }
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy/feed.atom", method: .get) { r in
                let kosovo = entries(r.text)
                #expect(kosovo.count == 4 && kosovo.allSatisfy { $0.contains("kosovo/cluster-munition-ban-policy: ") })
                #expect(kosovo.first?.contains("href=\"/profiles/kosovo/cluster-munition-ban-policy/diff?from=2014-07-30&amp;to=2016-07-05\"") == true)
                // The major change, its words marked, escaped once for HTML and once for XML.
                #expect(kosovo.first?.contains("recognized by … states: 108 states → 110 states") == true)
                #expect(kosovo.first?.contains("&lt;ins&gt;") == true)
                // Ids are the commits': the same event has the same id in every feed.
                let ids = kosovo.compactMap { $0.components(separatedBy: "<id>").dropFirst().first?.components(separatedBy: "</id>").first }
                #expect(ids.count == 4 && ids.allSatisfy { id in everything.contains { $0.contains("<id>\(id)</id>") } })
            }
            try await client.execute(uri: "/profiles/kosovo/feed.atom", method: .get) { r in
                #expect(r.status == .ok && entries(r.text).count == 8 && !r.text.contains("laos/"))
            }
            try await client.execute(uri: "/feed.atom?profile=*/mine-ban-policy&profile=laos/*", method: .get) { r in
                let picked = entries(r.text)
                #expect(!picked.isEmpty && picked.allSatisfy { $0.contains("/mine-ban-policy: ") || $0.contains("laos/") })
            }
            try await client.execute(uri: "/feed.atom?min=major", method: .get) { r in
                let major = entries(r.text)
                #expect(major.count < 31 && major.allSatisfy { $0.contains(" major") || $0.contains("correction") })
            }
            try await client.execute(uri: "/feed.atom?min=huge", method: .get) { r in #expect(r.status == .badRequest) }
            try await client.execute(uri: "/profiles/Kosovo!/feed.atom", method: .get) { r in #expect(r.status == .badRequest) }
        }
    }

    @Test func anUnchangedFeedAnswers304ToItsETag() async throws {
        try await repo.application().test(.router) { client in
            let etag = try await client.execute(uri: "/feed.atom", method: .get) { r in r.headers[.eTag] }
            let tag = try #require(etag)
            try await client.execute(uri: "/feed.atom", method: .get, headers: [.ifNoneMatch: tag]) { r in
                #expect(r.status == .notModified && r.body.readableBytes == 0 && r.headers[.eTag] == tag)
            }
            try await client.execute(uri: "/feed.atom", method: .get, headers: [.ifNoneMatch: "W/\(tag)"]) { r in #expect(r.status == .notModified) }
            // Another feed, or the same one filtered, is another document.
            try await client.execute(uri: "/feed.atom?min=major", method: .get, headers: [.ifNoneMatch: tag]) { r in #expect(r.status == .ok) }
            // A verdict changes what the feed shows, so its tag too: no stale 304, and the entry says who reviewed.
            let store = try HistoryRepository.open(at: repo.path)
            let newest = try #require(try EventLog(store.snapshot()).entries().first).commit
            try Reviews(store).record(Review(verdict: .approved, reviewer: Person(name: "Ada", email: "ada@example.org"),
                                             reviewedAt: Timestamp(seconds: 1_796_500_000), note: "matches the print"), of: newest)
            try await client.execute(uri: "/feed.atom", method: .get, headers: [.ifNoneMatch: tag]) { r in
                #expect(r.status == .ok && r.headers[.eTag] != tag)
                let first = entries(r.text).first ?? ""
                #expect(first.contains("Reviewed approved by Ada &amp;lt;ada@example.org&amp;gt;"), "\(first)")
                #expect(first.contains("<updated>2026-12-05T19:46:40Z</updated>"), "\(first)")
            }
        }
    }

    @Test func pagesAnnounceTheirFeeds() async throws {
        try await repo.application().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.text.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Profiles — recorded events\" href=\"/feed.atom\">"))
            }
            try await client.execute(uri: "/profiles/kosovo/cluster-munition-ban-policy", method: .get) { r in
                #expect(r.text.contains("href=\"/profiles/kosovo/cluster-munition-ban-policy/feed.atom\">"))
            }
        }
    }
}
