/* Baselines: JSON and SARIF read back, bad files refused, new/unchanged/absent. */
#include "baseline.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int parse(const char *text, struct baseline *b, struct sc_error *err)
{
    sc_error_clear(err);
    return baseline_parse(text, strlen(text), "base.json", b, err);
}

static struct finding *add(struct finding_list *list, const char *fp, unsigned line)
{
    struct finding *f = finding_list_add(list);
    f->rule_id = "SCK001";
    f->rule_name = "missing-reuseaddr";
    f->message = strdup("m");
    f->loc.path = strdup("src/a.c");
    f->loc.abs_path = strdup("/r/src/a.c");
    f->loc.line = line;
    memcpy(f->fingerprint, fp, 17);
    return f;
}

START_TEST(json_baseline)
{
    struct baseline b;
    struct sc_error err;
    const char *text =
        "{\"version\": 1, \"findings\": ["
        "{\"rule_id\": \"SCK001\", \"level\": \"error\", \"message\": \"M1\", \"path\": "
        "\"src/a.c\", \"line\": 3, \"column\": 5, \"end_line\": 3, \"end_column\": 9, "
        "\"function\": \"main\", \"fingerprint\": \"00112233AABBCCDD\"},"
        "{\"rule_id\": \"SCK001\", \"fingerprint\": null},"
        "{\"rule_id\": \"SCK404\", \"fingerprint\": \"0011223344556677\"},"
        "{\"rule_id\": \"missing-reuseaddr\", \"fingerprint\": \"1111111111111111\"}]}";
    ck_assert_int_eq(parse(text, &b, &err), 0);
    ck_assert_uint_eq(b.results.count, 2); /* no fingerprint and an unknown rule are left out */
    const struct finding *r = &b.results.items[0];
    ck_assert_str_eq(r->rule_id, "SCK001");
    ck_assert_str_eq(r->fingerprint, "00112233aabbccdd");
    ck_assert_int_eq(r->level, SC_LEVEL_ERROR);
    ck_assert_str_eq(r->message, "M1");
    ck_assert_str_eq(r->loc.path, "src/a.c");
    ck_assert_ptr_null(r->loc.abs_path);
    ck_assert_uint_eq(r->loc.line, 3);
    ck_assert_uint_eq(r->loc.end_col, 9);
    ck_assert_str_eq(r->function, "main");
    ck_assert_str_eq(b.results.items[1].rule_id, "SCK001"); /* a name works too */
    ck_assert_str_eq(b.path, "base.json");
    baseline_fini(&b);
}
END_TEST

START_TEST(sarif_baseline)
{
    struct baseline b;
    struct sc_error err;
    const char *text =
        "{\"version\": \"2.1.0\", \"runs\": [{\"results\": ["
        "{\"ruleId\": \"SCK001\", \"level\": \"note\", \"message\": {\"text\": \"T\"},"
        " \"partialFingerprints\": {\"sockcheckFindingHash/v1\": \"aaaaaaaaaaaaaaaa\","
        " \"primaryLocationLineHash\": \"x:1\"},"
        " \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": "
        "\"src/my%20server.c\", \"uriBaseId\": \"%SRCROOT%\"}, \"region\": {\"startLine\": 7,"
        " \"startColumn\": 2}}, \"logicalLocations\": [{\"name\": \"f\"}]}]},"
        "{\"ruleId\": \"SCK001\", \"baselineState\": \"absent\", \"partialFingerprints\": "
        "{\"sockcheckFindingHash/v1\": \"bbbbbbbbbbbbbbbb\"}},"
        "{\"ruleId\": \"SCK001\", \"partialFingerprints\": {\"other/v1\": \"cccccccccccccccc\"}}"
        "]}]}";
    ck_assert_int_eq(parse(text, &b, &err), 0);
    ck_assert_uint_eq(b.results.count, 1);
    const struct finding *r = &b.results.items[0];
    ck_assert_str_eq(r->fingerprint, "aaaaaaaaaaaaaaaa");
    ck_assert_str_eq(r->loc.path, "src/my server.c");
    ck_assert_uint_eq(r->loc.line, 7);
    ck_assert_uint_eq(r->loc.col, 2);
    ck_assert_int_eq(r->level, SC_LEVEL_NOTE);
    ck_assert_str_eq(r->message, "T");
    ck_assert_str_eq(r->function, "f");
    baseline_fini(&b);
}
END_TEST

