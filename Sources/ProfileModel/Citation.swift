/// Source references in footnotes: `“Title,” Publisher, 19 August 2007.`, `Statement of Lebanon, Fourth
/// Meeting of States Parties, Lusaka, 11 September 2013.` — parts separated by commas, ending with a date,
/// and no clause of their own. Their quoted titles are not quotes, their parts may be reordered
/// cosmetically, and a footnote made only of them names a source rather than saying something new.
public enum Citation {
    public static func isCitation(_ text: String) -> Bool {
        var body = Substring(text)
        while let last = body.last, last == "." || last == " " { body = body.dropLast() }
        // Ends with a year: "2007", "11 September 2013". Checked first: most sentences do not, and it is cheap.
        let tail = body.suffix(4)
        guard tail.count == 4, tail.allSatisfy(\.isNumber), let year = Int(tail), (1900...2100).contains(year) else { return false }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        // "Email from the national authority, 12 May 2021.": correspondence or a report needs only its source and date.
        let opener = parts.first.map { $0.drop(while: { $0 == " " }).lowercased() } ?? ""
        let correspondence = correspondenceOpeners.contains { opener.hasPrefix($0) }
        guard parts.count >= 3 || (parts.count == 2 && correspondence) else { return false }
        // A statement has a verb: "The army destroyed 1,200 mines, most of them PMN-2s, in 2012." A citation's
        // only verbs are participles opening a part ("…, dated 2 June 2011", "…, submitted 30 April 2011").
        for (p, part) in parts.enumerated() {
            let words = part.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" })
            for (w, word) in words.enumerated() {
                let lower = word.lowercased()
                if auxiliaries.contains(lower) { return false }
                let opensPart = w == 0 && p > 0
                // "data provided by PAICMA", "figures compiled by the authority": a participle naming who did
                // it is no clause of its own.
                let namesItsAgent = w + 1 < words.count && words[w + 1].lowercased() == "by"
                if !opensPart, !namesItsAgent, word.first?.isLowercase == true, lower.count >= 4, lower.hasSuffix("ed"), !lower.hasSuffix("eed") {
                    return false
                }
            }
        }
        return true
    }

    /// How a footnote names a letter, an email, an interview or a report the Monitor drew on (or its own
    /// analysis of someone's data): such a reference needs only its source and date ("Report of the national
    /// mine action center, 2019.").
    static let correspondenceOpeners = ["email from ", "email to ", "e-mail from ", "letter from ", "letter to ",
                                        "interview with ", "interviews with ", "telephone interview with ", "meeting with ",
                                        "monitor analysis of ",
                                        "response to monitor questionnaire", "responses to monitor questionnaire",
                                        "statement by ", "statement of ", "report of ", "report by ", "presentation by ",
                                        "press release"]

    static let auxiliaries: Set<String> = ["is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
                                           "did", "does", "do", "says", "said"]
}
