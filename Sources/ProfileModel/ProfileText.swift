import Foundation

/// The canonical form in which a revision's text is stored: UTF-8 without BOM, LF line ends, Unicode NFC,
/// no trailing spaces on lines, exactly one final newline. Two files that differ only in those respects
/// are the same revision.
public enum ProfileText {
    public static func normalize(_ bytes: [UInt8]) throws(ProfileParseError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        try validate(body)
        let decoded = String(decoding: body, as: UTF8.self)
        return normalize(decoded)
    }

    /// Normalises text already known to be valid.
    public static func normalize(_ text: String) -> String {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.precomposedStringWithCanonicalMapping
        var lines: [Substring] = []
        // Swift treats "\r\n" as one Character, so splitting on newlines covers CRLF, CR and LF alike.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var l = line
            while let last = l.last, last == " " || last == "\t" { l.removeLast() }
            lines.append(l)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Rejects invalid UTF-8 and binary content, naming the line.
    static func validate(_ bytes: ArraySlice<UInt8>) throws(ProfileParseError) {
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                switch scalar.value {
                case 0x0A: line += 1
                case 0x09, 0x0D, 0x0C: break
                case 0x00...0x1F, 0x7F: throw .binary(line: line)
                default: break
                }
            case .emptyInput: break loop
            case .error: throw .notUTF8(line: line)
            }
        }
    }
}
