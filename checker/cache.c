#include "cache.h"

#include "digest.h"
#include "path.h"
#include "srcfile.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef SOCKCHECK_VERSION
#define SOCKCHECK_VERSION "0.0.0"
#endif

/* The first line of every entry; a file without it is not ours. */
#define CACHE_MAGIC "sockcheck-facts-cache 2"

/*
 * How a file looked when it was digested. A file last modified well before the run started
 * and still looking the same was not modified since: its digest holds for any bytes of it
 * read during the run (ccache's "file too new" rule).
 */
struct file_stamp {
    bool old; /* last modified at least CACHE_SETTLED seconds before the run started */
    dev_t dev;
    ino_t ino;
    off_t size;
    long long mtime_ns;
    long long ctime_ns;
};

/* Seconds a file must have been left alone before the run for its stamp to be trusted: more
 * than the granularity of any file system's timestamps. */
#define CACHE_SETTLED 2

/* A file's digest as this run saw it; ok is false when it could not be read. */
struct memo_slot {
    char *path; /* NULL: empty slot */
    bool ok;
    char digest[DIGEST_HEX_SIZE];
    struct file_stamp stamp;
};

struct cache {
    char *dir;
    char identity[DIGEST_HEX_SIZE]; /* the tool's identity, in every entry's first line */
    pthread_mutex_t lock;           /* guards memo, and cJSON's parser (its error pointer is
                                       global: facts_from_json runs one at a time) */
    struct memo_slot *memo;         /* open addressing; headers are shared by many units, and
                                       each is read once per run */
    size_t memo_cap, memo_count;
    struct timespec started; /* when the run opened the cache (CLOCK_REALTIME, as mtimes) */
    size_t refs;             /* cache_open's, plus one per cache_share; guarded by lock */
};

char *cache_default_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && path_is_absolute(xdg))
        return path_join_normalise(xdg, "sockcheck");
    const char *home = getenv("HOME");
    if (home && path_is_absolute(home))
        return path_join_normalise(home, ".cache/sockcheck");
    return NULL;
}

/* mkdir -p; 0 or -1 with errno. */
static int make_dirs(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
    char *parent = path_join_normalise(dir, "..");
    int rc = strcmp(parent, dir) == 0 ? 0 : make_dirs(parent);
    free(parent);
    if (rc < 0)
        return -1;
    if (mkdir(dir, 0777) < 0 && errno != EEXIST)
        return -1;
    return 0;
}

/*
 * What produced the facts: sockcheck's release, the facts format, libclang's version, and the
 * bytes of the running program, so that a rebuilt front end never reads facts an older build
 * wrote even when the release number did not change.
 */
static void compute_identity(char out[DIGEST_HEX_SIZE])
{
    struct digest d;
    digest_init(&d);
    digest_update_str(&d, SOCKCHECK_VERSION);
    char format[32];
    snprintf(format, sizeof format, "facts-format %d", FACTS_FORMAT_VERSION);
    digest_update_str(&d, format);
    char *clang = fe_clang_version();
    digest_update_str(&d, clang ? clang : "");
    free(clang);
    char self[DIGEST_HEX_SIZE];
    digest_update_str(&d, digest_file_hex("/proc/self/exe", self) == 0 ? self : "no-exe");
    digest_final_hex(&d, out);
}

struct cache *cache_open(const char *dir, struct sc_error *err)
{
    char *cwd = path_is_absolute(dir) ? NULL : path_cwd();
    char *abs = path_join_normalise(cwd ? cwd : "/", dir);
    free(cwd);
    if (make_dirs(abs) < 0 || access(abs, W_OK | X_OK) < 0) {
        sc_error_set(err, SC_ERROR_IO, dir, 0, "cannot use the cache directory %s: %s", dir,
                     strerror(errno));
        free(abs);
        return NULL;
    }
    struct cache *cache = xcalloc(1, sizeof *cache);
    cache->dir = abs;
    compute_identity(cache->identity);
    clock_gettime(CLOCK_REALTIME, &cache->started);
    pthread_mutex_init(&cache->lock, NULL);
    cache->refs = 1;
    return cache;
}

struct cache *cache_share(struct cache *cache)
{
    pthread_mutex_lock(&cache->lock);
    cache->refs++;
    pthread_mutex_unlock(&cache->lock);
    return cache;
}

