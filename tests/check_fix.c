/*
 * Fixes: resolving rule edits against the text (indentation, #include placement, refusals),
 * planning (overlaps, duplicates), the unified diff, and writing files (atomic, mode kept,
 * refusing files outside the root or changed since they were read).
 */
#include "fix.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[] = "/tmp/sockcheck-fix-XXXXXX";
static char dir[sizeof root];
static struct srcfile_set sources;
static struct finding_list findings;

static void setup(void)
{
    memcpy(dir, root, sizeof root);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    srcfile_set_init(&sources);
    memset(&findings, 0, sizeof findings);
}

static char *path_of(const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void write_file(const char *name, const char *text)
{
    char *p = path_of(name);
    FILE *fp = fopen(p, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
    free(p);
}

static char *read_back(const char *name)
{
    char *p = path_of(name);
    size_t len;
    char *text = srcfile_read(p, &len);
    free(p);
    return text;
}

static void teardown(void)
{
    finding_list_fini(&findings);
    srcfile_set_fini(&sources);
    char cmd_dir[sizeof dir];
    memcpy(cmd_dir, dir, sizeof dir);
    static const char *const names[] = {"a.c", "b.c", "out.c", NULL};
    for (size_t i = 0; names[i]; i++) {
        char *p = path_of(names[i]);
        unlink(p);
        free(p);
    }
    rmdir(cmd_dir);
}

/* A finding in file name with one edit of kind at (line, col)-(end_line, end_col). */
static struct finding *with_edit(const char *name, enum finding_edit_kind kind, unsigned line,
                                 unsigned col, unsigned end_line, unsigned end_col,
                                 const char *text)
{
    struct finding *f = finding_list_add(&findings);
    f->rule_id = "SCK001";
    f->rule_name = "missing-reuseaddr";
    f->message = strdup("m");
    struct finding_loc loc = {0};
    loc.abs_path = path_of(name);
    loc.path = strdup(name);
    loc.line = line;
    loc.col = col;
    loc.end_line = end_line;
    loc.end_col = end_col;
    f->loc = loc;
    finding_add_edit(f, kind, &loc, text);
    f->fix_description = strdup("fix it");
    f->loc.abs_path = strdup(loc.abs_path);
    f->loc.path = strdup(loc.path);
    free(loc.abs_path);
    free(loc.path);
    return f;
}

START_TEST(insert_lines_in_the_statement_indentation)
{
    write_file("a.c", "int f(int fd)\n{\n    if (fd) {\n        bind(fd);\n    }\n}\n");
    struct finding *f =
        with_edit("a.c", FINDING_EDIT_INSERT_LINES, 4, 9, 4, 9, "if (x() < 0)\ny();");
    fix_resolve(f, &sources);
    ck_assert_uint_eq(f->nedits, 1);
    ck_assert_int_eq(f->edits[0].kind, FINDING_EDIT_REPLACE);
    ck_assert_uint_eq(f->edits[0].loc.line, 4);
    ck_assert_uint_eq(f->edits[0].loc.col, 9);
    ck_assert_uint_eq(f->edits[0].loc.end_col, 9);
    /* The unit is what this line adds to the block opener's indentation: 4 spaces. */
    ck_assert_str_eq(f->edits[0].text, "if (x() < 0)\n            y();\n        ");
}
END_TEST

START_TEST(indentation_unit_follows_the_file)
{
    write_file("a.c", "int f(int fd)\n{\n\tif (fd) {\n\n\t\tbind(fd);\n\t}\n}\n");
    struct finding *f = with_edit("a.c", FINDING_EDIT_INSERT_LINES, 5, 3, 5, 3, "a;\nb;");
    fix_resolve(f, &sources);
    ck_assert_str_eq(f->edits[0].text, "a;\n\t\t\tb;\n\t\t");
    write_file("b.c", "int g(int fd)\n{\n  bind(fd);\n}\n");
    struct finding *g = with_edit("b.c", FINDING_EDIT_INSERT_LINES, 3, 3, 3, 3, "a;\nb;");
    fix_resolve(g, &sources);
    ck_assert_str_eq(g->edits[0].text, "a;\n    b;\n  ");
}
END_TEST

START_TEST(insert_refused_when_statement_does_not_start_its_line)
{
    write_file("a.c", "int f(int fd)\n{\n    if (fd) bind(fd);\n}\n");
    struct finding *f = with_edit("a.c", FINDING_EDIT_INSERT_LINES, 3, 13, 3, 13, "x;");
    fix_resolve(f, &sources);
    ck_assert_uint_eq(f->nedits, 0);
    ck_assert_ptr_null(f->fix_description);
    /* Nor where the file has no such position, nor in an unreadable file. */
    struct finding *g = with_edit("a.c", FINDING_EDIT_REPLACE, 3, 40, 3, 41, "x");
    fix_resolve(g, &sources);
    ck_assert_uint_eq(g->nedits, 0);
    struct finding *h = with_edit("b.c", FINDING_EDIT_REPLACE, 1, 1, 1, 1, "x");
    fix_resolve(h, &sources);
    ck_assert_uint_eq(h->nedits, 0);
}
END_TEST

START_TEST(include_goes_before_the_first_top_level_include)
{
    write_file("a.c", "/* c */\n#define _GNU_SOURCE\n#ifdef X\n#include <x.h>\n#endif\n"
                      "#  include <sys/socket.h>\nint x;\n");
    struct finding *f = with_edit("a.c", FINDING_EDIT_INCLUDE, 1, 1, 1, 1, "<stdio.h>");
    fix_resolve(f, &sources);
    ck_assert_uint_eq(f->nedits, 1);
    ck_assert_uint_eq(f->edits[0].loc.line, 6);
    ck_assert_uint_eq(f->edits[0].loc.col, 1);
    ck_assert_str_eq(f->edits[0].text, "#include <stdio.h>\n");
    /* Already included (either spelling): the edit goes, the fix has nothing left. */
    write_file("b.c", "#include \"stdio.h\"\nint x;\n");
    struct finding *g = with_edit("b.c", FINDING_EDIT_INCLUDE, 1, 1, 1, 1, "<stdio.h>");
    fix_resolve(g, &sources);
    ck_assert_uint_eq(g->nedits, 0);
}
END_TEST

START_TEST(plan_diff_and_apply)
{
    write_file("a.c", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n"
                      "twelve");
    char *abs = path_of("a.c");
    chmod(abs, 0640);
    struct finding *f = with_edit("a.c", FINDING_EDIT_REPLACE, 2, 1, 2, 4, "TWO");
    struct finding *dup = with_edit("a.c", FINDING_EDIT_REPLACE, 2, 1, 2, 4, "TWO");
    struct finding *clash = with_edit("a.c", FINDING_EDIT_REPLACE, 2, 2, 3, 1, "x");
    struct finding *end = with_edit("a.c", FINDING_EDIT_REPLACE, 12, 7, 12, 7, "!\n");
    struct finding *sup = with_edit("a.c", FINDING_EDIT_REPLACE, 5, 1, 5, 5, "FIVE");
    sup->suppressed = true; /* suppressed findings are not fixed */
    for (size_t i = 0; i < findings.count; i++)
        fix_resolve(&findings.items[i], &sources);
    (void)f, (void)dup, (void)clash, (void)end;
    struct fix_plan plan;
    fix_plan_build(&plan, &findings, &sources);
    ck_assert_uint_eq(plan.nfiles, 1);
    ck_assert_uint_eq(plan.nfixes, 3); /* f, dup (same edit, applied once), end */
    ck_assert_uint_eq(plan.nskipped, 1);
    char *diff = fix_plan_diff(&plan);
    ck_assert_str_eq(diff, "--- a/a.c\n+++ b/a.c\n"
                           "@@ -1,5 +1,5 @@\n one\n-two\n+TWO\n three\n four\n five\n"
                           "@@ -9,4 +9,4 @@\n nine\n ten\n eleven\n-twelve\n"
                           "\\ No newline at end of file\n+twelve!\n");
    free(diff);
    /* Nothing was written by planning or diffing. */
    char *before = read_back("a.c");
    ck_assert_ptr_nonnull(strstr(before, "two\n"));
    free(before);
    struct fix_result *results = NULL;
    ck_assert_uint_eq(fix_plan_apply(&plan, dir, &results), 1);
    ck_assert_ptr_null(results[0].problem);
    ck_assert_uint_eq(results[0].nfixes, 3);
    ck_assert_str_eq(results[0].path, "a.c");
    fix_results_free(results, plan.nfiles);
    char *after = read_back("a.c");
    ck_assert_str_eq(after, "one\nTWO\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n"
                            "twelve!\n");
    free(after);
    struct stat st;
    ck_assert_int_eq(stat(abs, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0640);
    fix_plan_fini(&plan);
    free(abs);
}
END_TEST

START_TEST(apply_refuses_changed_and_outside_files)
{
    write_file("a.c", "int a;\n");
    write_file("b.c", "int b;\n");
    with_edit("a.c", FINDING_EDIT_REPLACE, 1, 5, 1, 6, "x");
    with_edit("b.c", FINDING_EDIT_REPLACE, 1, 5, 1, 6, "y");
    for (size_t i = 0; i < findings.count; i++)
        fix_resolve(&findings.items[i], &sources);
    struct fix_plan plan;
    fix_plan_build(&plan, &findings, &sources);
    ck_assert_uint_eq(plan.nfiles, 2);
    write_file("b.c", "int b; /* edited meanwhile */\n");
    struct fix_result *results = NULL;
    ck_assert_uint_eq(fix_plan_apply(&plan, dir, &results), 1);
    ck_assert_ptr_null(results[0].problem);
    ck_assert_ptr_nonnull(strstr(results[1].problem, "changed since sockcheck read it"));
    fix_results_free(results, plan.nfiles);
    char *b = read_back("b.c");
    ck_assert_str_eq(b, "int b; /* edited meanwhile */\n");
    free(b);
    /* A root that does not hold the files: nothing is written. */
    write_file("a.c", "int a;\n");
    ck_assert_uint_eq(fix_plan_apply(&plan, "/nonexistent-root", &results), 0);
    ck_assert_ptr_nonnull(strstr(results[0].problem, "outside the project root"));
    fix_results_free(results, plan.nfiles);
    char *a = read_back("a.c");
    ck_assert_str_eq(a, "int a;\n");
    free(a);
    fix_plan_fini(&plan);
}
END_TEST

/*
 * Issue 8: a read-only file is refused even where the directory would let rename(2) replace
 * it (and as root, who may write anything), and a symlink is written through, not replaced.
 */
START_TEST(apply_refuses_read_only_and_writes_through_links)
{
    write_file("ro.c", "int a;\n");
    write_file("target.c", "int b;\n");
    char *ro = path_of("ro.c"), *target = path_of("target.c"), *link = path_of("link.c");
    ck_assert_int_eq(chmod(ro, 0444), 0);
    ck_assert_int_eq(symlink("target.c", link), 0);
    with_edit("ro.c", FINDING_EDIT_REPLACE, 1, 5, 1, 6, "x");
    with_edit("link.c", FINDING_EDIT_REPLACE, 1, 5, 1, 6, "y");
    for (size_t i = 0; i < findings.count; i++)
        fix_resolve(&findings.items[i], &sources);
    struct fix_plan plan;
    fix_plan_build(&plan, &findings, &sources);
    ck_assert_uint_eq(plan.nfiles, 2);
    struct fix_result *results = NULL;
    ck_assert_uint_eq(fix_plan_apply(&plan, dir, &results), 1);
    for (size_t i = 0; i < plan.nfiles; i++) {
        if (strcmp(results[i].path, "ro.c") == 0 || strstr(results[i].path, "/ro.c"))
            ck_assert_ptr_nonnull(strstr(results[i].problem, "the file is read-only (mode 444)"));
        else
            ck_assert_ptr_null(results[i].problem);
    }
    fix_results_free(results, plan.nfiles);
    char *a = read_back("ro.c");
    ck_assert_str_eq(a, "int a;\n");
    free(a);
    char *b = read_back("target.c");
    ck_assert_str_eq(b, "int y;\n");
    free(b);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    fix_plan_fini(&plan);
    chmod(ro, 0644);
    unlink(link);
    free(ro);
    free(target);
    free(link);
}
END_TEST

START_TEST(edits_of_one_fix_must_not_overlap_nor_span_files)
{
    write_file("a.c", "int a;\n");
    struct finding *f = with_edit("a.c", FINDING_EDIT_REPLACE, 1, 1, 1, 4, "x");
    struct finding_loc loc = f->edits[0].loc;
    loc.col = 2;
    loc.end_col = 5;
    finding_add_edit(f, FINDING_EDIT_REPLACE, &loc, "y");
    fix_resolve(f, &sources);
    ck_assert_uint_eq(f->nedits, 0);
    write_file("b.c", "int b;\n");
    struct finding *g = with_edit("a.c", FINDING_EDIT_REPLACE, 1, 1, 1, 1, "x");
    struct finding_loc other = g->edits[0].loc;
    char *b = path_of("b.c");
    other.abs_path = b;
    finding_add_edit(g, FINDING_EDIT_REPLACE, &other, "y");
    free(b);
    fix_resolve(g, &sources);
    ck_assert_uint_eq(g->nedits, 0);
}
END_TEST

static Suite *fix_suite(void)
{
    Suite *s = suite_create("fix");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, insert_lines_in_the_statement_indentation);
    tcase_add_test(tc, indentation_unit_follows_the_file);
    tcase_add_test(tc, insert_refused_when_statement_does_not_start_its_line);
    tcase_add_test(tc, include_goes_before_the_first_top_level_include);
    tcase_add_test(tc, plan_diff_and_apply);
    tcase_add_test(tc, apply_refuses_changed_and_outside_files);
    tcase_add_test(tc, apply_refuses_read_only_and_writes_through_links);
    tcase_add_test(tc, edits_of_one_fix_must_not_overlap_nor_span_files);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fix_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
