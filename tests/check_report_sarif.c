/*
 * SARIF for the filters and fixes, and what no validator checks (REQUIREMENTS §2.1):
 * suppressions and baselineState on all results or none, fixes as UTF-16 regions with
 * zero-length insertions, both fingerprint keys, rule overrides, configuration
 * notifications, artifact indexes, timestamps only on request, snippets equal to their
 * region. With SOCKCHECK_SARIF_EXTRA_OUT set to a directory, the logs are also written there
 * for tests/test_sarif_validate.sh to validate.
 */
#include "report.h"
#include "report_util.h"
#include "rule.h"

#include <cjson/cJSON.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/sockcheck-sarif-XXXXXX";
static char root[sizeof tmpdir];
static char src_path[300];

/* Line 3 has a 2-byte character before the call: byte column 13 is UTF-16 column 12. */
static const char source_text[] = "#include <sys/socket.h>\n"
                                  "int f(int fd) {\n"
                                  "    /* \xc3\xa9 */ return bind(fd, 0, 0); }\n"
                                  "int g(int fd) { return bind(fd, 0, 0); } // sockcheck: "
                                  "ignore[SCK001] demo\n";

static void setup(void)
{
    memcpy(root, tmpdir, sizeof tmpdir);
    ck_assert_ptr_nonnull(mkdtemp(root));
    snprintf(src_path, sizeof src_path, "%s/s.c", root);
    FILE *fp = fopen(src_path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(source_text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

static void teardown(void)
{
    unlink(src_path);
    rmdir(root);
}

static struct finding_loc loc_at(unsigned line, unsigned col, unsigned end_line, unsigned end_col)
{
    struct finding_loc loc = {0};
    loc.abs_path = strdup(src_path);
    loc.path = strdup("s.c");
    loc.line = line;
    loc.col = col;
    loc.end_line = end_line;
    loc.end_col = end_col;
    return loc;
}

static struct finding *add(struct finding_list *list, unsigned line, unsigned col, unsigned end_col,
                           const char *fp)
{
    struct finding *f = finding_list_add(list);
    f->rule_id = "SCK001";
    f->rule_name = "missing-reuseaddr";
    f->level = SC_LEVEL_WARNING;
    f->message = strdup("Listening socket 'fd' is bound without SO_REUSEADDR set first.");
    f->function = strdup("f");
    f->loc = loc_at(line, col, line, end_col);
    snprintf(f->fingerprint, sizeof f->fingerprint, "%s", fp);
    return f;
}

/* Two findings: one with a fix on the line with 'é', one suppressed by its comment. */
static void build(struct finding_list *list)
{
    struct finding *f = add(list, 3, 23, 38, "00000000000000aa");
    snprintf(f->line_hash, sizeof f->line_hash, "%s", "1234abcd:1");
    f->fix_description = strdup("Set SO_REUSEADDR on 'fd' before the bind()");
    struct finding_loc ins = loc_at(3, 16, 3, 16);
    finding_add_edit(f, FINDING_EDIT_REPLACE, &ins, "setsockopt(fd); ");
    finding_loc_fini(&ins);
    struct finding_loc repl = loc_at(3, 28, 3, 30);
    finding_add_edit(f, FINDING_EDIT_REPLACE, &repl, "sock");
    finding_loc_fini(&repl);
    struct finding *g = add(list, 4, 24, 39, "00000000000000bb");
    g->suppressed = true;
    g->justification = strdup("demo");
    g->suppression = loc_at(4, 42, 4, 79);
}

static struct report_run make_run(void)
{
    size_t n = 0;
    struct report_run run = {0};
    run.tool_version = "0.1.0";
    run.rules = rule_registry(&n);
    run.nrules = n;
    run.files_analysed = 1;
    return run;
}

static cJSON *render(const struct finding_list *list, const struct report_run *run,
                     const char *save_as)
{
    char *out = report_sarif(list, run);
    const char *dir = getenv("SOCKCHECK_SARIF_EXTRA_OUT");
    if (dir && save_as) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, save_as);
        FILE *fp = fopen(path, "wb");
        ck_assert_ptr_nonnull(fp);
        fputs(out, fp);
        ck_assert_int_eq(fclose(fp), 0);
    }
    cJSON *root_obj = cJSON_Parse(out);
    ck_assert_ptr_nonnull(root_obj);
    free(out);
    return root_obj;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    ck_assert_msg(item != NULL, "missing key '%s'", key);
    return item;
}

static const cJSON *run_of(const cJSON *log)
{
    return cJSON_GetArrayItem(get(log, "runs"), 0);
}

static int num(const cJSON *obj, const char *key)
{
    const cJSON *item = get(obj, key);
    ck_assert(cJSON_IsNumber(item));
    return (int)item->valuedouble;
}

static const char *str(const cJSON *obj, const char *key)
{
    const cJSON *item = get(obj, key);
    ck_assert(cJSON_IsString(item));
    return item->valuestring;
}

/* REQ §1.9, §1.10: a property on one result must be on all of them. */
static void assert_all_or_none(const cJSON *results, const char *key, bool want)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, results)
    {
        bool has = cJSON_GetObjectItemCaseSensitive(r, key) != NULL;
        ck_assert_msg(has == want, "'%s' %s on a result", key, has ? "present" : "missing");
    }
}

