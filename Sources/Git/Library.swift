internal import CGit2

/// libgit2 is initialised once per process and never shut down.
/// Global config search paths are emptied so `~/.gitconfig` and `/etc/gitconfig` never change behaviour.
let libgit2: Void = {
    git_libgit2_init()
    for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA] {
        _ = cgit2_set_search_path(Int32(level.rawValue), "")
    }
    _ = cgit2_enable_strict_object_creation(1)
    // Objects, the packed index and references reach the disk before a write returns (git's core.fsync):
    // a success that a power cut can take back is not one.
    _ = cgit2_enable_fsync_gitdir(1)
    // https through mbedTLS: the system's certificate authorities (and SSL_CERT_FILE, as OpenSSL reads it).
    // (libgit2's mbedTLS backend keeps only the last location set: the file when one is named, else the folder.)
    if let file = getenv("SSL_CERT_FILE"), file.pointee != 0 {
        _ = cgit2_set_ssl_cert_locations(file, nil)
    } else {
        _ = cgit2_set_ssl_cert_locations(nil, "/etc/ssl/certs")
    }
}()

extension Repository {
    /// Turns libgit2's object cache on or off for the whole process. Off suits a pass that reads every
    /// object once (`history verify`): the cache would only fill up, to 256 MB, with objects never read again.
    public static func setObjectCaching(_ enabled: Bool) {
        _ = libgit2
        _ = cgit2_enable_caching(enabled ? 1 : 0)
    }
}

extension Repository {
    /// Bounds libgit2's object cache (default 256 MB) and the pack windows it keeps mapped (default 8 GB)
    /// for the whole process: a pass over every event (a report of 50,000) reads most objects once.
    public static func setObjectCacheLimit(bytes: Int) {
        _ = libgit2
        _ = cgit2_set_cache_max_size(bytes)
        _ = cgit2_set_mwindow_mapped_limit(bytes)
    }
}
