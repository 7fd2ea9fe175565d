/*
 * The rule registry, the rule pages and the testdata agree (STYLE §6, curl's test1139): every
 * registered rule has docs/rules/<ID>.md with the same id, name, level and summary, and every
 * page belongs to a registered rule; each page follows the template; its "Example" block gives
 * exactly its rule and its "Fix" block nothing when run through the sockcheck binary; the page
 * compiled into the binary is the one in the tree, and --explain prints it; every rule has
 * testdata with a positive and a negative file.
 */
#include "rule.h"
#include "rule_doc.h"
#include "xalloc.h"

#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Pages are a few kilobytes; a bigger file is a mistake this test should not read whole. */
#define READ_CAP (1u << 20)

/* A file's bytes, NUL-terminated, or NULL when it cannot be read; the caller frees. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = xmalloc(READ_CAP + 1);
    size_t n = fread(buf, 1, READ_CAP, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static char *doc_path(const char *id)
{
    return xasprintf("%s/docs/rules/%s.md", SOCKCHECK_SOURCE_DIR, id);
}

/* The value of "key: value" in the page's front matter (between the "---" lines); the caller
 * frees; NULL when absent. A trailing "# comment" is not part of the value. */
static char *front_matter(const char *page, const char *key)
{
    if (strncmp(page, "---\n", 4) != 0)
        return NULL;
    const char *end = strstr(page + 4, "\n---\n");
    size_t klen = strlen(key);
    for (const char *line = page + 4; end && line < end; line = strchr(line, '\n') + 1) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ':' && line[klen + 1] == ' ') {
            const char *v = line + klen + 2;
            size_t len = strcspn(v, "\n#");
            while (len && v[len - 1] == ' ')
                len--;
            return xstrndup(v, len);
        }
    }
    return NULL;
}

static void assert_front_matter(const char *page, const char *key, const char *want, const char *id)
{
    char *got = front_matter(page, key);
    ck_assert_msg(got != NULL, "%s.md: no '%s:' in the front matter", id, key);
    ck_assert_msg(strcmp(got, want) == 0, "%s.md: %s is '%s', the registry says '%s'", id, key, got,
                  want);
    free(got);
}

/* Registry → pages: each rule's page exists and agrees with it. */
START_TEST(registry_matches_pages)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < n; i++) {
        char *path = doc_path(rules[i]->id);
        char *page = read_file(path);
        ck_assert_msg(page != NULL, "%s has no page %s", rules[i]->id, path);
        assert_front_matter(page, "id", rules[i]->id, rules[i]->id);
        assert_front_matter(page, "name", rules[i]->name, rules[i]->id);
        assert_front_matter(page, "level", sc_level_name(rules[i]->level), rules[i]->id);
        assert_front_matter(page, "summary", rules[i]->summary, rules[i]->id);
        free(page);
        free(path);
    }
}
END_TEST

/* Pages → registry: every page names a registered rule, and its file is named by its id. */
START_TEST(pages_match_registry)
{
    char *dir_path = xasprintf("%s/docs/rules", SOCKCHECK_SOURCE_DIR);
    DIR *dir = opendir(dir_path);
    ck_assert_msg(dir != NULL, "cannot open %s", dir_path);
    size_t pages = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
            continue;
        char *path = xasprintf("%s/%s", dir_path, e->d_name);
        char *page = read_file(path);
        ck_assert_ptr_nonnull(page);
        char *id = front_matter(page, "id");
        ck_assert_msg(id != NULL, "%s: no id in the front matter", path);
        char *file = xasprintf("%s.md", id);
        ck_assert_msg(strcmp(file, e->d_name) == 0, "%s: its id is %s", path, id);
        const struct rule *rule = rule_find(id);
        ck_assert_msg(rule != NULL && strcmp(rule->id, id) == 0,
                      "%s documents %s, which the registry does not have", path, id);
        pages++;
        free(file);
        free(id);
        free(page);
        free(path);
    }
    closedir(dir);
    size_t n = 0;
    rule_registry(&n);
    ck_assert_uint_eq(pages, n);
    free(dir_path);
}
END_TEST