START_TEST(suppressions_on_every_result)
{
    struct finding_list list = {0};
    build(&list);
    struct report_run run = make_run();
    cJSON *log = render(&list, &run, "filters-include.sarif");
    const cJSON *results = get(run_of(log), "results");
    ck_assert_int_eq(cJSON_GetArraySize(results), 2);
    assert_all_or_none(results, "suppressions", true);
    assert_all_or_none(results, "baselineState", false);
    ck_assert_int_eq(cJSON_GetArraySize(get(cJSON_GetArrayItem(results, 0), "suppressions")), 0);
    const cJSON *sup = cJSON_GetArrayItem(get(cJSON_GetArrayItem(results, 1), "suppressions"), 0);
    ck_assert_str_eq(str(sup, "kind"), "inSource");
    ck_assert_str_eq(str(sup, "status"), "accepted");
    ck_assert_str_eq(str(sup, "justification"), "demo");
    const cJSON *region = get(get(get(sup, "location"), "physicalLocation"), "region");
    ck_assert_int_eq(num(region, "startLine"), 4);
    ck_assert_int_eq(num(region, "startColumn"), 42);
    cJSON_Delete(log);
    finding_list_fini(&list);
}
END_TEST

START_TEST(omit_drops_suppressed_and_absent_results)
{
    struct finding_list list = {0}, absent = {0};
    build(&list);
    struct finding *gone = add(&absent, 9, 1, 5, "00000000000000cc");
    free(gone->loc.abs_path);
    gone->loc.abs_path = NULL;
    gone->baseline = FINDING_BASELINE_ABSENT;
    list.items[0].baseline = FINDING_BASELINE_NEW;
    list.items[1].baseline = FINDING_BASELINE_UNCHANGED;
    struct report_run run = make_run();
    run.baseline = true;
    run.absent = &absent;
    cJSON *log = render(&list, &run, "filters-baseline.sarif");
    const cJSON *results = get(run_of(log), "results");
    ck_assert_int_eq(cJSON_GetArraySize(results), 3);
    assert_all_or_none(results, "baselineState", true);
    assert_all_or_none(results, "suppressions", true);
    ck_assert_str_eq(str(cJSON_GetArrayItem(results, 0), "baselineState"), "new");
    ck_assert_str_eq(str(cJSON_GetArrayItem(results, 1), "baselineState"), "unchanged");
    ck_assert_str_eq(str(cJSON_GetArrayItem(results, 2), "baselineState"), "absent");
    cJSON_Delete(log);

    run.omit_suppressed = true;
    log = render(&list, &run, "filters-omit.sarif");
    results = get(run_of(log), "results");
    ck_assert_int_eq(cJSON_GetArraySize(results), 1);
    ck_assert_str_eq(str(cJSON_GetArrayItem(results, 0), "baselineState"), "new");
    assert_all_or_none(results, "suppressions", true);
    cJSON_Delete(log);
    finding_list_fini(&list);
    finding_list_fini(&absent);
}
END_TEST

