/*
 * The GitLab Code Quality reporter: the fields GitLab requires on every entry, severities,
 * fingerprints taken from the finding and unique in the report, "[]" when clean, valid JSON
 * whatever the message holds.
 */
#include "report.h"

#include <cjson/cJSON.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

static struct finding *add(struct finding_list *list, const char *rule_id, enum sc_level level,
                           const char *path, unsigned line, const char *message)
{
    struct finding *f = finding_list_add(list);
    f->rule_id = rule_id;
    f->rule_name = "missing-reuseaddr";
    f->level = level;
    f->message = strdup(message);
    f->loc.abs_path = strdup(path);
    f->loc.path = strdup(path);
    f->loc.line = f->loc.end_line = line;
    f->loc.col = 5;
    f->loc.end_col = 9;
    return f;
}

/* Renders and parses the report, which must be a JSON array. */
static cJSON *render(const struct finding_list *list)
{
    struct report_run run = {0};
    char *text = report_gitlab(list, &run);
    ck_assert_msg(text[0] == '[', "no array: %s", text);
    cJSON *root = cJSON_Parse(text);
    ck_assert_msg(cJSON_IsArray(root), "invalid JSON: %s", text);
    free(text);
    return root;
}

static const char *str(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    ck_assert_msg(cJSON_IsString(item), "no string '%s'", key);
    return item->valuestring;
}

START_TEST(gitlab_required_fields)
{
    struct finding_list list = {0};
    struct finding *f = add(&list, "SCK001", SC_LEVEL_WARNING, "src/server.c", 12,
                            "Listening socket 'fd' is bound \"without\" SO_REUSEADDR.\n");
    memcpy(f->fingerprint, "0123456789abcdef", 17);
    cJSON *root = render(&list);
    ck_assert_int_eq(cJSON_GetArraySize(root), 1);
    const cJSON *issue = cJSON_GetArrayItem(root, 0);
    ck_assert_str_eq(str(issue, "type"), "issue");
    ck_assert_str_eq(str(issue, "check_name"), "SCK001");
    ck_assert_str_eq(str(issue, "description"), "Listening socket 'fd' is bound \"without\" "
                                                "SO_REUSEADDR.\n [SCK001 missing-reuseaddr]");
    ck_assert_str_eq(str(issue, "severity"), "minor");
    ck_assert_str_eq(str(issue, "fingerprint"), "0123456789abcdef");
    const cJSON *loc = cJSON_GetObjectItemCaseSensitive(issue, "location");
    ck_assert_str_eq(str(loc, "path"), "src/server.c");
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(loc, "lines");
    const cJSON *begin = cJSON_GetObjectItemCaseSensitive(lines, "begin");
    ck_assert(cJSON_IsNumber(begin));
    ck_assert_int_eq(begin->valueint, 12);
    cJSON_Delete(root);
    finding_list_fini(&list);
}
END_TEST

START_TEST(gitlab_severities)
{
    struct finding_list list = {0};
    add(&list, "SCK004", SC_LEVEL_ERROR, "a.c", 1, "e");
    add(&list, "SCK001", SC_LEVEL_WARNING, "a.c", 2, "w");
    add(&list, "SCK006", SC_LEVEL_NOTE, "a.c", 3, "n");
    finding_list_fingerprint(&list);
    cJSON *root = render(&list);
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 0), "severity"), "major");
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 1), "severity"), "minor");
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 2), "severity"), "info");
    cJSON_Delete(root);
    finding_list_fini(&list);
}
END_TEST

START_TEST(gitlab_fingerprints_unique)
{
    struct finding_list list = {0};
    /* Two findings that finding_list_fingerprint would tell apart, and two forced equal. */
    add(&list, "SCK001", SC_LEVEL_WARNING, "a.c", 1, "m");
    add(&list, "SCK001", SC_LEVEL_WARNING, "a.c", 2, "m");
    finding_list_fingerprint(&list);
    add(&list, "SCK001", SC_LEVEL_WARNING, "b.c", 3, "m");
    add(&list, "SCK001", SC_LEVEL_WARNING, "b.c", 4, "m");
    memcpy(list.items[2].fingerprint, "aaaaaaaaaaaaaaaa", 17);
    memcpy(list.items[3].fingerprint, "aaaaaaaaaaaaaaaa", 17);
    cJSON *root = render(&list);
    ck_assert_int_eq(cJSON_GetArraySize(root), 4);
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 0), "fingerprint"), list.items[0].fingerprint);
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 1), "fingerprint"), list.items[1].fingerprint);
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 2), "fingerprint"), "aaaaaaaaaaaaaaaa");
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 3), "fingerprint"), "aaaaaaaaaaaaaaaa-2");
    for (int i = 0; i < 4; i++)
        for (int k = i + 1; k < 4; k++)
            ck_assert_str_ne(str(cJSON_GetArrayItem(root, i), "fingerprint"),
                             str(cJSON_GetArrayItem(root, k), "fingerprint"));
    cJSON_Delete(root);
    finding_list_fini(&list);
}
END_TEST

START_TEST(gitlab_unfingerprinted_and_empty)
{
    struct finding_list list = {0};
    char *text = report_gitlab(&list, &(struct report_run){0});
    ck_assert_str_eq(text, "[]\n");
    free(text);
    add(&list, "SCK001", SC_LEVEL_WARNING, "a.c", 7, "m");
    cJSON *root = render(&list);
    ck_assert_str_eq(str(cJSON_GetArrayItem(root, 0), "fingerprint"), "SCK001:a.c:7:5");
    cJSON_Delete(root);
    finding_list_fini(&list);
}
END_TEST

static Suite *gitlab_suite(void)
{
    Suite *s = suite_create("report_gitlab");
    TCase *tc = tcase_create("gitlab");
    tcase_add_test(tc, gitlab_required_fields);
    tcase_add_test(tc, gitlab_severities);
    tcase_add_test(tc, gitlab_fingerprints_unique);
    tcase_add_test(tc, gitlab_unfingerprinted_and_empty);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(gitlab_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
