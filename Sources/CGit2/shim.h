#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>

/* libgit2's option setters are variadic and its *_OPTIONS_INIT are macros:
   Swift can call neither, so each gets a small typed wrapper here. */

static inline int cgit2_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int cgit2_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

static inline int cgit2_enable_fsync_gitdir(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

static inline git_repository_init_options cgit2_repository_init_options(void) {
    git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    return opts;
}

static inline git_diff_options cgit2_diff_options(void) {
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    return opts;
}

#endif
