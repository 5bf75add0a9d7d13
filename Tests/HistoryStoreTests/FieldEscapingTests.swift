import Testing
@testable import HistoryStore

/// The event, fetch-state and semantic index files are tab-separated lines: a field's tabs, line breaks
/// and backslashes are escaped, and must come back as they were.
@Suite struct FieldEscapingTests {
    @Test(arguments: ["plain", "a\tb", "a\nb", "a\r\nb", "a\rb", "back\\slash", "\r\n", "é\r\nü\t\\", "\t\u{301}", "\\\u{301}n", "trailing\\"])
    func everyTabAndLineBreakIsEscapedAndComesBack(field: String) {
        let escaped = EventIndex.escape(field)
        #expect(!escaped.utf8.contains { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }, "\(field.debugDescription) → \(escaped.debugDescription)")
        #expect(Array(EventIndex.unescape(Substring(escaped)).utf8) == Array(field.utf8))
    }
}
