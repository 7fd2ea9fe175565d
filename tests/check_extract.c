/*
 * Extraction at scale: -jN gives the facts of -j1 unit for unit; the facts cache parses
 * nothing on a warm run, re-parses exactly the units that read a changed file, and ignores
 * (then rewrites) corrupt and foreign entries; --skip leaves out units that name no socket
 * API; the progress callback sees every unit.
 */
#include "extract.h"
#include "skip.h"
#include "facts.h"
#include "units.h"
#include "xalloc.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char root[] = "/tmp/sockcheck-extract-XXXXXX";

static char *in_root(const char *rel)
{
    return xasprintf("%s/%s", root, rel);
}

static void write_file(const char *rel, const char *text)
{
    char *path = in_root(rel);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

/* Dates a file an hour back: files left alone since before a run take the cache's memo path
 * (one digest per header per run), fresh ones are digested from what was parsed. */
static void make_old(const char *rel)
{
    char *path = in_root(rel);
    struct timespec times[2];
    clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= 3600;
    times[1] = times[0];
    ck_assert_int_eq(utimensat(AT_FDCWD, path, times, 0), 0);
    free(path);
}

/* A small project: a.c and c.c include server.h, b.c has no socket call, d.c stands alone. */
static void make_project(void)
{
    ck_assert_ptr_nonnull(mkdtemp(root));
    char *dir = in_root("cache");
    mkdir(dir, 0777);
    free(dir);
    write_file("server.h", "#include <sys/socket.h>\n#define OPEN() socket(AF_INET, "
                           "SOCK_STREAM, 0)\n");
    write_file("a.c", "#include \"server.h\"\nint a(void) { int fd = OPEN();\n"
                      "  bind(fd, 0, 0); return listen(fd, 1); }\n");
    write_file("b.c", "int b(int x) { return x * 2; }\n");
    write_file("c.c", "#include \"server.h\"\nint c(void) { return OPEN(); }\n");
    write_file("d.c", "#include <sys/socket.h>\nint d(int fd) { return listen(fd, 1); }\n");
    static const char *const files[] = {"server.h", "a.c", "b.c", "c.c", "d.c"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        make_old(files[i]);
}

/* rm -r of the project (two levels: cache/ab/entry). */
static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = xasprintf("%s/%s", path, e->d_name);
            remove_tree(child);
            free(child);
        }
        closedir(d);
        rmdir(path);
        return;
    }
    unlink(path);
}

static void remove_project(void)
{
    remove_tree(root);
    memcpy(root, "/tmp/sockcheck-extract-XXXXXX", sizeof root);
}

static void collect(struct unit_list *units)
{
    const char *paths[] = {root};
    struct units_request req = {paths, 1, NULL, NULL, 0};
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_msg(units_collect(&req, units, &err) == 0, "%s", err.message);
}

/* Every unit's facts as JSON, one document each (the caller frees them). */
static char **run(const struct unit_list *units, const struct extract_options *opts,
                  struct extract_stats *stats)
{
    struct extract_outcome *out = xcalloc(units->count, sizeof *out);
    extract_units(units, opts, out, stats);
    char **json = xcalloc(units->count, sizeof *json);
    for (size_t i = 0; i < units->count; i++) {
        ck_assert_msg(out[i].facts != NULL, "%s: %s", units->items[i].path, out[i].err.message);
        json[i] = facts_to_json(out[i].facts);
    }
    extract_outcomes_fini(out, units->count);
    free(out);
    return json;
}

static void free_json(char **json, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(json[i]);
    free(json);
}

static void assert_same(char **a, char **b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(a[i], b[i]);
}

START_TEST(test_parallel_same_as_serial)
{
    struct unit_list units = {0};
    const char *paths[] = {SOCKCHECK_SOURCE_DIR "/testdata/rules"};
    struct units_request req = {paths, 1, NULL, NULL, 0};
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(units_collect(&req, &units, &err), 0);
    ck_assert_uint_ge(units.count, 8);
    struct extract_options serial = {.jobs = 1};
    struct extract_options parallel = {.jobs = 4};
    struct extract_stats s1, s4;
    char **a = run(&units, &serial, &s1);
    char **b = run(&units, &parallel, &s4);
    assert_same(a, b, units.count);
    ck_assert_uint_eq(s1.threads, 1);
    ck_assert_uint_eq(s4.threads, 4);
    ck_assert_uint_eq(s4.parsed, units.count);
    ck_assert(!s4.threads_left_running);
    free_json(a, units.count);
    free_json(b, units.count);
    unit_list_fini(&units);
}
END_TEST

