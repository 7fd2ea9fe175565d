/*
 * Collecting units: directory walks (sorted, recursive, hidden directories skipped, symlink
 * loops ending, real paths preferred), narrowing a compilation database by PATHs, the
 * "-- ARGS" appended everywhere, and the errors for no input and missing paths.
 */
#include "path.h"
#include "strbuf.h"
#include "units.h"
#include "xalloc.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------------------- */

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    chmod(path, 0700);
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

static char *make_tmpdir(void)
{
    char tmpl[] = "/tmp/sockcheck-units-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    char *real = path_real(tmpl);
    ck_assert_ptr_nonnull(real);
    return real;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot create %s", path);
    fputs(text, f);
    fclose(f);
    free(path);
}

static void make_dir(const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    free(path);
}

static void make_symlink(const char *dir, const char *name, const char *target)
{
    char *path = xasprintf("%s/%s", dir, name);
    ck_assert_int_eq(symlink(target, path), 0);
    free(path);
}

/*
 * The tree used by most tests:
 *   b.c a.c notes.txt sub/c.c sub/z.h sub/deeper/d.c .git/hidden.c .cache/e.c
 */
static char *make_tree(void)
{
    char *dir = make_tmpdir();
    write_file(dir, "b.c", "int b;\n");
    write_file(dir, "a.c", "int a;\n");
    write_file(dir, "notes.txt", "not C\n");
    make_dir(dir, "sub");
    write_file(dir, "sub/c.c", "int c;\n");
    write_file(dir, "sub/z.h", "int z;\n");
    make_dir(dir, "sub/deeper");
    write_file(dir, "sub/deeper/d.c", "int d;\n");
    make_dir(dir, ".git");
    write_file(dir, ".git/hidden.c", "int h;\n");
    make_dir(dir, ".cache");
    write_file(dir, ".cache/e.c", "int e;\n");
    return dir;
}

/* The unit paths relative to dir, joined by "|". */
static char *relative_paths(const struct unit_list *list, const char *dir)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < list->count; i++) {
        char *rel = path_relative_to(dir, list->items[i].path);
        if (i)
            strbuf_putc(&sb, '|');
        /* "-" marks a unit analysed for its summaries only, whose findings are not reported. */
        if (!list->items[i].reported)
            strbuf_putc(&sb, '-');
        strbuf_puts(&sb, rel ? rel : list->items[i].path);
        free(rel);
    }
    return strbuf_take(&sb);
}

static int collect(const char *const *paths, size_t npaths, const char *compdb_dir,
                   const char *const *extra, size_t nextra, struct unit_list *out,
                   struct sc_error *err)
{
    struct units_request req = {paths, npaths, compdb_dir, extra, nextra};
    sc_error_clear(err);
    return units_collect(&req, out, err);
}

/* ---- walking ------------------------------------------------------------------------- */

START_TEST(test_walk_sorted_recursive)
{
    char *dir = make_tree();
    const char *paths[] = {dir};
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(paths, 1, NULL, NULL, 0, &list, &err), 0);
    char *got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "a.c|b.c|sub/c.c|sub/deeper/d.c");
    char *cwd = path_cwd();
    for (size_t i = 0; i < list.count; i++) {
        ck_assert_str_eq(list.items[i].directory, cwd);
        ck_assert_uint_eq(list.items[i].nargs, 0);
        ck_assert_ptr_null(list.items[i].problem);
    }
    free(cwd);
    free(got);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_walk_symlink_loops_terminate)
{
    char *dir = make_tree();
    make_symlink(dir, "sub/up", "..");         /* a loop back to the root */
    make_symlink(dir, "sub/deeper/self", "."); /* a loop onto itself */
    make_symlink(dir, "alias", "sub");         /* a second name for sub: "alias" < "sub" */
    make_symlink(dir, "dangling", "nowhere");
    make_dir(dir, "ext");
    write_file(dir, "ext/f.c", "int f;\n");
    char *outside = make_tmpdir(); /* a directory reached only through a symlink */
    write_file(outside, "g.c", "int g;\n");
    make_symlink(dir, "linked", outside);
    const char *paths[] = {dir};
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(paths, 1, NULL, NULL, 0, &list, &err), 0);
    char *got = relative_paths(&list, dir);
    /* Every directory once, under its real name when it has one inside the tree. */
    ck_assert_str_eq(got, "a.c|b.c|ext/f.c|linked/g.c|sub/c.c|sub/deeper/d.c");
    free(got);
    unit_list_fini(&list);
    remove_tree(dir);
    remove_tree(outside);
    free(dir);
    free(outside);
}
END_TEST

