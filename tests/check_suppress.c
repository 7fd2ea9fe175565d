/* Suppression comments: each form, what they cover, unused ones (SCK000), refused ones. */
#include "rule.h"
#include "suppress.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static struct suppress_set set;
static struct finding_list findings;

static void setup(void)
{
    suppress_set_init(&set);
    memset(&findings, 0, sizeof findings);
}

static void teardown(void)
{
    suppress_set_fini(&set);
    finding_list_fini(&findings);
}

static void scan(const char *text)
{
    suppress_scan(&set, "/p/a.c", "a.c", text, strlen(text));
}

static struct finding *add(const char *rule, unsigned line)
{
    struct finding *f = finding_list_add(&findings);
    f->rule_id = rule;
    f->rule_name = "r";
    f->message = strdup("m");
    f->loc.abs_path = strdup("/p/a.c");
    f->loc.path = strdup("a.c");
    f->loc.line = line;
    f->loc.col = 5;
    return f;
}

static bool all_checked(const struct rule *rule, void *arg)
{
    (void)rule;
    (void)arg;
    return true;
}

static void report_unused(void)
{
    suppress_report_unused(&set, rule_find("SCK000"), all_checked, NULL, &findings);
}

START_TEST(line_comment_on_the_line)
{
    scan("int a;\n    bind(fd, 0, 0); // sockcheck: ignore[SCK001] tests need a fixed port\n");
    ck_assert_uint_eq(set.count, 1);
    ck_assert_uint_eq(set.nproblems, 0);
    struct finding *f = add("SCK001", 2);
    suppress_apply(&set, &findings);
    ck_assert(f->suppressed);
    ck_assert_str_eq(f->justification, "tests need a fixed port");
    ck_assert_uint_eq(f->suppression.line, 2);
    ck_assert_uint_eq(f->suppression.col, 21);
    ck_assert_str_eq(f->suppression.path, "a.c");
    report_unused();
    ck_assert_uint_eq(findings.count, 1);
}
END_TEST

START_TEST(block_comment_on_the_line_above_with_two_rules)
{
    scan("/* sockcheck: ignore[SCK001, missing-reuseaddr] reason: demo */\nbind(fd);\n");
    ck_assert_uint_eq(set.count, 1);
    ck_assert_uint_eq(set.comments[0].nentries, 2);
    struct finding *f = add("SCK001", 2);
    suppress_apply(&set, &findings);
    ck_assert(f->suppressed);
    ck_assert_str_eq(f->justification, "reason: demo");
    ck_assert_str_eq(set.comments[0].text, "sockcheck: ignore[SCK001, missing-reuseaddr] reason: "
                                           "demo");
}
END_TEST

START_TEST(ids_are_case_insensitive_and_names_work)
{
    scan("x; // sockcheck: ignore[sck001]\ny; // sockcheck:ignore [ missing-reuseaddr ]\n");
    ck_assert_uint_eq(set.count, 2);
    struct finding *a = add("SCK001", 1);
    struct finding *b = add("SCK001", 2);
    suppress_apply(&set, &findings);
    ck_assert(a->suppressed && b->suppressed);
    ck_assert_ptr_null(a->justification); /* no reason given */
}
END_TEST

START_TEST(other_lines_and_rules_are_not_suppressed)
{
    scan("// sockcheck: ignore[SCK001] reason\n\nbind(fd);\n");
    struct finding *two_below = add("SCK001", 3);
    struct finding *same_line = add("SCK000", 1);
    suppress_apply(&set, &findings);
    ck_assert(!two_below->suppressed);
    ck_assert(!same_line->suppressed); /* SCK000 is never suppressed */
    struct finding *other_file = add("SCK001", 1);
    free(other_file->loc.abs_path);
    other_file->loc.abs_path = strdup("/p/b.c");
    suppress_apply(&set, &findings);
    ck_assert(!findings.items[2].suppressed);
}
END_TEST

