import Foundation
@testable import ProfileModel
import Testing
@testable import SemanticDiff

/// Word tokens are cut on Unicode scalars when that cannot differ from cutting on `Character`s.
@Suite struct WordTokenTests {
    @Test func scalarTokensAreCharacterTokens() throws {
        var texts = try PropertyTests.allRevisions().flatMap { try Fixture.parse($0.text).allSentences.map(\.text) }
        texts += ["It’s 1,765 mines — “cleared” in 2010–2011; pre-war, ½ done.", "Café naïve São Tomé: 3.5 km²",
                  "Combining: Cafe\u{301} and e\u{301}te\u{301}", "Emoji 👍🏽 and flags 🇱🇧, CR\r\nLF", "Arabic لبنان 12 and Hangul 한국"]
        for text in texts {
            #expect(WordDiff.tokens(text) == WordDiff.characterTokens(text), "\(text)")
        }
        #expect(texts.count > 250)
    }
}

@Suite struct ParserLineTests {
    @Test func linesAndBlanksAreCutAsCharactersWouldBe() {
        for line in ["  plain  ", "\t tabbed\t", "", "   ", "x", " \u{301}mark after a blank ", "é ", " 한국 "] {
            #expect(ProfileParser.trimmedBlanks(line) == line.trimmingCharacters(in: " \t"), "\(line)")
        }
        #expect(ProfileParser.lines(of: "a\n\nb é\n") == ["a", "", "b é", ""])
    }
}
