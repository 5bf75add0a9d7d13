/// A JSON document with keys in the order the contract lists them and explicit nulls — which
/// `JSONEncoder` gives neither of — printed the same way byte for byte on every run.
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func int(_ n: Int) -> JSONValue { .number(Double(n)) }
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    /// A typed value (a date, a commit id, a profile id) as the string it is written as.
    public static func text(_ value: some CustomStringConvertible) -> JSONValue { .string(value.description) }
    public static func optional(_ value: (some CustomStringConvertible)?) -> JSONValue { value.map { .string($0.description) } ?? .null }

    /// Two-space indented, one final newline. Arrays of scalars stay on one line (`["=", "As of "]`).
    public func rendered() -> String {
        var out: [UInt8] = []
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// As `rendered()`, for a value nested `indent` levels deep in a document written piece by piece: no
    /// leading indentation, no final newline.
    public func rendered(indent: Int) -> String {
        String(decoding: bytes(indent: indent), as: UTF8.self)
    }

    /// As `rendered(indent:)`, in UTF-8 bytes.
    public func bytes(indent: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(to: &out, indent: indent)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    // The document is built as UTF-8 bytes and decoded once: appending to a String piece by piece was a
    // tenth of `diff --all`.
    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += Self.nullBytes
        case .bool(let b): out += b ? Self.trueBytes : Self.falseBytes
        case .number(let d): out += Array(Self.number(d).utf8)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += [0x5B, 0x5D]; return }
            if items.allSatisfy(\.isScalar) {
                out.append(0x5B)
                for (i, item) in items.enumerated() {
                    if i > 0 { out += [0x2C, 0x20] }
                    item.write(to: &out, indent: indent)
                }
                out.append(0x5D)
                return
            }
            out += [0x5B, 0x0A]
            for (i, item) in items.enumerated() {
                Self.pad(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
                if i + 1 < items.count { out.append(0x2C) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(0x5D)
        case .object(let members):
            if members.isEmpty { out += [0x7B, 0x7D]; return }
            out += [0x7B, 0x0A]
            for (i, (key, value)) in members.enumerated() {
                Self.pad(&out, indent + 1)
                Self.quote(key, into: &out)
                out += [0x3A, 0x20]
                value.write(to: &out, indent: indent + 1)
                if i + 1 < members.count { out.append(0x2C) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(0x7D)
        }
    }

    private static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    private static func pad(_ out: inout [UInt8], _ levels: Int) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * levels))
    }

    /// Whole numbers without a fraction (`110`, not `110.0`); others in Swift's shortest round-trip form.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// The string in quotes; runs of bytes that need no escaping are copied whole.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var run = 0
            for (k, byte) in bytes.enumerated() where byte == 0x22 || byte == 0x5C || byte < 0x20 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<k]))
                switch byte {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                default:
                    let hex = String(byte, radix: 16)
                    out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
                run = k + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(0x22)
    }
}