/* The STYLE §6 template: title, every section in order, fix kind, the suppression comment. */
START_TEST(pages_follow_the_template)
{
    static const char *const sections[] = {
        "\n## What it flags\n", "\n## Why it matters\n",    "\n## Example\n",    "\n## Fix\n",
        "\n## Not flagged\n",   "\n## Known limitations\n", "\n## Fix safety\n", "\n## Suppress\n",
        "\n## Options\n",       "\n## References\n",
    };
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    for (size_t i = 0; i < n; i++) {
        char *path = doc_path(rules[i]->id);
        char *page = read_file(path);
        ck_assert_ptr_nonnull(page);
        char *title = xasprintf("\n---\n# %s %s\n", rules[i]->id, rules[i]->name);
        ck_assert_msg(strstr(page, title) != NULL, "%s: no title line '# %s %s'", path,
                      rules[i]->id, rules[i]->name);
        const char *at = page;
        for (size_t s = 0; s < sizeof sections / sizeof sections[0]; s++) {
            const char *found = strstr(at, sections[s]);
            ck_assert_msg(found != NULL, "%s: section '%s' missing or out of order", path,
                          sections[s] + 1);
            at = found + 1;
        }
        char *fix = front_matter(page, "fix");
        ck_assert_msg(fix && (strcmp(fix, "safe") == 0 || strcmp(fix, "unsafe") == 0 ||
                              strcmp(fix, "none") == 0),
                      "%s: fix must be safe, unsafe or none", path);
        char *since = front_matter(page, "since");
        ck_assert_msg(since != NULL, "%s: no 'since:'", path);
        char *suppress = xasprintf("// sockcheck: ignore[%s]", rules[i]->id);
        const char *section = strstr(page, "\n## Suppress\n");
        /* SCK000 reports stale suppression comments: a comment cannot silence it, and its
         * page says how to turn it off instead. */
        if (strcmp(rules[i]->id, "SCK000") != 0)
            ck_assert_msg(strstr(section, suppress) != NULL, "%s: Suppress does not show '%s'",
                          path, suppress);
        free(suppress);
        free(since);
        free(fix);
        free(title);
        free(page);
        free(path);
    }
}
END_TEST

/* The first ```c block after the heading line, or NULL; the caller frees. */
static char *code_block(const char *page, const char *heading)
{
    const char *section = strstr(page, heading);
    if (!section)
        return NULL;
    const char *next = strstr(section + strlen(heading), "\n## ");
    const char *open = strstr(section, "\n```c\n");
    if (!open || (next && open > next))
        return NULL;
    open += strlen("\n```c\n");
    const char *close = strstr(open, "\n```\n");
    return close ? xstrndup(open, (size_t)(close - open) + 1) : NULL;
}

/* Runs argv with stdout and stderr into files; returns the exit status (-1: not exited). */
static int run(char *const *argv, const char *out_path, const char *err_path)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ck_assert_msg(rc == 0, "cannot run %s", argv[0]);
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A scratch directory for one test; removed by scratch_fini. */
struct scratch {
    char dir[64];
    char *src, *out, *err;
};

static void scratch_init(struct scratch *s)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/sockcheck-meta-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(s->dir));
    s->src = xasprintf("%s/example.c", s->dir);
    s->out = xasprintf("%s/out", s->dir);
    s->err = xasprintf("%s/err", s->dir);
}

static void scratch_fini(struct scratch *s)
{
    unlink(s->src);
    unlink(s->out);
    unlink(s->err);
    rmdir(s->dir);
    free(s->src);
    free(s->out);
    free(s->err);
}

/* The rule ids sockcheck reports on code, space-separated; the caller frees. The code must
 * compile: the run must not report it as an error nor say anything on stderr. */
