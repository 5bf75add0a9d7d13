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
    /// Built from UTF-8 bytes: appending scalars to a `UnicodeScalarView` one at a time is far slower.
    init(scalars: some Collection<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.value < 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else if let encoded = UTF8.encode(scalar) {
                bytes.append(contentsOf: encoded)
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
