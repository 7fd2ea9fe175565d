/*
 * The path module: lexical normalisation, "lies under" without the prefix trap, realpath,
 * and the git root found from a subdirectory of a temporary tree.
 */
#include "path.h"
#include "xalloc.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct join_case {
    const char *base;
    const char *path;
    const char *want;
};

static const struct join_case join_cases[] = {
    {"/a/b", "c.c", "/a/b/c.c"},
    {"/a/b", "./c.c", "/a/b/c.c"},
    {"/a/b", "../c.c", "/a/c.c"},
    {"/a/b", "../../../../c.c", "/c.c"}, /* ".." above "/" stays at "/" */
    {"/a/b", "/x/y.c", "/x/y.c"},        /* an absolute path ignores the base */
    {"/a//b/", "c//d/", "/a/b/c/d"},
    {"/a/b", ".", "/a/b"},
    {"/a/b", "..", "/a"},
    {"/", "..", "/"},
    {"/", ".", "/"},
    {"/a/./b/../c", "d/./e/..", "/a/c/d"},
    {"/a/b", "", "/a/b"},
    {"/a", "...", "/a/..."}, /* "..." is an ordinary name */
    {"/a", ".hidden/x", "/a/.hidden/x"},
    {NULL, "a/../../b", "../b"}, /* a relative result keeps its leading ".." */
    {NULL, "a/..", "."},
    {"x", "y/../z", "x/z"},
    {"", "/a/../b", "/b"},
};

START_TEST(test_join_normalise)
{
    const struct join_case *c = &join_cases[_i];
    char *got = path_join_normalise(c->base, c->path);
    ck_assert_msg(strcmp(got, c->want) == 0, "join(%s, %s): want %s, got %s",
                  c->base ? c->base : "NULL", c->path, c->want, got);
    free(got);
}
END_TEST

struct rel_case {
    const char *root;
    const char *abs;
    const char *want; /* NULL: not under root */
};

static const struct rel_case rel_cases[] = {
    {"/a/b", "/a/b/src/x.c", "src/x.c"},
    {"/a/b", "/a/b/x.c", "x.c"},
    {"/a/b", "/a/b", "."},
    {"/a/b", "/a/bc", NULL}, /* a prefix that is not a directory boundary */
    {"/a/b", "/a/bc/x.c", NULL},
    {"/a/b", "/a", NULL},
    {"/a/b", "/x/y", NULL},
    {"/", "/a/b", "a/b"},
    {"/", "/", "."},
};

START_TEST(test_relative_to)
{
    const struct rel_case *c = &rel_cases[_i];
    char *got = path_relative_to(c->root, c->abs);
    if (c->want) {
        ck_assert_ptr_nonnull(got);
        ck_assert_str_eq(got, c->want);
    } else {
        ck_assert_msg(got == NULL, "relative_to(%s, %s) should be NULL, got %s", c->root, c->abs,
                      got);
    }
    ck_assert(path_is_within(c->root, c->abs) == (c->want != NULL));
    free(got);
}
END_TEST

/* Removes a temporary tree made by a test; symlinks are removed, never followed. */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
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
    }
    rmdir(path);
}

START_TEST(test_git_root_from_subdirectory)
{
    char tmpl[] = "/tmp/sockcheck-path-XXXXXX";
    char *root = mkdtemp(tmpl);
    ck_assert_ptr_nonnull(root);
    char *real_root = path_real(root);
    char *git = xasprintf("%s/.git", real_root);
    char *sub = xasprintf("%s/sub", real_root);
    char *deeper = xasprintf("%s/sub/deeper", real_root);
    ck_assert_int_eq(mkdir(git, 0700), 0);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ck_assert_int_eq(mkdir(deeper, 0700), 0);

    char *found = path_find_git_root(deeper);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, real_root);
    free(found);

    found = path_find_git_root(real_root); /* the start directory itself counts */
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, real_root);
    free(found);

    /* A worktree's ".git" is a file; it marks the root as well. */
    ck_assert_int_eq(rmdir(git), 0);
    int fd = open(git, O_WRONLY | O_CREAT | O_EXCL, 0600);
    ck_assert_int_ge(fd, 0);
    close(fd);
    found = path_find_git_root(sub);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, real_root);
    free(found);

    remove_tree(real_root);
    free(git);
    free(sub);
    free(deeper);
    free(real_root);
}
END_TEST

START_TEST(test_git_root_relative_start)
{
    char tmpl[] = "/tmp/sockcheck-path-XXXXXX";
    char *root = mkdtemp(tmpl);
    ck_assert_ptr_nonnull(root);
    char *real_root = path_real(root);
    char *git = xasprintf("%s/.git", real_root);
    char *sub = xasprintf("%s/sub", real_root);
    ck_assert_int_eq(mkdir(git, 0700), 0);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    char *saved = path_cwd();
    ck_assert_ptr_nonnull(saved);
    ck_assert_int_eq(chdir(sub), 0);

    char *found = path_find_git_root(".");
    char *cwd = path_cwd();
    ck_assert_int_eq(chdir(saved), 0);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, real_root);
    ck_assert_str_eq(cwd, sub);

    free(found);
    free(cwd);
    free(saved);
    remove_tree(real_root);
    free(git);
    free(sub);
    free(real_root);
}
END_TEST

START_TEST(test_no_git_root)
{
    char tmpl[] = "/tmp/sockcheck-path-XXXXXX";
    char *root = mkdtemp(tmpl);
    ck_assert_ptr_nonnull(root);
    struct stat st;
    /* Only meaningful when nothing above the temporary directory is a repository. */
    bool clean = lstat("/.git", &st) != 0 && lstat("/tmp/.git", &st) != 0;
    char *found = path_find_git_root(root);
    if (clean)
        ck_assert_msg(found == NULL, "no .git anywhere, yet found %s", found);
    free(found);
    remove_tree(root);
}
END_TEST

START_TEST(test_real_and_cwd)
{
    char *cwd = path_cwd();
    ck_assert_ptr_nonnull(cwd);
    ck_assert(path_is_absolute(cwd));
    char *real = path_real(".");
    ck_assert_ptr_nonnull(real);
    char *real_cwd = path_real(cwd);
    ck_assert_str_eq(real, real_cwd);
    ck_assert_ptr_null(path_real("/nonexistent/sockcheck/really-not-there"));
    ck_assert(!path_is_absolute("a/b"));
    free(cwd);
    free(real);
    free(real_cwd);
}
END_TEST

static Suite *path_suite(void)
{
    Suite *s = suite_create("path");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_join_normalise, 0,
                        (int)(sizeof join_cases / sizeof join_cases[0]));
    tcase_add_loop_test(tc, test_relative_to, 0, (int)(sizeof rel_cases / sizeof rel_cases[0]));
    tcase_add_test(tc, test_git_root_from_subdirectory);
    tcase_add_test(tc, test_git_root_relative_start);
    tcase_add_test(tc, test_no_git_root);
    tcase_add_test(tc, test_real_and_cwd);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(path_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