static char *reported_rules(const char *code, const char *what)
{
    struct scratch s;
    scratch_init(&s);
    write_file(s.src, code);
    /* A block may say how it compiles, as testdata does: / * test-args: ... * / (SCK010's
     * Windows headers). At most 8 words. */
    char *argv[16] = {SOCKCHECK_BINARY, "--no-config", "--format", "json", "--root", s.dir, s.src};
    size_t argc = 7;
    char *words = NULL;
    const char *ta = strstr(code, "test-args:");
    if (ta) {
        const char *end = strstr(ta, "*/");
        words = xstrndup(ta + 10, end ? (size_t)(end - ta - 10) : strlen(ta + 10));
        argv[argc++] = "--";
        for (char *w = words; *w && argc < 15;) {
            while (*w == ' ')
                *w++ = '\0';
            if (!*w)
                break;
            argv[argc++] = w;
            while (*w && *w != ' ')
                w++;
        }
    }
    argv[argc] = NULL;
    int status = run(argv, s.out, s.err);
    char *out = read_file(s.out);
    char *err = read_file(s.err);
    ck_assert_msg(status == 0 || status == 1, "%s: sockcheck exited %d: %s", what, status, err);
    ck_assert_msg(err && !err[0], "%s: sockcheck said on stderr: %s", what, err);
    cJSON *doc = cJSON_Parse(out);
    ck_assert_msg(doc != NULL, "%s: sockcheck's JSON does not parse", what);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "errors")), 0);
    char *ids = xstrdup("");
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItem(doc, "findings"))
    {
        char *more = xasprintf("%s%s%s", ids, ids[0] ? " " : "",
                               cJSON_GetObjectItem(f, "rule_id")->valuestring);
        free(ids);
        ids = more;
    }
    cJSON_Delete(doc);
    free(err);
    free(out);
    free(words);
    scratch_fini(&s);
    return ids;
}

/* Whether every word of ids is id (and there is at least one). */
static bool only(const char *ids, const char *id)
{
    size_t len = strlen(id);
    if (!ids[0])
        return false;
    for (const char *p = ids; *p; p += len + (p[len] == ' ')) {
        if (strncmp(p, id, len) != 0 || (p[len] != ' ' && p[len] != '\0'))
            return false;
    }
    return true;
}

/* Each page's Example gives exactly its rule; its Fix is clean (run through the binary). */
START_TEST(examples_give_their_rule)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    for (size_t i = 0; i < n; i++) {
        char *path = doc_path(rules[i]->id);
        char *page = read_file(path);
        ck_assert_ptr_nonnull(page);
        char *bad = code_block(page, "\n## Example\n");
        char *good = code_block(page, "\n## Fix\n");
        ck_assert_msg(bad && good, "%s: Example and Fix each need a ```c block", path);
        char *what = xasprintf("%s Example", rules[i]->id);
        char *got = reported_rules(bad, what);
        ck_assert_msg(only(got, rules[i]->id), "%s: Example gives [%s], expected only %s", path,
                      got, rules[i]->id);
        free(got);
        free(what);
        what = xasprintf("%s Fix", rules[i]->id);
        got = reported_rules(good, what);
        ck_assert_msg(!got[0], "%s: Fix is not clean: [%s]", path, got);
        free(got);
        free(what);
        free(good);
        free(bad);
        free(page);
        free(path);
    }
}
END_TEST

/* The compiled-in page is the page in the tree (the build embeds the current docs). */
START_TEST(embedded_pages_are_current)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    for (size_t i = 0; i < n; i++) {
        char *path = doc_path(rules[i]->id);
        char *page = read_file(path);
        const char *built_in = rule_doc_page(rules[i]);
        ck_assert_msg(built_in != NULL, "no page compiled in for %s", rules[i]->id);
        ck_assert_msg(page && strcmp(page, built_in) == 0, "%s: the compiled-in page differs",
                      path);
        free(page);
        free(path);
    }
}
END_TEST

