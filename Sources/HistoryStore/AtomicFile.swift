import Foundation

/// Writes a file so that readers see either the old file or the whole new one, never a part: a
/// temporary file beside it, flushed to disk, then renamed over it, and the folder flushed too.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(HistoryError) {
        try write(bytes: Array(text.utf8), to: path)
    }

    public static func write(bytes contents: [UInt8], to path: String) throws(HistoryError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        func fail(_ doing: String) -> HistoryError {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .repository("cannot \(doing) \(path) (\(reason))", "check that the folder \(folder) exists and is writable")
        }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("write") }
        var bytes = contents[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                close(fd)
                throw fail("write")
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(fd) == 0 else { close(fd); throw fail("flush") }
        close(fd)
        guard rename(temporary, path) == 0 else { throw fail("replace") }
        let dir = open(folder, O_RDONLY | O_CLOEXEC)
        if dir >= 0 { fsync(dir); close(dir) }
    }
}
