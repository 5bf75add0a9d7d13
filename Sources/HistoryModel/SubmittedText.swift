import ProfileModel

/// Why a text cannot be recorded, in words a person can act on (the caller names the file or request).
public struct SubmissionProblem: Error, Sendable {
    public let message: String

    public init(message: String) { self.message = message }
}

/// What `history import`, `history fetch` and `POST …/revisions` check of a text before it is recorded:
/// pure work on bytes, here so that the fuzzer drives it without the store.
public enum SubmittedText {
    /// Valid UTF-8 profile text whose date comes from its Last updated line, else `forcedDate` (`--date`),
    /// else the file name — and all that are given agree. Returns the canonical text and its date.
    public static func validate(_ bytes: [UInt8], nameDate: EffectiveDate?, forcedDate: EffectiveDate?) throws(SubmissionProblem)
        -> (text: String, date: EffectiveDate) {
        let text: String
        let lastUpdated: EffectiveDate?
        do {
            text = try ProfileText.normalize(bytes)
            lastUpdated = try ProfileParser.lastUpdated(normalized: text)
        } catch {
            throw SubmissionProblem(message: error.description)
        }
        let date: EffectiveDate
        switch (lastUpdated, forcedDate, nameDate) {
        case (let own?, let forced?, _) where own != forced:
            throw SubmissionProblem(message: "its Last updated line says \(own) but --date says \(forced); drop --date or fix the file")
        case (let own?, nil, let named?) where own != named:
            throw SubmissionProblem(message: "its Last updated line says \(own) but the file name says \(named); rename the file or fix the line")
        case (let own?, _, _): date = own
        case (nil, let forced?, _): date = forced
        case (nil, nil, let named?): date = named
        case (nil, nil, nil):
            throw SubmissionProblem(message: "no Last updated line and no date in the file name; pass --date YYYY-MM-DD")
        }
        // A file of zero-width spaces or control characters normalises to something non-empty, yet says nothing.
        guard text.unicodeScalars.contains(where: isVisible) else {
            throw SubmissionProblem(message: "has no visible text (only spaces or invisible characters); check that it is the right file")
        }
        return (text, date)
    }

    static func isVisible(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value > 0x20 && c.value != 0x7F }
        switch c.properties.generalCategory {
        case .format, .control, .unassigned, .spaceSeparator, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse,
             .nonspacingMark, .enclosingMark: return false
        default: return !c.properties.isWhitespace
        }
    }
}
