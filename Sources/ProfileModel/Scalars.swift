/// Character classes on Unicode scalars with ASCII fast paths. The parser works on `[Unicode.Scalar]`:
/// comparing `Character`s goes through grapheme-aware string comparison on every test, which made parsing
/// the slowest step of every diff. Texts are NFC first, so a scalar is what a reader sees as a letter.
typealias Scalar = Unicode.Scalar

extension Unicode.Scalar {
    var isDigit: Bool { value >= 0x30 && value <= 0x39 }

    var isLetterLike: Bool {
        if value < 0x80 { let lower = value | 0x20; return lower >= 0x61 && lower <= 0x7A }
        return properties.isAlphabetic
    }

    var isUpper: Bool { value < 0x80 ? (value >= 0x41 && value <= 0x5A) : properties.isUppercase }
    var isLower: Bool { value < 0x80 ? (value >= 0x61 && value <= 0x7A) : properties.isLowercase }
    var isNumberLike: Bool { isDigit || (value >= 0x80 && properties.numericType != nil) }

    var isLineBreak: Bool {
        switch value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

extension String {
    /// The scalars as an array in one pass: `Array(unicodeScalars)` decodes the text twice, once to count
    /// the scalars and once to copy them, and the count is a fiftieth of `diff --all`. The UTF-8 count,
    /// known without a pass, bounds the scalar count.
    public var scalarArray: [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { out.append(scalar) }
        return out
    }

    /// Encoded straight into the string's storage: appending scalars to a `UnicodeScalarView` one at a time
    /// is far slower, and going through a byte array costs an allocation and a copy per string.
    init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var i = 0
            for scalar in scalars {
                let v = scalar.value
                if v < 0x80 {
                    buffer[i] = UInt8(truncatingIfNeeded: v)
                    i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6))
                    buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12))
                    buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    i += 3
                } else {
                    buffer[i] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18))
                    buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F))
                    i += 4
                }
            }
            return i
        }
    }
}
