/* .sockcheck.json: every key, every error naming file, key and line; globs; discovery. */
#include "config.h"
#include "pathglob.h"
#include "rule.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Parses text as "cfg.json"; the caller owns *cfg (config_fini). */
static int parse(const char *text, struct config *cfg, struct sc_error *err)
{
    sc_error_clear(err);
    return config_parse(text, strlen(text), "cfg.json", cfg, err);
}

/* text must be refused on line with a message containing each of the fragments. */
static void expect_error(const char *text, unsigned line, const char *frag1, const char *frag2)
{
    struct config cfg;
    struct sc_error err;
    ck_assert_int_eq(parse(text, &cfg, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_CONFIG);
    ck_assert_str_eq(err.file, "cfg.json");
    ck_assert_msg(err.line == line, "line %u, expected %u (%s)", err.line, line, err.message);
    ck_assert_msg(strstr(err.message, frag1), "'%s' lacks '%s'", err.message, frag1);
    if (frag2)
        ck_assert_msg(strstr(err.message, frag2), "'%s' lacks '%s'", err.message, frag2);
    ck_assert_ptr_null(cfg.path);
    ck_assert_uint_eq(cfg.nrules, 0);
    config_fini(&cfg);
}

START_TEST(every_key)
{
    struct config cfg;
    struct sc_error err;
    const char *text = "{\n"
                       "  \"$schema\": \"https://example.invalid/s.json\",\n"
                       "  \"rules\": {\"SCK001\": \"error\", \"unused-suppression\": \"off\",\n"
                       "            \"all\": \"on\", \"sck001\": \"note\"},\n"
                       "  \"include\": [\"src/**\", \"lib\"],\n"
                       "  \"exclude\": [\"src/vendor/**\", \"**/*_test.c\"],\n"
                       "  \"compiler_args\": [\"-DFOO=1\", \"-Iinclude\"],\n"
                       "  \"models\": [{\"function\": \"my_listen\", \"effects\": []}]\n"
                       "}\n";
    ck_assert_int_eq(parse(text, &cfg, &err), 0);
    ck_assert_str_eq(cfg.path, "cfg.json");
    ck_assert_uint_eq(cfg.nrules, 4);
    ck_assert_str_eq(cfg.rules[0].rule->id, "SCK001");
    ck_assert(cfg.rules[0].has_level && cfg.rules[0].level == SC_LEVEL_ERROR);
    ck_assert_str_eq(cfg.rules[1].rule->id, "SCK000");
    ck_assert(cfg.rules[1].off);
    ck_assert_ptr_null(cfg.rules[2].rule);
    ck_assert(!cfg.rules[2].off && !cfg.rules[2].has_level);
    ck_assert_str_eq(cfg.rules[3].rule->id, "SCK001"); /* ids are case-insensitive */
    ck_assert_uint_eq(cfg.ninclude, 2);
    ck_assert_str_eq(cfg.include[1], "lib");
    ck_assert_uint_eq(cfg.nexclude, 2);
    ck_assert_uint_eq(cfg.ncompiler_args, 2);
    ck_assert_str_eq(cfg.compiler_args[0], "-DFOO=1");
    ck_assert(cJSON_IsArray(cfg.models));
    ck_assert_int_eq(cJSON_GetArraySize(cfg.models), 1);
    ck_assert_str_eq(cJSON_GetObjectItem(cfg.models->child, "function")->valuestring, "my_listen");
    config_fini(&cfg);
}
END_TEST

START_TEST(empty_object_and_bom)
{
    struct config cfg;
    struct sc_error err;
    ck_assert_int_eq(parse("\xEF\xBB\xBF{}", &cfg, &err), 0);
    ck_assert_uint_eq(cfg.nrules + cfg.ninclude + cfg.nexclude + cfg.ncompiler_args, 0);
    ck_assert_ptr_null(cfg.models);
    config_fini(&cfg);
}
END_TEST

START_TEST(errors_name_key_and_line)
{
    expect_error("{\n  \"rulez\": {}\n}", 2, "unknown key \"rulez\"", "known: rules");
    expect_error("{\n\"rules\": {\n  \"SCK001\": \"off\",\n  \"SCK999\": \"off\"\n}}", 4,
                 "\"rules\".\"SCK999\"", "unknown rule 'SCK999'");
    expect_error("{\"rules\": {\n\"SCK001\": \"loud\"}}", 2, "\"rules\".\"SCK001\"", "got 'loud'");
    expect_error("{\"rules\": {\"SCK001\": 3}}", 1, "\"rules\".\"SCK001\"", "got a number");
    expect_error("{\n\n\"rules\": [\"SCK001\"]}", 3, "\"rules\"", "got an array");
    /* Issue 8 (fuzz_config): two members without keys crashed the duplicate check. */
    expect_error("{\"rules\": [\"SCK001\",\n \"SCK002\"]}", 1, "\"rules\"", "got an array");
    expect_error("{\"include\": \"src\"}", 1, "\"include\"", "an array of strings");
    expect_error("{\"exclude\": [\"a\",\n\n  7]}", 3, "\"exclude\"[1]", "got a number");
    expect_error("{\"exclude\": [\"src/[ab\"]}", 1, "\"exclude\"[0]", "unterminated '['");
    expect_error("{\"include\": [\"src/**x\"]}", 1, "malformed glob 'src/**x'", "whole path");
    expect_error("{\"include\": [\"/abs\"]}", 1, "malformed glob", "absolute");
    expect_error("{\"include\": [\"\"]}", 1, "malformed glob", "empty");
    expect_error("{\"compiler_args\": [\"-I\", \"\"]}", 1, "\"compiler_args\"[1]",
                 "empty argument");
    expect_error("{\"compiler_args\": [[]]}", 1, "\"compiler_args\"[0]", "got an array");
    expect_error("{\"models\": {}}", 1, "\"models\"", "an array of model objects");
    expect_error("{\"models\": [{},\n \"x\"]}", 2, "\"models\"[1]", "a model object");
    expect_error("{\"$schema\": 1}", 1, "\"$schema\"", "a string");
    expect_error("[]", 1, "the configuration", "a JSON object");
    expect_error("{\"rules\": {},\n \"rules\": {}}", 2, "\"rules\" is given twice", NULL);
    expect_error("{\"rules\": {\"SCK001\": \"off\",\n \"SCK001\": \"on\"}}", 2,
                 "\"SCK001\" is given twice", NULL);
}
END_TEST

START_TEST(syntax_errors_have_a_line)
{
    expect_error("{\n  \"rules\": {\n    \"SCK001\": \"off\",\n  }\n}", 4, "not valid JSON", NULL);
    expect_error("", 1, "not valid JSON", NULL);
    expect_error("{}\n\n{}", 3, "not valid JSON", NULL);
    expect_error("{\"a\": 1 /* comment */}", 1, "not valid JSON", NULL);
}
END_TEST

/* Issue 8: a NUL byte is refused where it is (cJSON alone takes it for white space). */
START_TEST(nul_bytes_are_refused)
{
    struct config cfg;
    struct sc_error err;
    sc_error_clear(&err);
    static const char text[] = "{\n  \"rules\": {}\0\n}";
    ck_assert_int_eq(config_parse(text, sizeof text - 1, "cfg.json", &cfg, &err), -1);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_ptr_nonnull(strstr(err.message, "unexpected byte 0x00 at column 14"));
    sc_error_clear(&err);
    static const char trailing[] = "{}\0";
    ck_assert_int_eq(config_parse(trailing, sizeof trailing - 1, "cfg.json", &cfg, &err), -1);
    ck_assert_uint_eq(err.line, 1);
    /* Issue 8 (fuzz_config): a second byte order mark, which cJSON skips, is refused. */
    static const char boms[] = "\xEF\xBB\xBF\xEF\xBB\xBF{\"rules\": [],\n\"rules\": []}";
    ck_assert_int_eq(config_parse(boms, sizeof boms - 1, "cfg.json", &cfg, &err), -1);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_ptr_nonnull(strstr(err.message, "unexpected byte 0xef at column 4"));
}
END_TEST

/* Issue 8: user models are checked with the configuration, at the line of what is wrong. */
START_TEST(models_are_checked_with_their_line)
{
    expect_error("{\"models\": [\n  {\"function\": \"f\",\n   \"effects\": [{\"socket\": "
                 "\"arg0\",\n     \"actions\": [\"bind\",\n                 \"fly\"]}]}]}",
                 5, "models[0] (f): unknown action 'fly'", "known: create");
    expect_error("{\"models\": [\n {\"function\": \"f\", \"effects\": []},\n {\"function\": "
                 "\"g\",\n  \"efects\": []}]}",
                 4, "models[1] (g): unknown member 'efects'", NULL);
    expect_error(
        "{\"models\": [{\"function\": \"f\", \"effects\": [\n{\"socket\": \"arg0\", "
        "\"actions\": [],\n \"enable_reuse_when\": [{\"arg\": 0,\n \"equals\": 1e300}]}]}]}",
        4, "take an integer", NULL);
    expect_error("{\"models\": [{\"function\": \"f\", \"effects\": [\n{\"socket\": \"arg0\", "
                 "\"actions\": [],\n \"enable_reuse_when\": [{\"arg\": 0,\n \"has_bits\": "
                 "-1e19}]}]}]}",
                 4, "take an integer", NULL);
    expect_error("{\"models\": [{\"function\": \"\", \"effects\": []}]}", 1, "\"function\"", NULL);
    /* Issue 8 (fuzz_models): a missing member is reported at the object that lacks it. */
    expect_error(
        "{\"models\": [{\"function\": \"f\", \"effects\": [\n\n {\"socket\": \"arg0\"}]}]}", 3,
        "\"actions\" must be an array", NULL);
}
END_TEST

/* Issue 8: the first repetition in the file is named, and many keys stay fast. */
START_TEST(duplicates_in_file_order)
{
    expect_error("{\"rules\": {\"SCK002\": \"off\",\n\"SCK001\": \"off\",\n\"SCK002\": "
                 "\"on\",\n\"SCK001\": \"on\"}}",
                 3, "\"SCK002\" is given twice", NULL);
    char *big = malloc(200000 * 12 + 16);
    size_t n = 0;
    big[n++] = '{';
    for (int i = 0; i < 200000; i++)
        n += (size_t)snprintf(big + n, 13, "%s\"k%06d\":1", i ? "," : "", i);
    n += (size_t)snprintf(big + n, 3, "}");
    struct config cfg;
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(config_parse(big, n, "cfg.json", &cfg, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown key \"k000000\""));
    free(big);
}
END_TEST

START_TEST(glob_check)
{
    const char *why = NULL;
    ck_assert(pathglob_check("src/*.c", &why));
    ck_assert(pathglob_check("**/test/**", &why));
    ck_assert(pathglob_check("a/[!x]b/c\\*", &why));
    ck_assert(pathglob_check("[]]", &why));
    ck_assert(!pathglob_check("a[", &why));
    ck_assert(!pathglob_check("a[b/c]", &why));
    ck_assert(!pathglob_check("a\\", &why));
    ck_assert(!pathglob_check("a**", &why));
    ck_assert(!pathglob_check("**b/c", &why));
    ck_assert(!pathglob_check("/a", &why));
    ck_assert(!pathglob_check("", &why));
}
END_TEST

START_TEST(glob_match)
{
    ck_assert(pathglob_match("src/*.c", "src/a.c"));
    ck_assert(!pathglob_match("src/*.c", "src/x/a.c")); /* '*' never crosses '/' */
    ck_assert(!pathglob_match("*.c", "src/a.c"));
    ck_assert(pathglob_match("**/*.c", "a.c"));
    ck_assert(pathglob_match("**/*.c", "src/x/a.c"));
    ck_assert(pathglob_match("src/**/a.c", "src/a.c"));
    ck_assert(pathglob_match("src/**/a.c", "src/x/y/a.c"));
    ck_assert(!pathglob_match("src/**/a.c", "lib/a.c"));
    ck_assert(pathglob_match("vendor", "vendor/zlib/inflate.c")); /* a directory */
    ck_assert(pathglob_match("vendor/", "vendor/a.c"));
    ck_assert(!pathglob_match("vendor", "vendors/a.c"));
    ck_assert(pathglob_match("./src/a?.c", "src/ab.c"));
    ck_assert(pathglob_match("src/[ab].c", "src/b.c"));
    ck_assert(!pathglob_match("src/[!ab].c", "src/b.c"));
    ck_assert(pathglob_match("**", "anything/at/all.c"));
    ck_assert(pathglob_match("a\\*.c", "a*.c"));
    ck_assert(!pathglob_match("a\\*.c", "ab.c"));
}
END_TEST

START_TEST(selection)
{
    struct config cfg;
    struct sc_error err;
    ck_assert_int_eq(parse("{\"include\": [\"src\"], \"exclude\": [\"src/vendor\"]}", &cfg, &err),
                     0);
    ck_assert(config_path_selected(&cfg, "src/a.c"));
    ck_assert(!config_path_selected(&cfg, "src/vendor/b.c"));
    ck_assert(!config_path_selected(&cfg, "tools/c.c"));
    ck_assert(!config_path_selected(&cfg, NULL)); /* outside the root: not included */
    config_fini(&cfg);
    ck_assert_int_eq(parse("{\"exclude\": [\"gen/**\"]}", &cfg, &err), 0);
    ck_assert(config_path_selected(&cfg, "src/a.c"));
    ck_assert(config_path_selected(&cfg, NULL));
    ck_assert(!config_path_selected(&cfg, "gen/x.c"));
    config_fini(&cfg);
    ck_assert(config_path_selected(NULL, "any.c"));
}
END_TEST

/* Writes text to path. */
static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(find_walks_up_and_load_reports_io)
{
    char root[] = "/tmp/sockcheck-config-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(root));
    char sub[256], deep[256], cfgpath[256], file[256];
    snprintf(sub, sizeof sub, "%s/a", root);
    snprintf(deep, sizeof deep, "%s/a/b", root);
    snprintf(cfgpath, sizeof cfgpath, "%s/a/.sockcheck.json", root);
    snprintf(file, sizeof file, "%s/a/b/s.c", root);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ck_assert_int_eq(mkdir(deep, 0700), 0);
    write_file(file, "int x;\n");
    char *none = config_find(file);
    ck_assert_msg(none == NULL || strncmp(none, root, strlen(root)) != 0, "found %s", none);
    free(none);
    write_file(cfgpath, "{\"rules\": {\"SCK001\": \"off\"}}\n");
    char *found = config_find(file);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, cfgpath);
    free(found);
    found = config_find(deep);
    ck_assert_str_eq(found, cfgpath);
    free(found);
    struct config cfg;
    struct sc_error err;
    ck_assert_int_eq(config_load(cfgpath, &cfg, &err), 0);
    ck_assert_uint_eq(cfg.nrules, 1);
    config_fini(&cfg);
    ck_assert_int_eq(config_load(file, &cfg, &err), -1); /* not JSON */
    ck_assert_str_eq(err.file, file);
    unlink(cfgpath);
    ck_assert_int_eq(config_load(cfgpath, &cfg, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "cannot read"));
    /* Issue 8: a directory of that name is found and refused, not passed over. */
    ck_assert_int_eq(mkdir(cfgpath, 0700), 0);
    found = config_find(file);
    ck_assert_str_eq(found, cfgpath);
    free(found);
    ck_assert_int_eq(config_load(cfgpath, &cfg, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "it is a directory, not a file"));
    ck_assert_ptr_nonnull(strstr(err.message, "--no-config"));
    rmdir(cfgpath);
    ck_assert_int_eq(mkfifo(cfgpath, 0600), 0);
    ck_assert_int_eq(config_load(cfgpath, &cfg, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
    unlink(cfgpath);
    unlink(file);
    rmdir(deep);
    rmdir(sub);
    rmdir(root);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, every_key);
    tcase_add_test(tc, empty_object_and_bom);
    tcase_add_test(tc, errors_name_key_and_line);
    tcase_add_test(tc, syntax_errors_have_a_line);
    tcase_add_test(tc, nul_bytes_are_refused);
    tcase_add_test(tc, models_are_checked_with_their_line);
    tcase_add_test(tc, duplicates_in_file_order);
    tcase_add_test(tc, glob_check);
    tcase_add_test(tc, glob_match);
    tcase_add_test(tc, selection);
    tcase_add_test(tc, find_walks_up_and_load_reports_io);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(config_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
