import Foundation
import Testing
import TestSupport
@testable import ProfileModel

@Suite struct InputTests {
    @Test func crlfBomAndDecomposedUnicodeGiveTheSameProfile() throws {
        let plain = "Title\nLast updated: 05 July 2016\n\nPolicy\n\nThe Lao People’s Democratic Republic signed in Oslo. Caf\u{E9}.\n"
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array(plain.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "\u{E9}", with: "e\u{301}").utf8)
        #expect(try ProfileText.normalize(bytes) == plain)
        #expect(try ProfileParser.parse(bytes) == ProfileParser.parse(Array(plain.utf8)))
    }

    @Test func invalidUTF8NamesTheLine() {
        let bytes = Array("Title\nLast updated: 2016-07-05\n\nOK\n".utf8) + [0xC3, 0x28] + Array(" bad\n".utf8)
        #expect(throws: ProfileParseError.notUTF8(line: 5)) { try ProfileParser.parse(bytes) }
    }

    @Test func binaryAndEmptyInputAreTypedErrors() {
        #expect(throws: ProfileParseError.binary(line: 2)) { try ProfileParser.parse(Array("a\nb\u{0}c\n".utf8)) }
        #expect(throws: ProfileParseError.empty) { try ProfileParser.parse([]) }
        #expect(throws: ProfileParseError.empty) { try ProfileParser.parse(Array(" \n\t\n\r\n".utf8)) }
    }

    /// Seeded random bytes and random mixes of profile-like fragments: a value or a typed error, never a crash.
    @Test func neverCrashesOnArbitraryInput() {
        var rng = SplitMix64(seed: 20_261_129)
        let fragments = ["[1]", "[ 2 ]", "“", "”", "\"", ".", "Last updated: ", "Summary:", "\n", "\n\n", "1,765 ", "164th ",
                         "June 2014", "1998–1999", "No. ", "U.S. ", " said ", "Policy", "é", "\u{301}", "\r\n", "—", "[", "]"]
        for round in 0..<3_000 {
            var bytes: [UInt8] = []
            if round % 2 == 0 {
                for _ in 0..<Int(rng.next() % 200) { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            } else {
                for _ in 0..<Int(rng.next() % 60) { bytes += Array(fragments[Int(rng.next() % UInt64(fragments.count))].utf8) }
            }
            do {
                _ = try ProfileParser.parse(bytes)
            } catch {
                if let line = error.line { #expect(line >= 1) }
            }
        }
    }

    /// Canonical text, as its definition says: every kind of line break (CR LF once) becomes LF, each line
    /// loses its trailing spaces and tabs, trailing empty lines go, and the text ends with one newline (or is
    /// empty). Checked on seeded mixes of breaks, blanks and letters, canonical or not, so that the shortcut
    /// for texts already canonical and the rewriting loop both meet it.
    @Test func normalisingMeetsItsDefinition() {
        func reference(_ text: String) -> String {
            var lines: [String] = [], line = ""
            var scalars = Array(text.unicodeScalars)[...]
            while let c = scalars.popFirst() {
                switch c {
                case "\r": if scalars.first == "\n" { scalars.removeFirst() }; fallthrough
                case "\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": lines.append(line); line = ""
                default: line.unicodeScalars.append(c)
                }
            }
            lines.append(line)
            lines = lines.map { l in var l = l; while l.hasSuffix(" ") || l.hasSuffix("\t") { l.removeLast() }; return l }
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        }
        var rng = SplitMix64(seed: 20_261_201)
        let pieces = ["a", "b", "é", "—", " ", "\t", "\n", "\n", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{80}"]
        var shortcuts = 0
        for round in 0..<5_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 24) {
                // Half the rounds use letters, spaces and LF alone, so that many texts are canonical already.
                let choices = round % 2 == 0 ? 8 : pieces.count
                text += pieces[Int(rng.next() % UInt64(choices))]
            }
            if round % 4 == 0 { text += "\n" }
            let result = ProfileText.normalize(text)
            #expect(Array(result.utf8) == Array(reference(text).utf8), "\(Array(text.unicodeScalars))")
            if ProfileText.isCanonical(text) { shortcuts += 1 }
        }
        #expect(shortcuts > 100)
    }

    @Test func parsesEveryRevisionInRepo() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Repo")
        let files = FileManager.default.enumerator(atPath: repo.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".txt") } ?? []
        #expect(files.count >= 24)
        for file in files {
            let p = try ProfileParser.parse(Array(try Data(contentsOf: repo.appendingPathComponent(file))))
            let name = (file as NSString).lastPathComponent
            #expect(p.lastUpdated.map { name.hasPrefix($0.description) } == true, "\(file)")
            #expect(p.title != nil && !p.sections.isEmpty && !p.summary.isEmpty, "\(file)")
            #expect(p.allSentences.allSatisfy { !$0.text.contains("[") }, "\(file)")
        }
    }
}
