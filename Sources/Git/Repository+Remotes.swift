internal import CGit2
#if canImport(Glibc)
import Glibc
#endif

/// How to authenticate to a remote: an SSH key file (else the SSH agent) for `ssh://`, a token for
/// `https://`. Read from files by the caller; never taken from a command line.
public struct RemoteCredentials: Sendable {
    public var sshKeyFile: String?
    public var token: String?
    /// The user name sent with the token when the URL names none (GitLab and Gitea accept any).
    public var tokenUser: String
    /// SHA-256 fingerprints (32 bytes each) of the SSH host keys to accept; any other is refused.
    public var sshHostKeys: [[UInt8]]

    public init(sshKeyFile: String? = nil, token: String? = nil, tokenUser: String = "history", sshHostKeys: [[UInt8]] = []) {
        self.sshKeyFile = sshKeyFile
        self.token = token
        self.tokenUser = tokenUser
        self.sshHostKeys = sshHostKeys
    }
}

/// A remote's SSH server presented a host key the credentials did not list (its SHA-256 fingerprint).
public struct UnknownHostKey: Error, Sendable {
    public let fingerprint: [UInt8]
    public let underlying: GitError
}

/// A reference the remote refused to update in a push, with the remote's reason.
public struct PushRejection: Sendable, Hashable {
    public let reference: String
    public let status: String
}

extension Repository {
    /// Adds a named remote (`remote.<name>.url` in the repository's config).
    public func addRemote(_ name: String, url: String) throws(GitError) {
        var out: OpaquePointer? = nil
        try check(git_remote_create(&out, pointer, name, url), "git_remote_create(\(name))")
        if let out { git_remote_free(out) }
    }

    public func removeRemote(_ name: String) throws(GitError) {
        try check(git_remote_delete(pointer, name), "git_remote_delete(\(name))")
    }

    /// The URL of a named remote, or nil when there is no such remote.
    public func remoteURL(_ name: String) throws(GitError) -> String? {
        var out: OpaquePointer? = nil
        let rc = git_remote_lookup(&out, pointer, name)
        if rc == GIT_ENOTFOUND.rawValue || rc == GIT_EINVALIDSPEC.rawValue { return nil }
        try check(rc, "git_remote_lookup(\(name))")
        guard let out else { return nil }
        defer { git_remote_free(out) }
        return git_remote_url(out).map { String(cString: $0) }
    }

