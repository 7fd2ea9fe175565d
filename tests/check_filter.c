/*
 * The filter stage: which rules run at which level (configuration, "all", --enable and
 * --disable in order), the errors that stop a run, units selected by the globs, and the
 * findings pipeline on hand-made findings (rules off, suppressions, SCK000, levels).
 */
#include "driver.h"
#include "extract.h"
#include "filter.h"
#include "rule.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/sockcheck-filter-XXXXXX";
static char cfgpath[256];

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

static size_t index_of(const char *id)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rules[i]->id, id) == 0)
            return i;
    }
    ck_abort_msg("no rule %s", id);
    return 0;
}

static void setup(void)
{
    static char tmpl[] = "/tmp/sockcheck-filter-XXXXXX";
    memcpy(dir, tmpl, sizeof tmpl);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(cfgpath, sizeof cfgpath, "%s/cfg.json", dir);
}

static void teardown(void)
{
    unlink(cfgpath);
    char src[300];
    snprintf(src, sizeof src, "%s/a.c", dir);
    unlink(src);
    rmdir(dir);
}

START_TEST(defaults_without_request)
{
    struct filter_state st;
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(NULL, &st, &err), 0);
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    ck_assert_uint_eq(st.nrules, n);
    for (size_t i = 0; i < n; i++) {
        ck_assert(st.enabled[i]);
        ck_assert_int_eq(st.levels[i], rules[i]->level);
    }
    ck_assert(!st.has_baseline);
    filter_state_fini(&st);
}
END_TEST

START_TEST(config_all_first_then_rules_then_toggles)
{
    write_file(cfgpath, "{\"rules\": {\"SCK001\": \"error\", \"all\": \"off\"}}");
    struct filter_toggle toggles[] = {{true, "unused-suppression"}, {false, "sck001"}};
    struct filter_request req = {.config_path = cfgpath, .toggles = toggles, .ntoggles = 1};
    struct filter_state st;
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), 0);
    /* "all": "off" applies first, wherever it is written; SCK001 then gets its level. */
    ck_assert(st.enabled[index_of("SCK001")]);
    ck_assert_int_eq(st.levels[index_of("SCK001")], SC_LEVEL_ERROR);
    ck_assert(st.enabled[index_of("SCK000")]); /* --enable */
    filter_state_fini(&st);
    req.ntoggles = 2;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), 0);
    ck_assert(!st.enabled[index_of("SCK001")]); /* the later --disable wins */
    filter_state_fini(&st);
}
END_TEST

START_TEST(all_keyword_on_the_command_line)
{
    struct filter_toggle toggles[] = {{false, "all"}, {true, "SCK001"}};
    struct filter_request req = {.no_config = true, .toggles = toggles, .ntoggles = 2};
    struct filter_state st;
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), 0);
    ck_assert(st.enabled[index_of("SCK001")]);
    ck_assert(!st.enabled[index_of("SCK000")]);
    filter_state_fini(&st);
}
END_TEST

START_TEST(errors_stop_the_run)
{
    struct filter_state st;
    struct sc_error err;
    struct filter_toggle bad[] = {{true, "SCK001,nonsense"}};
    struct filter_request req = {.no_config = true, .toggles = bad, .ntoggles = 1};
    ck_assert_int_eq(filter_prepare(&req, &st, &err), -1);
    ck_assert_str_eq(err.message, "--enable: unknown rule 'nonsense' (sockcheck --list-rules "
                                  "lists them)");
    filter_state_fini(&st);
    struct filter_toggle empty[] = {{false, "SCK001,"}};
    req.toggles = empty;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "--disable: an empty rule name"));
    filter_state_fini(&st);
    write_file(cfgpath, "{\n\"include\": 1}");
    struct filter_request cfg = {.config_path = cfgpath};
    ck_assert_int_eq(filter_prepare(&cfg, &st, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_CONFIG);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_str_eq(err.file, cfgpath);
    filter_state_fini(&st);
    struct filter_request missing = {.config_path = "/nonexistent/cfg.json"};
    ck_assert_int_eq(filter_prepare(&missing, &st, &err), -1);
    filter_state_fini(&st);
    struct filter_request base = {.no_config = true, .baseline_path = cfgpath};
    ck_assert_int_eq(filter_prepare(&base, &st, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_BASELINE);
    filter_state_fini(&st);
}
END_TEST

START_TEST(search_finds_config_and_no_config_ignores_it)
{
    char found[300];
    snprintf(found, sizeof found, "%s/.sockcheck.json", dir);
    write_file(found, "{\"rules\": {\"SCK001\": \"off\"}}");
    struct filter_request req = {.search_from = dir};
    struct filter_state st;
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), 0);
    ck_assert(!st.enabled[index_of("SCK001")]);
    filter_state_fini(&st);
    req.no_config = true;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), 0);
    ck_assert(st.enabled[index_of("SCK001")]);
    filter_state_fini(&st);
    unlink(found);
}
END_TEST

START_TEST(compiler_args_come_first)
{
    write_file(cfgpath, "{\"compiler_args\": [\"-DA=1\", \"-Iinc\"]}");
    struct filter_request req = {.config_path = cfgpath};
    struct filter_state st;
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), 0);
    const char *cli[] = {"-DA=2"};
    struct units_request in = {.extra_args = cli, .nextra = 1};
    struct units_request out = filter_units_request(&st, &in);
    ck_assert_uint_eq(out.nextra, 3);
    ck_assert_str_eq(out.extra_args[0], "-DA=1");
    ck_assert_str_eq(out.extra_args[1], "-Iinc");
    ck_assert_str_eq(out.extra_args[2], "-DA=2"); /* the command line comes last and wins */
    filter_state_fini(&st);
}
END_TEST

