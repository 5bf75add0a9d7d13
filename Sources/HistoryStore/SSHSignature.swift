import HistoryModel
import Crypto
import Foundation
import Git

/// SSH wire encoding (RFC 4251): big-endian lengths before byte strings.
struct SSHWire {
    var bytes: [UInt8] = []

    mutating func string(_ s: String) { string(Array(s.utf8)) }
    mutating func string(_ b: [UInt8]) { uint32(UInt32(b.count)); bytes += b }
    mutating func uint32(_ n: UInt32) { bytes += [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
    mutating func raw(_ s: String) { bytes += Array(s.utf8) }
}

/// Reads SSH wire encoding; every read checks its bounds, so damaged input fails cleanly.
struct SSHReader {
    var bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    mutating func uint32() -> UInt32? {
        guard bytes.count >= 4 else { return nil }
        let b = Array(bytes.prefix(4))
        bytes = bytes.dropFirst(4)
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    mutating func string() -> [UInt8]? {
        guard let n = uint32(), bytes.count >= Int(n) else { return nil }
        let out = Array(bytes.prefix(Int(n)))
        bytes = bytes.dropFirst(Int(n))
        return out
    }

    mutating func text() -> String? { string().map { String(decoding: $0, as: UTF8.self) } }

    mutating func expect(_ magic: String) -> Bool {
        let m = Array(magic.utf8)
        guard bytes.starts(with: m) else { return false }
        bytes = bytes.dropFirst(m.count)
        return true
    }
}

/// An Ed25519 key from an OpenSSH private key file, signing commits the way `git commit -S` does with
/// `gpg.format=ssh`: an SSHSIG signature (namespace `git`, SHA-512) in the commit's `gpgsig` header.
public struct SSHSigningKey: Sendable {
    /// The 32-byte Ed25519 seed (kept as bytes, which are Sendable; the key object is made when signing).
    let seed: [UInt8]
    /// `string "ssh-ed25519" || string key`, the public key as SSH writes it.
    public let publicKeyBlob: [UInt8]

    public init(contentsOf path: String) throws(HistoryError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidArgument(what: "--sign-key \(path) cannot be read", fix: "give the path of an OpenSSH Ed25519 private key (ssh-keygen -t ed25519)")
        }
        try self.init(pem: String(decoding: data, as: UTF8.self), path: path)
    }

    public init(pem: String, path: String) throws(HistoryError) {
        func bad(_ why: String) -> HistoryError {
            .invalidArgument(what: "--sign-key \(path): \(why)", fix: "give an unencrypted OpenSSH Ed25519 private key (ssh-keygen -t ed25519 -N '')")
        }
        let body = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard pem.contains("-----BEGIN OPENSSH PRIVATE KEY-----"), let decoded = Data(base64Encoded: body) else {
            throw bad("not an OpenSSH private key")
        }
        var r = SSHReader(Array(decoded))
        guard r.expect("openssh-key-v1\u{0}"), let cipher = r.text(), let kdf = r.text(), r.string() != nil,
              let count = r.uint32(), count >= 1 else { throw bad("damaged key file") }
        guard cipher == "none", kdf == "none" else { throw bad("the key is protected by a passphrase, which history cannot ask for") }
        for _ in 0..<count { guard r.string() != nil else { throw bad("damaged key file") } }
        guard let secret = r.string() else { throw bad("damaged key file") }
        var s = SSHReader(secret)
        guard let check1 = s.uint32(), let check2 = s.uint32(), check1 == check2 else { throw bad("damaged key file") }
        guard let type = s.text(), type == "ssh-ed25519" else { throw bad("only Ed25519 keys are supported") }
        guard let pub = s.string(), pub.count == 32, let priv = s.string(), priv.count == 64,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: priv.prefix(32)),
              Array(key.publicKey.rawRepresentation) == pub else { throw bad("damaged Ed25519 key") }
        seed = Array(priv.prefix(32))
        var blob = SSHWire()
        blob.string("ssh-ed25519")
        blob.string(pub)
        publicKeyBlob = blob.bytes
    }

    /// The armored SSHSIG signature of `message` in namespace `git`, as `ssh-keygen -Y sign -n git` writes it
    /// (without its final newline, which the commit header does not keep).
    public func sign(_ message: [UInt8]) -> String? {
        let hash = Array(SHA512.hash(data: message))
        guard let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
              let signature = try? privateKey.signature(for: SSHSignatures.signedData(namespace: "git", hashAlgorithm: "sha512", hash: hash)) else { return nil }
        var sig = SSHWire()
        sig.string("ssh-ed25519")
        sig.string(Array(signature))
        var blob = SSHWire()
        blob.raw("SSHSIG")
        blob.uint32(1)
        blob.string(publicKeyBlob)
        blob.string("git")
        blob.string("")
        blob.string("sha512")
        blob.string(sig.bytes)
        let base64 = Data(blob.bytes).base64EncodedString()
        var lines = ["-----BEGIN SSH SIGNATURE-----"]
        var rest = Substring(base64)
        while !rest.isEmpty { lines.append(String(rest.prefix(70))); rest = rest.dropFirst(70) }
        lines.append("-----END SSH SIGNATURE-----")
        return lines.joined(separator: "\n")
    }

    public var fingerprint: String { SSHSignatures.fingerprint(publicKeyBlob) }
}

enum SSHSignatures {
    /// What an SSHSIG signature actually signs (PROTOCOL.sshsig): magic, namespace, reserved, hash name, hash.
    static func signedData(namespace: String, hashAlgorithm: String, hash: [UInt8]) -> [UInt8] {
        var w = SSHWire()
        w.raw("SSHSIG")
        w.string(namespace)
        w.string("")
        w.string(hashAlgorithm)
        w.string(hash)
        return w.bytes
    }