/* The cache's entry files (cache/xx/key), sorted; the caller frees them. */
static size_t entries(char ***out)
{
    char *cache = in_root("cache");
    size_t n = 0, cap = 0;
    char **list = NULL;
    DIR *d = opendir(cache);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *sub = xasprintf("%s/%s", cache, e->d_name);
        DIR *s = opendir(sub);
        struct dirent *f;
        while (s && (f = readdir(s)) != NULL)
            if (f->d_name[0] != '.')
                *XPUSH(list, n, cap) = xasprintf("%s/%s", sub, f->d_name);
        if (s)
            closedir(s);
        free(sub);
    }
    closedir(d);
    free(cache);
    *out = list;
    return n;
}

static void overwrite(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char *buf = xcalloc(1 << 20, 1);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void expect_counts(const struct extract_stats *s, size_t parsed, size_t cached)
{
    ck_assert_uint_eq(s->parsed, parsed);
    ck_assert_uint_eq(s->cached, cached);
    ck_assert_str_eq(s->cache_problem, "");
}

/* Whether some entry's manifest line for a file ending in suffix carries a stamp (the stat
 * fast path), not "-". */
static bool manifest_has_stamp(const char *suffix)
{
    char **files = NULL;
    size_t n = entries(&files);
    bool found = false;
    for (size_t i = 0; i < n; i++) {
        char *text = slurp(files[i]);
        char *at = strstr(text, suffix);
        while (at && !found) {
            char *start = at;
            while (start > text && start[-1] != '\n')
                start--;
            /* "DIGEST STAMP PATH": the stamp is the second word. */
            char *stamp = strchr(start, ' ');
            found = stamp && stamp[1] != '-' && at[strlen(suffix)] == '\n';
            at = strstr(at + 1, suffix);
        }
        free(text);
        free(files[i]);
    }
    free(files);
    return found;
}

START_TEST(test_cache)
{
    make_project();
    struct unit_list units = {0};
    collect(&units);
    ck_assert_uint_eq(units.count, 4);
    char *cache = in_root("cache");
    struct extract_options opts = {.jobs = 2, .cache_dir = cache};
    struct extract_stats st;
    /* Files whose change time is not settled get no stamp in the manifest: wait, so that
     * the stat fast path is what the warm runs below use for them. */
    sleep(3);

    /* Cold, then warm: nothing parsed, the same facts. */
    char **cold = run(&units, &opts, &st);
    expect_counts(&st, 4, 0);
    char **warm = run(&units, &opts, &st);
    expect_counts(&st, 0, 4);
    assert_same(cold, warm, units.count);
    free_json(warm, units.count);

    /* A header changed: only the two units that include it are parsed again. */
    write_file("server.h", "#include <sys/socket.h>\n#define OPEN() socket(AF_INET6, "
                           "SOCK_STREAM, 0)\n");
    char **touched = run(&units, &opts, &st);
    expect_counts(&st, 2, 2);
    ck_assert_str_ne(touched[0], cold[0]); /* a.c: inet6 now */
    ck_assert_str_eq(touched[1], cold[1]);
    char **again = run(&units, &opts, &st);
    expect_counts(&st, 0, 4);
    assert_same(touched, again, units.count);
    free_json(again, units.count);

    /* The main file changed: that unit only. */
    write_file("b.c", "int b(int x) { return x * 3; }\n");
    free_json(run(&units, &opts, &st), units.count);
    expect_counts(&st, 1, 3);

    /* The same size, the modification time put back: the manifest's stamp (the stat fast
     * path) must not hide the change, since the change time moved: parsed again. */
    char *d_path = in_root("d.c");
    struct stat before;
    ck_assert_int_eq(stat(d_path, &before), 0);
    write_file("d.c", "#include <sys/socket.h>\nint d(int fd) { return listen(fd, 2); }\n");
    struct timespec times[2] = {before.st_mtim, before.st_mtim};
    ck_assert_int_eq(utimensat(AT_FDCWD, d_path, times, 0), 0);
    struct stat after_write;
    ck_assert_int_eq(stat(d_path, &after_write), 0);
    ck_assert_int_eq(after_write.st_size, before.st_size);
    free(d_path);
    ck_assert(manifest_has_stamp("/d.c"));
    free_json(run(&units, &opts, &st), units.count);
    expect_counts(&st, 1, 3);

    /* Corrupt entries (garbage, truncated facts) are ignored and rewritten. */
    char **files = NULL;
    size_t n = entries(&files);
    ck_assert_uint_eq(n, 4);
    char *text = slurp(files[1]);
    text[strlen(text) / 2 + 40] = '\0';
    overwrite(files[0], "not a cache entry\n");
    overwrite(files[1], text);
    free(text);
    free_json(run(&units, &opts, &st), units.count);
    expect_counts(&st, 2, 2);
    free_json(run(&units, &opts, &st), units.count);
    expect_counts(&st, 0, 4);

    /* A foreign entry (another unit's, under this unit's name) is not trusted. */
    char *other = slurp(files[3]);
    overwrite(files[2], other);
    free(other);
    char **after = run(&units, &opts, &st);
    expect_counts(&st, 1, 3);
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);

    /* An entry another build of sockcheck wrote (another identity on its first line) is
     * not trusted, and the new build's entry replaces it: still one entry per unit. */
    n = entries(&files);
    ck_assert_uint_eq(n, 4);
    char *entry = slurp(files[0]);
    char *nl = strchr(entry, '\n');
    ck_assert_ptr_nonnull(nl);
    nl[-1] = nl[-1] == '0' ? '1' : '0'; /* the identity's last hex digit */
    overwrite(files[0], entry);
    free(entry);
    free_json(run(&units, &opts, &st), units.count);
    expect_counts(&st, 1, 3);
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
    ck_assert_uint_eq(entries(&files), 4);
    for (size_t i = 0; i < 4; i++)
        free(files[i]);
    free(files);

    /* --no-cache: the same facts, all parsed, nothing read. */
    struct extract_options none = {.jobs = 2};
    char **uncached = run(&units, &none, &st);
    expect_counts(&st, 4, 0);
    assert_same(after, uncached, units.count);
    free_json(after, units.count);
    free_json(uncached, units.count);
    free_json(cold, units.count);
    free_json(touched, units.count);
    free(cache);
    unit_list_fini(&units);
    remove_project();
}
END_TEST

