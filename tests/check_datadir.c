/*
 * Finding the data directory from the executable's location: the installed layout, the
 * build tree falling back to the source tree, symlinked executables, and the answer NULL
 * when neither applies (a build-tree binary copied elsewhere, an install without its data).
 */
#include "datadir.h"
#include "path.h"
#include "xalloc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A scratch tree: prefix/{bin/sockcheck,share/sockcheck}, build/{sockcheck,tests/t},
 * src/rules, elsewhere/sockcheck, link/sockcheck → prefix/bin/sockcheck. */
static char *root;

static char *at(const char *rel)
{
    return xasprintf("%s/%s", root, rel);
}

static void make_dir(const char *rel)
{
    char *p = at(rel);
    ck_assert_int_eq(mkdir(p, 0700), 0);
    free(p);
}

static void make_file(const char *rel)
{
    char *p = at(rel);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    free(p);
}

static void setup(void)
{
    char tmpl[] = "/tmp/sockcheck-datadir-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    root = path_real(tmpl);
    static const char *const dirs[] = {
        "prefix",    "prefix/bin",  "prefix/share", "prefix/share/sockcheck",
        "build",     "build/tests", "src",          "src/rules",
        "elsewhere", "link"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        make_dir(dirs[i]);
    make_file("prefix/bin/sockcheck");
    make_file("build/sockcheck");
    make_file("build/tests/t");
    make_file("elsewhere/sockcheck");
    char *target = at("prefix/bin/sockcheck");
    char *link = at("link/sockcheck");
    ck_assert_int_eq(symlink(target, link), 0);
    free(target);
    free(link);
}

static void teardown(void)
{
    static const char *const files[] = {"prefix/bin/sockcheck", "build/sockcheck", "build/tests/t",
                                        "elsewhere/sockcheck", "link/sockcheck"};
    static const char *const dirs[] = {"link",
                                       "elsewhere",
                                       "src/rules",
                                       "src",
                                       "build/tests",
                                       "build",
                                       "prefix/share/sockcheck",
                                       "prefix/share",
                                       "prefix/bin",
                                       "prefix"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *p = at(files[i]);
        unlink(p);
        free(p);
    }
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char *p = at(dirs[i]);
        rmdir(p);
        free(p);
    }
    rmdir(root);
    free(root);
}

/* datadir_find_from for the executable at rel, with this tree's layout. */
static char *find(const char *rel)
{
    char *build = at("build");
    char *source = at("src/rules");
    struct datadir_layout layout = {"../share/sockcheck", build, source};
    char *exe = at(rel);
    char *dir = datadir_find_from(exe, &layout);
    free(exe);
    free(source);
    free(build);
    return dir;
}

static void assert_found(const char *exe_rel, const char *want_rel)
{
    char *got = find(exe_rel);
    char *want = at(want_rel);
    ck_assert_msg(got != NULL, "nothing found for %s", exe_rel);
    ck_assert_str_eq(got, want);
    free(want);
    free(got);
}

START_TEST(installed_layout)
{
    assert_found("prefix/bin/sockcheck", "prefix/share/sockcheck");
    /* A symlink on PATH (/usr/local/bin/sockcheck → /opt/...) points at the real install. */
    assert_found("link/sockcheck", "prefix/share/sockcheck");
}
END_TEST

START_TEST(build_tree_uses_source_tree)
{
    assert_found("build/sockcheck", "src/rules");
    assert_found("build/tests/t", "src/rules");
}
END_TEST

START_TEST(nothing_found)
{
    char *got = find("elsewhere/sockcheck");
    ck_assert_ptr_null(got);
    /* An installed binary whose data was removed does not fall back to a source tree. */
    char *data = at("prefix/share/sockcheck");
    ck_assert_int_eq(rmdir(data), 0);
    got = find("prefix/bin/sockcheck");
    ck_assert_ptr_null(got);
    ck_assert_int_eq(mkdir(data, 0700), 0);
    free(data);
    /* No executable at all. */
    got = find("no/such/exe");
    ck_assert_ptr_null(got);
}
END_TEST

START_TEST(running_binary)
{
    /* This suite runs from the build tree: the source tree's rules/ is its data directory. */
    char *got = datadir_find("check_datadir");
    char *want = path_real(SOCKCHECK_SOURCE_DIR "/rules");
    ck_assert_ptr_nonnull(got);
    ck_assert_ptr_nonnull(want);
    ck_assert_str_eq(got, want);
    free(want);
    free(got);
}
END_TEST

static Suite *datadir_suite(void)
{
    Suite *s = suite_create("datadir");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, installed_layout);
    tcase_add_test(tc, build_tree_uses_source_tree);
    tcase_add_test(tc, nothing_found);
    tcase_add_test(tc, running_binary);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(datadir_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