/* Runs sockcheck --explain which; returns its status, stdout and stderr (caller frees). */
static int explain(const char *which, char **out_text, char **err_text)
{
    struct scratch s;
    scratch_init(&s);
    char *argv[] = {SOCKCHECK_BINARY, "--explain", (char *)which, NULL};
    int status = run(argv, s.out, s.err);
    *out_text = read_file(s.out);
    *err_text = read_file(s.err);
    scratch_fini(&s);
    return status;
}

/* --explain by id (any case) and by name prints the page; an unknown rule lists the ids. */
START_TEST(explain_prints_the_page)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    for (size_t i = 0; i < n; i++) {
        char *lower = xstrdup(rules[i]->id);
        for (char *p = lower; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        const char *ways[] = {rules[i]->id, lower, rules[i]->name};
        for (size_t w = 0; w < 3; w++) {
            char *out = NULL, *err = NULL;
            ck_assert_int_eq(explain(ways[w], &out, &err), 0);
            ck_assert_msg(out && strcmp(out, rule_doc_page(rules[i])) == 0,
                          "--explain %s does not print the page of %s", ways[w], rules[i]->id);
            ck_assert_str_eq(err, "");
            free(out);
            free(err);
        }
        free(lower);
    }
    char *out = NULL, *err = NULL;
    ck_assert_int_eq(explain("SCK999", &out, &err), 2);
    ck_assert_str_eq(out, "");
    ck_assert_msg(strstr(err, "unknown rule 'SCK999'") != NULL, "stderr: %s", err);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(strstr(err, rules[i]->id) != NULL, "the error does not list %s: %s",
                      rules[i]->id, err);
    free(out);
    free(err);
}
END_TEST

/* Whether an annotated testdata file expects a finding of any rule. */
static bool is_positive(const char *text)
{
    return strstr(text, "expect:") != NULL || strstr(text, "expect-next-line:") != NULL;
}

/* Every rule has testdata/rules/<ID>/ with a positive and a negative file (STYLE §5). */
START_TEST(every_rule_has_testdata)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    for (size_t i = 0; i < n; i++) {
        char *dir_path = xasprintf("%s/testdata/rules/%s", SOCKCHECK_SOURCE_DIR, rules[i]->id);
        DIR *dir = opendir(dir_path);
        ck_assert_msg(dir != NULL, "%s has no testdata directory %s", rules[i]->id, dir_path);
        char *own = xasprintf("expect: %s", rules[i]->id);
        size_t positives = 0, negatives = 0;
        for (struct dirent *e; (e = readdir(dir)) != NULL;) {
            size_t len = strlen(e->d_name);
            if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
                continue;
            char *path = xasprintf("%s/%s", dir_path, e->d_name);
            char *text = read_file(path);
            ck_assert_ptr_nonnull(text);
            positives += strstr(text, own) != NULL;
            negatives += !is_positive(text);
            free(text);
            free(path);
        }
        closedir(dir);
        ck_assert_msg(positives > 0, "%s: no file expects %s", dir_path, rules[i]->id);
        ck_assert_msg(negatives > 0, "%s: no negative file", dir_path);
        free(own);
        free(dir_path);
    }
}
END_TEST

static Suite *rules_meta_suite(void)
{
    Suite *s = suite_create("rules_meta");
    TCase *docs = tcase_create("docs");
    tcase_add_test(docs, registry_matches_pages);
    tcase_add_test(docs, pages_match_registry);
    tcase_add_test(docs, pages_follow_the_template);
    tcase_add_test(docs, embedded_pages_are_current);
    tcase_add_test(docs, every_rule_has_testdata);
    suite_add_tcase(s, docs);
    TCase *runs = tcase_create("runs");
    tcase_set_timeout(runs, 120);
    tcase_add_test(runs, examples_give_their_rule);
    tcase_add_test(runs, explain_prints_the_page);
    suite_add_tcase(s, runs);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rules_meta_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
