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
        if !isNFCStable(text) { text = text.precomposedStringWithCanonicalMapping }
        if isCanonical(text) { return text }
        // Line ends of every kind become LF (CRLF counts once), trailing spaces and tabs go, and the text
        // ends with exactly one newline. Done on UTF-8 bytes: every line break has a fixed encoding.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        var blanks: [UInt8] = []     // spaces and tabs not yet known to be inside a line
        var breaks = 0               // line breaks not yet written (dropped if nothing follows)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            var width = 0            // > 0: a line break of this many bytes
            switch b {
            case 0x0A, 0x0B, 0x0C: width = 1
            case 0x0D: width = i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: width = 2                       // U+0085
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                width = 3                                                                             // U+2028, U+2029
            default: break
            }
            if width > 0 {
                blanks.removeAll(keepingCapacity: true)
                breaks += 1
                i += width
                continue
            }
            if b == 0x20 || b == 0x09 { blanks.append(b); i += 1; continue }
            if breaks > 0 { out.append(contentsOf: repeatElement(0x0A, count: breaks)); breaks = 0 }
            if !blanks.isEmpty { out.append(contentsOf: blanks); blanks.removeAll(keepingCapacity: true) }
            out.append(b)
            i += 1
        }
        if out.isEmpty { return "" }
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the loop in `normalize` would give back the same bytes: nothing but LF breaks lines, no line
    /// ends in a space or tab, and the text ends with exactly one newline after something. Texts from the
    /// repository and from a tidy editor are like that, and checking costs a fraction of rewriting them.
    static func isCanonical(_ text: String) -> Bool {
        let canonical: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let n = bytes.count
            guard n >= 2, bytes[n - 1] == 0x0A, bytes[n - 2] != 0x0A else { return false }
            var previous: UInt8 = 0
            for i in 0..<n {
                let b = bytes[i]
                switch b {
                case 0x0A where previous == 0x20 || previous == 0x09: return false
                case 0x0B, 0x0C, 0x0D: return false
                case 0x85 where previous == 0xC2: return false                                            // U+0085
                case 0xA8, 0xA9: if previous == 0x80 && i >= 2 && bytes[i - 2] == 0xE2 { return false }   // U+2028, U+2029
                default: break
                }
                previous = b
            }
            return true
        }
        return canonical ?? false
    }

    /// Text whose scalars NFC leaves alone: nothing from the combining ranges up, apart from the common
    /// punctuation, dashes, quotes and symbols real profiles use. Anything else goes through full NFC.
    static func isNFCStable(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar.value >= 0x300 {
            switch scalar.value {
            case 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0, 0x2190...0x21FF: continue
            default: return false
            }
        }
        return true
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