START_TEST(bad_baselines)
{
    struct baseline b;
    struct sc_error err;
    ck_assert_int_eq(parse("{\n\"findings\": [\n,]}", &b, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_BASELINE);
    ck_assert_str_eq(err.file, "base.json");
    ck_assert_uint_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "not valid JSON"));
    ck_assert_int_eq(parse("{\"results\": []}", &b, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "neither"));
    ck_assert_int_eq(parse("[]", &b, &err), -1);
    ck_assert_int_eq(baseline_load("/nonexistent/base.json", &b, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "cannot read the baseline"));
    /* An empty baseline is a baseline: everything is new. */
    ck_assert_int_eq(parse("{\"findings\": []}", &b, &err), 0);
    ck_assert_uint_eq(b.results.count, 0);
    baseline_fini(&b);
}
END_TEST

/* Issue 8: what cJSON alone lets through, and wrong types, are refused with their line. */
START_TEST(strict_baselines)
{
    struct baseline b;
    struct sc_error err;
    static const char nul[] = "{\"findings\": [\n\0]}";
    ck_assert_int_eq(baseline_parse(nul, sizeof nul - 1, "base.json", &b, &err), -1);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_ptr_nonnull(strstr(err.message, "unexpected byte 0x00 at column 1"));
    ck_assert_int_eq(parse("{\"findings\": []}\n\ngarbage", &b, &err), -1);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_int_eq(parse("{\"version\": 1,\n \"findings\": 3}", &b, &err), -1);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_ptr_nonnull(strstr(err.message, "\"findings\" is a number, not an array"));
    ck_assert_ptr_nonnull(strstr(err.message, "--format json -o FILE"));
    ck_assert_int_eq(parse("\n[]", &b, &err), -1);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_ptr_nonnull(strstr(err.message, "an array with neither"));
    char dir[] = "/tmp/sockcheck-baseline-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(baseline_load(dir, &b, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "it is a directory, not a file"));
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(baseline_load(fifo, &b, &err), -1); /* at once: never opened to read */
    ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
    unlink(fifo);
    rmdir(dir);
}
END_TEST

START_TEST(apply_marks_new_unchanged_absent)
{
    struct baseline b;
    struct sc_error err;
    const char *text = "{\"findings\": ["
                       "{\"rule_id\": \"SCK001\", \"fingerprint\": \"1111111111111111\", "
                       "\"path\": \"src/a.c\", \"line\": 1},"
                       "{\"rule_id\": \"SCK001\", \"fingerprint\": \"2222222222222222\", "
                       "\"path\": \"src/old.c\", \"line\": 9, \"message\": \"gone\"}]}";
    ck_assert_int_eq(parse(text, &b, &err), 0);
    struct finding_list findings = {0}, absent = {0};
    struct finding *moved = add(&findings, "1111111111111111", 40); /* the line moved */
    struct finding *fresh = add(&findings, "3333333333333333", 2);
    struct finding *twin = add(&findings, "1111111111111111", 41); /* matched only once */
    baseline_apply(&b, &findings, &absent);
    ck_assert_int_eq(moved->baseline, FINDING_BASELINE_UNCHANGED);
    ck_assert_int_eq(fresh->baseline, FINDING_BASELINE_NEW);
    ck_assert_int_eq(twin->baseline, FINDING_BASELINE_NEW);
    ck_assert(!finding_is_reported(moved));
    ck_assert(finding_is_reported(fresh));
    ck_assert_uint_eq(absent.count, 1);
    ck_assert_int_eq(absent.items[0].baseline, FINDING_BASELINE_ABSENT);
    ck_assert_str_eq(absent.items[0].loc.path, "src/old.c");
    ck_assert_str_eq(absent.items[0].message, "gone");
    ck_assert_str_eq(absent.items[0].fingerprint, "2222222222222222");
    finding_list_fini(&findings);
    finding_list_fini(&absent);
    baseline_fini(&b);
}
END_TEST

static Suite *baseline_suite(void)
{
    Suite *s = suite_create("baseline");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, json_baseline);
    tcase_add_test(tc, sarif_baseline);
    tcase_add_test(tc, bad_baselines);
    tcase_add_test(tc, strict_baselines);
    tcase_add_test(tc, apply_marks_new_unchanged_absent);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(baseline_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