START_TEST(multiline_block_comment_covers_its_lines_and_the_next)
{
    scan("/*\n * sockcheck: ignore[SCK001] the port is\n * given by inetd\n */\nbind(fd);\n"
         "other();\n");
    ck_assert_uint_eq(set.count, 1);
    ck_assert_uint_eq(set.comments[0].loc.line, 1);
    ck_assert_uint_eq(set.comments[0].last_line, 4);
    struct finding *f = add("SCK001", 5);
    struct finding *g = add("SCK001", 6);
    suppress_apply(&set, &findings);
    ck_assert(f->suppressed);
    ck_assert(!g->suppressed);
    ck_assert_str_eq(f->justification, "the port is given by inetd");
}
END_TEST

START_TEST(literals_and_prose_are_not_suppressions)
{
    scan("const char *s = \"// sockcheck: ignore[SCK001]\";\n"
         "char c = '\"'; /* a quote must not open a string */\n"
         "/* sockcheck: ignored, see the README */\n"
         "/* notsockcheck: ignore[SCK001] */\n"
         "/* sockcheck: this is prose */\n");
    ck_assert_uint_eq(set.count, 0);
    ck_assert_uint_eq(set.nproblems, 0);
}
END_TEST

START_TEST(bare_and_malformed_are_refused)
{
    scan("a; // sockcheck: ignore\n"
         "b; /* sockcheck: ignore because */\n"
         "c; // sockcheck: ignore[SCK001\n"
         "d; // sockcheck: ignore[SCK999, SCK001] x\n"
         "e; // sockcheck: ignore[]\n"
         "f; // sockcheck: ignore[SCK000]\n");
    ck_assert_uint_eq(set.nproblems, 6);
    ck_assert_uint_eq(set.problems[0].line, 1);
    ck_assert_uint_eq(set.problems[0].col, 7);
    ck_assert_ptr_nonnull(strstr(set.problems[0].message, "bare 'sockcheck: ignore' is refused"));
    ck_assert_uint_eq(set.problems[1].line, 2);
    ck_assert_ptr_nonnull(strstr(set.problems[2].message, "no closing ']'"));
    ck_assert_ptr_nonnull(strstr(set.problems[3].message, "unknown rule 'SCK999'"));
    ck_assert_uint_eq(set.problems[3].col, 25);
    ck_assert_ptr_nonnull(strstr(set.problems[4].message, "empty rule"));
    ck_assert_ptr_nonnull(strstr(set.problems[5].message, "SCK000 cannot be suppressed"));
    ck_assert_str_eq(set.problems[0].path, "a.c");
    /* The known rule of line 4 still suppresses. */
    ck_assert_uint_eq(set.count, 1);
    ck_assert_uint_eq(set.comments[0].loc.line, 4);
}
END_TEST

/* Issue 8: a hostile rule name is quoted short and without control characters. */
START_TEST(hostile_rule_names_are_quoted_safely)
{
    char text[400] = "x; // sockcheck: ignore[\x1b[2Jtitle\x07, ";
    size_t n = strlen(text);
    for (int i = 0; i < 100; i++)
        text[n++] = i % 2 ? '\xa9' : '\xc3'; /* "©" 50 times: 2 bytes each */
    memcpy(text + n, "]\n", 3);
    scan(text);
    ck_assert_uint_eq(set.nproblems, 2);
    ck_assert_ptr_nonnull(strstr(set.problems[0].message, "unknown rule '?[2Jtitle?'"));
    const char *q = strstr(set.problems[1].message, "unknown rule '");
    ck_assert_ptr_nonnull(q);
    q += strlen("unknown rule '");
    const char *end = strstr(q, "...'");
    ck_assert_ptr_nonnull(end);
    ck_assert_int_eq(end - q, 64); /* 32 whole characters */
    for (const char *p = set.problems[0].message; *p; p++)
        ck_assert_int_ge((unsigned char)*p, 0x20);
}
END_TEST