void cache_free(struct cache *cache)
{
    if (!cache)
        return;
    pthread_mutex_lock(&cache->lock);
    bool last = --cache->refs == 0;
    pthread_mutex_unlock(&cache->lock);
    if (!last)
        return;
    for (size_t i = 0; i < cache->memo_cap; i++)
        free(cache->memo[i].path);
    free(cache->memo);
    pthread_mutex_destroy(&cache->lock);
    free(cache->dir);
    free(cache);
}

/* ---- file digests, once per run --------------------------------------------------------- */

static size_t memo_hash(const char *path)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        h = (h ^ *p) * UINT64_C(0x100000001b3);
    return (size_t)h;
}

/* The slot of path: its entry, or the empty slot where it belongs. Lock held. */
static struct memo_slot *memo_slot(struct memo_slot *slots, size_t cap, const char *path)
{
    size_t i = memo_hash(path) & (cap - 1);
    while (slots[i].path && strcmp(slots[i].path, path) != 0)
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Doubles the table when half full. Lock held. */
static void memo_grow(struct cache *cache)
{
    if (cache->memo_cap && cache->memo_count * 2 < cache->memo_cap)
        return;
    size_t cap = cache->memo_cap ? cache->memo_cap * 2 : 256;
    struct memo_slot *slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < cache->memo_cap; i++)
        if (cache->memo[i].path)
            *memo_slot(slots, cap, cache->memo[i].path) = cache->memo[i];
    free(cache->memo);
    cache->memo = slots;
    cache->memo_cap = cap;
}

