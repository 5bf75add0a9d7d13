import Crypto
internal import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// Writes objects straight into one new packfile, as `git fast-import` does, for bulk imports: each object
/// is hashed, optionally delta-compressed against the previous object written under the same `slot` (the
/// previous version of the same tree or file), deflated and appended to a temporary file. `finish()` then
/// writes the index and publishes both under their final names; until then no reader can see anything, and
/// a writer dropped without `finish()` removes its temporary files.
///
/// Deltas point forwards (new against old), at most `maximumDepth` deep (10 for small objects), like
/// fast-import's; `git repack` can rewrite them newest-first later. Only the last object of each slot is
/// kept in memory, up to `baseMemory` bytes in all; past that the slots start over.
public final class PackWriter {
    public static let maximumDepth = 50
    /// Objects under `smallObject` bytes (most trees) stop at this depth: reading the newest of them then
    /// costs at most 10 delta applications, and storing them whole more often costs little.
    public static let smallObjectDepth = 10
    static let smallObject = 4096
    public static let baseMemory = 128 << 20
    /// Objects smaller than this are stored whole: a delta would save nothing.
    static let smallest = 64

    private struct Entry {
        var id: OID
        var offset: UInt64
        var crc: UInt32
    }

    private struct Base {
        var bytes: [UInt8]
        var offset: UInt64
        var depth: Int
    }

    private let directory: String
    private let packPath: String
    private var descriptor: Int32
    private var pending: [UInt8] = []
    private var written: UInt64 = 0
    private var entries: [Entry] = []
    private var known: Set<OID> = []
    private var bases: [String: Base] = [:]
    private var baseBytes = 0
    private let stream: UnsafeMutablePointer<z_stream>
    private var scratch: [UInt8] = []
    private var closed = false
    private var streamReady = false

    /// How many objects went into the pack, and how many of them as deltas.
    public private(set) var deltaCount = 0
    public var objectCount: Int { entries.count }

    /// Starts a pack in `repository`'s `objects/pack` folder; `compression` is zlib's level (-1: its default, as git's).
    public init(repository: Repository, compression: Int = -1) throws(GitError) {
        directory = repository.gitDirectory + (repository.gitDirectory.hasSuffix("/") ? "" : "/") + "objects/pack"
        var template = Array("\(directory)/tmp_pack_history_XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw Self.failure(errno, "create a packfile in \(directory)") }
        descriptor = fd
        packPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Held until the pack is published: a leftover file nobody holds was left by a writer that died.
        flock(fd, LOCK_EX)
        // deinit cleans up after a throw below: the descriptor, the file and the stream are freed there, once.
        guard cgit2_deflate_init(stream, Int32(compression)) == Z_OK else {
            throw GitError.invalid("zlib could not start", "deflateInit")
        }
        streamReady = true
        Self.sweepAbandoned(in: directory, except: packPath)
        // Header: "PACK", version 2, and the object count, filled in by finish().
        pending = Array("PACK".utf8) + [0, 0, 0, 2, 0, 0, 0, 0]
        written = UInt64(pending.count)
    }

    deinit {
        if streamReady { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        if !closed {
            close(descriptor)
            unlink(packPath)
        }
    }

    /// Appends an object (once: a second add of the same object writes nothing) and returns its id.
    @discardableResult
    public func add(_ kind: ObjectKind, _ bytes: [UInt8], slot: String? = nil) throws(GitError) -> OID {
        precondition(!closed, "PackWriter used after finish()")
        let id = ObjectFormat.id(of: kind, bytes)
        if known.contains(id) { return id }
        let offset = written
        var type = kind.packType
        var depth = 0
        var payload = bytes
        var header: [UInt8] = []
        if let slot, bytes.count >= Self.smallest, let base = bases[slot],
           base.depth < (bytes.count < Self.smallObject ? Self.smallObjectDepth : Self.maximumDepth),
           let delta = Delta.encode(from: base.bytes, to: bytes, limit: bytes.count / 2) {
            type = 6  // OFS_DELTA: the base is `distance` bytes back in this pack
            depth = base.depth + 1
            payload = delta
            deltaCount += 1
            appendHeader(type: type, size: payload.count, to: &header)
            appendDistance(offset - base.offset, to: &header)
        } else {
            appendHeader(type: type, size: payload.count, to: &header)
        }
        let compressed = try deflate(payload)
        var crc = header.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        crc = scratch.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt(compressed)) }
        pending += header
        pending += scratch[0..<compressed]
        written += UInt64(header.count + compressed)
        entries.append(Entry(id: id, offset: offset, crc: UInt32(crc)))
        known.insert(id)
        if let slot {
            baseBytes += bytes.count - (bases[slot]?.bytes.count ?? 0)
            bases[slot] = Base(bytes: bytes, offset: offset, depth: depth)
            if baseBytes > Self.baseMemory {
                bases.removeAll()
                baseBytes = 0
            }
        }
        if pending.count >= 1 << 22 { try flush() }
        return id
    }

