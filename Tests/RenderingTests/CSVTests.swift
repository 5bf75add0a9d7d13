import HistoryModel
import Testing

/// Every CSV history prints (`facts --format csv`, `export --csv`) quotes as RFC 4180 says, whatever
/// Unicode groups the characters that need it into one `Character`.
@Suite struct CSVTests {
    @Test func fieldsWithLineBreaksCommasOrQuotesAreQuoted() {
        #expect(CSV.field("plain text") == "plain text")
        #expect(CSV.field("a, b") == "\"a, b\"")
        #expect(CSV.field("say \"no\"") == "\"say \"\"no\"\"\"")
        // CR LF is one Character, neither "\r" nor "\n".
        #expect(CSV.field("first line\r\nsecond line") == "\"first line\r\nsecond line\"")
        #expect(CSV.field("line\nbreak") == "\"line\nbreak\"")
        // A comma or quote followed by a combining mark is one Character too.
        #expect(CSV.field("a,\u{301}b") == "\"a,\u{301}b\"")
        #expect(CSV.field("\"\u{301}") == "\"\"\"\u{301}\"")
        #expect(CSV.row(["1", "x,y", "é"]) == "1,\"x,y\",é\n")
    }
}
