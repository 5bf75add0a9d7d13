import Foundation

/// A synthetic history in the `Repo/` layout: N profiles × 25 yearly revisions (2001–2025), each revision
/// 2–20 KB, with the edits real revisions have (CorpusGenerator). Seeded: the same N and seed write the
/// same bytes. Also writes the same revisions as a `git fast-import` stream, one commit per revision in
/// the order `history import` records them, and two trees holding each profile's text in effect on two
/// dates, for `git diff --word-diff` to compare.
struct Corpus {
    static let topics = ["mine-ban-policy", "cluster-munition-ban-policy", "casualties", "mine-action", "contamination"]
    static let years = 2001...2025

    let profiles: Int
    let seed: UInt64
    let root: String

    var corpusDirectory: String { root + "/corpus" }
    var streamPath: String { root + "/fast-import.stream" }
    var marker: String { root + "/complete" }

    struct Revision {
        let profile: String
        let date: String
        let text: String
    }

    static func profileID(_ i: Int) -> (area: String, topic: String) {
        (String(format: "area-%04d", i / topics.count), topics[i % topics.count])
    }

    /// A phrase only one profile states (a clearance figure of the middle profile's 2016 revision): what
    /// an analyst searching for a remembered statement types.
    func rarePhrase() -> String {
        let text = revisions(of: profiles / 2)[15].text
        if let match = text.firstMatch(of: /operators cleared [0-9,]+ [a-z ]+ in [0-9]+ districts/) { return String(match.output) }
        return "Country \(profiles / 2)"
    }

    /// Every revision of profile `i`, oldest first.
    func revisions(of i: Int) -> [Revision] {
        var generator = CorpusGenerator(seed: seed &+ UInt64(i) &* 0x9E37_79B9)
        let (area, topic) = Self.profileID(i)
        let target = 2_000 + generator.number(0...13_000)
        var draft = generator.profile(name: "Country \(i)", topic: topic, year: Self.years.lowerBound, bytes: target)
        var result: [Revision] = []
        for year in Self.years {
            if year > Self.years.lowerBound { draft = generator.nextRevision(of: draft) }
            let date = String(format: "%04d-%02d-%02d", draft.date.year, draft.date.month, draft.date.day)
            result.append(Revision(profile: "\(area)/\(topic)", date: date, text: draft.text))
        }
        return result
    }

    /// Writes the corpus and the fast-import stream unless a previous run with the same N and seed did.
    func prepare(stateDates: (String, String)) throws {
        if FileManager.default.fileExists(atPath: marker) { return }
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: corpusDirectory, withIntermediateDirectories: true)
        var all: [(date: String, profile: String, path: String)] = []
        var atFirst: [String: String] = [:], atSecond: [String: String] = [:]
        for i in 0..<profiles {
            for revision in revisions(of: i) {
                let folder = "\(corpusDirectory)/\(revision.profile)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let path = "\(folder)/\(revision.date).txt"
                try revision.text.write(toFile: path, atomically: false, encoding: .utf8)
                all.append((revision.date, revision.profile, path))
                if revision.date <= stateDates.0 { atFirst[revision.profile] = path }
                if revision.date <= stateDates.1 { atSecond[revision.profile] = path }
            }
        }
        // The order `history import` records a directory in: date, then profile.
        all.sort { ($0.date, $0.profile) < ($1.date, $1.profile) }
        guard FileManager.default.createFile(atPath: streamPath, contents: nil) else { throw BenchError("cannot create \(streamPath)") }
        guard let stream = FileHandle(forWritingAtPath: streamPath) else { throw BenchError("cannot write \(streamPath)") }
        defer { try? stream.close() }
        func write(_ s: String) { stream.write(Data(s.utf8)) }
        func data(_ bytes: Data) { write("data \(bytes.count)\n"); stream.write(bytes); write("\n") }
        let time = 1_790_000_000
        for (n, item) in all.enumerated() {
            let message = "\(item.profile): revision of \(item.date)\n\nProfile: \(item.profile)\nLast-Updated: \(item.date)\nEvent: revision\n"
            write("commit refs/heads/main\nmark :\(n + 1)\ncommitter history <history@localhost> \(time) +0000\n")
            data(Data(message.utf8))
            if n > 0 { write("from :\(n)\n") }
            write("M 100644 inline profiles/\(item.profile)/\(item.date).txt\n")
            data(try Data(contentsOf: URL(fileURLWithPath: item.path)))
        }
        // The text in effect on each of the two dates, one file per profile, for git diff between them.
        for (ref, state) in [("refs/bench/first", atFirst), ("refs/bench/second", atSecond)] {
            write("commit \(ref)\ncommitter history <history@localhost> \(time) +0000\n")
            data(Data("state\n".utf8))
            for (profile, path) in state.sorted(by: { $0.key < $1.key }) {
                write("M 100644 inline \(profile).txt\n")
                data(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
        try Data().write(to: URL(fileURLWithPath: marker))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