    /// Completes the pack (object count, checksum), writes its index, and publishes both, flushed to disk,
    /// under git's names. Returns the pack's path, or nil when nothing was added (nothing is left behind).
    public func finish() throws(GitError) -> String? {
        precondition(!closed, "PackWriter finished twice")
        guard !entries.isEmpty else {
            closed = true
            close(descriptor)
            unlink(packPath)
            return nil
        }
        try flush()
        // Nothing more will be added: the delta bases and the duplicate check can go before the index is built.
        bases = [:]
        known = []
        var count = UInt32(entries.count).bigEndian
        guard pwrite(descriptor, &count, 4, 8) == 4 else { throw Self.failure(errno, "write \(packPath)") }
        // The trailer is the SHA-1 of everything before it, header count included: read it back once.
        var hasher = Insecure.SHA1()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var position: UInt64 = 0
        while position < written {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(position)) }
            guard n > 0 else { throw Self.failure(errno, "read back \(packPath)") }
            hasher.update(data: chunk[0..<n])
            position += UInt64(n)
        }
        let checksum = Array(hasher.finalize())
        pending = checksum
        try flush()
        guard fchmod(descriptor, 0o444) == 0, fsync(descriptor) == 0 else { throw Self.failure(errno, "flush \(packPath)") }

        let name = OID(bytes: checksum).hex
        // Not "….idx": readers take any file ending so for a pack index.
        let indexTemporary = packPath + "-index"
        try writeIndex(to: indexTemporary, packChecksum: checksum)
        let finalPack = "\(directory)/pack-\(name).pack", finalIndex = "\(directory)/pack-\(name).idx"
        // The pack first, then its index: readers discover packs by their index.
        guard rename(packPath, finalPack) == 0 else { let failure = Self.failure(errno, "rename \(packPath)"); unlink(indexTemporary); throw failure }
        guard rename(indexTemporary, finalIndex) == 0 else {
            let failure = Self.failure(errno, "rename \(indexTemporary)")
            unlink(indexTemporary)
            unlink(finalPack)
            throw failure
        }
        // Only now, with both under their names, does the pack stop being this writer's to clean up.
        closed = true
        close(descriptor)
        let folder = open(directory, O_RDONLY)
        if folder >= 0 { fsync(folder); close(folder) }
        return finalPack
    }

    // MARK: Writing

    private func deflate(_ payload: [UInt8]) throws(GitError) -> Int {
        let capacity = Int(deflateBound(stream, uLong(payload.count)))
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: capacity) }
        let n = payload.withUnsafeBytes { input in
            scratch.withUnsafeMutableBytes { output in
                cgit2_deflate(stream, input.baseAddress, input.count, output.baseAddress, output.count)
            }
        }
        guard n >= 0 else { throw GitError.invalid("zlib could not compress an object", "deflate") }
        return n
    }

    private func flush() throws(GitError) {
        var start = 0
        while start < pending.count {
            let n = pending[start...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Self.failure(errno, "write \(packPath)") }
            start += n
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Type and inflated size: 3 type bits and 4 size bits, then 7 size bits per byte, little-endian.
    private func appendHeader(type: UInt8, size: Int, to out: inout [UInt8]) {
        var rest = size >> 4
        var byte = (type << 4) | UInt8(size & 0x0f)
        while rest > 0 {
            out.append(byte | 0x80)
            byte = UInt8(rest & 0x7f)
            rest >>= 7
        }
        out.append(byte)
    }

    /// An OFS_DELTA's distance back to its base: big-endian base-128 where each continuation adds one.
    private func appendDistance(_ distance: UInt64, to out: inout [UInt8]) {
        var rest = distance
        var bytes = [UInt8(rest & 0x7f)]
        rest >>= 7
        while rest > 0 {
            rest -= 1
            bytes.append(0x80 | UInt8(rest & 0x7f))
            rest >>= 7
        }
        out += bytes.reversed()
    }

    /// Pack index version 2: fan-out table, sorted ids, CRC-32s, 31-bit offsets (with a table of 64-bit
    /// ones for packs past 2 GiB), the pack's checksum and the index's own.
    private func writeIndex(to path: String, packChecksum: [UInt8]) throws(GitError) {
        let sorted = entries.sorted { $0.id < $1.id }
        var out: [UInt8] = [0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]
        out.reserveCapacity(8 + 1024 + sorted.count * 28 + 40)
        func be32(_ value: UInt32) { withUnsafeBytes(of: value.bigEndian) { out += $0 } }
        var fanout = [UInt32](repeating: 0, count: 256)
        for entry in sorted { fanout[Int(entry.id.firstByte)] += 1 }
        var running: UInt32 = 0
        for bucket in 0..<256 {
            running += fanout[bucket]
            be32(running)
        }
        for entry in sorted { out += entry.id.bytes }
        for entry in sorted { be32(entry.crc) }
        var large: [UInt64] = []
        for entry in sorted {
            if entry.offset < 0x8000_0000 {
                be32(UInt32(entry.offset))
            } else {
                be32(0x8000_0000 | UInt32(large.count))
                large.append(entry.offset)
            }
        }
        for offset in large { withUnsafeBytes(of: offset.bigEndian) { out += $0 } }
        out += packChecksum
        out += Array(Insecure.SHA1.hash(data: out))

        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o444)
        guard fd >= 0 else { throw Self.failure(errno, "create \(path)") }
        var start = 0
        while start < out.count {
            let n = out[start...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { let failure = Self.failure(errno, "write \(path)"); close(fd); unlink(path); throw failure }
            start += n
        }
        guard fsync(fd) == 0 else { let failure = Self.failure(errno, "flush \(path)"); close(fd); unlink(path); throw failure }
        close(fd)
    }

    /// Removes what a killed writer left in `objects/pack`: a `tmp_pack_history_*` file (and its index) that no
    /// live writer holds, and a pack of ours renamed without its index. A live writer holds its `flock` until
    /// both files are published, so nothing in use is touched.
    static func sweepAbandoned(in directory: String, except own: String) {
        guard let folder = opendir(directory) else { return }
        var names: [String] = []
        while let entry = readdir(folder) {
            names.append(withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            })
        }
        closedir(folder)
        let present = Set(names)
        func abandoned(_ path: String) -> Bool {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            return flock(fd, LOCK_EX | LOCK_NB) == 0
        }
        for name in names {
            let path = "\(directory)/\(name)"
            guard path != own else { continue }
            if name.hasPrefix("tmp_pack_history_") && !name.hasSuffix("-index") {
                if abandoned(path) { unlink(path); unlink(path + "-index") }
            } else if name.hasPrefix("tmp_pack_history_") && name.hasSuffix("-index") {
                if !present.contains(String(name.dropLast(6))) { unlink(path) }
            } else if name.hasPrefix("pack-") && name.hasSuffix(".pack") && !present.contains(String(name.dropLast(5)) + ".idx") {
                // git's own writers also rename the pack before the index: leave any pack younger than a minute.
                var info = stat()
                if stat(path, &info) == 0, time(nil) - info.st_mtim.tv_sec > 60, abandoned(path) { unlink(path) }
            }
        }
    }

    /// `code` is errno as the failing call left it: the callers read it first, before building the message
    /// (or closing and unlinking) can change it.
    private static func failure(_ code: Int32, _ doing: String) -> GitError {
        GitError.invalid("cannot \(doing): \(String(cString: strerror(code)))", "pack writer")
    }
}
