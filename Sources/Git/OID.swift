internal import CGit2

/// A SHA-1 object id. Value type; no libgit2 memory behind it. The 20 bytes are held inline (no heap
/// array): a large history keeps hundreds of thousands of ids in sets and indexes.
public struct OID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The id's bytes read big-endian, so that comparing the integers compares the bytes.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    public init?(hex: String) {
        self.init(hexDigits: hex.utf8)
    }

    /// From 40 hex digits given as bytes (a field of a file read as bytes, without making a String).
    public init?(hexDigits: some Collection<UInt8>) {
        guard hexDigits.count == 40 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(20)
        var high: UInt8? = nil
        for c in hexDigits {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        self.init(bytes: out)
    }

    /// From 20 bytes (missing ones count as zero).
    public init(bytes: some Collection<UInt8>) {
        var value = (UInt64(0), UInt64(0), UInt32(0))
        withUnsafeMutableBytes(of: &value) { raw in
            for (i, byte) in bytes.prefix(20).enumerated() { raw[i] = byte }
        }
        high = UInt64(bigEndian: value.0)
        middle = UInt64(bigEndian: value.1)
        low = UInt32(bigEndian: value.2)
    }

    init(_ raw: git_oid) {
        self.init(bytes: withUnsafeBytes(of: raw.id) { Array($0) })
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The 20 bytes, in order.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        withUnsafeBytes(of: high.bigEndian) { out += $0 }
        withUnsafeBytes(of: middle.bigEndian) { out += $0 }
        withUnsafeBytes(of: low.bigEndian) { out += $0 }
        return out
    }

    /// The first byte, as pack index fan-out tables count it.
    var firstByte: UInt8 { UInt8(truncatingIfNeeded: high >> 56) }

    var raw: git_oid {
        var oid = git_oid()
        let bytes = self.bytes
        withUnsafeMutableBytes(of: &oid.id) { buffer in
            for (i, b) in bytes.prefix(buffer.count).enumerated() { buffer[i] = b }
        }
        return oid
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(40)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }
    public var short: String { String(hex.prefix(12)) }

    public static func < (lhs: OID, rhs: OID) -> Bool { (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low) }
}