    /// `SHA256:…` as ssh-keygen -l prints it.
    static func fingerprint(_ blob: [UInt8]) -> String {
        "SHA256:" + Data(SHA256.hash(data: blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }
}

/// An allowed-signers file in the format git's `gpg.ssh.allowedSignersFile` uses:
/// `principals [options] key-type base64-key [comment]` per line.
public struct AllowedSigners: Sendable {
    struct Entry: Sendable {
        let principals: String
        let keyBlob: [UInt8]
        let namespaces: [String]?
    }

    let entries: [Entry]
    public let path: String

    public init(contentsOf path: String) throws(HistoryError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidArgument(what: "--allowed-signers \(path) cannot be read", fix: "give the path of an allowed-signers file (principal key-type key per line)")
        }
        var entries: [Entry] = []
        for (number, raw) in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let typeIndex = fields.firstIndex(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") || $0.hasPrefix("sk-") }),
                  typeIndex >= 1, typeIndex + 1 < fields.count, let key = Data(base64Encoded: fields[typeIndex + 1]) else {
                throw .invalidArgument(what: "--allowed-signers \(path) line \(number + 1) is not 'principals [options] key-type key'",
                                       fix: "fix that line (see ssh-keygen(1), ALLOWED SIGNERS)")
            }
            let options = fields[1..<typeIndex].joined(separator: " ").lowercased()
            var namespaces: [String]?
            if let range = options.range(of: "namespaces=\"") {
                let rest = options[range.upperBound...]
                namespaces = rest.prefix { $0 != "\"" }.split(separator: ",").map(String.init)
            }
            entries.append(Entry(principals: fields[0], keyBlob: Array(key), namespaces: namespaces))
        }
        self.entries = entries
        self.path = path
    }

    /// Nil when the commit carries a good SSH signature by an allowed key; otherwise what is wrong.
    func problem(with commit: OID, in repository: Repository) -> String? {
        let extracted: (signature: String, signedData: [UInt8])?
        do { extracted = try repository.signature(ofCommit: commit) } catch { return "its signature cannot be read (\(error.message))" }
        guard let (armored, signedData) = extracted else { return "unsigned" }
        let body = armored.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("-----") }.joined()
        guard armored.contains("-----BEGIN SSH SIGNATURE-----"), let decoded = Data(base64Encoded: body) else {
            return "signed, but not with an SSH signature history can check"
        }
        var r = SSHReader(Array(decoded))
        guard r.expect("SSHSIG"), r.uint32() == 1, let publicKey = r.string(), let namespace = r.text(), r.string() != nil,
              let hashAlgorithm = r.text(), let signatureBlob = r.string() else { return "a damaged SSH signature" }
        guard namespace == "git" else { return "signed for the namespace '\(namespace)', not 'git'" }
        var k = SSHReader(publicKey)
        guard k.text() == "ssh-ed25519", let rawKey = k.string(), rawKey.count == 32 else {
            return "signed with a key type history cannot check (only ssh-ed25519)"
        }
        var s = SSHReader(signatureBlob)
        guard s.text() == "ssh-ed25519", let signature = s.string(), signature.count == 64 else { return "a damaged SSH signature" }
        let hash: [UInt8]
        switch hashAlgorithm {
        case "sha512": hash = Array(SHA512.hash(data: signedData))
        case "sha256": hash = Array(SHA256.hash(data: signedData))
        default: return "signed with an unknown hash '\(hashAlgorithm)'"
        }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey),
              key.isValidSignature(signature, for: SSHSignatures.signedData(namespace: namespace, hashAlgorithm: hashAlgorithm, hash: hash)) else {
            return "BAD signature: the commit was changed after it was signed, or the signature was forged"
        }
        guard let entry = entries.first(where: { $0.keyBlob == publicKey }) else {
            return "signed by \(SSHSignatures.fingerprint(publicKey)), a key not in \(path)"
        }
        if let namespaces = entry.namespaces, !namespaces.contains("git") {
            return "signed by \(entry.principals), whose key \(path) does not allow for git"
        }
        return nil
    }
}
