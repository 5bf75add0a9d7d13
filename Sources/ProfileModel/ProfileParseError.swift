/// Why bytes could not be read as a profile. Every case that points into the text carries a 1-based line.
public enum ProfileParseError: Error, Hashable, Sendable, CustomStringConvertible {
    case notUTF8(line: Int)
    case binary(line: Int)
    case empty
    case invalidLastUpdated(line: Int, text: String)

    public var line: Int? {
        switch self {
        case .notUTF8(let line), .binary(let line), .invalidLastUpdated(let line, _): line
        case .empty: nil
        }
    }

    public var description: String {
        switch self {
        case .notUTF8(let line): "line \(line): bytes that are not UTF-8; save the file as UTF-8 text"
        case .binary(let line): "line \(line): a NUL or control byte; this is not a text file"
        case .empty: "the file is empty; a profile needs at least a title and some text"
        case .invalidLastUpdated(let line, let text):
            "line \(line): '\(text)' is not a real date; write it like 05 July 2016 or 2016-07-05"
        }
    }
}