START_TEST(test_hidden_directories_skipped_unless_named)
{
    char *dir = make_tree();
    /* Named explicitly, a hidden directory is walked: the user asked for it. */
    char *git = xasprintf("%s/.git", dir);
    const char *paths[] = {git};
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(paths, 1, NULL, NULL, 0, &list, &err), 0);
    ck_assert_uint_eq(list.count, 1);
    ck_assert(strstr(list.items[0].path, "/.git/hidden.c") != NULL);
    unit_list_fini(&list);
    free(git);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_files_and_dirs_mixed_deduplicated)
{
    char *dir = make_tree();
    char *saved = path_cwd();
    ck_assert_int_eq(chdir(dir), 0);
    /* Relative PATHs, a non-.c file asked for explicitly, and a file also inside a
     * directory given: sorted, each once. */
    const char *paths[] = {"sub", "notes.txt", "./sub/c.c", "a.c"};
    struct unit_list list;
    struct sc_error err;
    int rc = collect(paths, 4, NULL, NULL, 0, &list, &err);
    ck_assert_int_eq(chdir(saved), 0);
    ck_assert_int_eq(rc, 0);
    char *got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "a.c|notes.txt|sub/c.c|sub/deeper/d.c");
    ck_assert_str_eq(list.items[0].directory, dir);
    free(got);
    free(saved);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_unreadable_directory_becomes_problem)
{
    if (geteuid() == 0)
        return; /* root reads every directory: nothing to test */
    char *dir = make_tree();
    char *locked = xasprintf("%s/sub/deeper", dir);
    ck_assert_int_eq(chmod(locked, 0), 0);
    const char *paths[] = {dir};
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(paths, 1, NULL, NULL, 0, &list, &err), 0);
    char *got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "a.c|b.c|sub/c.c|sub/deeper");
    ck_assert_ptr_nonnull(list.items[3].problem);
    ck_assert(strstr(list.items[3].problem, "cannot read directory") != NULL);
    free(got);
    free(locked);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

/* ---- errors -------------------------------------------------------------------------- */

START_TEST(test_no_input)
{
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(NULL, 0, NULL, NULL, 0, &list, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_USAGE);
    ck_assert_str_eq(err.message, "no input: give files or directories to check, or -p DIR "
                                  "with a compile_commands.json");
    ck_assert_uint_eq(list.count, 0);
    ck_assert_ptr_null(list.items);
}
END_TEST

START_TEST(test_nonexistent_path)
{
    char *dir = make_tree();
    char *missing = xasprintf("%s/missing.c", dir);
    const char *paths[] = {dir, missing};
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(paths, 2, NULL, NULL, 0, &list, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_IO);
    char *want = xasprintf("no such file or directory: %s", missing);
    ck_assert_str_eq(err.message, want);
    ck_assert_uint_eq(list.count, 0); /* nothing half-collected is left */
    ck_assert_ptr_null(list.items);

    /* The same with a compilation database: a narrowing PATH must exist too. */
    write_file(dir, "compile_commands.json", "[]");
    ck_assert_int_eq(collect(paths + 1, 1, dir, NULL, 0, &list, &err), -1);
    ck_assert_str_eq(err.message, want);
    free(want);
    free(missing);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_bad_compdb_fails_request)
{
    char *dir = make_tree();
    write_file(dir, "compile_commands.json", "{}");
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(NULL, 0, dir, NULL, 0, &list, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_COMPDB);
    ck_assert_uint_eq(list.count, 0);
    remove_tree(dir);
    free(dir);
}
END_TEST

