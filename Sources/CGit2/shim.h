#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>
#include <git2/sys/mempack.h>

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

/* Writes a whole pack (as git_mempack_dump produces) into the repository's object store, indexed:
   the writepack object is driven through its function pointers, which read better in C. */
static inline int cgit2_odb_write_pack(git_odb *odb, const void *data, size_t size) {
    git_odb_writepack *writepack = NULL;
    git_indexer_progress stats = {0};
    int rc = git_odb_write_pack(&writepack, odb, NULL, NULL);
    if (rc < 0) return rc;
    rc = writepack->append(writepack, data, size, &stats);
    if (rc >= 0) rc = writepack->commit(writepack, &stats);
    writepack->free(writepack);
    return rc;
}

/* A pack of the commits reachable from `tip` but not from `base` (may be NULL) and everything new they
   reference, delta-compressed on every core. */
static inline int cgit2_pack_new_commits(git_buf *out, git_repository *repo, const git_oid *tip, const git_oid *base) {
    git_packbuilder *builder = NULL;
    git_revwalk *walk = NULL;
    int rc = git_packbuilder_new(&builder, repo);
    if (rc < 0) return rc;
    git_packbuilder_set_threads(builder, 0);
    rc = git_revwalk_new(&walk, repo);
    if (rc >= 0) rc = git_revwalk_push(walk, tip);
    if (rc >= 0 && base) rc = git_revwalk_hide(walk, base);
    if (rc >= 0) rc = git_packbuilder_insert_walk(builder, walk);
    if (rc >= 0) rc = git_packbuilder_write_buf(out, builder);
    git_revwalk_free(walk);
    git_packbuilder_free(builder);
    return rc;
}

#endif