START_TEST(fixes_are_utf16_regions_with_empty_insertions)
{
    struct finding_list list = {0};
    build(&list);
    struct report_run run = make_run();
    cJSON *log = render(&list, &run, NULL);
    const cJSON *res = cJSON_GetArrayItem(get(run_of(log), "results"), 0);
    const cJSON *fix = cJSON_GetArrayItem(get(res, "fixes"), 0);
    ck_assert_str_eq(str(get(fix, "description"), "text"),
                     "Set SO_REUSEADDR on 'fd' before the bind()");
    const cJSON *changes = get(fix, "artifactChanges");
    ck_assert_int_eq(cJSON_GetArraySize(changes), 1);
    const cJSON *change = cJSON_GetArrayItem(changes, 0);
    ck_assert_str_eq(str(get(change, "artifactLocation"), "uri"), "s.c");
    const cJSON *repls = get(change, "replacements");
    ck_assert_int_eq(cJSON_GetArraySize(repls), 2);
    const cJSON *ins = get(cJSON_GetArrayItem(repls, 0), "deletedRegion");
    ck_assert_int_eq(num(ins, "startLine"), 3);
    ck_assert_int_eq(num(ins, "endLine"), 3);
    ck_assert_int_eq(num(ins, "startColumn"), 15); /* byte 16 after the 2-byte 'é' */
    ck_assert_int_eq(num(ins, "endColumn"), num(ins, "startColumn"));
    ck_assert_str_eq(str(get(cJSON_GetArrayItem(repls, 0), "insertedContent"), "text"),
                     "setsockopt(fd); ");
    const cJSON *del = get(cJSON_GetArrayItem(repls, 1), "deletedRegion");
    ck_assert_int_eq(num(del, "startColumn"), 27);
    ck_assert_int_eq(num(del, "endColumn"), 29);
    /* Both fingerprints; the suppressed result has no line hash, so only its own key. */
    const cJSON *fps = get(res, "partialFingerprints");
    ck_assert_str_eq(str(fps, "sockcheckFindingHash/v1"), "00000000000000aa");
    ck_assert_str_eq(str(fps, "primaryLocationLineHash"), "1234abcd:1");
    const cJSON *fps2 =
        get(cJSON_GetArrayItem(get(run_of(log), "results"), 1), "partialFingerprints");
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(fps2, "primaryLocationLineHash"));
    cJSON_Delete(log);
    finding_list_fini(&list);
}
END_TEST

START_TEST(overrides_and_configuration_notifications)
{
    struct finding_list list = {0};
    struct report_run run = make_run();
    bool enabled[64];
    enum sc_level levels[64];
    for (size_t i = 0; i < run.nrules; i++) {
        enabled[i] = true;
        levels[i] = run.rules[i]->level;
    }
    enabled[0] = false;         /* SCK000 off */
    levels[1] = SC_LEVEL_ERROR; /* SCK001 raised */
    run.rule_enabled = enabled;
    run.rule_levels = levels;
    struct report_problem problems[3] = {
        {REPORT_PROBLEM_CONFIGURATION, ".sockcheck.json", NULL, 3, 0, true, "bad key"},
        {REPORT_PROBLEM_SUPPRESSION, "s.c", src_path, 4, 42, false, "bare ignore"},
        {REPORT_PROBLEM_UNIT, "s.c", src_path, 1, 1, false, "compile error"},
    };
    run.problems = problems;
    run.nproblems = 3;
    run.exit_code = 2;
    cJSON *log = render(&list, &run, "filters-config.sarif");
    const cJSON *r = run_of(log);
    const cJSON *inv = cJSON_GetArrayItem(get(r, "invocations"), 0);
    ck_assert(cJSON_IsFalse(get(inv, "executionSuccessful")));
    const cJSON *overrides = get(inv, "ruleConfigurationOverrides");
    ck_assert_int_eq(cJSON_GetArraySize(overrides), 2);
    const cJSON *o0 = cJSON_GetArrayItem(overrides, 0);
    ck_assert_str_eq(str(get(o0, "descriptor"), "id"), "SCK000");
    ck_assert_int_eq(num(get(o0, "descriptor"), "index"), 0);
    ck_assert(cJSON_IsFalse(get(get(o0, "configuration"), "enabled")));
    const cJSON *o1 = cJSON_GetArrayItem(overrides, 1);
    ck_assert_str_eq(str(get(o1, "descriptor"), "id"), "SCK001");
    ck_assert_str_eq(str(get(o1, "configuration"), "level"), "error");
    const cJSON *config = get(inv, "toolConfigurationNotifications");
    const cJSON *exec = get(inv, "toolExecutionNotifications");
    ck_assert_int_eq(cJSON_GetArraySize(config), 2);
    ck_assert_int_eq(cJSON_GetArraySize(exec), 1);
    /* Every descriptor reference points at the descriptor with that id. */
    const cJSON *descs = get(get(get(r, "tool"), "driver"), "notifications");
    const cJSON *lists[] = {config, exec};
    for (int k = 0; k < 2; k++) {
        const cJSON *n;
        cJSON_ArrayForEach(n, lists[k])
        {
            const cJSON *d = get(n, "descriptor");
            const cJSON *target = cJSON_GetArrayItem(descs, num(d, "index"));
            ck_assert_ptr_nonnull(target);
            ck_assert_str_eq(str(target, "id"), str(d, "id"));
        }
    }
    ck_assert_str_eq(str(get(cJSON_GetArrayItem(config, 0), "descriptor"), "id"), "SCKN003");
    ck_assert_str_eq(str(cJSON_GetArrayItem(config, 0), "level"), "error");
    ck_assert_str_eq(str(get(cJSON_GetArrayItem(config, 1), "descriptor"), "id"), "SCKN004");
    ck_assert_str_eq(str(cJSON_GetArrayItem(config, 1), "level"), "warning");
    cJSON_Delete(log);
}
END_TEST

