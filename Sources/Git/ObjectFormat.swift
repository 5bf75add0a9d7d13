import Crypto

/// The kinds of object a history writes, with their pack type numbers and header names.
public enum ObjectKind: Sendable {
    case commit, tree, blob

    var packType: UInt8 {
        switch self {
        case .commit: 1
        case .tree: 2
        case .blob: 3
        }
    }

    var name: String {
        switch self {
        case .commit: "commit"
        case .tree: "tree"
        case .blob: "blob"
        }
    }
}

/// Git's object formats, byte for byte as libgit2 writes them, for objects built without libgit2 (bulk
/// imports write their own packfile). Tests check that both ways give the same ids.
public enum ObjectFormat {
    /// The object id: SHA-1 of `<kind> <size>\0` and the bytes.
    public static func id(of kind: ObjectKind, _ bytes: [UInt8]) -> OID {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array("\(kind.name) \(bytes.count)\0".utf8))
        hasher.update(data: bytes)
        return OID(bytes: Array(hasher.finalize()))
    }

    /// A commit as `git_commit_create` writes it: tree, parents, author, committer, a blank line, the message.
    public static func commit(tree: OID, parents: [OID], author: Signature, committer: Signature, message: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + message.utf8.count)
        out += Array("tree \(tree.hex)\n".utf8)
        for parent in parents { out += Array("parent \(parent.hex)\n".utf8) }
        out += signatureLine("author", author)
        out += signatureLine("committer", committer)
        out.append(0x0a)
        out += Array(message.utf8)
        return out
    }

    /// `<header> <name> <<email>> <seconds> <±hhmm>` with name and email trimmed, as libgit2 stores a signature.
    static func signatureLine(_ header: String, _ signature: Signature) -> [UInt8] {
        let offset = abs(signature.offsetMinutes)
        let sign = signature.offsetMinutes < 0 ? "-" : "+"
        let hours = offset / 60, minutes = offset % 60
        let zone = sign + (hours < 10 ? "0" : "") + String(hours) + (minutes < 10 ? "0" : "") + String(minutes)
        return Array("\(header) \(trimmed(signature.name)) <\(trimmed(signature.email))> \(UInt32(truncatingIfNeeded: signature.time)) \(zone)\n".utf8)
    }

    /// A name or email as a commit stores it: without leading or trailing whitespace (libgit2 trims both).
    public static func trimmed(_ text: String) -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || ("\t"..."\r").contains($0) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// A commit with `signature` in the header `field`, placed and continued as `git_commit_create_with_signature`
    /// does: after the last header line, each newline of the signature followed by a space. Nil when `commit`
    /// has no header/message separator.
    public static func signed(_ commit: [UInt8], signature: String, field: String = "gpgsig") -> [UInt8]? {
        var end: Int? = nil
        var index = 0
        while index + 1 < commit.count {
            if commit[index] == 0x0a && commit[index + 1] == 0x0a { end = index + 1; break }
            index += 1
        }
        guard let end else { return nil }
        var header = Array("\(field) ".utf8)
        for byte in signature.utf8 {
            header.append(byte)
            if byte == 0x0a { header.append(0x20) }
        }
        header.append(0x0a)
        return Array(commit[..<end]) + header + Array(commit[end...])
    }
}