START_TEST(test_cache_unusable)
{
    struct unit_list units = {0};
    make_project();
    collect(&units);
    /* A file where the directory should be: the run goes on without a cache, and says why. */
    char *blocker = in_root("blocker");
    write_file("blocker", "");
    struct extract_options opts = {.jobs = 1, .cache_dir = blocker};
    struct extract_stats st;
    free_json(run(&units, &opts, &st), units.count);
    ck_assert_uint_eq(st.parsed, 4);
    ck_assert_ptr_nonnull(strstr(st.cache_problem, "cannot use the cache directory"));
    free(blocker);
    unit_list_fini(&units);
    remove_project();
}
END_TEST

struct seen {
    size_t calls;
    size_t starts;
    size_t last_done;
};

static void count_progress(void *data, size_t done, size_t total, const char *current)
{
    struct seen *s = data;
    ck_assert_uint_eq(total, 3); /* the units to extract: the skipped one is not counted */
    ck_assert_uint_ge(done, s->last_done); /* never goes back */
    s->calls++;
    s->starts += current != NULL;
    s->last_done = done;
}

/* Skipping (skip.h) over extract_units: the unit that names no socket function is left out
 * with empty facts, the others are extracted with progress reported for each. */
START_TEST(test_skip_and_progress)
{
    make_project();
    struct unit_list units = {0};
    collect(&units);
    struct seen seen = {0, 0, 0};
    struct skip_options opts = {.enabled = true, .analyse = true};
    opts.extract =
        (struct extract_options){.jobs = 2, .progress = count_progress, .progress_ctx = &seen};
    struct extract_outcome out[4];
    struct extract_stats st;
    struct skip_result linked;
    skip_run(&units, &opts, out, &linked, &st);
    /* b.c names no socket API: skipped, with facts that hold no function. */
    ck_assert(!out[0].skipped && out[1].skipped && !out[2].skipped && !out[3].skipped);
    ck_assert_uint_eq(out[1].facts->nfunctions, 0);
    ck_assert_str_eq(out[1].facts->files[0], units.items[1].path);
    ck_assert_uint_eq(st.skipped, 1);
    ck_assert_uint_eq(st.readmitted, 0);
    ck_assert_uint_eq(st.parsed, 3);
    ck_assert_uint_eq(seen.starts, 3);
    ck_assert_uint_eq(seen.last_done, 3);
    ck_assert_ptr_nonnull(linked.program);
    ck_assert_ptr_nonnull(linked.analysis);
    skip_result_fini(&linked);
    extract_outcomes_fini(out, 4);
    unit_list_fini(&units);
    remove_project();
}
END_TEST

static Suite *extract_suite(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_parallel_same_as_serial);
    tcase_add_test(tc, test_cache);
    tcase_add_test(tc, test_cache_unusable);
    tcase_add_test(tc, test_skip_and_progress);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(extract_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