START_TEST(units_selected_by_globs)
{
    write_file(cfgpath, "{\"exclude\": [\"vendor\"]}");
    struct filter_request req = {.config_path = cfgpath};
    struct filter_state st;
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(&req, &st, &err), 0);
    struct unit_list units = {0};
    units.items = calloc(3, sizeof *units.items);
    units.count = 3;
    units.cap = 3;
    units.items[0].path = strdup("/r/src/a.c");
    units.items[1].path = strdup("/r/vendor/z/b.c");
    units.items[2].path = strdup("/elsewhere/c.c");
    filter_units(&st, "/r", &units);
    ck_assert_uint_eq(units.count, 2);
    ck_assert_str_eq(units.items[0].path, "/r/src/a.c");
    ck_assert_str_eq(units.items[1].path, "/elsewhere/c.c");
    unit_list_fini(&units);
    filter_state_fini(&st);
}
END_TEST

/* A finding of rule id at line of dir/a.c. */
static struct finding *add(struct driver_result *out, const char *id, unsigned line)
{
    const struct rule *rule = rule_find(id);
    struct finding *f = finding_list_add(&out->findings);
    f->rule_id = rule->id;
    f->rule_name = rule->name;
    f->level = rule->level;
    f->message = strdup("m");
    f->call_text = strdup("bind(fd)");
    char path[300];
    snprintf(path, sizeof path, "%s/a.c", dir);
    f->loc.abs_path = strdup(path);
    f->loc.path = strdup("a.c");
    f->loc.line = line;
    f->loc.col = 5;
    f->loc.end_line = line;
    f->loc.end_col = 13;
    return f;
}

START_TEST(findings_pipeline)
{
    char src[300];
    snprintf(src, sizeof src, "%s/a.c", dir);
    write_file(src, "int f(void)\n{\n    bind(fd); // sockcheck: ignore[SCK001] ok\n\n"
                    "    bind(fd);\n    x; // sockcheck: ignore[SCK001] stale\n"
                    "    y; // sockcheck: ignore\n}\n");
    write_file(cfgpath, "{\"rules\": {\"SCK001\": \"error\", \"SCK000\": \"warning\"}}");
    struct filter_request req = {.config_path = cfgpath};
    struct driver_result out;
    memset(&out, 0, sizeof out);
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(&req, &out.filters, &err), 0);
    add(&out, "SCK001", 5);
    add(&out, "SCK001", 3);
    struct unit_list units = {0};
    filter_findings(&out.filters, dir, &units, NULL, &out);
    ck_assert_uint_eq(out.findings.count, 3);
    const struct finding *f = &out.findings.items[0];
    ck_assert_str_eq(f->rule_id, "SCK001");
    ck_assert_uint_eq(f->loc.line, 3);
    ck_assert(f->suppressed);
    ck_assert_str_eq(f->justification, "ok");
    ck_assert_int_eq(f->level, SC_LEVEL_ERROR);
    ck_assert_uint_eq(strlen(f->fingerprint), 16);
    ck_assert_ptr_nonnull(strchr(f->line_hash, ':'));
    ck_assert(!out.findings.items[1].suppressed);
    ck_assert_uint_eq(out.findings.items[1].loc.line, 5);
    /* The stale comment on line 6 is SCK000, at the level the configuration gives it. */
    ck_assert_str_eq(out.findings.items[2].rule_id, "SCK000");
    ck_assert_uint_eq(out.findings.items[2].loc.line, 6);
    ck_assert_int_eq(out.findings.items[2].level, SC_LEVEL_WARNING);
    ck_assert_uint_eq(out.findings.items[2].nedits, 1); /* its fix, resolved */
    /* The bare ignore of line 7 is a problem of its own kind. */
    ck_assert_uint_eq(out.nproblems, 1);
    ck_assert_int_eq(out.problems[0].kind, REPORT_PROBLEM_SUPPRESSION);
    ck_assert_uint_eq(out.problems[0].line, 7);
    ck_assert(!out.problems[0].fatal);
    driver_result_fini(&out);
}
END_TEST

START_TEST(disabled_rules_are_dropped_and_not_stale)
{
    char src[300];
    snprintf(src, sizeof src, "%s/a.c", dir);
    write_file(src, "bind(fd); // sockcheck: ignore[SCK001] ok\n");
    struct filter_toggle off[] = {{false, "SCK001"}};
    struct filter_request req = {.no_config = true, .toggles = off, .ntoggles = 1};
    struct driver_result out;
    memset(&out, 0, sizeof out);
    struct sc_error err;
    ck_assert_int_eq(filter_prepare(&req, &out.filters, &err), 0);
    add(&out, "SCK001", 1);
    struct unit_list units = {0};
    filter_findings(&out.filters, dir, &units, NULL, &out);
    /* SCK001 did not run, so its suppression proves nothing: no SCK000 either. */
    ck_assert_uint_eq(out.findings.count, 0);
    driver_result_fini(&out);
}
END_TEST

static Suite *filter_suite(void)
{
    Suite *s = suite_create("filter");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, defaults_without_request);
    tcase_add_test(tc, config_all_first_then_rules_then_toggles);
    tcase_add_test(tc, all_keyword_on_the_command_line);
    tcase_add_test(tc, errors_stop_the_run);
    tcase_add_test(tc, search_finds_config_and_no_config_ignores_it);
    tcase_add_test(tc, compiler_args_come_first);
    tcase_add_test(tc, units_selected_by_globs);
    tcase_add_test(tc, findings_pipeline);
    tcase_add_test(tc, disabled_rules_are_dropped_and_not_stale);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(filter_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