START_TEST(unused_comment_gives_sck000_that_removes_it)
{
    scan("int a;\n    // sockcheck: ignore[SCK001] stale\n    x = 1;\n");
    suppress_apply(&set, &findings);
    report_unused();
    ck_assert_uint_eq(findings.count, 1);
    struct finding *f = &findings.items[0];
    ck_assert_str_eq(f->rule_id, "SCK000");
    ck_assert_int_eq(f->level, SC_LEVEL_NOTE);
    ck_assert_uint_eq(f->loc.line, 2);
    ck_assert_uint_eq(f->loc.col, 5);
    ck_assert_uint_eq(f->loc.end_col, 39);
    ck_assert_ptr_nonnull(strstr(f->message, "SCK001 (missing-reuseaddr) matches no finding"));
    ck_assert_str_eq(f->call_text, "sockcheck: ignore[SCK001] stale");
    ck_assert_uint_eq(f->nedits, 1);
    /* The comment is alone on its line: the whole line goes. */
    ck_assert_uint_eq(f->edits[0].loc.line, 2);
    ck_assert_uint_eq(f->edits[0].loc.col, 1);
    ck_assert_uint_eq(f->edits[0].loc.end_line, 3);
    ck_assert_uint_eq(f->edits[0].loc.end_col, 1);
    ck_assert_str_eq(f->edits[0].text, "");
}
END_TEST

START_TEST(unused_trailing_comment_keeps_the_code)
{
    scan("    x = 1; /* sockcheck: ignore[SCK001] */\n");
    report_unused();
    ck_assert_uint_eq(findings.count, 1);
    const struct finding_edit *e = &findings.items[0].edits[0];
    ck_assert_uint_eq(e->loc.line, 1);
    ck_assert_uint_eq(e->loc.col, 11);
    ck_assert_uint_eq(e->loc.end_line, 1);
    ck_assert_uint_eq(e->loc.end_col, 43);
}
END_TEST

START_TEST(partly_used_list_loses_the_unused_ids)
{
    scan("bind(fd); // sockcheck: ignore[SCK001, missing-reuseaddr,SCK001] reason\n");
    /* Nothing used: all three entries are unused. */
    report_unused();
    ck_assert_uint_eq(findings.count, 1);
    ck_assert_ptr_nonnull(strstr(findings.items[0].message, "This suppression of SCK001"));
    finding_list_fini(&findings);
    struct finding *f = add("SCK001", 1);
    suppress_apply(&set, &findings);
    ck_assert(f->suppressed);
    report_unused();
    ck_assert_uint_eq(findings.count, 1); /* every entry names the rule that was used */
}
END_TEST

static bool only_sck001(const struct rule *rule, void *arg)
{
    (void)arg;
    return strcmp(rule->id, "SCK001") == 0;
}

START_TEST(unused_entries_of_unchecked_rules_are_not_reported)
{
    scan("bind(fd); // sockcheck: ignore[SCK001]\n");
    suppress_report_unused(&set, rule_find("SCK000"), only_sck001, NULL, &findings);
    ck_assert_uint_eq(findings.count, 1);
    finding_list_fini(&findings);
    suppress_report_unused(&set, rule_find("SCK000"), all_checked, NULL, &findings);
    ck_assert_uint_eq(findings.count, 1);
}
END_TEST

static Suite *suppress_suite(void)
{
    Suite *s = suite_create("suppress");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, line_comment_on_the_line);
    tcase_add_test(tc, block_comment_on_the_line_above_with_two_rules);
    tcase_add_test(tc, ids_are_case_insensitive_and_names_work);
    tcase_add_test(tc, other_lines_and_rules_are_not_suppressed);
    tcase_add_test(tc, multiline_block_comment_covers_its_lines_and_the_next);
    tcase_add_test(tc, literals_and_prose_are_not_suppressions);
    tcase_add_test(tc, bare_and_malformed_are_refused);
    tcase_add_test(tc, hostile_rule_names_are_quoted_safely);
    tcase_add_test(tc, unused_comment_gives_sck000_that_removes_it);
    tcase_add_test(tc, unused_trailing_comment_keeps_the_code);
    tcase_add_test(tc, partly_used_list_loses_the_unused_ids);
    tcase_add_test(tc, unused_entries_of_unchecked_rules_are_not_reported);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suppress_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
