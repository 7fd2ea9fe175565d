/*
 * The GitHub workflow-command reporter: the exact lines for a finding with related
 * locations, escaping of messages and properties, UTF-16 columns, columns left out of
 * multi-line ranges, errors before warnings before notices, and problems as annotations.
 */
#include "report.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmproot[] = "/tmp/sockcheck-github-XXXXXX";
static char src_path[sizeof tmproot + 16];

/* Line 2 has a two-byte character before the call: byte column 19 is UTF-16 column 18. */
static const char source_text[] = "int f(int fd)\n"
                                  "{ /* \xc3\xa9 */ return bind(fd, 0, 0); }\n";

static void setup(void)
{
    ck_assert_ptr_nonnull(mkdtemp(tmproot));
    snprintf(src_path, sizeof src_path, "%s/s.c", tmproot);
    FILE *fp = fopen(src_path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(source_text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

static void teardown(void)
{
    unlink(src_path);
    rmdir(tmproot);
    memcpy(tmproot + strlen(tmproot) - 6, "XXXXXX", 6);
}

static struct finding_loc loc_at(const char *rel, unsigned line, unsigned col, unsigned end_line,
                                 unsigned end_col, const char *message)
{
    struct finding_loc loc = {0};
    loc.abs_path = strdup(src_path);
    loc.path = strdup(rel);
    loc.line = line;
    loc.col = col;
    loc.end_line = end_line;
    loc.end_col = end_col;
    loc.message = message ? strdup(message) : NULL;
    return loc;
}

static struct finding *add(struct finding_list *list, const char *rule_id, enum sc_level level,
                           struct finding_loc loc, const char *message)
{
    struct finding *f = finding_list_add(list);
    f->rule_id = rule_id;
    f->rule_name = "missing-reuseaddr";
    f->level = level;
    f->message = strdup(message);
    f->loc = loc;
    return f;
}

static char *render(const struct finding_list *list, const struct report_problem *problems,
                    size_t nproblems)
{
    struct report_run run = {0};
    run.problems = problems;
    run.nproblems = nproblems;
    return report_github(list, &run);
}

START_TEST(github_finding_line)
{
    struct finding_list list = {0};
    struct finding *f = add(&list, "SCK001", SC_LEVEL_WARNING, loc_at("s.c", 2, 19, 2, 34, NULL),
                            "Listening socket 'fd' is bound without SO_REUSEADDR set first.");
    struct finding_loc rel = loc_at("s.c", 1, 5, 1, 7, "socket created here");
    finding_add_related(f, &rel);
    finding_loc_fini(&rel);
    char *out = render(&list, NULL, 0);
    ck_assert_str_eq(out, "::warning file=s.c,line=2,endLine=2,col=18,endColumn=33,"
                          "title=SCK001 missing-reuseaddr::Listening socket 'fd' is bound "
                          "without SO_REUSEADDR set first.%0As.c:1:5: note: socket created here\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(github_escaping)
{
    struct finding_list list = {0};
    add(&list, "SCK001", SC_LEVEL_ERROR, loc_at("dir,a:b/100%.c", 3, 0, 3, 0, NULL),
        "50% done\r\nnext::line, a:b");
    char *out = render(&list, NULL, 0);
    /* Properties escape ":" and ","; the message keeps them, so "::" in it is harmless. */
    ck_assert_str_eq(out, "::error file=dir%2Ca%3Ab/100%25.c,line=3,endLine=3,"
                          "title=SCK001 missing-reuseaddr::50%25 done%0D%0Anext::line, a:b\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(github_multiline_range_has_no_columns)
{
    struct finding_list list = {0};
    add(&list, "SCK001", SC_LEVEL_WARNING, loc_at("s.c", 1, 3, 2, 5, NULL), "m");
    char *out = render(&list, NULL, 0);
    ck_assert_str_eq(out,
                     "::warning file=s.c,line=1,endLine=2,title=SCK001 missing-reuseaddr::m\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(github_errors_first_then_warnings_then_notices)
{
    struct finding_list list = {0};
    add(&list, "SCK006", SC_LEVEL_NOTE, loc_at("a.c", 1, 1, 1, 2, NULL), "n1");
    add(&list, "SCK001", SC_LEVEL_WARNING, loc_at("a.c", 2, 1, 2, 2, NULL), "w1");
    add(&list, "SCK004", SC_LEVEL_ERROR, loc_at("b.c", 3, 1, 3, 2, NULL), "e1");
    add(&list, "SCK001", SC_LEVEL_WARNING, loc_at("b.c", 4, 1, 4, 2, NULL), "w2");
    char *out = render(&list, NULL, 0);
    const char *e1 = strstr(out, "::error file=b.c,line=3");
    const char *w1 = strstr(out, "::warning file=a.c,line=2");
    const char *w2 = strstr(out, "::warning file=b.c,line=4");
    const char *n1 = strstr(out, "::notice file=a.c,line=1");
    ck_assert_msg(e1 && w1 && w2 && n1, "missing line in:\n%s", out);
    ck_assert(e1 < w1 && w1 < w2 && w2 < n1);
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(github_problems_and_empty)
{
    struct finding_list list = {0};
    char *out = render(&list, NULL, 0);
    ck_assert_str_eq(out, "");
    free(out);
    struct report_problem problems[] = {
        {.path = "gone.c", .fatal = true, .message = "no such file"},
        {.path = "half.c", .line = 7, .fatal = false, .message = "unknown type name 'x'"},
        {.path = NULL, .fatal = true, .message = "run-level: trouble"},
    };
    out = render(&list, problems, 3);
    ck_assert_str_eq(out, "::error file=gone.c,title=sockcheck::no such file\n"
                          "::warning file=half.c,line=7,title=sockcheck::unknown type name 'x'\n"
                          "::error title=sockcheck::run-level: trouble\n");
    free(out);
}
END_TEST

static Suite *github_suite(void)
{
    Suite *s = suite_create("report_github");
    TCase *tc = tcase_create("github");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, github_finding_line);
    tcase_add_test(tc, github_escaping);
    tcase_add_test(tc, github_multiline_range_has_no_columns);
    tcase_add_test(tc, github_errors_first_then_warnings_then_notices);
    tcase_add_test(tc, github_problems_and_empty);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(github_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
