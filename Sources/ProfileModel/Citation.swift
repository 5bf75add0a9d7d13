/// Source references in footnotes: `“Title,” Publisher, 19 August 2007.`, `Statement of Lebanon, Fourth
/// Meeting of States Parties, Lusaka, 11 September 2013.` — parts separated by commas, ending with a date.
/// Their quoted titles are not quotes, their parts may be reordered cosmetically, and a footnote made only
/// of them names a source rather than saying something new.
public enum Citation {
    public static func isCitation(_ text: String) -> Bool {
        var body = Substring(text)
        while let last = body.last, last == "." || last == " " { body = body.dropLast() }
        guard body.filter({ $0 == "," }).count >= 2 else { return false }
        // Ends with a year: "2007", "11 September 2013", "p. 12" after a year does not count.
        let tail = body.suffix(4)
        guard tail.count == 4, tail.allSatisfy(\.isNumber), let year = Int(tail) else { return false }
        return (1900...2100).contains(year)
    }
}
