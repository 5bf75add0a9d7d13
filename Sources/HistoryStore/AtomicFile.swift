import HistoryModel
import Foundation

/// Writes a file so that readers see either the old file or the whole new one, never a part: a
/// temporary file beside it, flushed to disk, then renamed over it, and the folder flushed too.
///
/// Only a regular file (or a new name) is replaced that way. A device, FIFO or socket already at the path
/// (`--output /dev/null`, run as root by cron) is written through, never renamed over; a folder is refused;
/// a symbolic link is followed only to a regular file in the same folder, so a write never lands outside it.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(HistoryError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    public static func write(bytes contents: [UInt8], to given: String) throws(HistoryError) {
        try write(pieces: [.bytes(contents)], to: given)
    }

    /// What a file is written from: bytes in memory, or the whole of another file (a spooled report body),
    /// copied a megabyte at a time.
    public enum Piece: Sendable {
        case bytes([UInt8])
        case file(String)
    }

    /// As `write(bytes:to:)`, from pieces written one after the other.
    public static func write(pieces contents: [Piece], to given: String) throws(HistoryError) {
        let path: String
        switch try target(of: given) {
        case .regular(let resolved): path = resolved
        case .special: return try writeThrough(contents, to: given)
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        // `code` is errno as the failing call left it, read before close or unlink can change it.
        func fail(_ doing: String, _ code: Int32) -> HistoryError {
            let reason = String(cString: strerror(code))
            unlink(temporary)
            return .repository(what: "cannot \(doing) \(path) (\(reason))", fix: "check that the folder \(folder) exists and is writable")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("write", errno) }
        if let failed = writeAll(contents, to: fd) { close(fd); throw fail("write", failed) }
        guard fsync(fd) == 0 else { let failed = errno; close(fd); throw fail("flush", failed) }
        close(fd)
        guard rename(temporary, path) == 0 else { throw fail("replace", errno) }
        let dir = open(folder, O_RDONLY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    enum Target {
        /// Replace this regular file (or create it) by rename.
        case regular(String)
        /// Write into what is there: a character or block device, a FIFO, a socket.
        case special
    }

    /// What is at `path` now, following a link only to a regular file in the same folder.
    static func target(of path: String) throws(HistoryError) -> Target {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .regular(path) }  // nothing there yet: create it
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(path)
        case S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK: return .special
        case S_IFDIR:
            throw .invalidArgument(what: "\(path) is a folder", fix: "name a file to write, e.g. \(path)/report.md")
        case S_IFLNK:
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().resolvingSymlinksInPath().path
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            var targetInfo = stat()
            let exists = stat(resolved.path, &targetInfo) == 0
            if exists && (targetInfo.st_mode & S_IFMT) != S_IFREG && (targetInfo.st_mode & S_IFMT) != S_IFDIR { return .special }
            guard resolved.deletingLastPathComponent().path == folder, !exists || (targetInfo.st_mode & S_IFMT) == S_IFREG else {
                throw .invalidArgument(what: "\(path) is a symbolic link to \(resolved.path), outside its folder \(folder)",
                                       fix: "write to a plain file name, or name the link's target itself")
            }
            return .regular(resolved.path)
        default:
            throw .invalidArgument(what: "\(path) is not a file history can write", fix: "name a regular file")
        }
    }

    /// Writes into a device, FIFO or socket as `>` in a shell would: no temporary file, no rename.
    static func writeThrough(_ contents: [Piece], to path: String) throws(HistoryError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw .repository(what: "cannot open \(path) for writing (\(reason))", fix: "check that it is writable, or name a regular file")
        }
        defer { close(fd) }
        if let failed = writeAll(contents, to: fd) {
            throw .repository(what: "cannot write to \(path) (\(String(cString: strerror(failed))))", fix: "check the device or the reader at the other end")
        }
    }

    /// Writes every piece to an open descriptor (standard output: 1); returns the errno of a failure, nil on success.
    public static func writeAll(_ pieces: [Piece], to fd: Int32) -> Int32? {
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                if let failed = writeAll(bytes, to: fd) { return failed }
            case .file(let path):
                let input = open(path, O_RDONLY | O_CLOEXEC)
                guard input >= 0 else { return errno }
                defer { close(input) }
                var buffer = [UInt8](repeating: 0, count: 1 << 20)
                while true {
                    let count = buffer.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress, $0.count) }
                    if count < 0 {
                        let failed = errno
                        if failed == EINTR { continue }
                        return failed
                    }
                    if count == 0 { break }
                    if let failed = writeAll(Array(buffer[..<count]), to: fd) { return failed }
                }
            }
        }
        return nil
    }

    /// Writes every byte; returns the errno of a failure (captured before any other call), nil on success.
    static func writeAll(_ contents: [UInt8], to fd: Int32) -> Int32? {
        var bytes = contents[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                let failed = errno
                if failed == EINTR { continue }
                return failed
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}