    /// Every named remote with its URL, sorted by name.
    public func remotes() throws(GitError) -> [(name: String, url: String)] {
        var names = git_strarray()
        try check(git_remote_list(&names, pointer), "git_remote_list")
        defer { git_strarray_dispose(&names) }
        var result: [(name: String, url: String)] = []
        for index in 0..<names.count {
            guard let raw = names.strings[index] else { continue }
            let name = String(cString: raw)
            if let url = try remoteURL(name) { result.append((name, url)) }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// A value of the repository's own config (`.git/config`), or nil.
    public func configValue(_ key: String) throws(GitError) -> String? {
        let config = try Owned.make("git_repository_config", release: { git_config_free($0) }) { out in
            git_repository_config(&out, pointer)
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let rc = config.withPointer { git_config_get_string_buf(&buffer, $0, key) }
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_config_get_string_buf(\(key))")
        return buffer.ptr.map { String(cString: $0) }
    }

    /// Sets (or with nil, removes) a value of the repository's own config.
    public func setConfigValue(_ key: String, _ value: String?) throws(GitError) {
        let config = try Owned.make("git_repository_config", release: { git_config_free($0) }) { out in
            git_repository_config(&out, pointer)
        }
        let rc = config.withPointer { config in
            if let value { return git_config_set_string(config, key, value) }
            return git_config_delete_entry(config, key)
        }
        if value == nil && rc == GIT_ENOTFOUND.rawValue { return }
        try check(rc, "git_config_set_string(\(key))")
    }

    /// Fetches `refspecs` (e.g. `+refs/heads/main:refs/history/fetched/origin/main`) from a named remote
    /// through libgit2's transports (a path, `file://`, `git://`, `ssh://`, `http(s)://`); moves only the
    /// references the refspecs name on this side.
    public func fetch(remote name: String, refspecs: [String], credentials: RemoteCredentials,
                      refusedHostKey: inout [UInt8]?) throws(GitError) {
        _ = ignoringBrokenPipes
        let remote = try lookupRemote(name)
        refusedHostKey = try withPayload(credentials) { (payload) throws(GitError) -> [UInt8]? in
            var options = cgit2_fetch_options(payload)
            let rc = withStrarray(refspecs) { specs in remote.withPointer { git_remote_fetch($0, &specs, &options, "history pull") } }
            if rc < 0, payload.pointee.refused_host_key != 0 { return Self.seenHostKey(payload) }
            try check(rc, "fetch from \(name)")
            return nil
        }
    }

    private static func seenHostKey(_ payload: UnsafeMutablePointer<cgit2_remote_payload>) -> [UInt8] {
        withUnsafeBytes(of: payload.pointee.seen_host_key) { Array($0) }
    }

    /// Pushes `refspecs` (never forced: a `+` is refused here) to a named remote; returns the references the
    /// remote refused, with its reasons. libgit2 itself refuses, before sending anything, an update that
    /// is not a fast-forward of what the remote advertised.
    public func push(remote name: String, refspecs: [String], credentials: RemoteCredentials,
                     refusedHostKey: inout [UInt8]?) throws(GitError) -> [PushRejection] {
        guard !refspecs.contains(where: { $0.hasPrefix("+") }) else {
            throw GitError.invalid("a forced refspec would overwrite the remote's history", "push to \(name)")
        }
        _ = ignoringBrokenPipes
        let remote = try lookupRemote(name)
        var refused: [UInt8]?
        defer { refusedHostKey = refused }
        return try withPayload(credentials) { (payload) throws(GitError) -> [PushRejection] in
            var options = cgit2_push_options(payload)
            let rc = withStrarray(refspecs) { specs in remote.withPointer { git_remote_push($0, &specs, &options) } }
            if rc < 0, payload.pointee.refused_host_key != 0 { refused = Self.seenHostKey(payload); return [] }
            try check(rc, "push to \(name)")
            let text = withUnsafeBytes(of: payload.pointee.rejected) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            return text.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: "\t", maxSplits: 1)
                guard parts.count == 2 else { return nil }
                return PushRejection(reference: String(parts[0]), status: String(parts[1]))
            }
        }
    }

    private func lookupRemote(_ name: String) throws(GitError) -> Owned {
        try Owned.make("git_remote_lookup(\(name))", release: { git_remote_free($0) }) { out in
            git_remote_lookup(&out, pointer, name)
        }
    }
}

/// A remote that goes away mid-transfer (a killed server) must be an error, not the end of the process:
/// libgit2 writes to its sockets without MSG_NOSIGNAL, so SIGPIPE is ignored from the first transfer on, and
/// the write fails with EPIPE instead.
private let ignoringBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
}()

/// The callbacks' payload, with its strings alive for the whole of `body`.
private func withPayload<T>(_ credentials: RemoteCredentials,
                            _ body: (UnsafeMutablePointer<cgit2_remote_payload>) throws(GitError) -> T) throws(GitError) -> T {
    let payload = UnsafeMutablePointer<cgit2_remote_payload>.allocate(capacity: 1)
    payload.initialize(to: cgit2_remote_payload())
    let key = credentials.sshKeyFile.flatMap { strdup($0) }
    let token = credentials.token.flatMap { strdup($0) }
    let user = strdup(credentials.tokenUser)
    let hostKeys = credentials.sshHostKeys.filter { $0.count == 32 }.flatMap { $0 }
    defer {
        free(key); free(token); free(user)
        payload.deinitialize(count: 1)
        payload.deallocate()
    }
    payload.pointee.ssh_key = UnsafePointer(key)
    payload.pointee.token = UnsafePointer(token)
    payload.pointee.token_user = UnsafePointer(user)
    return try hostKeys.withUnsafeBufferPointer { (keys) throws(GitError) -> T in
        payload.pointee.host_keys = keys.baseAddress
        payload.pointee.host_key_count = keys.count / 32
        return try body(payload)
    }
}

/// A `git_strarray` of copies of `strings`, freed when `body` returns.
@discardableResult
private func withStrarray<T, E: Error>(_ strings: [String], _ body: (inout git_strarray) throws(E) -> T) throws(E) -> T {
    var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try copies.withUnsafeMutableBufferPointer { (buffer) throws(E) -> T in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
