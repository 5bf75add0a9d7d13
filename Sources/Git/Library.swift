internal import CGit2

/// libgit2 is initialised once per process and never shut down.
/// Global config search paths are emptied so `~/.gitconfig` and `/etc/gitconfig` never change behaviour.
let libgit2: Void = {
    git_libgit2_init()
    for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA] {
        _ = cgit2_set_search_path(Int32(level.rawValue), "")
    }
    _ = cgit2_enable_strict_object_creation(1)
}()