static long long ns_of(struct timespec ts)
{
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The stamp of path now; false when it cannot be stat'ed. */
static bool stamp_of(const struct cache *cache, const char *path, struct file_stamp *out)
{
    struct stat st;
    memset(out, 0, sizeof *out);
    if (stat(path, &st) < 0)
        return false;
    out->dev = st.st_dev;
    out->ino = st.st_ino;
    out->size = st.st_size;
    out->mtime_ns = ns_of(st.st_mtim);
    out->ctime_ns = ns_of(st.st_ctim);
    long long settled = ns_of(cache->started) - CACHE_SETTLED * 1000000000LL;
    out->old = out->mtime_ns < settled && out->ctime_ns < settled;
    return true;
}

static bool same_stamp(const struct file_stamp *a, const struct file_stamp *b)
{
    return a->old && b->old && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

/* The front end's memo lookup (fe.h): a digest taken this run, of a file that has not
 * changed since, holds for the bytes the parser just read. */
static bool memo_lookup(void *data, const char *path, char digest_out[DIGEST_HEX_SIZE])
{
    struct cache *cache = data;
    struct file_stamp now;
    if (!stamp_of(cache, path, &now) || !now.old)
        return false;
    bool known = false;
    pthread_mutex_lock(&cache->lock);
    if (cache->memo_cap) {
        struct memo_slot *slot = memo_slot(cache->memo, cache->memo_cap, path);
        known = slot->path && slot->ok && same_stamp(&slot->stamp, &now);
        if (known)
            memcpy(digest_out, slot->digest, DIGEST_HEX_SIZE);
    }
    pthread_mutex_unlock(&cache->lock);
    return known;
}

/* Records a digest (of bytes read after the run started); keeps an existing one. */
static void memo_put(struct cache *cache, const char *path, bool ok, const char *digest,
                     const struct file_stamp *stamp)
{
    pthread_mutex_lock(&cache->lock);
    memo_grow(cache);
    struct memo_slot *slot = memo_slot(cache->memo, cache->memo_cap, path);
    if (!slot->path) {
        slot->path = xstrdup(path);
        slot->ok = ok;
        if (ok)
            memcpy(slot->digest, digest, DIGEST_HEX_SIZE);
        slot->stamp = *stamp;
        cache->memo_count++;
    }
    pthread_mutex_unlock(&cache->lock);
}

/* The front end's memo remember (fe.h): only files left alone since before the run, whose
 * stamp will tell whether they changed. */
static void memo_remember(void *data, const char *path, const char digest[DIGEST_HEX_SIZE])
{
    struct cache *cache = data;
    struct file_stamp now;
    if (stamp_of(cache, path, &now) && now.old)
        memo_put(cache, path, true, digest, &now);
}

void cache_digest_memo(struct cache *cache, struct fe_digest_memo *out)
{
    out->lookup = memo_lookup;
    out->remember = memo_remember;
    out->ctx = cache;
}

/* Whether path's content has digest now. Each file is read once per run, whoever asks. */
static bool file_matches(struct cache *cache, const char *path, const char *digest)
{
    pthread_mutex_lock(&cache->lock);
    memo_grow(cache);
    struct memo_slot *slot = memo_slot(cache->memo, cache->memo_cap, path);
    if (slot->path) {
        bool same = slot->ok && strcmp(slot->digest, digest) == 0;
        pthread_mutex_unlock(&cache->lock);
        return same;
    }
    pthread_mutex_unlock(&cache->lock);
    /* Read without the lock: two threads may read one file at once, and agree. The stamp is
     * taken before and after: a file that changed while being read gets no stamp. */
    struct file_stamp before, after;
    char fresh[DIGEST_HEX_SIZE];
    bool stamped = stamp_of(cache, path, &before);
    bool ok = digest_file_hex(path, fresh) == 0;
    if (!stamped || !stamp_of(cache, path, &after) || !same_stamp(&before, &after))
        before.old = false;
    memo_put(cache, path, ok, fresh, &before);
    return ok && strcmp(fresh, digest) == 0;
}

/* ---- entries ------------------------------------------------------------------------------ */

/*
 * The key of a unit's command: everything besides file contents and the tool that decides its
 * facts. The tool's identity is checked in the entry's first line instead of being part of
 * the name, so that a new build replaces the entries of an old one instead of adding its own
 * beside them: the cache holds one entry per unit command, whatever was built.
 */
static void unit_key(const struct unit *unit, char out[DIGEST_HEX_SIZE])
{
    static const char *const env_vars[] = {"CPATH", "C_INCLUDE_PATH"};
    struct digest d;
    digest_init(&d);
    digest_update_str(&d, unit->path);
    digest_update_str(&d, unit->directory ? unit->directory : "");
    char count[32];
    snprintf(count, sizeof count, "%zu", unit->nargs);
    digest_update_str(&d, count);
    for (size_t i = 0; i < unit->nargs; i++)
        digest_update_str(&d, unit->args[i]);
    for (size_t i = 0; i < sizeof env_vars / sizeof env_vars[0]; i++) {
        const char *v = getenv(env_vars[i]);
        digest_update_str(&d, v ? v : "(unset)");
    }
    digest_final_hex(&d, out);
}

/* dir/ab/abcdef...: entries spread over 256 directories. Caller frees. */
static char *entry_path(const struct cache *cache, const char *key)
{
    return xasprintf("%s/%.2s/%s", cache->dir, key, key);
}

/* The line at *pos (without its newline, NUL-terminated in place); NULL at the end. */
static char *next_line(char *text, size_t len, size_t *pos)
{
    if (*pos >= len)
        return NULL;
    char *start = text + *pos;
    char *nl = memchr(start, '\n', len - *pos);
    if (!nl)
        return NULL;
    *nl = '\0';
    *pos = (size_t)(nl - text) + 1;
    return start;
}

/* A stamp as a manifest line spells it: "dev:ino:size:mtime_ns:ctime_ns". */
static void stamp_format(const struct file_stamp *st, char *out, size_t size)
{
    snprintf(out, size, "%llu:%llu:%lld:%lld:%lld", (unsigned long long)st->dev,
             (unsigned long long)st->ino, (long long)st->size, st->mtime_ns, st->ctime_ns);
}

/*
 * The stat fast path (ccache's): a manifest line may carry the stamp its file had when the
 * entry was written, recorded only when the file had been left alone since before that run
 * (stamp.old). The same stamp now means the same bytes: any write since would have moved the
 * change time past it. A stamp that differs (a touched file, even of the same size and with
 * its modification time put back) means digesting the file again.
 */
static bool stamp_still(const char *recorded, const char *path)
{
    struct stat st;
    if (strcmp(recorded, "-") == 0 || stat(path, &st) < 0)
        return false;
    struct file_stamp now = {true,       st.st_dev,         st.st_ino,
                             st.st_size, ns_of(st.st_mtim), ns_of(st.st_ctim)};
    char text[128];
    stamp_format(&now, text, sizeof text);
    return strcmp(text, recorded) == 0;
}

/* One manifest line, "DIGEST STAMP PATH": whether the file still has that digest. */
static bool manifest_line_holds(struct cache *cache, char *line)
{
    if (strlen(line) < DIGEST_HEX_SIZE + 1 || line[DIGEST_HEX_SIZE - 1] != ' ')
        return false;
    line[DIGEST_HEX_SIZE - 1] = '\0';
    char *stamp = line + DIGEST_HEX_SIZE;
    char *path = strchr(stamp, ' ');
    if (!path)
        return false;
    *path++ = '\0';
    return stamp_still(stamp, path) || file_matches(cache, path, line);
}

/* Checks the header and manifest of an entry; on success *pos is where the facts start. */
static bool entry_is_current(struct cache *cache, const char *key, char *text, size_t len,
                             size_t *pos)
{
    char *magic = next_line(text, len, pos);
    char expected[sizeof CACHE_MAGIC + 2 * DIGEST_HEX_SIZE + 1];
    snprintf(expected, sizeof expected, "%s %s %s", CACHE_MAGIC, key, cache->identity);
    if (!magic || strcmp(magic, expected) != 0)
        return false;
    char *count_line = next_line(text, len, pos);
    char *end = NULL;
    unsigned long count = count_line ? strtoul(count_line, &end, 10) : 0;
    if (!count_line || !count || *end)
        return false;
    for (unsigned long i = 0; i < count; i++) {
        char *line = next_line(text, len, pos);
        if (!line || !manifest_line_holds(cache, line))
            return false;
    }
    return true;
}

struct facts *cache_lookup(struct cache *cache, const struct unit *unit)
{
    char key[DIGEST_HEX_SIZE];
    unit_key(unit, key);
    char *path = entry_path(cache, key);
    size_t len = 0, pos = 0;
    char *text = srcfile_read(path, &len);
    free(path);
    if (text && !len) { /* an empty entry is as good as none */
        free(text);
        text = NULL;
    }
    if (!text)
        return NULL;
    struct facts *facts = NULL;
    if (entry_is_current(cache, key, text, len, &pos)) {
        struct sc_error err;
        sc_error_clear(&err);
        pthread_mutex_lock(&cache->lock);
        facts = facts_from_json(text + pos, len - pos, &err);
        pthread_mutex_unlock(&cache->lock);
        /* Facts about another file are foreign, whatever the key says. */
        if (facts && (!facts->nfiles || strcmp(facts->files[0], unit->path) != 0)) {
            facts_free(facts);
            facts = NULL;
        }
    }
    free(text);
    return facts;
}

/* The entry's text, or NULL when a path cannot be written in a manifest line. Caller frees. */
static char *entry_text(const struct cache *cache, const char *key, const struct facts *facts,
                        const struct fe_inputs *inputs)
{
    const char *identity = cache->identity;
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_printf(&sb, "%s %s %s\n%zu\n", CACHE_MAGIC, key, identity, inputs->count);
    for (size_t i = 0; i < inputs->count; i++) {
        if (strchr(inputs->items[i].path, '\n')) {
            strbuf_fini(&sb);
            return NULL;
        }
        /* A file left alone since before the run was parsed as it is now: its stamp can
         * stand for its digest next time. Any other gets none ("-"). */
        struct file_stamp st;
        char stamp[128] = "-";
        if (stamp_of(cache, inputs->items[i].path, &st) && st.old)
            stamp_format(&st, stamp, sizeof stamp);
        strbuf_printf(&sb, "%s %s %s\n", inputs->items[i].digest, stamp, inputs->items[i].path);
    }
    char *json = facts_to_json(facts);
    if (!json) {
        strbuf_fini(&sb);
        return NULL;
    }
    strbuf_puts(&sb, json);
    free(json);
    return strbuf_take(&sb);
}

/* Writes text to a temporary file beside path, then renames it over path: a reader sees the
 * old entry or the new one, never half of one. */
static void write_atomically(const char *path, const char *text)
{
    char *tmp = xasprintf("%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return;
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n <= 0 && errno != EINTR)
            break;
        if (n > 0)
            done += (size_t)n;
    }
    bool ok = close(fd) == 0 && done == len;
    if (!ok || rename(tmp, path) < 0)
        unlink(tmp);
    free(tmp);
}

void cache_store(struct cache *cache, const struct unit *unit, const struct facts *facts,
                 const struct fe_inputs *inputs)
{
    if (!inputs->complete || !inputs->count)
        return;
    char key[DIGEST_HEX_SIZE];
    unit_key(unit, key);
    char *text = entry_text(cache, key, facts, inputs);
    if (!text)
        return;
    char *sub = xasprintf("%s/%.2s", cache->dir, key);
    if (make_dirs(sub) == 0) {
        char *path = entry_path(cache, key);
        write_atomically(path, text);
        free(path);
    }
    free(sub);
    free(text);
}
