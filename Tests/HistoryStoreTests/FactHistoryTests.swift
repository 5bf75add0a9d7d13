import Foundation
import Testing
import TestSupport
import HistoryModel
import HistoryStore
import ProfileModel
import Rendering
import SemanticDiff

/// `history facts` in-process, on the shared repository of Repo/.
@Suite struct FactHistoryTests {
    let store: HistoryRepository

    init() throws { store = try SharedRepo.shared.open() }

    func values(_ series: FactSeries) -> [String] { series.points.map { "\($0.lastUpdated) \($0.value?.text ?? "-")" } }

    /// Kosovo's recognition count moves from the body (2011, 2012) into a footnote (2014, 2016): one series.
    @Test func aCountThatMovedIntoAFootnoteIsOneSeries() throws {
        let kosovo = try ProfileID("kosovo/cluster-munition-ban-policy")
        let all = try FactHistory(store.snapshot()).series(FactQuery(profiles: .some([kosovo]), subject: "states"))
        #expect(all.count == 1)
        let series = try #require(all.first)
        #expect(series.subject == "recognized by … states" && series.unit == "states" && series.kind == .quantity)
        #expect(values(series) == ["2011-09-08 77 states", "2012-08-20 91 states", "2014-07-30 108 states", "2016-07-05 110 states"])
        #expect(series.points.allSatisfy { $0.event == .revision && !$0.isCorrection })
    }

    @Test func fromAndToKeepTheSeriesThatChangedWithTheValueInEffectBefore() throws {
        let kosovo = try ProfileID("kosovo/cluster-munition-ban-policy")
        let query = FactQuery(profiles: .some([kosovo]), subject: "states", from: try DateArgument("2014", option: "--from"),
                              to: try DateArgument("2015", option: "--to"))
        let series = try FactHistory(store.snapshot()).series(query)
        #expect(series.map(values) == [["2012-08-20 91 states", "2014-07-30 108 states"]])
        let quiet = FactQuery(profiles: .some([kosovo]), subject: "states", from: try DateArgument("2017", option: "--from"))
        #expect(try FactHistory(store.snapshot()).series(quiet).isEmpty)
    }

    /// The corrected Lebanon revision: the value its correction set is flagged as one.
    @Test func aValueSetByACorrectionSaysSo() throws {
        let lebanon = try ProfileID("lebanon/cluster-munition-ban-policy")
        let series = try FactHistory(store.snapshot()).series(FactQuery(profiles: .some([lebanon])))
        let corrected = series.flatMap(\.points).filter(\.isCorrection)
        #expect(!corrected.isEmpty && corrected.allSatisfy { $0.lastUpdated == day("2013-08-01") })
        #expect(series.contains { s in s.points.contains { $0.value?.text == "161,000 submunitions" || $0.value?.text.contains("161,000") == true } })
    }

    @Test func allProfilesOrAGlobAndUnknownOnesAreNamed() throws {
        var seen: [String] = []
        try FactHistory(store.snapshot()).series(FactQuery(profiles: .all(glob: "laos/*"))) { profile, _ in seen.append(profile.description) }
        #expect(seen == ["laos/cluster-munition-ban-policy", "laos/mine-ban-policy"])
        var every = 0
        try FactHistory(store.snapshot()).series(FactQuery(profiles: .all(glob: nil))) { _, _ in every += 1 }
        #expect(every == 8)
        #expect(throws: HistoryError.self) {
            try FactHistory(store.snapshot()).series(FactQuery(profiles: .some([try ProfileID("atlantis/mine-ban-policy")])))
        }
    }

    /// A fact no longer stated ends its series with a point without a value.
    @Test func aFactThatIsDroppedEndsItsSeries() throws {
        let old = try ProfileParser.parse(text: "T\nLast updated: 1 May 2015\n\nPolicy\n\nIt destroyed 1,200 mines in 2014. It said nothing else.\n")
        let new = try ProfileParser.parse(text: "T\nLast updated: 1 May 2016\n\nPolicy\n\nIt destroyed its mines. It said nothing else.\n")
        let tracked = FactTracker.track([old, new])
        let mines = try #require(tracked.first { $0.unit == "mines" })
        #expect(mines.points.map(\.revision) == [0, 1] && mines.points.last?.value == nil)
    }

    @Test func csvQuotesWhatNeedsQuoting() throws {
        let kosovo = try ProfileID("kosovo/cluster-munition-ban-policy")
        let series = try FactHistory(store.snapshot()).series(FactQuery(profiles: .some([kosovo])))
        let csv = FactsRendering.csvHeader + FactsRendering.csv(series)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "profile,subject,unit,kind,last_updated,commit,event,correction,value,text")
        #expect(lines.contains { $0.hasPrefix("kosovo/cluster-munition-ban-policy,recognized by … states,states,quantity,2016-07-05,") && $0.hasSuffix(",revision,false,110,110 states") })
        let odd = FactSeries(profile: kosovo, subject: "said, \"in part\"", unit: "", kind: .text,
                             points: [FactPoint(lastUpdated: day("2016-07-05"), commit: Sample.commit("x"), event: nil, value: nil)])
        #expect(FactsRendering.csv([odd]).contains(",\"said, \"\"in part\"\"\",,text,2016-07-05,"))
    }
}
