/// Git's pack delta format: the sizes of base and result, then copy instructions (a range of the base)
/// and insert instructions (up to 127 literal bytes). `encode` finds copies the way git's diff-delta does
/// in spirit — 16-byte blocks of the base indexed by hash, matches extended both ways — after taking the
/// common prefix and suffix first, which is all a tree with one changed entry needs.
enum Delta {
    static let block = 16

    /// The delta that rebuilds `target` from `base`, or nil when it would not be shorter than `limit` bytes.
    static func encode(from base: [UInt8], to target: [UInt8], limit: Int) -> [UInt8]? {
        base.withUnsafeBufferPointer { b in
            target.withUnsafeBufferPointer { t in encode(b, t, limit: limit) }
        }
    }

    private static func encode(_ base: UnsafeBufferPointer<UInt8>, _ target: UnsafeBufferPointer<UInt8>, limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(min(limit, 256 + target.count / 8))
        appendSize(base.count, to: &out)
        appendSize(target.count, to: &out)

        let common = min(base.count, target.count)
        var prefix = 0
        while prefix < common && base[prefix] == target[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < common - prefix && base[base.count - 1 - suffix] == target[target.count - 1 - suffix] { suffix += 1 }
        appendCopy(offset: 0, count: prefix, to: &out)

        let end = target.count - suffix
        var literal = prefix
        if end - prefix >= block && base.count >= block, let baseStart = base.baseAddress, let targetStart = target.baseAddress {
            // One slot per block of the base, at a power-of-two size with room to spare; later blocks win.
            var slots = 1
            while slots < (base.count / block) * 2 { slots <<= 1 }
            let mask = slots - 1
            var table = [Int32](repeating: 0, count: slots)
            var offset = 0
            while offset + block <= base.count {
                table[hash(baseStart + offset) & mask] = Int32(offset + 1)
                offset += block
            }
            var position = prefix
            while position + block <= end {
                let candidate = Int(table[hash(targetStart + position) & mask]) - 1
                guard candidate >= 0, equalBlocks(baseStart + candidate, targetStart + position) else {
                    position += 1
                    continue
                }
                // Grow the match backwards into the pending literal, then forwards as far as both go.
                var from = candidate, to = position
                while to > literal && from > 0 && base[from - 1] == target[to - 1] { from -= 1; to -= 1 }
                var length = position - to + block
                while to + length < end && from + length < base.count && base[from + length] == target[to + length] { length += 1 }
                appendInsert(target, literal..<to, to: &out)
                appendCopy(offset: from, count: length, to: &out)
                position = to + length
                literal = position
                if out.count >= limit { return nil }
            }
        }
        appendInsert(target, literal..<end, to: &out)
        appendCopy(offset: base.count - suffix, count: suffix, to: &out)
        return out.count < limit ? out : nil
    }

    @inline(__always)
    private static func hash(_ pointer: UnsafePointer<UInt8>) -> Int {
        let raw = UnsafeRawPointer(pointer)
        let low = raw.loadUnaligned(as: UInt64.self), high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }

    @inline(__always)
    private static func equalBlocks(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>) -> Bool {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        return x.loadUnaligned(as: UInt64.self) == y.loadUnaligned(as: UInt64.self)
            && x.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    }

    /// Little-endian base-128, as the delta header stores both sizes.
    static func appendSize(_ size: Int, to out: inout [UInt8]) {
        var rest = size
        while rest >= 0x80 {
            out.append(UInt8(rest & 0x7f) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    /// Copies of at most 64 KiB each, as git writes them; offset and size bytes that are zero are left out.
    private static func appendCopy(offset: Int, count: Int, to out: inout [UInt8]) {
        var offset = offset, count = count
        while count > 0 {
            let size = min(count, 0x10000)
            let at = out.count
            var command: UInt8 = 0x80
            out.append(0)
            for i in 0..<4 {
                let byte = UInt8((offset >> (8 * i)) & 0xff)
                if byte != 0 { command |= 1 << i; out.append(byte) }
            }
            for i in 0..<3 {
                let byte = UInt8((size >> (8 * i)) & 0xff)
                if byte != 0 { command |= 1 << (4 + i); out.append(byte) }
            }
            out[at] = command
            offset += size
            count -= size
        }
    }

    private static func appendInsert(_ target: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to out: inout [UInt8]) {
        var start = range.lowerBound
        while start < range.upperBound {
            let count = min(127, range.upperBound - start)
            out.append(UInt8(count))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: target[start..<(start + count)]))
            start += count
        }
    }

    /// Applies a delta (the inverse of `encode`); nil when the delta does not fit the base. For tests and checks.
    static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
        var index = 0
        func size() -> Int? {
            var value = 0, shift = 0
            while index < delta.count {
                let byte = delta[index]
                index += 1
                value |= Int(byte & 0x7f) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
            }
            return nil
        }
        guard size() == base.count, let resultSize = size() else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(resultSize)
        while index < delta.count {
            let command = delta[index]
            index += 1
            if command & 0x80 != 0 {
                var offset = 0, count = 0
                for i in 0..<4 where command & (1 << i) != 0 {
                    guard index < delta.count else { return nil }
                    offset |= Int(delta[index]) << (8 * i)
                    index += 1
                }
                for i in 0..<3 where command & (1 << (4 + i)) != 0 {
                    guard index < delta.count else { return nil }
                    count |= Int(delta[index]) << (8 * i)
                    index += 1
                }
                if count == 0 { count = 0x10000 }
                guard offset + count <= base.count else { return nil }
                out.append(contentsOf: base[offset..<(offset + count)])
            } else {
                let count = Int(command)
                guard count > 0, index + count <= delta.count else { return nil }
                out.append(contentsOf: delta[index..<(index + count)])
                index += count
            }
        }
        return out.count == resultSize ? out : nil
    }
}