/* ---- compilation database ------------------------------------------------------------ */

/* A database listing a.c, sub/deeper/d.c, b.c, sub/c.c (in that order), each with -DN. */
static void write_compdb(const char *dir)
{
    char *text = xasprintf(
        "[{\"directory\": \"%s\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-DA\", \"a.c\"]},\n"
        " {\"directory\": \"%s\", \"file\": \"sub/deeper/d.c\", \"arguments\": [\"cc\", "
        "\"-DD\"]},\n"
        " {\"directory\": \"%s\", \"file\": \"b.c\", \"arguments\": [\"cc\", \"-DB\"]},\n"
        " {\"directory\": \"%s/sub\", \"file\": \"c.c\", \"arguments\": [\"cc\", \"-DC\"]}]\n",
        dir, dir, dir, dir);
    write_file(dir, "compile_commands.json", text);
    free(text);
}

START_TEST(test_compdb_all_in_order)
{
    char *dir = make_tree();
    write_compdb(dir);
    struct unit_list list;
    struct sc_error err;
    ck_assert_int_eq(collect(NULL, 0, dir, NULL, 0, &list, &err), 0);
    char *got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "a.c|sub/deeper/d.c|b.c|sub/c.c"); /* database order, not sorted */
    free(got);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_compdb_narrowed_by_paths)
{
    char *dir = make_tree();
    write_compdb(dir);
    char *saved = path_cwd();
    ck_assert_int_eq(chdir(dir), 0);
    struct unit_list list;
    struct sc_error err;

    /* A directory selects what lies under it; the sibling "su", whose name is a prefix of
     * "sub", selects nothing. */
    make_dir(dir, "su");
    const char *by_dir[] = {"sub", "su"};
    int rc = collect(by_dir, 2, ".", NULL, 0, &list, &err);
    ck_assert_msg(rc == 0, "collect: %s", err.message);
    char *got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "-a.c|sub/deeper/d.c|-b.c|sub/c.c");
    free(got);
    unit_list_fini(&list);

    /* A file selects itself, however it is spelled; every unit is still analysed. */
    const char *by_file[] = {"./sub/../b.c"};
    ck_assert_int_eq(collect(by_file, 1, dir, NULL, 0, &list, &err), 0);
    got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "-a.c|-sub/deeper/d.c|b.c|-sub/c.c");
    ck_assert_uint_eq(list.items[2].nargs, 1);
    ck_assert_str_eq(list.items[2].args[0], "-DB");
    free(got);
    unit_list_fini(&list);

    /* A symlinked spelling of a directory selects through realpath. */
    make_symlink(dir, "alias", "sub");
    const char *by_alias[] = {"alias/deeper"};
    ck_assert_int_eq(collect(by_alias, 1, dir, NULL, 0, &list, &err), 0);
    got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "-a.c|sub/deeper/d.c|-b.c|-sub/c.c");
    free(got);
    unit_list_fini(&list);

    ck_assert_int_eq(chdir(saved), 0);
    free(saved);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_compdb_unlisted_file_still_checked)
{
    char *dir = make_tree();
    write_compdb(dir);
    write_file(dir, "new.c", "int n;\n");
    write_file(dir, "sub/unbuilt.c", "int u;\n");
    char *saved = path_cwd();
    ck_assert_int_eq(chdir(dir), 0);
    struct unit_list list;
    struct sc_error err;

    /* new.c is not in the database (pre-commit passes a file added since the last build): it
     * is checked with the "-- ARGS" only, once however often it is given, after the
     * database's units. A directory selects only what the database lists (not
     * sub/unbuilt.c). */
    const char *paths[] = {"new.c", "b.c", "sub", "./new.c"};
    const char *extra[] = {"-DX"};
    int rc = collect(paths, 4, dir, extra, 1, &list, &err);
    ck_assert_msg(rc == 0, "collect: %s", err.message);
    char *got = relative_paths(&list, dir);
    ck_assert_str_eq(got, "-a.c|sub/deeper/d.c|b.c|sub/c.c|new.c");
    free(got);
    const struct unit *unlisted = &list.items[4];
    ck_assert_uint_eq(unlisted->nargs, 1);
    ck_assert_str_eq(unlisted->args[0], "-DX");
    ck_assert_ptr_null(unlisted->problem);
    ck_assert_str_eq(unlisted->directory, dir);
    ck_assert_uint_eq(list.items[2].nargs, 2); /* b.c keeps the database's flags */
    ck_assert_str_eq(list.items[2].args[0], "-DB");
    unit_list_fini(&list);

    /* Without extra arguments it has none at all. */
    const char *only_new[] = {"new.c"};
    ck_assert_int_eq(collect(only_new, 1, dir, NULL, 0, &list, &err), 0);
    ck_assert_uint_eq(list.count, 5);
    ck_assert(list.items[4].reported);
    ck_assert_uint_eq(list.items[4].nargs, 0);
    unit_list_fini(&list);

    ck_assert_int_eq(chdir(saved), 0);
    free(saved);
    remove_tree(dir);
    free(dir);
}
END_TEST

