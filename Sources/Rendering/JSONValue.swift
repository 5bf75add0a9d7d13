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

    /// Two-space indented, one final newline. Arrays of scalars stay on one line (`["=", "As of "]`).
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        return out + "\n"
    }

    /// As `rendered()`, for a value nested `indent` levels deep in a document written piece by piece: no
    /// leading indentation, no final newline.
    public func rendered(indent: Int) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += Self.number(d)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                item.write(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                Self.quote(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// Whole numbers without a fraction (`110`, not `110.0`); others in Swift's shortest round-trip form.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func quote(_ s: String, into out: inout String) {
        // Runs of characters that need no escaping are copied whole; copying scalar by scalar was slow.
        out += "\""
        var bytes = Array(s.utf8)[...]
        while let k = bytes.firstIndex(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            out += String(decoding: bytes[bytes.startIndex..<k], as: UTF8.self)
            switch bytes[k] {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            default:
                let hex = String(bytes[k], radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            bytes = bytes[(k + 1)...]
        }
        out += String(decoding: bytes, as: UTF8.self)
        out += "\""
    }
}
