/// How the Monitor writes money: a sign or an ISO code before an amount ("US$17.6 million", "CHF 82.5
/// million") or a name after it ("82.5 million Swiss francs"). Each names one currency by its code, so the
/// facts of an amount (`FactExtractor`) and the normal form of a sentence (`Cosmetic`) agree on it.
public enum Currency {
    /// Signs, by code. "US$" is "$": every amount the Monitor gives without a currency is in US dollars.
    public static let signs: [Unicode.Scalar: String] = ["$": "USD", "€": "EUR", "£": "GBP"]

    /// Codes as written before an amount.
    public static let codes: Set<String> = ["USD", "EUR", "GBP", "CHF", "NOK", "SEK", "DKK", "JPY", "AUD", "CAD", "NZD"]

    /// Names written after an amount, lower-cased words joined by a space, by code.
    static let names: [String: String] = [
        "us dollars": "USD", "swiss francs": "CHF", "euros": "EUR", "euro": "EUR", "norwegian kroner": "NOK",
        "swedish kronor": "SEK", "danish kroner": "DKK", "pounds sterling": "GBP", "yen": "JPY",
        "australian dollars": "AUD", "canadian dollars": "CAD",
    ]

    /// The currency named by the first one or two of `words` (as written), and how many of them name it.
    public static func named<Words: Collection<String>>(_ words: Words) -> (code: String, length: Int)? {
        for length in [2, 1] where words.count >= length {
            if let code = names[words.prefix(length).map { $0.lowercased() }.joined(separator: " ")] { return (code, length) }
        }
        return nil
    }
}