/* Every artifactLocation with an index names the same uri as run.artifacts[index]. */
static void check_indexes(const cJSON *node, const cJSON *artifacts, int *seen)
{
    if (!node)
        return;
    const cJSON *al = cJSON_GetObjectItemCaseSensitive(node, "artifactLocation");
    if (cJSON_IsObject(al) && cJSON_GetObjectItemCaseSensitive(al, "index")) {
        const cJSON *art = cJSON_GetArrayItem(artifacts, num(al, "index"));
        ck_assert_ptr_nonnull(art);
        ck_assert_str_eq(str(get(art, "location"), "uri"), str(al, "uri"));
        ck_assert_str_eq(str(art, "sourceLanguage"), "c");
        (*seen)++;
    }
    for (const cJSON *child = node->child; child; child = child->next)
        check_indexes(child, artifacts, seen);
}

START_TEST(artifacts_and_indexes_agree)
{
    struct finding_list list = {0};
    build(&list);
    struct report_run run = make_run();
    cJSON *log = render(&list, &run, NULL);
    const cJSON *artifacts = get(run_of(log), "artifacts");
    ck_assert_int_eq(cJSON_GetArraySize(artifacts), 1);
    int seen = 0;
    check_indexes(get(run_of(log), "results"), artifacts, &seen);
    ck_assert_int_ge(seen, 4); /* two results, a fix, a suppression location */
    cJSON_Delete(log);
    finding_list_fini(&list);
}
END_TEST

START_TEST(timestamps_only_on_request)
{
    struct finding_list list = {0};
    struct report_run run = make_run();
    cJSON *log = render(&list, &run, NULL);
    const cJSON *inv = cJSON_GetArrayItem(get(run_of(log), "invocations"), 0);
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(inv, "startTimeUtc"));
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(inv, "endTimeUtc"));
    cJSON_Delete(log);
    run.start_time = "2025-01-02T03:04:05Z";
    run.end_time = "2025-01-02T03:04:06Z";
    log = render(&list, &run, "filters-timestamps.sarif");
    inv = cJSON_GetArrayItem(get(run_of(log), "invocations"), 0);
    ck_assert_str_eq(str(inv, "startTimeUtc"), "2025-01-02T03:04:05Z");
    ck_assert_str_eq(str(inv, "endTimeUtc"), "2025-01-02T03:04:06Z");
    cJSON_Delete(log);
}
END_TEST

/* SARIF §3.30.13: a snippet is the region's text, UTF-16 columns counted back into bytes. */
START_TEST(snippets_equal_their_region)
{
    struct finding_list list = {0};
    build(&list);
    struct report_run run = make_run();
    cJSON *log = render(&list, &run, NULL);
    const cJSON *res;
    int checked = 0;
    cJSON_ArrayForEach(res, get(run_of(log), "results"))
    {
        const cJSON *region =
            get(get(cJSON_GetArrayItem(get(res, "locations"), 0), "physicalLocation"), "region");
        const cJSON *snippet = cJSON_GetObjectItemCaseSensitive(region, "snippet");
        if (!snippet)
            continue;
        /* Find the line and turn UTF-16 columns back into byte offsets. */
        const char *line = source_text;
        for (int l = 1; l < num(region, "startLine"); l++)
            line = strchr(line, '\n') + 1;
        size_t len = strcspn(line, "\n");
        size_t start = 0, end = 0;
        for (size_t b = 0; b <= len; b++) {
            unsigned col = report_utf16_column(line, len, (unsigned)b + 1);
            if (col == (unsigned)num(region, "startColumn") && !start)
                start = b + 1;
            if (col == (unsigned)num(region, "endColumn"))
                end = b + 1;
        }
        ck_assert_uint_gt(end, start);
        char *want = strndup(line + start - 1, end - start);
        ck_assert_str_eq(str(snippet, "text"), want);
        free(want);
        checked++;
    }
    ck_assert_int_eq(checked, 2);
    cJSON_Delete(log);
    finding_list_fini(&list);
}
END_TEST

static Suite *sarif_suite(void)
{
    Suite *s = suite_create("report_sarif");
    TCase *tc = tcase_create("filters");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, suppressions_on_every_result);
    tcase_add_test(tc, omit_drops_suppressed_and_absent_results);
    tcase_add_test(tc, fixes_are_utf16_regions_with_empty_insertions);
    tcase_add_test(tc, overrides_and_configuration_notifications);
    tcase_add_test(tc, artifacts_and_indexes_agree);
    tcase_add_test(tc, timestamps_only_on_request);
    tcase_add_test(tc, snippets_equal_their_region);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sarif_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
