import HistoryModel
import Foundation
import ProfileModel
import Rendering
import SemanticDiff
import TestSupport

/// A small profile in the Monitor's shape, written for these tests (Freedonia is not a real country),
/// and helpers to compare edited copies of it.
enum Fixture {
    static let base = """
        Freedonia
        Cluster Munition Ban Policy
        Last updated: 12 August 2015

        Summary: Freedonia is a State Party to the Convention on Cluster Munitions. It has destroyed its stockpile.

        Policy

        Freedonia signed the convention on 3 December 2008 and ratified it on 16 June 2011, becoming the 57th State Party.[1] As of August 2015, the convention had 98 States Parties. In May 2015, a defense ministry spokesperson said that “Freedonia will never again use these weapons.”

        Freedonia has attended every Meeting of States Parties. It has not made a declaration under Article 21.

        Stockpiling

        Freedonia destroyed 1,765 cluster munitions holding 295,000 submunitions in 2013.[2] It retains no munitions for training.

        [1] Letter from the Ministry of Foreign Affairs to the UN Secretary-General, 16 June 2011.
        [2] Statement to the Fifth Meeting of States Parties, San José, 2–5 September 2014.

        """

    static func parse(_ text: String) throws -> Profile { try ProfileParser.parse(text: text) }

    /// `base` with each `(old, new)` replacement applied once; fails loudly if a piece is missing.
    static func edited(_ replacements: [(String, String)], in text: String = base) throws -> String {
        var result = text
        for (old, new) in replacements {
            guard let range = result.range(of: old) else { throw FixtureError.missing(old) }
            result.replaceSubrange(range, with: new)
        }
        return result
    }

    enum FixtureError: Error { case missing(String) }

    static func diff(_ old: String, _ new: String, limits: DiffLimits = .standard) throws -> DocumentDiff {
        DocumentDiff.compare(try parse(old), try parse(new), limits: limits)
    }

    /// A comparison with made-up revision metadata, for rendering without a repository.
    static func comparison(_ diff: DocumentDiff, profile: String = "freedonia/cluster-munition-ban-policy",
                           from: String = "2015-08-12", to: String = "2016-06-30") -> ProfileComparison {
        ProfileComparison(profile: Sample.profile(profile), axis: .effective,
                          from: .init(date: .day(Sample.day(from)), revision: .init(lastUpdated: Sample.day(from), commit: Sample.commit("fixture-\(from)"))),
                          to: .init(date: .day(Sample.day(to)), revision: .init(lastUpdated: Sample.day(to), commit: Sample.commit("fixture-\(to)"))),
                          revisionsBetween: [], diff: diff)
    }

    /// Every revision file of Repo/, grouped by profile, in date order (corrected texts after their originals).
    static func repoRevisions() throws -> [(profile: String, files: [URL])] {
        let repo = Golden.packageRoot.appendingPathComponent("Repo")
        var result: [(String, [URL])] = []
        let fm = FileManager.default
        for area in try fm.contentsOfDirectory(atPath: repo.path).sorted() where !area.hasSuffix(".md") {
            for topic in try fm.contentsOfDirectory(atPath: repo.appendingPathComponent(area).path).sorted() {
                let folder = repo.appendingPathComponent(area).appendingPathComponent(topic)
                let files = try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
                result.append(("\(area)/\(topic)", files.map { folder.appendingPathComponent($0) }))
            }
        }
        return result
    }

    static func read(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    /// Every (older, newer) pair of revisions of each Repo profile, and every revision against itself.
    static func repoPairs() throws -> [(name: String, old: String, new: String)] {
        var pairs: [(String, String, String)] = []
        for (profile, files) in try repoRevisions() {
            for (i, a) in files.enumerated() {
                for b in files[i...] {
                    pairs.append(("\(profile) \(a.lastPathComponent) → \(b.lastPathComponent)", try read(a), try read(b)))
                }
            }
        }
        return pairs
    }
}
