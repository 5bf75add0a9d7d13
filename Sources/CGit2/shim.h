#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>
#include <zlib.h>
#include <stdio.h>
#include <string.h>

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

static inline int cgit2_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

static inline int cgit2_set_mwindow_mapped_limit(size_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, bytes);
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

static inline int cgit2_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}

/* Remotes: what the callbacks of one fetch or push need, and what they report back. Credentials come
   from a key file or the SSH agent, or from a token read from a file: never from the command line.
   Each kind is offered once, so a refused credential ends the operation instead of looping. */
typedef struct {
    const char *ssh_key;          /* a private key file, or NULL to ask the SSH agent */
    const char *token;            /* for https: the token (a password), or NULL */
    const char *token_user;       /* the user name sent with the token when the URL names none */
    int offered_key, offered_agent, offered_token;
    char rejected[4096];          /* "refname\tstatus\n" for each ref the remote refused */
    const unsigned char *host_keys; /* SHA-256 fingerprints (32 bytes each) of the SSH host keys accepted */
    size_t host_key_count;
    unsigned char seen_host_key[32]; /* the SSH server's, when it was refused */
    int refused_host_key;
} cgit2_remote_payload;

/* SSH: the server's host key must be one the caller knows (known_hosts, or a pinned fingerprint). libgit2
   1.5 has no known_hosts of its own and refuses every key without this callback. https: the TLS
   library's own verdict against the system's authorities stands. */
static int cgit2_certificate_check(git_cert *cert, int valid, const char *host, void *data) {
    cgit2_remote_payload *p = data;
    (void)host;
    if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) return valid ? 0 : GIT_ECERTIFICATE;
    git_cert_hostkey *key = (git_cert_hostkey *)cert;
    if (!(key->type & GIT_CERT_SSH_SHA256)) {
        git_error_set_str(GIT_ERROR_SSH, "the SSH server's host key has no SHA-256 fingerprint to check");
        return GIT_ECERTIFICATE;
    }
    for (size_t i = 0; i < p->host_key_count; i++) {
        if (memcmp(p->host_keys + 32 * i, key->hash_sha256, 32) == 0) return 0;
    }
    memcpy(p->seen_host_key, key->hash_sha256, 32);
    p->refused_host_key = 1;
    git_error_set_str(GIT_ERROR_SSH, "the SSH server's host key is not a known one");
    return GIT_ECERTIFICATE;
}

static int cgit2_credentials(git_credential **out, const char *url, const char *user_from_url,
                             unsigned int allowed, void *data) {
    cgit2_remote_payload *p = data;
    (void)url;
    const char *user = user_from_url ? user_from_url : "git";
    if ((allowed & GIT_CREDENTIAL_SSH_KEY) && p->ssh_key && !p->offered_key) {
        p->offered_key = 1;
        return git_credential_ssh_key_new(out, user, NULL, p->ssh_key, NULL);
    }
    if ((allowed & GIT_CREDENTIAL_SSH_KEY) && !p->ssh_key && !p->offered_agent) {
        p->offered_agent = 1;
        return git_credential_ssh_key_from_agent(out, user);
    }
    if ((allowed & GIT_CREDENTIAL_USERNAME) && !p->offered_agent && !p->offered_key) {
        return git_credential_username_new(out, user);
    }
    if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && p->token && !p->offered_token) {
        p->offered_token = 1;
        return git_credential_userpass_plaintext_new(out, user_from_url ? user_from_url : p->token_user, p->token);
    }
    git_error_set_str(GIT_ERROR_NET, p->offered_key || p->offered_agent || p->offered_token
        ? "the remote refused the credentials offered"
        : "the remote asks for credentials and none were configured");
    return GIT_EAUTH;
}

static int cgit2_push_update_reference(const char *refname, const char *status, void *data) {
    cgit2_remote_payload *p = data;
    if (status) {
        size_t used = strlen(p->rejected);
        snprintf(p->rejected + used, sizeof p->rejected - used, "%s\t%s\n", refname, status);
    }
    return 0;
}

static inline git_remote_callbacks cgit2_remote_callbacks(cgit2_remote_payload *payload) {
    git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
    callbacks.credentials = cgit2_credentials;
    callbacks.push_update_reference = cgit2_push_update_reference;
    callbacks.certificate_check = cgit2_certificate_check;
    callbacks.payload = payload;
    return callbacks;
}

static inline git_fetch_options cgit2_fetch_options(cgit2_remote_payload *payload) {
    git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
    options.callbacks = cgit2_remote_callbacks(payload);
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    options.update_fetchhead = 0;
    return options;
}

static inline git_push_options cgit2_push_options(cgit2_remote_payload *payload) {
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    options.callbacks = cgit2_remote_callbacks(payload);
    return options;
}

#endif