/* ---- extra arguments ----------------------------------------------------------------- */

START_TEST(test_extra_args_appended)
{
    char *dir = make_tree();
    write_compdb(dir);
    const char *extra[] = {"-DEXTRA", "-Iinc"};
    struct unit_list list;
    struct sc_error err;

    ck_assert_int_eq(collect(NULL, 0, dir, extra, 2, &list, &err), 0);
    ck_assert_uint_eq(list.count, 4);
    for (size_t i = 0; i < list.count; i++) {
        ck_assert_uint_eq(list.items[i].nargs, 3);
        ck_assert_str_eq(list.items[i].args[1], "-DEXTRA"); /* after the database's own */
        ck_assert_str_eq(list.items[i].args[2], "-Iinc");
        ck_assert_ptr_null(list.items[i].args[3]);
    }
    unit_list_fini(&list);

    const char *paths[] = {dir};
    ck_assert_int_eq(collect(paths, 1, NULL, extra, 2, &list, &err), 0);
    ck_assert_uint_eq(list.count, 4);
    for (size_t i = 0; i < list.count; i++) {
        ck_assert_uint_eq(list.items[i].nargs, 2);
        ck_assert_str_eq(list.items[i].args[0], "-DEXTRA");
        ck_assert_str_eq(list.items[i].args[1], "-Iinc");
    }
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

static Suite *units_suite(void)
{
    Suite *s = suite_create("units");
    TCase *walk = tcase_create("walk");
    tcase_add_test(walk, test_walk_sorted_recursive);
    tcase_add_test(walk, test_walk_symlink_loops_terminate);
    tcase_add_test(walk, test_hidden_directories_skipped_unless_named);
    tcase_add_test(walk, test_files_and_dirs_mixed_deduplicated);
    tcase_add_test(walk, test_unreadable_directory_becomes_problem);
    suite_add_tcase(s, walk);

    TCase *errors = tcase_create("errors");
    tcase_add_test(errors, test_no_input);
    tcase_add_test(errors, test_nonexistent_path);
    tcase_add_test(errors, test_bad_compdb_fails_request);
    suite_add_tcase(s, errors);

    TCase *compdb = tcase_create("compdb");
    tcase_add_test(compdb, test_compdb_all_in_order);
    tcase_add_test(compdb, test_compdb_narrowed_by_paths);
    tcase_add_test(compdb, test_compdb_unlisted_file_still_checked);
    tcase_add_test(compdb, test_extra_args_appended);
    suite_add_tcase(s, compdb);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(units_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
