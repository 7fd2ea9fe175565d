/*
 * The API model reader (models.h): every refusal names the file and the line of what is
 * wrong, nothing of a refused document is added, later models replace earlier ones, and a
 * document of many models is read in n log n. Issue 8 (fuzz_models) added this suite.
 */
#include "models.h"
#include "strbuf.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static int add(struct models *m, const char *text, struct sc_error *err)
{
    sc_error_clear(err);
    return models_add_json(m, text, strlen(text), "user.json", err);
}

/* text is refused at line, with a message containing fragment. */
static void expect_error(const char *text, unsigned line, const char *fragment)
{
    struct models *m = models_new();
    struct sc_error err;
    ck_assert_int_eq(add(m, text, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_CONFIG);
    ck_assert_str_eq(err.file, "user.json");
    ck_assert_msg(err.line == line, "line %u, expected %u (%s)", err.line, line, err.message);
    ck_assert_msg(strstr(err.message, fragment), "'%s' lacks '%s'", err.message, fragment);
    models_free(m);
}

START_TEST(errors_name_their_line)
{
    expect_error("{\"models\": [\n{\"function\": \"f\", \"effects\": [\n {\"socket\": \"arg0\",\n"
                 "  \"actions\": [\"bind\", \"fly\"]}]}]}",
                 4, "models[0] (f): unknown action 'fly'");
    expect_error(
        "{\"models\": [\n{\"function\": \"f\", \"effects\": [\n\n {\"socket\": \"arg0\"}]}]}", 4,
        "\"actions\" must be an array");
    expect_error(
        "{\"models\": [{\"function\": \"f\",\n \"effects\": [{\"socket\": \"arg0\", "
        "\"actions\": [],\n \"enable_reuse_when\": [{\"arg\": 1,\n \"equals\": 1e300}]}]}]}",
        4, "take an integer");
    expect_error("{\"models\": [{\"function\": \"f\", \"effects\": [],\n \"colour\": 1}]}", 2,
                 "unknown member 'colour'");
    expect_error("{\n\"modles\": []}", 2, "unknown member 'modles'");
    /* Issue 8 (fuzz_config): cJSON reads the first of two equal keys; that is refused. */
    expect_error("{\"models\": [{\"function\": \"f\", \"effects\": [{\"socket\": \"arg5\",\n"
                 "\"socket\": \"arg0\", \"actions\": []}]}]}",
                 2, "models[0] (f): member 'socket' given twice");
    expect_error("{\"models\": [],\n\"models\": []}", 2, "member 'models' given twice");
    expect_error("\n\n[]", 3, "a models file is an object");
    expect_error("{\"models\": [\n", 2, "not valid JSON: unexpected end of the text");
    static const char nul[] = "{\"models\":\n\n []\0}";
    struct models *m = models_new();
    struct sc_error err;
    ck_assert_int_eq(models_add_json(m, nul, sizeof nul - 1, "user.json", &err), -1);
    ck_assert_uint_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "unexpected byte 0x00 at column 4"));
    models_free(m);
}
END_TEST

START_TEST(later_models_win_and_refusals_add_nothing)
{
    struct models *m = models_new();
    struct sc_error err;
    ck_assert_int_eq(add(m,
                         "{\"models\": [{\"function\": \"f\", \"effects\": []},"
                         " {\"function\": \"g\", \"effects\": []},"
                         " {\"function\": \"f\", \"hint\": \"second\", \"effects\": []}]}",
                         &err),
                     0);
    ck_assert_str_eq(models_find(m, "f")->hint, "second");
    ck_assert_int_eq(add(m,
                         "{\"models\": [{\"function\": \"g\", \"hint\": \"new\", \"effects\": []},"
                         " {\"function\": \"h\", \"effects\": [{\"socket\": \"fd\"}]}]}",
                         &err),
                     -1);
    ck_assert_ptr_null(models_find(m, "g")->hint); /* the refused document changed nothing */
    ck_assert_ptr_null(models_find(m, "h"));
    ck_assert_int_eq(
        add(m, "{\"models\": [{\"function\": \"g\", \"hint\": \"new\", \"effects\": []}]}", &err),
        0);
    ck_assert_str_eq(models_find(m, "g")->hint, "new");
    ck_assert_str_eq(models_find(m, "f")->hint, "second");
    models_free(m);
}
END_TEST

/* 100,000 models (with repetitions) in one document: a sort per model made this take hours. */
START_TEST(many_models)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "{\"models\": [");
    for (int i = 0; i < 100000; i++)
        strbuf_printf(&sb, "%s{\"function\": \"f%d\", \"effects\": []}", i ? "," : "",
                      (i * 7919) % 60000);
    strbuf_puts(&sb, "]}");
    struct models *m = models_new();
    struct sc_error err;
    ck_assert_int_eq(models_add_json(m, sb.data, sb.len, "many.json", &err), 0);
    ck_assert_ptr_nonnull(models_find(m, "f0"));
    ck_assert_ptr_nonnull(models_find(m, "f59999"));
    ck_assert_ptr_null(models_find(m, "f60000"));
    models_free(m);
    strbuf_fini(&sb);
}
END_TEST

static Suite *models_suite(void)
{
    Suite *s = suite_create("models");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, errors_name_their_line);
    tcase_add_test(tc, later_models_win_and_refusals_add_nothing);
    tcase_add_test(tc, many_models);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(models_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
