/*
 * The command line: every option in each of its spellings, "--" handling, the action
 * chosen, and the usage error for unknown options, missing values and bad values.
 */
#include "cli.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Parses argv, which must succeed. */
static void parse_ok(int argc, char *const *argv, struct cli_options *out)
{
    struct sc_error err;
    sc_error_clear(&err);
    int rc = cli_parse(argc, argv, out, &err);
    ck_assert_msg(rc == 0, "cli_parse failed: %s", err.message);
}

/* Parses argv, which must fail with a usage error whose message is want. */
static void parse_fails(int argc, char *const *argv, const char *want)
{
    struct cli_options opts;
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(cli_parse(argc, argv, &opts, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_USAGE);
    ck_assert_str_eq(err.message, want);
    /* Nothing is left behind: the options are empty and fini is harmless. */
    ck_assert_ptr_null(opts.paths);
    ck_assert_ptr_null(opts.compdb_dir);
    ck_assert_ptr_null(opts.output);
    cli_options_fini(&opts);
}

START_TEST(test_defaults)
{
    char *argv[] = {"sockcheck", "src"};
    struct cli_options o;
    parse_ok(ARGC(argv), argv, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_RUN);
    ck_assert_int_eq(o.format, CLI_FORMAT_TEXT);
    ck_assert_uint_eq(o.npaths, 1);
    ck_assert_str_eq(o.paths[0], "src");
    ck_assert_ptr_null(o.compdb_dir);
    ck_assert_ptr_null(o.output);
    ck_assert_ptr_null(o.root);
    ck_assert_uint_eq(o.ncompiler_args, 0);
    ck_assert(!o.dump_facts);
    ck_assert(!o.list_rules_json);
    cli_options_fini(&o);

    char *bare[] = {"sockcheck"};
    parse_ok(ARGC(bare), bare, &o); /* no input is for units_collect to refuse */
    ck_assert_uint_eq(o.npaths, 0);
    cli_options_fini(&o);
}
END_TEST

START_TEST(test_every_option)
{
    char *argv[] = {"sockcheck", "-p",        "build",  "a.c",   "--format",     "sarif",
                    "-o",        "out.sarif", "--root", "/proj", "--dump-facts", "dir"};
    struct cli_options o;
    parse_ok(ARGC(argv), argv, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_RUN);
    ck_assert_str_eq(o.compdb_dir, "build");
    ck_assert_int_eq(o.format, CLI_FORMAT_SARIF);
    ck_assert_str_eq(o.output, "out.sarif");
    ck_assert_str_eq(o.root, "/proj");
    ck_assert(o.dump_facts);
    ck_assert_uint_eq(o.npaths, 2); /* options and PATHs mix, PATHs keep their order */
    ck_assert_str_eq(o.paths[0], "a.c");
    ck_assert_str_eq(o.paths[1], "dir");
    cli_options_fini(&o);
}
END_TEST

START_TEST(test_joined_spellings)
{
    char *argv[] = {"sockcheck", "-pbuild", "--format=json", "--output=o.json", "--root=r"};
    struct cli_options o;
    parse_ok(ARGC(argv), argv, &o);
    ck_assert_str_eq(o.compdb_dir, "build");
    ck_assert_int_eq(o.format, CLI_FORMAT_JSON);
    ck_assert_str_eq(o.output, "o.json");
    ck_assert_str_eq(o.root, "r");
    cli_options_fini(&o);

    char *more[] = {"sockcheck", "--compile-commands=b2", "-oout.txt", "--format", "text"};
    parse_ok(ARGC(more), more, &o);
    ck_assert_str_eq(o.compdb_dir, "b2");
    ck_assert_str_eq(o.output, "out.txt");
    ck_assert_int_eq(o.format, CLI_FORMAT_TEXT);
    cli_options_fini(&o);

    char *github[] = {"sockcheck", "--format=github", "a.c"};
    parse_ok(ARGC(github), github, &o);
    ck_assert_int_eq(o.format, CLI_FORMAT_GITHUB);
    cli_options_fini(&o);
    char *gitlab[] = {"sockcheck", "--format", "gitlab", "a.c"};
    parse_ok(ARGC(gitlab), gitlab, &o);
    ck_assert_int_eq(o.format, CLI_FORMAT_GITLAB);
    cli_options_fini(&o);

    char *spaced[] = {"sockcheck", "--compile-commands", "b3", "--output", "x", "-p=b4"};
    parse_ok(ARGC(spaced), spaced, &o);
    ck_assert_str_eq(o.compdb_dir, "b4"); /* the last one counts; "-p=DIR" as clang tools */
    ck_assert_str_eq(o.output, "x");
    cli_options_fini(&o);
}
END_TEST

START_TEST(test_double_dash)
{
    char *argv[] = {"sockcheck", "a.c", "--", "-DX=1", "-I", "inc", "--format", "b.c", "--"};
    struct cli_options o;
    parse_ok(ARGC(argv), argv, &o);
    ck_assert_uint_eq(o.npaths, 1);
    ck_assert_str_eq(o.paths[0], "a.c");
    ck_assert_int_eq(o.format, CLI_FORMAT_TEXT); /* "--format" after "--" is the compiler's */
    ck_assert_uint_eq(o.ncompiler_args, 6);
    ck_assert_str_eq(o.compiler_args[0], "-DX=1");
    ck_assert_str_eq(o.compiler_args[1], "-I");
    ck_assert_str_eq(o.compiler_args[2], "inc");
    ck_assert_str_eq(o.compiler_args[3], "--format");
    ck_assert_str_eq(o.compiler_args[4], "b.c");
    ck_assert_str_eq(o.compiler_args[5], "--");
    ck_assert_ptr_null(o.compiler_args[6]);
    cli_options_fini(&o);

    char *empty[] = {"sockcheck", "a.c", "--"};
    parse_ok(ARGC(empty), empty, &o);
    ck_assert_uint_eq(o.ncompiler_args, 0);
    cli_options_fini(&o);
}
END_TEST

START_TEST(test_actions)
{
    struct cli_options o;
    char *help[] = {"sockcheck", "--version", "-h"};
    parse_ok(ARGC(help), help, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_HELP);
    cli_options_fini(&o);

    char *help_long[] = {"sockcheck", "--help"};
    parse_ok(ARGC(help_long), help_long, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_HELP);
    cli_options_fini(&o);

    char *version[] = {"sockcheck", "--list-rules", "--version"};
    parse_ok(ARGC(version), version, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_VERSION);
    cli_options_fini(&o);

    char *list[] = {"sockcheck", "--list-rules"};
    parse_ok(ARGC(list), list, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_LIST_RULES);
    ck_assert(!o.list_rules_json);
    cli_options_fini(&o);

    char *list_json[] = {"sockcheck", "--list-rules", "--format=json"};
    parse_ok(ARGC(list_json), list_json, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_LIST_RULES);
    ck_assert(o.list_rules_json);
    cli_options_fini(&o);

    char *data_dir[] = {"sockcheck", "--print-data-dir"};
    parse_ok(ARGC(data_dir), data_dir, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_PRINT_DATA_DIR);
    cli_options_fini(&o);
    char *rules_first[] = {"sockcheck", "--print-data-dir", "--list-rules"};
    parse_ok(ARGC(rules_first), rules_first, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_LIST_RULES);
    cli_options_fini(&o);

    char *explain[] = {"sockcheck", "--list-rules", "--explain", "reuse-wrong-level"};
    parse_ok(ARGC(explain), explain, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_EXPLAIN);
    ck_assert_str_eq(o.explain, "reuse-wrong-level");
    cli_options_fini(&o);
    char *explain_twice[] = {"sockcheck", "--explain=SCK001", "--explain", "sck004"};
    parse_ok(ARGC(explain_twice), explain_twice, &o);
    ck_assert_str_eq(o.explain, "sck004");
    cli_options_fini(&o);
    char *version_wins[] = {"sockcheck", "--explain", "SCK001", "--version"};
    parse_ok(ARGC(version_wins), version_wins, &o);
    ck_assert_int_eq(o.action, CLI_ACTION_VERSION);
    cli_options_fini(&o);

    char *json_only[] = {"sockcheck", "--format=json", "a.c"};
    parse_ok(ARGC(json_only), json_only, &o);
    ck_assert(!o.list_rules_json);
    cli_options_fini(&o);
}
END_TEST

/* The options of the filters and fixes (issue 4): values, defaults, order, repeats. */
START_TEST(test_filter_options)
{
    char *argv[] = {"sockcheck",
                    "--config",
                    "cfg.json",
                    "--enable",
                    "SCK001,reuse-unchecked",
                    "--disable=all",
                    "--enable",
                    "sck000",
                    "--fail-on",
                    "note",
                    "--baseline",
                    "old.sarif",
                    "--write-baseline=new.json",
                    "--sarif-suppressed",
                    "omit",
                    "--sarif-timestamps",
                    "--diff",
                    "-q",
                    "a.c"};
    struct cli_options o;
    parse_ok(ARGC(argv), argv, &o);
    ck_assert_str_eq(o.config, "cfg.json");
    ck_assert(!o.no_config);
    ck_assert_uint_eq(o.ntoggles, 3);
    ck_assert(o.toggles[0].enable);
    ck_assert_str_eq(o.toggles[0].rules, "SCK001,reuse-unchecked");
    ck_assert(!o.toggles[1].enable);
    ck_assert_str_eq(o.toggles[1].rules, "all");
    ck_assert(o.toggles[2].enable);
    ck_assert_int_eq(o.fail_on, SC_LEVEL_NOTE);
    ck_assert_str_eq(o.baseline, "old.sarif");
    ck_assert_str_eq(o.write_baseline, "new.json");
    ck_assert(o.sarif_omit_suppressed);
    ck_assert(o.sarif_timestamps);
    ck_assert_int_eq(o.fix, CLI_FIX_DIFF);
    ck_assert(o.quiet);
    ck_assert_uint_eq(o.npaths, 1);
    cli_options_fini(&o);

    char *defaults[] = {"sockcheck", "a.c"};
    parse_ok(ARGC(defaults), defaults, &o);
    ck_assert_int_eq(o.fail_on, SC_LEVEL_WARNING);
    ck_assert_int_eq(o.fix, CLI_FIX_NONE);
    ck_assert(!o.quiet && !o.sarif_omit_suppressed && !o.sarif_timestamps && !o.no_config);
    ck_assert_ptr_null(o.config);
    ck_assert_ptr_null(o.baseline);
    ck_assert_uint_eq(o.ntoggles, 0);
    cli_options_fini(&o);

    char *more[] = {"sockcheck",
                    "--no-config",
                    "--fix",
                    "--fix",
                    "--quiet",
                    "--fail-on=error",
                    "--sarif-suppressed=include"};
    parse_ok(ARGC(more), more, &o);
    ck_assert(o.no_config && o.quiet && !o.sarif_omit_suppressed);
    ck_assert_int_eq(o.fix, CLI_FIX_APPLY);
    ck_assert_int_eq(o.fail_on, SC_LEVEL_ERROR);
    cli_options_fini(&o);

    char *bad_level[] = {"sockcheck", "--fail-on", "warnings"};
    parse_fails(ARGC(bad_level), bad_level,
                "--fail-on: expected error, warning or note, got 'warnings'");
    char *bad_mode[] = {"sockcheck", "--sarif-suppressed=hide"};
    parse_fails(ARGC(bad_mode), bad_mode,
                "--sarif-suppressed: expected include or omit, got 'hide'");
    char *both[] = {"sockcheck", "--fix", "--diff"};
    parse_fails(ARGC(both), both,
                "--fix and --diff cannot be used together (--diff changes nothing)");
    char *no_rules[] = {"sockcheck", "--enable"};
    parse_fails(ARGC(no_rules), no_rules,
                "--enable: expected rule ids or names, separated by commas after it");
    char *empty_rules[] = {"sockcheck", "--disable="};
    parse_fails(ARGC(empty_rules), empty_rules,
                "--disable: expected rule ids or names, separated by commas, got an empty string");
}
END_TEST

START_TEST(test_errors)
{
    char *unknown[] = {"sockcheck", "a.c", "--frobnicate"};
    parse_fails(ARGC(unknown), unknown, "unknown option '--frobnicate' (see sockcheck --help)");
    char *unknown_short[] = {"sockcheck", "-z"};
    parse_fails(ARGC(unknown_short), unknown_short, "unknown option '-z' (see sockcheck --help)");
    char *glued[] = {"sockcheck", "-hv"};
    parse_fails(ARGC(glued), glued, "unknown option '-hv' (see sockcheck --help)");
    char *near[] = {"sockcheck", "--formats=json"};
    parse_fails(ARGC(near), near, "unknown option '--formats=json' (see sockcheck --help)");
    char *dash[] = {"sockcheck", "-"};
    parse_fails(ARGC(dash), dash,
                "'-': reading source from standard input is not supported; give files or "
                "directories to check");

    char *no_p[] = {"sockcheck", "a.c", "-p"};
    parse_fails(ARGC(no_p), no_p,
                "-p: expected a directory holding compile_commands.json after it");
    char *no_fmt[] = {"sockcheck", "--format"};
    parse_fails(ARGC(no_fmt), no_fmt,
                "--format: expected text, json, sarif, github or gitlab after it");
    char *no_o[] = {"sockcheck", "-o"};
    parse_fails(ARGC(no_o), no_o, "-o: expected a file name after it");
    char *no_rule[] = {"sockcheck", "--explain"};
    parse_fails(ARGC(no_rule), no_rule,
                "--explain: expected a rule id or name (SCK001, missing-reuseaddr) after it");
    char *empty_rule[] = {"sockcheck", "--explain="};
    parse_fails(ARGC(empty_rule), empty_rule,
                "--explain: expected a rule id or name (SCK001, missing-reuseaddr), got an empty "
                "string");
    char *no_root[] = {"sockcheck", "--root"};
    parse_fails(ARGC(no_root), no_root, "--root: expected a directory after it");
    char *empty_o[] = {"sockcheck", "--output="};
    parse_fails(ARGC(empty_o), empty_o, "--output: expected a file name, got an empty string");

    char *bad_fmt[] = {"sockcheck", "--format", "xml"};
    parse_fails(ARGC(bad_fmt), bad_fmt,
                "--format: expected text, json, sarif, github or gitlab, got 'xml'");
    char *bad_fmt_eq[] = {"sockcheck", "--format=JSON"};
    parse_fails(ARGC(bad_fmt_eq), bad_fmt_eq,
                "--format: expected text, json, sarif, github or gitlab, got 'JSON'");
    char *data_value[] = {"sockcheck", "--print-data-dir=x"};
    parse_fails(ARGC(data_value), data_value, "--print-data-dir takes no value, got 'x'");
    char *flag_value[] = {"sockcheck", "--dump-facts=yes"};
    parse_fails(ARGC(flag_value), flag_value, "--dump-facts takes no value, got 'yes'");
}
END_TEST

START_TEST(test_help_text)
{
    const char *h = cli_help_text();
    const char *usage = "Usage: sockcheck [OPTIONS] [PATH...] [-- COMPILER-ARGS...]\n";
    ck_assert(strncmp(h, usage, strlen(usage)) == 0);
    static const char *const must[] = {"-p, --compile-commands DIR",
                                       "--format",
                                       "-o, --output",
                                       "--root DIR",
                                       "--list-rules",
                                       "--explain RULE",
                                       "--dump-facts",
                                       "--print-data-dir",
                                       "github",
                                       "gitlab",
                                       "--version",
                                       "-h, --help",
                                       "\n  --  ",
                                       "0  no findings",
                                       "1  findings",
                                       "2  the tool could not",
                                       "sockcheck --list-rules"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        ck_assert_msg(strstr(h, must[i]) != NULL, "help lacks [%s]", must[i]);
    /* Options this parser does not take must not be advertised. */
    static const char *const never[] = {"--stdin", "--watch"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
        ck_assert_msg(strstr(h, never[i]) == NULL, "help advertises [%s]", never[i]);
    /* Lines fit a terminal. */
    for (const char *line = h; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        ck_assert_msg(len <= 80, "help line longer than 80: %.*s", (int)len, line);
        line += len + (nl ? 1 : 0);
    }
}
END_TEST

/* Issue 7: -j, the cache, --skip (the default, kept as a no-op)/--no-skip, --unit-timeout and
 * --stats. */
START_TEST(test_speed_options)
{
    char *plain[] = {"sockcheck", "src"};
    struct cli_options o;
    parse_ok(ARGC(plain), plain, &o);
    ck_assert_uint_eq(o.jobs, 0);
    ck_assert_ptr_null(o.cache_dir);
    ck_assert(!o.no_cache && o.skip && !o.stats); /* skipping is on by default */
    ck_assert(o.unit_timeout == CLI_UNIT_TIMEOUT);
    cli_options_fini(&o);

    char *all[] = {"sockcheck", "-j",         "3",      "--cache-dir",
                   "/tmp/c",    "--no-cache", "--skip", "--unit-timeout",
                   "2.5",       "--stats",    "src"};
    parse_ok(ARGC(all), all, &o);
    ck_assert_uint_eq(o.jobs, 3);
    ck_assert_str_eq(o.cache_dir, "/tmp/c");
    ck_assert(o.no_cache && o.skip && o.stats);
    ck_assert(o.unit_timeout == 2.5);
    cli_options_fini(&o);

    char *joined[] = {"sockcheck", "-j7", "--jobs=2", "--no-skip", "--unit-timeout=0"};
    parse_ok(ARGC(joined), joined, &o);
    ck_assert_uint_eq(o.jobs, 2); /* the last one counts */
    ck_assert(!o.skip);
    ck_assert(o.unit_timeout == 0);
    cli_options_fini(&o);

    char *zero[] = {"sockcheck", "-j0"};
    parse_fails(ARGC(zero), zero, "-j: expected a number of threads from 1 to 4096, got '0'");
    char *word[] = {"sockcheck", "--jobs", "many"};
    parse_fails(ARGC(word), word,
                "--jobs: expected a number of threads from 1 to 4096, got 'many'");
    char *negative[] = {"sockcheck", "--unit-timeout", "-1"};
    parse_fails(ARGC(negative), negative,
                "--unit-timeout: expected a number of seconds (0 for no limit), got '-1'");
    char *nan[] = {"sockcheck", "--unit-timeout=nan"};
    parse_fails(ARGC(nan), nan,
                "--unit-timeout: expected a number of seconds (0 for no limit), got 'nan'");
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_every_option);
    tcase_add_test(tc, test_joined_spellings);
    tcase_add_test(tc, test_double_dash);
    tcase_add_test(tc, test_actions);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_filter_options);
    tcase_add_test(tc, test_help_text);
    tcase_add_test(tc, test_speed_options);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(cli_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
