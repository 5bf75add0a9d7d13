#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>
#include <zlib.h>

/* libgit2's option setters are variadic and its *_OPTIONS_INIT are macros:
   Swift can call neither, so each gets a small typed wrapper here. */

static inline int cgit2_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int cgit2_enable_strict_object_creation(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, enabled);
}

static inline int cgit2_enable_caching(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}

static inline int cgit2_enable_fsync_gitdir(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

static inline git_repository_init_options cgit2_repository_init_options(void) {
    git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    return opts;
}

/* zlib, for packfiles the Git target writes itself (PackWriter): deflateInit is a macro. */
static inline int cgit2_deflate_init(z_stream *stream, int level) {
    return deflateInit(stream, level);
}

/* Compresses `size` bytes into `out` (at least deflateBound(size) long) with a stream reused across
   objects; returns the compressed length, or -1. */
static inline long cgit2_deflate(z_stream *stream, const void *data, size_t size, void *out, size_t capacity) {
    if (deflateReset(stream) != Z_OK) return -1;
    stream->next_in = (Bytef *)data;
    stream->avail_in = (uInt)size;
    stream->next_out = (Bytef *)out;
    stream->avail_out = (uInt)capacity;
    if (deflate(stream, Z_FINISH) != Z_STREAM_END) return -1;
    return (long)stream->total_out;
}

#endif
