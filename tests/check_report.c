/*
 * Reporters: text golden strings, JSON and SARIF parsed back, UTF-16 columns, URIs.
 * Source files are written to a fresh temporary directory so that carets and UTF-16 columns
 * are computed from real lines. With SOCKCHECK_SARIF_FIXTURE_OUT set, the SARIF of a fixture
 * covering every feature is written there for tests/test_sarif_validate.sh to validate.
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

/* The temporary source tree, made before and removed after each test. */
static char tmpdir[] = "/tmp/sockcheck-report-XXXXXX";
static char tmproot[sizeof tmpdir];

#define NSOURCES 4
static const char *const source_names[NSOURCES] = {"server.c", "tab.c", "utf8.c", "my server#1.c"};
static const char *const source_texts[NSOURCES] = {
    "#include <netinet/in.h>\n"
    "#include <string.h>\n"
    "#include <sys/socket.h>\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "    struct sockaddr_in sa;\n"
    "    int fd = socket(AF_INET, SOCK_STREAM, 0);\n"
    "    memset(&sa, 0, sizeof sa);\n"
    "    sa.sin_family = AF_INET;\n"
    "    sa.sin_port = htons(8080);\n"
    "    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)\n"
    "        return 1;\n"
    "    /* listen */\n"
    "    listen(fd, 16);\n"
    "    return 0;\n"
    "}\n",
    "int f(int fd)\n"
    "{\n"
    "\treturn bind(fd, 0, 0);\n"
    "}\n",
    "/* \xc3\xbcn\xc3\xaf"
    "code */\n"
    "int g(int fd) { /* \xc3\xa9 */ return bind(fd, 0, 0); }\n"
    "int h(int fd) { /* \xf0\x9f\x98\x80 */ return bind(fd, 0, 0); }\r\n"
    "int k(int fd) { /* \xe6\x97\xa5\xe6\x9c\xac */ return bind(fd, 0, 0); }",
    "int odd;\n"
    "int esc; /* \033[2J\x7f */ int x = bind(0, 0, 0);\n",
};

enum { SRC_SERVER, SRC_TAB, SRC_UTF8, SRC_ODD };

static char *abs_of(int which)
{
    size_t size = strlen(tmproot) + strlen(source_names[which]) + 2;
    char *p = malloc(size);
    ck_assert_ptr_nonnull(p);
    snprintf(p, size, "%s/%s", tmproot, source_names[which]);
    return p;
}

static void setup(void)
{
    memcpy(tmproot, tmpdir, sizeof tmpdir);
    ck_assert_ptr_nonnull(mkdtemp(tmproot));
    for (int i = 0; i < NSOURCES; i++) {
        char *path = abs_of(i);
        FILE *fp = fopen(path, "wb");
        ck_assert_ptr_nonnull(fp);
        fputs(source_texts[i], fp);
        ck_assert_int_eq(fclose(fp), 0);
        free(path);
    }
}

static void teardown(void)
{
    for (int i = 0; i < NSOURCES; i++) {
        char *path = abs_of(i);
        unlink(path);
        free(path);
    }
    rmdir(tmproot);
}

/* A location in source `which` (or at a path of its own when which < 0). */
static struct finding_loc loc_in(int which, const char *rel, unsigned line, unsigned col,
                                 unsigned end_line, unsigned end_col, const char *message)
{
    struct finding_loc loc = {0};
    loc.abs_path = which >= 0 ? abs_of(which) : (rel ? strdup(rel) : NULL);
    loc.path = rel ? strdup(rel) : strdup(source_names[which]);
    loc.line = line;
    loc.col = col;
    loc.end_line = end_line;
    loc.end_col = end_col;
    loc.message = message ? strdup(message) : NULL;
    return loc;
}

static struct finding *add_finding(struct finding_list *list, const char *rule_id,
                                   enum sc_level level, struct finding_loc loc, const char *message)
{
    struct finding *f = finding_list_add(list);
    f->rule_id = rule_id;
    f->rule_name = "missing-reuseaddr";
    f->level = level;
    f->message = strdup(message);
    f->loc = loc;
    return f;
}

static void relate(struct finding *f, struct finding_loc loc)
{
    finding_add_related(f, &loc);
    finding_loc_fini(&loc);
}

static void trace(struct finding *f, struct finding_loc loc, unsigned depth)
{
    loc.depth = depth;
    finding_add_trace(f, &loc);
    finding_loc_fini(&loc);
}

#define SCK001_MESSAGE "Listening socket 'fd' is bound without SO_REUSEADDR set first."

/* The finding of the task's example: server.c:12:9, two related locations. */
static struct finding *add_server_finding(struct finding_list *list)
{
    struct finding *f = add_finding(list, "SCK001", SC_LEVEL_WARNING,
                                    loc_in(SRC_SERVER, NULL, 12, 9, 12, 52, NULL), SCK001_MESSAGE);
    f->function = strdup("main");
    f->socket_name = strdup("fd");
    f->call_text = strdup("bind(fd, (struct sockaddr *)&sa, sizeof sa)");
    relate(f, loc_in(SRC_SERVER, NULL, 8, 14, 8, 45, "socket created here"));
    relate(f, loc_in(SRC_SERVER, NULL, 15, 5, 15, 19, "listen() here"));
    return f;
}

static const struct rule *sck001(void)
{
    const struct rule *r = rule_find("SCK001");
    ck_assert_ptr_nonnull(r);
    return r;
}

static struct report_run make_run(const struct rule *const *rules, size_t nrules, size_t files)
{
    struct report_run run = {0};
    run.tool_version = "0.1.0";
    run.rules = rules;
    run.nrules = nrules;
    run.files_analysed = files;
    return run;
}

/* ---- text ---- */

START_TEST(text_golden_plain)
{
    struct finding_list list = {0};
    struct finding *f = add_server_finding(&list);
    trace(f, loc_in(SRC_SERVER, NULL, 8, 14, 8, 45, "'fd' is created"), 0);
    const struct rule *rules[] = {sck001()};
    struct report_run run = make_run(rules, 1, 3);
    struct report_options opts = {.color = false};
    char *out = report_text(&list, &run, &opts);
    ck_assert_str_eq(out, "server.c:12:9: warning: " SCK001_MESSAGE " [SCK001]\n"
                          "   12 |     if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)\n"
                          "      |         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                          "server.c:8:14: note: 'fd' is created\n"
                          "1 warning in 1 file (3 files analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(text_golden_color)
{
    struct finding_list list = {0};
    add_server_finding(&list);
    add_finding(&list, "SCK004", SC_LEVEL_ERROR, loc_in(-1, "/nonexistent/x.c", 3, 1, 3, 2, NULL),
                "Wrong level.");
    const struct rule *rules[] = {sck001()};
    struct report_run run = make_run(rules, 1, 3);
    struct report_options opts = {.color = true};
    char *out = report_text(&list, &run, &opts);
    ck_assert_str_eq(
        out, "\033[1mserver.c:12:9:\033[0m \033[1;35mwarning:\033[0m " SCK001_MESSAGE " [SCK001]\n"
             "   12 |     if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)\n"
             "      |         \033[1;32m^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\033[0m\n"
             "\033[1mserver.c:8:14:\033[0m \033[1;36mnote:\033[0m socket created here\n"
             "\033[1mserver.c:15:5:\033[0m \033[1;36mnote:\033[0m listen() here\n"
             "\033[1m/nonexistent/x.c:3:1:\033[0m \033[1;31merror:\033[0m Wrong level. [SCK004]\n"
             "1 error, 1 warning in 2 files (3 files analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

/* A tab before the call stays a tab in the caret line, so both render alike. */
START_TEST(text_caret_after_tab)
{
    struct finding_list list = {0};
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_TAB, NULL, 3, 9, 3, 23, NULL), "M.");
    struct report_run run = make_run(NULL, 0, 1);
    char *out = report_text(&list, &run, NULL);
    ck_assert_str_eq(out, "tab.c:3:9: warning: M. [SCK001]\n"
                          "    3 | \treturn bind(fd, 0, 0);\n"
                          "      | \t       ^~~~~~~~~~~~~~\n"
                          "1 warning in 1 file (1 file analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

/* One space per character before the caret, not per byte; CRLF endings are not printed. */
START_TEST(text_caret_after_multibyte)
{
    struct finding_list list = {0};
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_UTF8, NULL, 3, 35, 3, 49, NULL),
                "M.");
    struct report_run run = make_run(NULL, 0, 1);
    char *out = report_text(&list, &run, NULL);
    ck_assert_str_eq(out,
                     "utf8.c:3:35: warning: M. [SCK001]\n"
                     "    3 | int h(int fd) { /* \xf0\x9f\x98\x80 */ return bind(fd, 0, 0); }\n"
                     "      |                                ^~~~~~~~~~~~~~\n"
                     "1 warning in 1 file (1 file analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

/* Control characters in the source line are not sent to the terminal. */
START_TEST(text_source_line_is_sanitised)
{
    struct finding_list list = {0};
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_ODD, NULL, 2, 30, 2, 43, NULL), "M.");
    struct report_run run = make_run(NULL, 0, 1);
    char *out = report_text(&list, &run, NULL);
    ck_assert_str_eq(out, "my server#1.c:2:30: warning: M. [SCK001]\n"
                          "    2 | int esc; /* ?[2J? */ int x = bind(0, 0, 0);\n"
                          "      |                              ^~~~~~~~~~~~~\n"
                          "1 warning in 1 file (1 file analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

/* A range that goes on to later lines is underlined to the end of its first line. */
START_TEST(text_caret_multiline_range)
{
    struct finding_list list = {0};
    add_finding(&list, "SCK001", SC_LEVEL_NOTE, loc_in(SRC_SERVER, NULL, 12, 9, 13, 5, NULL), "M.");
    struct report_run run = make_run(NULL, 0, 2);
    char *out = report_text(&list, &run, NULL);
    ck_assert_str_eq(out, "server.c:12:9: note: M. [SCK001]\n"
                          "   12 |     if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)\n"
                          "      |         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
                          "1 note in 1 file (2 files analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(text_unreadable_file_has_no_source_line)
{
    struct finding_list list = {0};
    struct finding *f = add_finding(&list, "SCK001", SC_LEVEL_WARNING,
                                    loc_in(-1, "gone/server.c", 12, 9, 12, 52, NULL), "M.");
    struct finding_loc r = loc_in(-1, "gone/server.c", 8, 14, 8, 20, "socket created here");
    relate(f, r);
    /* A line past the end of a readable file is shown the same way. */
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_TAB, NULL, 99, 1, 99, 2, NULL), "N.");
    struct report_run run = make_run(NULL, 0, 2);
    char *out = report_text(&list, &run, NULL);
    ck_assert_str_eq(out, "gone/server.c:12:9: warning: M. [SCK001]\n"
                          "gone/server.c:8:14: note: socket created here\n"
                          "tab.c:99:1: warning: N. [SCK001]\n"
                          "2 warnings in 2 files (2 files analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

static const char *last_line(const char *out)
{
    size_t len = strlen(out);
    ck_assert_uint_gt(len, 0);
    ck_assert_int_eq(out[len - 1], '\n');
    const char *p = out + len - 1;
    while (p > out && p[-1] != '\n')
        p--;
    return p;
}

START_TEST(text_summary_plurals)
{
    struct finding_list list = {0};
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(-1, "a.c", 1, 1, 1, 2, NULL), "W.");
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(-1, "b.c", 1, 1, 1, 2, NULL), "W.");
    add_finding(&list, "SCK006", SC_LEVEL_NOTE, loc_in(-1, "a.c", 2, 1, 2, 2, NULL), "N.");
    struct report_run run = make_run(NULL, 0, 12);
    char *out = report_text(&list, &run, NULL);
    ck_assert_str_eq(last_line(out), "2 warnings, 1 note in 2 files (12 files analysed)\n");
    free(out);

    add_finding(&list, "SCK004", SC_LEVEL_ERROR, loc_in(-1, "c.c", 1, 1, 1, 2, NULL), "E.");
    add_finding(&list, "SCK004", SC_LEVEL_ERROR, loc_in(-1, "c.c", 2, 1, 2, 2, NULL), "E.");
    add_finding(&list, "SCK006", SC_LEVEL_NOTE, loc_in(-1, "c.c", 3, 1, 3, 2, NULL), "N.");
    run.files_analysed = 1;
    out = report_text(&list, &run, NULL);
    ck_assert_str_eq(last_line(out),
                     "2 errors, 2 warnings, 2 notes in 3 files (1 file analysed)\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(text_no_findings_and_problems)
{
    struct finding_list list = {0};
    struct report_run run = make_run(NULL, 0, 3);
    char *out = report_text(&list, &run, NULL);
    ck_assert_str_eq(out, "no findings (3 files analysed)\n");
    free(out);

    struct report_problem problems[] = {
        {.path = "broken.c", .line = 3, .col = 1, .fatal = false, .message = "expected ';'"},
        {.path = "gone.c", .fatal = true, .message = "cannot open 'gone.c'"},
        {.path = "half.c", .line = 1, .col = 1, .fatal = false, .message = "unknown type"},
        {.path = "half.c", .line = 9, .col = 1, .fatal = false, .message = "nesting too deep"},
    };
    run.problems = problems;
    run.nproblems = 4;
    out = report_text(&list, &run, NULL);
    /* The driver prints problems to stderr: here they are only counted, a file once. */
    ck_assert_str_eq(out, "no findings (3 files analysed); 1 file could not be analysed; 2 files "
                          "analysed only in part\n");
    free(out);

    run.nproblems = 1;
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(-1, "a.c", 1, 1, 1, 2, NULL), "W.");
    out = report_text(&list, &run, NULL);
    ck_assert_str_eq(last_line(out),
                     "1 warning in 1 file (3 files analysed); 1 file analysed only in part\n");
    free(out);
    finding_list_fini(&list);
}
END_TEST

/* ---- JSON ---- */

static cJSON *parse(const char *text)
{
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, strlen(text) + 1, &end, true);
    ck_assert_msg(root != NULL, "output is not JSON near: %.40s", end ? end : "?");
    return root;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    ck_assert_msg(item != NULL, "missing key '%s'", key);
    return item;
}

static const cJSON *at(const cJSON *arr, int i)
{
    ck_assert(cJSON_IsArray(arr));
    const cJSON *item = cJSON_GetArrayItem(arr, i);
    ck_assert_msg(item != NULL, "no item %d", i);
    return item;
}

static const char *str(const cJSON *obj, const char *key)
{
    const cJSON *item = get(obj, key);
    ck_assert_msg(cJSON_IsString(item), "'%s' is not a string", key);
    return item->valuestring;
}

static double num(const cJSON *obj, const char *key)
{
    const cJSON *item = get(obj, key);
    ck_assert_msg(cJSON_IsNumber(item), "'%s' is not a number", key);
    return item->valuedouble;
}

/* The keys of obj, in order, joined with ",". */
static void assert_keys(const cJSON *obj, const char *want)
{
    char got[512] = "";
    size_t len = 0;
    for (const cJSON *c = obj->child; c; c = c->next)
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", len ? "," : "", c->string);
    ck_assert_str_eq(got, want);
}

START_TEST(json_shape_and_values)
{
    struct finding_list list = {0};
    struct finding *f = add_server_finding(&list);
    trace(f, loc_in(SRC_SERVER, NULL, 8, 14, 8, 45, "'fd' is created"), 1);
    add_finding(&list, "SCK001", SC_LEVEL_NOTE, loc_in(SRC_TAB, NULL, 3, 9, 3, 23, NULL), "N.");
    finding_list_fingerprint(&list);
    struct report_problem problems[] = {
        {.path = "src/broken.c", .line = 3, .col = 1, .fatal = true, .message = "cannot parse"},
        {.path = NULL, .fatal = false, .message = "run-level"},
    };
    const struct rule *rules[] = {sck001()};
    struct report_run run = make_run(rules, 1, 3);
    run.problems = problems;
    run.nproblems = 2;
    char *out = report_json(&list, &run);
    cJSON *root = parse(out);

    assert_keys(root, "version,tool,findings,errors,stats");
    ck_assert_int_eq((int)num(root, "version"), 1);
    ck_assert_str_eq(str(get(root, "tool"), "name"), "sockcheck");
    ck_assert_str_eq(str(get(root, "tool"), "version"), "0.1.0");

    const cJSON *f0 = at(get(root, "findings"), 0);
    assert_keys(f0, "rule_id,rule_name,level,message,path,line,column,end_line,end_column,"
                    "function,related,trace,fix,fingerprint,suppressed,justification,"
                    "baseline_state");
    ck_assert_str_eq(str(f0, "rule_id"), "SCK001");
    ck_assert_str_eq(str(f0, "rule_name"), "missing-reuseaddr");
    ck_assert_str_eq(str(f0, "level"), "warning");
    ck_assert_str_eq(str(f0, "message"), SCK001_MESSAGE);
    ck_assert_str_eq(str(f0, "path"), "server.c");
    ck_assert_int_eq((int)num(f0, "line"), 12);
    ck_assert_int_eq((int)num(f0, "column"), 9);
    ck_assert_int_eq((int)num(f0, "end_line"), 12);
    ck_assert_int_eq((int)num(f0, "end_column"), 52);
    ck_assert_str_eq(str(f0, "function"), "main");
    ck_assert(cJSON_IsNull(get(f0, "fix")));
    ck_assert_str_eq(str(f0, "fingerprint"), list.items[0].fingerprint);
    ck_assert_uint_eq(strlen(str(f0, "fingerprint")), 16);

    const cJSON *r1 = at(get(f0, "related"), 1);
    assert_keys(r1, "path,line,column,end_line,end_column,message");
    ck_assert_str_eq(str(r1, "message"), "listen() here");
    ck_assert_int_eq((int)num(r1, "line"), 15);
    ck_assert_int_eq((int)num(r1, "column"), 5);
    ck_assert_int_eq((int)num(r1, "end_column"), 19);
    ck_assert_int_eq(cJSON_GetArraySize(get(f0, "related")), 2);
    const cJSON *t0 = at(get(f0, "trace"), 0);
    assert_keys(t0, "path,line,column,end_line,end_column,message");
    ck_assert_str_eq(str(t0, "message"), "'fd' is created");

    const cJSON *f1 = at(get(root, "findings"), 1);
    ck_assert(cJSON_IsNull(get(f1, "function")));
    ck_assert_str_eq(str(f1, "level"), "note");
    ck_assert_int_eq(cJSON_GetArraySize(get(f1, "related")), 0);
    ck_assert_int_eq(cJSON_GetArraySize(get(f1, "trace")), 0);

    const cJSON *e0 = at(get(root, "errors"), 0);
    assert_keys(e0, "path,line,column,fatal,message,kind");
    ck_assert_str_eq(str(e0, "path"), "src/broken.c");
    ck_assert_int_eq((int)num(e0, "line"), 3);
    ck_assert(cJSON_IsTrue(get(e0, "fatal")));
    ck_assert_str_eq(str(e0, "message"), "cannot parse");
    const cJSON *e1 = at(get(root, "errors"), 1);
    ck_assert(cJSON_IsNull(get(e1, "path")));
    ck_assert(cJSON_IsNull(get(e1, "line")));
    ck_assert(cJSON_IsFalse(get(e1, "fatal")));

    const cJSON *stats = get(root, "stats");
    assert_keys(stats, "files_analysed,findings,errors,warnings,notes,suppressed,unchanged,absent,"
                       "units_skipped,units_readmitted");
    ck_assert_int_eq((int)num(stats, "files_analysed"), 3);
    ck_assert_int_eq((int)num(stats, "findings"), 2);
    ck_assert_int_eq((int)num(stats, "errors"), 0);
    ck_assert_int_eq((int)num(stats, "warnings"), 1);
    ck_assert_int_eq((int)num(stats, "notes"), 1);

    /* Two-space indentation, no tabs from cJSON_Print. */
    ck_assert_ptr_null(strchr(out, '\t'));
    ck_assert(strncmp(out, "{\n  \"version\": 1,\n  \"tool\": {\n    \"name\"", 36) == 0);
    cJSON_Delete(root);
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(json_empty_and_escapes)
{
    struct finding_list list = {0};
    struct report_run run = make_run(NULL, 0, 0);
    char *out = report_json(&list, &run);
    ck_assert(strstr(out, "\"findings\": [],") != NULL);
    ck_assert(strstr(out, "\"errors\": [],") != NULL);
    free(out);

    /* Bytes from the user's files may be anything; the output stays valid UTF-8 JSON. */
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(-1, "bad\xff.c", 0, 0, 0, 0, NULL),
                "quote \" back \\ tab \t ctl \x01 bad \xc3 end \xe2\x82\xac");
    out = report_json(&list, &run);
    cJSON *root = parse(out);
    const cJSON *f0 = at(get(root, "findings"), 0);
    ck_assert_str_eq(str(f0, "message"),
                     "quote \" back \\ tab \t ctl \x01 bad \xef\xbf\xbd end \xe2\x82\xac");
    ck_assert_str_eq(str(f0, "path"), "bad\xef\xbf\xbd.c");
    ck_assert(cJSON_IsNull(get(f0, "line")));
    ck_assert(cJSON_IsNull(get(f0, "column")));
    ck_assert(cJSON_IsNull(get(f0, "fingerprint")));
    cJSON_Delete(root);
    free(out);
    finding_list_fini(&list);
}
END_TEST

/* ---- SARIF ---- */

/* A string element of an array. */
static const char *str_item(const cJSON *item)
{
    ck_assert(cJSON_IsString(item));
    return item->valuestring;
}

static const cJSON *sarif_run(const cJSON *root)
{
    const cJSON *runs = get(root, "runs");
    ck_assert_int_eq(cJSON_GetArraySize(runs), 1);
    return at(runs, 0);
}

static const cJSON *result_at(const cJSON *root, int i)
{
    return at(get(sarif_run(root), "results"), i);
}

static const cJSON *region_of(const cJSON *location)
{
    return get(get(location, "physicalLocation"), "region");
}

static const cJSON *primary(const cJSON *result)
{
    const cJSON *locs = get(result, "locations");
    ck_assert_int_eq(cJSON_GetArraySize(locs), 1);
    return at(locs, 0);
}

static const cJSON *artifact(const cJSON *location)
{
    return get(get(location, "physicalLocation"), "artifactLocation");
}

START_TEST(sarif_log_skeleton)
{
    struct finding_list list = {0};
    size_t nrules;
    const struct rule *const *rules = rule_registry(&nrules);
    struct report_run run = make_run(rules, nrules, 0);
    char *out = report_sarif(&list, &run);
    cJSON *root = parse(out);
    assert_keys(root, "$schema,version,runs");
    ck_assert_str_eq(str(root, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    ck_assert_str_eq(str(root, "version"), "2.1.0");
    const cJSON *r = sarif_run(root);
    ck_assert_str_eq(str(r, "columnKind"), "utf16CodeUnits");
    ck_assert(cJSON_IsArray(get(r, "results")));
    ck_assert_int_eq(cJSON_GetArraySize(get(r, "results")), 0);

    const cJSON *driver = get(get(r, "tool"), "driver");
    ck_assert_str_eq(str(driver, "name"), "sockcheck");
    ck_assert_str_eq(str(driver, "informationUri"), "https://github.com/sockcheck/sockcheck");
    ck_assert_str_eq(str(driver, "version"), "0.1.0");
    ck_assert_str_eq(str(driver, "semanticVersion"), "0.1.0");
    ck_assert(strlen(str(driver, "fullName")) > 0);
    const cJSON *jrules = get(driver, "rules");
    ck_assert_int_eq(cJSON_GetArraySize(jrules), (int)nrules);
    for (size_t i = 0; i < nrules; i++) {
        const cJSON *jr = at(jrules, (int)i);
        char uri[512];
        rule_help_uri(rules[i], uri, sizeof uri);
        ck_assert_str_eq(str(jr, "id"), rules[i]->id);
        ck_assert_str_eq(str(jr, "name"), rules[i]->name);
        ck_assert_str_eq(str(get(jr, "shortDescription"), "text"), rules[i]->summary);
        ck_assert_str_eq(str(get(jr, "fullDescription"), "text"), rules[i]->description);
        ck_assert_str_eq(str(get(jr, "help"), "text"), rules[i]->help_text);
        ck_assert_str_eq(str(get(jr, "help"), "markdown"), rules[i]->help_markdown);
        ck_assert_str_eq(str(jr, "helpUri"), uri);
        ck_assert_str_eq(str(get(jr, "defaultConfiguration"), "level"),
                         sc_level_name(rules[i]->level));
        const cJSON *props = get(jr, "properties");
        ck_assert_str_eq(str_item(at(get(props, "tags"), 0)), rules[i]->tags[0]);
        ck_assert_str_eq(str(props, "precision"), rules[i]->precision);
        ck_assert(strlen(str(props, "problem.severity")) > 0);
    }
    const cJSON *notes = get(driver, "notifications");
    ck_assert_int_eq(cJSON_GetArraySize(notes), 4);
    ck_assert_str_eq(str(at(notes, 0), "id"), "SCKN001");
    ck_assert_str_eq(str(at(notes, 0), "name"), "translation-unit-incomplete");
    ck_assert_str_eq(str(at(notes, 1), "id"), "SCKN002");
    ck_assert_str_eq(str(at(notes, 1), "name"), "translation-unit-failed");
    ck_assert_str_eq(str(at(notes, 2), "id"), "SCKN003");
    ck_assert_str_eq(str(at(notes, 2), "name"), "invalid-configuration");
    ck_assert_str_eq(str(at(notes, 3), "id"), "SCKN004");
    ck_assert_str_eq(str(at(notes, 3), "name"), "invalid-suppression");
    for (int i = 0; i < 4; i++) {
        ck_assert(strlen(str(get(at(notes, i), "shortDescription"), "text")) > 0);
        ck_assert(strlen(str(get(at(notes, i), "fullDescription"), "text")) > 0);
        ck_assert(strlen(str(get(at(notes, i), "help"), "text")) > 0);
    }

    /* %SRCROOT% is described, never located: the log names no directory of this machine. */
    const cJSON *base = get(get(r, "originalUriBaseIds"), "%SRCROOT%");
    ck_assert(strlen(str(get(base, "description"), "text")) > 0);
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(base, "uri"));

    const cJSON *inv = at(get(r, "invocations"), 0);
    ck_assert(cJSON_IsTrue(get(inv, "executionSuccessful")));
    ck_assert_int_eq((int)num(inv, "exitCode"), 0);
    ck_assert(strlen(str(inv, "exitCodeDescription")) > 0);
    cJSON_Delete(root);
    free(out);
}
END_TEST

static const struct rule fake_rule = {
    .id = "SCK999",
    .name = "fake-rule",
    .level = SC_LEVEL_NOTE,
    .summary = "A rule that exists only in this test.",
};

/* No validator catches a wrong ruleId with a valid ruleIndex (REQUIREMENTS §1.3). */
START_TEST(sarif_rule_index_agrees_with_rule_id)
{
    struct finding_list list = {0};
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(-1, "a.c", 1, 1, 1, 2, NULL), "A.");
    add_finding(&list, "SCK999", SC_LEVEL_NOTE, loc_in(-1, "a.c", 2, 1, 2, 2, NULL), "B.");
    add_finding(&list, "SCK123", SC_LEVEL_NOTE, loc_in(-1, "a.c", 3, 1, 3, 2, NULL), "C.");
    const struct rule *rules[] = {&fake_rule, sck001()};
    struct report_run run = make_run(rules, 2, 1);
    char *out = report_sarif(&list, &run);
    cJSON *root = parse(out);
    const cJSON *jrules = get(get(get(sarif_run(root), "tool"), "driver"), "rules");
    for (int i = 0; i < 2; i++) {
        const cJSON *res = result_at(root, i);
        int index = (int)num(res, "ruleIndex");
        ck_assert_str_eq(str(at(jrules, index), "id"), str(res, "ruleId"));
    }
    ck_assert_int_eq((int)num(result_at(root, 0), "ruleIndex"), 1);
    ck_assert_int_eq((int)num(result_at(root, 1), "ruleIndex"), 0);
    ck_assert_str_eq(str(result_at(root, 1), "level"), "note");
    /* A rule the run does not list gets no index rather than a wrong one. */
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(result_at(root, 2), "ruleIndex"));
    /* A rule without help texts still gets what GH2012 requires. */
    const cJSON *fake = at(jrules, 0);
    ck_assert_str_eq(str(get(fake, "fullDescription"), "text"), fake_rule.summary);
    ck_assert_str_eq(str(get(fake, "help"), "text"), fake_rule.summary);
    ck_assert_str_eq(str(get(fake, "properties"), "problem.severity"), "recommendation");
    cJSON_Delete(root);
    free(out);
    finding_list_fini(&list);
}
END_TEST

static void assert_region(const cJSON *location, int line, int col, int end_line, int end_col)
{
    const cJSON *region = region_of(location);
    ck_assert_int_eq((int)num(region, "startLine"), line);
    ck_assert_int_eq((int)num(region, "startColumn"), col);
    ck_assert_int_eq((int)num(region, "endLine"), end_line);
    ck_assert_int_eq((int)num(region, "endColumn"), end_col);
}

START_TEST(sarif_columns_are_utf16)
{
    struct finding_list list = {0};
    /* After "é" (2 bytes, 1 unit), "😀" (4 bytes, 2 units), "日本" (6 bytes, 2 units), a tab. */
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_UTF8, NULL, 2, 33, 2, 47, NULL),
                "A.");
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_UTF8, NULL, 3, 35, 3, 49, NULL),
                "B.");
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_UTF8, NULL, 4, 37, 4, 51, NULL),
                "C.");
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_TAB, NULL, 3, 9, 3, 23, NULL), "D.");
    /* Unreadable: byte columns stay. A backwards end becomes an empty range. */
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(-1, "gone.c", 7, 40, 7, 30, NULL), "E.");
    /* A range over two lines converts the end column on its own line. */
    struct finding *multi = add_finding(&list, "SCK001", SC_LEVEL_WARNING,
                                        loc_in(SRC_UTF8, NULL, 2, 33, 3, 35, NULL), "F.");
    relate(multi, loc_in(SRC_UTF8, NULL, 4, 37, 4, 51, "related"));
    trace(multi, loc_in(SRC_UTF8, NULL, 3, 35, 3, 49, "step"), 0);
    const struct rule *rules[] = {sck001()};
    struct report_run run = make_run(rules, 1, 1);
    char *out = report_sarif(&list, &run);
    cJSON *root = parse(out);
    assert_region(primary(result_at(root, 0)), 2, 32, 2, 46);
    assert_region(primary(result_at(root, 1)), 3, 33, 3, 47);
    assert_region(primary(result_at(root, 2)), 4, 33, 4, 47);
    assert_region(primary(result_at(root, 3)), 3, 9, 3, 23);
    assert_region(primary(result_at(root, 4)), 7, 40, 7, 40);
    /* The snippet is the region's exact bytes; none when unreadable or over two lines. */
    ck_assert_str_eq(str(get(region_of(primary(result_at(root, 1))), "snippet"), "text"),
                     "bind(fd, 0, 0)");
    ck_assert_ptr_null(
        cJSON_GetObjectItemCaseSensitive(region_of(primary(result_at(root, 4))), "snippet"));
    const cJSON *r5 = result_at(root, 5);
    assert_region(primary(r5), 2, 32, 3, 33);
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(region_of(primary(r5)), "snippet"));
    assert_region(at(get(r5, "relatedLocations"), 0), 4, 33, 4, 47);
    const cJSON *step = get(at(get(at(get(r5, "codeFlows"), 0), "threadFlows"), 0), "locations");
    assert_region(get(at(step, 0), "location"), 3, 33, 3, 47);
    cJSON_Delete(root);
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(sarif_uris_are_encoded)
{
    struct finding_list list = {0};
    add_finding(&list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_ODD, NULL, 1, 5, 1, 8, NULL), "A.");
    add_finding(&list, "SCK001", SC_LEVEL_WARNING,
                loc_in(-1, "/usr/include/sys/socket.h", 3, 1, 3, 2, NULL), "B.");
    add_finding(&list, "SCK001", SC_LEVEL_WARNING,
                loc_in(-1, "src/d\xc3\xbcr/a%b+c.c", 3, 1, 3, 2, NULL), "C.");
    const struct rule *rules[] = {sck001()};
    struct report_run run = make_run(rules, 1, 1);
    char *out = report_sarif(&list, &run);
    cJSON *root = parse(out);
    const cJSON *a0 = artifact(primary(result_at(root, 0)));
    ck_assert_str_eq(str(a0, "uri"), "my%20server%231.c");
    ck_assert_str_eq(str(a0, "uriBaseId"), "%SRCROOT%");
    const cJSON *a1 = artifact(primary(result_at(root, 1)));
    ck_assert_str_eq(str(a1, "uri"), "file:///usr/include/sys/socket.h");
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(a1, "uriBaseId"));
    const cJSON *a2 = artifact(primary(result_at(root, 2)));
    ck_assert_str_eq(str(a2, "uri"), "src/d%C3%BCr/a%25b%2Bc.c");
    cJSON_Delete(root);
    free(out);
    finding_list_fini(&list);
}
END_TEST

START_TEST(sarif_invocation_and_notifications)
{
    struct finding_list list = {0};
    struct report_problem problems[] = {
        {.path = "broken.c",
         .abs_path = NULL,
         .line = 3,
         .col = 7,
         .fatal = false,
         .message = "expected ';' after expression"},
        {.path = NULL, .fatal = false, .message = "run-level trouble"},
    };
    const char *args[] = {"--format", "sarif", "src"};
    const struct rule *rules[] = {sck001()};
    struct report_run run = make_run(rules, 1, 2);
    run.problems = problems;
    run.nproblems = 2;
    run.arguments = args;
    run.narguments = 3;
    run.exit_code = 1;
    char *out = report_sarif(&list, &run);
    cJSON *root = parse(out);
    const cJSON *inv = at(get(sarif_run(root), "invocations"), 0);
    ck_assert(cJSON_IsTrue(get(inv, "executionSuccessful")));
    ck_assert_int_eq((int)num(inv, "exitCode"), 1);
    ck_assert_str_eq(str_item(at(get(inv, "arguments"), 2)), "src");
    const cJSON *n0 = at(get(inv, "toolExecutionNotifications"), 0);
    ck_assert_str_eq(str(get(n0, "descriptor"), "id"), "SCKN001");
    ck_assert_int_eq((int)num(get(n0, "descriptor"), "index"), 0);
    ck_assert_str_eq(str(n0, "level"), "warning");
    ck_assert_str_eq(str(get(n0, "message"), "text"), "expected ';' after expression");
    const cJSON *nloc = at(get(n0, "locations"), 0);
    ck_assert_str_eq(str(artifact(nloc), "uri"), "broken.c");
    ck_assert_int_eq((int)num(region_of(nloc), "startLine"), 3);
    ck_assert_int_eq((int)num(region_of(nloc), "startColumn"), 7);
    const cJSON *n1 = at(get(inv, "toolExecutionNotifications"), 1);
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(n1, "locations"));
    cJSON_Delete(root);
    free(out);

    /* One unit that could not be parsed at all: the run failed (REQUIREMENTS §1.11). */
    problems[1].fatal = true;
    problems[1].path = "gone.c";
    run.exit_code = 2;
    out = report_sarif(&list, &run);
    root = parse(out);
    inv = at(get(sarif_run(root), "invocations"), 0);
    ck_assert(cJSON_IsFalse(get(inv, "executionSuccessful")));
    ck_assert_int_eq((int)num(inv, "exitCode"), 2);
    n1 = at(get(inv, "toolExecutionNotifications"), 1);
    ck_assert_str_eq(str(get(n1, "descriptor"), "id"), "SCKN002");
    ck_assert_int_eq((int)num(get(n1, "descriptor"), "index"), 1);
    ck_assert_str_eq(str(n1, "level"), "error");
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(
        get(at(get(n1, "locations"), 0), "physicalLocation"), "region"));
    const cJSON *descs = get(get(get(sarif_run(root), "tool"), "driver"), "notifications");
    ck_assert_str_eq(str(at(descs, 1), "id"), "SCKN002");
    cJSON_Delete(root);
    free(out);
}
END_TEST

/* Everything a result can carry: the fixture validated by test_sarif_validate.sh. */
static void build_fixture(struct finding_list *list, struct report_run *run,
                          struct report_problem *problems)
{
    struct finding *f = add_server_finding(list);
    trace(f, loc_in(SRC_SERVER, NULL, 8, 14, 8, 45, "TCP socket 'fd' is created."), 0);
    trace(f, loc_in(SRC_TAB, NULL, 3, 9, 3, 23, "'fd' is bound in f()."), 1);
    trace(f, loc_in(SRC_SERVER, NULL, 15, 5, 15, 19, "'fd' starts listening."), 0);
    struct finding *g =
        add_finding(list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_UTF8, NULL, 3, 35, 3, 49, NULL),
                    "Listening socket 'ls[i].fd' is bound without SO_REUSEADDR "
                    "set first.");
    g->function = strdup("h");
    g->socket_name = strdup("ls[i].fd");
    g->call_text = strdup("bind(fd, 0, 0)");
    relate(g, loc_in(SRC_UTF8, NULL, 2, 33, 2, 47, "socket 'ls[i]' created here"));
    add_finding(list, "SCK001", SC_LEVEL_WARNING, loc_in(SRC_ODD, NULL, 1, 5, 1, 8, NULL),
                "Listening socket 'odd' is bound without SO_REUSEADDR set first.");
    finding_list_sort(list);
    finding_list_dedup(list);
    finding_list_fingerprint(list);

    problems[0] = (struct report_problem){.path = "src/legacy/compat.c",
                                          .line = 3,
                                          .col = 10,
                                          .message = "'sys/epoll.h' file not found"};
    problems[1] = (struct report_problem){.path = "src/broken.c",
                                          .fatal = true,
                                          .message = "src/broken.c could not be parsed at all."};
    run->problems = problems;
    run->nproblems = 2;
    run->exit_code = 2;
}

START_TEST(sarif_result_details)
{
    struct finding_list list = {0};
    struct report_problem problems[2];
    static const char *const args[] = {"--format", "sarif", "--root", ".", "testdata/rules"};
    size_t nrules;
    const struct rule *const *rules = rule_registry(&nrules);
    struct report_run run = make_run(rules, nrules, 4);
    run.arguments = args;
    run.narguments = 5;
    build_fixture(&list, &run, problems);
    char *out = report_sarif(&list, &run);
    cJSON *root = parse(out);

    /* Sorted: "my server#1.c", "server.c", "utf8.c". */
    const cJSON *res = result_at(root, 1);
    assert_keys(res, "ruleId,ruleIndex,level,message,locations,relatedLocations,codeFlows,"
                     "partialFingerprints,suppressions");
    ck_assert_str_eq(str(get(res, "message"), "text"),
                     SCK001_MESSAGE " See [socket created here](1) and [listen() here](2).");
    const cJSON *rel = get(res, "relatedLocations");
    ck_assert_int_eq(cJSON_GetArraySize(rel), 2);
    ck_assert_int_eq((int)num(at(rel, 0), "id"), 1);
    ck_assert_int_eq((int)num(at(rel, 1), "id"), 2);
    ck_assert_str_eq(str(get(at(rel, 1), "message"), "text"), "listen() here");
    assert_region(at(rel, 1), 15, 5, 15, 19);
    ck_assert_str_eq(str(get(region_of(primary(res)), "snippet"), "text"),
                     "bind(fd, (struct sockaddr *)&sa, sizeof sa)");
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(region_of(at(rel, 0)), "snippet"));
    const cJSON *logical = at(get(primary(res), "logicalLocations"), 0);
    ck_assert_str_eq(str(logical, "name"), "main");
    ck_assert_str_eq(str(logical, "fullyQualifiedName"), "main");
    ck_assert_str_eq(str(logical, "kind"), "function");
    ck_assert_str_eq(str(get(res, "partialFingerprints"), "sockcheckFindingHash/v1"),
                     list.items[1].fingerprint);

    const cJSON *steps = get(at(get(at(get(res, "codeFlows"), 0), "threadFlows"), 0), "locations");
    ck_assert_int_eq(cJSON_GetArraySize(steps), 3);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq((int)num(at(steps, i), "executionOrder"), i + 1);
        ck_assert_int_eq((int)num(at(steps, i), "nestingLevel"), i == 1);
    }
    ck_assert_str_eq(str(get(get(at(steps, 1), "location"), "message"), "text"),
                     "'fd' is bound in f().");
    ck_assert_str_eq(str(artifact(get(at(steps, 1), "location")), "uri"), "tab.c");

    /* Square brackets in link text are escaped (SARIF §3.11.6); elsewhere they stay. */
    const cJSON *g = result_at(root, 2);
    ck_assert_str_eq(str(get(g, "message"), "text"),
                     "Listening socket 'ls[i].fd' is bound without SO_REUSEADDR set first. "
                     "See [socket 'ls\\[i\\]' created here](1).");
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(g, "codeFlows"));
    const cJSON *odd = result_at(root, 0);
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(odd, "relatedLocations"));
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(primary(odd), "logicalLocations"));
    cJSON_Delete(root);
    free(out);
    finding_list_fini(&list);
}
END_TEST

/* Byte-identical output, and no path of this machine in it for files under the root. */
START_TEST(sarif_deterministic_and_relative)
{
    struct finding_list list = {0};
    struct report_problem problems[2];
    size_t nrules;
    const struct rule *const *rules = rule_registry(&nrules);
    struct report_run run = make_run(rules, nrules, 4);
    build_fixture(&list, &run, problems);
    char *first = report_sarif(&list, &run);
    char *second = report_sarif(&list, &run);
    ck_assert_str_eq(first, second);
    ck_assert_ptr_null(strstr(first, tmproot));
    ck_assert_ptr_null(strstr(first, "file://"));
    ck_assert_ptr_null(strstr(first, "\"/"));
    /* The same holds for the other two formats. */
    char *json = report_json(&list, &run);
    ck_assert_ptr_null(strstr(json, tmproot));
    char *text = report_text(&list, &run, NULL);
    ck_assert_ptr_null(strstr(text, tmproot));

    const char *dest = getenv("SOCKCHECK_SARIF_FIXTURE_OUT");
    if (dest && *dest) {
        FILE *fp = fopen(dest, "wb");
        ck_assert_msg(fp != NULL, "cannot write %s", dest);
        fputs(first, fp);
        ck_assert_int_eq(fclose(fp), 0);
    }
    free(text);
    free(json);
    free(first);
    free(second);
    finding_list_fini(&list);
}
END_TEST

/* ---- helpers ---- */

START_TEST(utf16_column_cases)
{
    /* ASCII and tabs: one unit per byte. */
    ck_assert_uint_eq(report_utf16_column("abc", 3, 3), 3);
    ck_assert_uint_eq(report_utf16_column("\t\tx", 3, 3), 3);
    /* 2- and 3-byte sequences are one unit, 4-byte ones two (a surrogate pair). */
    ck_assert_uint_eq(report_utf16_column("\xc3\xa9x", 3, 3), 2);
    ck_assert_uint_eq(report_utf16_column("\xe2\x82\xacx", 4, 4), 2);
    ck_assert_uint_eq(report_utf16_column("\xf0\x9f\x98\x80x", 5, 5), 3);
    ck_assert_uint_eq(report_utf16_column("\xc3\xa9\xf0\x9f\x98\x80\xe2\x82\xacx", 10, 10), 5);
    /* Invalid bytes count one unit each: stray, truncated, overlong, surrogate, > U+10FFFF. */
    ck_assert_uint_eq(report_utf16_column("\xff\xfex", 3, 3), 3);
    ck_assert_uint_eq(report_utf16_column("\xe2\x82x", 3, 3), 3);
    ck_assert_uint_eq(report_utf16_column("\xc0\x80x", 3, 3), 3);
    ck_assert_uint_eq(report_utf16_column("\xed\xa0\x80x", 4, 4), 4);
    ck_assert_uint_eq(report_utf16_column("\xf4\x90\x80\x80x", 5, 5), 5);
    ck_assert_uint_eq(report_utf16_column("\x80x", 2, 2), 2);
    /* Inside a character: its start. Past the end: one unit per byte. Column 0: unknown. */
    ck_assert_uint_eq(report_utf16_column("\xc3\xa9x", 3, 2), 1);
    ck_assert_uint_eq(report_utf16_column("\xc3\xa9", 2, 4), 3);
    ck_assert_uint_eq(report_utf16_column("ab", 2, 5), 5);
    ck_assert_uint_eq(report_utf16_column(NULL, 0, 3), 3);
    ck_assert_uint_eq(report_utf16_column("ab", 2, 0), 0);
    ck_assert_uint_eq(report_utf16_column("ab", 2, 1), 1);
}
END_TEST

START_TEST(uri_cases)
{
    bool rel;
    char *u = report_uri("a/b-c_d.e~f.c", &rel);
    ck_assert_str_eq(u, "a/b-c_d.e~f.c");
    ck_assert(rel);
    free(u);
    u = report_uri("my server#1.c", &rel);
    ck_assert_str_eq(u, "my%20server%231.c");
    free(u);
    u = report_uri("a\\b?c[d]@e:f.c", &rel);
    ck_assert_str_eq(u, "a%5Cb%3Fc%5Bd%5D%40e%3Af.c");
    free(u);
    u = report_uri("/tmp/x y.c", &rel);
    ck_assert_str_eq(u, "file:///tmp/x%20y.c");
    ck_assert(!rel);
    free(u);
}
END_TEST

START_TEST(source_lines)
{
    struct report_source src;
    report_source_init(&src);
    size_t len = 0;
    char *utf8 = abs_of(SRC_UTF8);
    char *server = abs_of(SRC_SERVER);
    const char *l = report_source_line(&src, utf8, 3, &len);
    ck_assert_ptr_nonnull(l);
    ck_assert_uint_eq(len,
                      strlen("int h(int fd) { /* \xf0\x9f\x98\x80 */ return bind(fd, 0, 0); }"));
    l = report_source_line(&src, utf8, 4, &len); /* no final newline */
    ck_assert_ptr_nonnull(l);
    ck_assert_int_eq(l[len - 1], '}');
    ck_assert_ptr_null(report_source_line(&src, utf8, 5, &len));
    ck_assert_ptr_null(report_source_line(&src, utf8, 0, &len));
    /* server.c ends with "\n": 17 lines, no 18th. */
    ck_assert_ptr_nonnull(report_source_line(&src, server, 17, &len));
    ck_assert_ptr_null(report_source_line(&src, server, 18, &len));
    ck_assert_ptr_null(report_source_line(&src, "/nonexistent/file.c", 1, &len));
    ck_assert_ptr_null(report_source_line(&src, tmproot, 1, &len)); /* a directory */
    /* More files than the cache holds, then back to the first. */
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < NSOURCES; i++) {
            char *p = abs_of(i);
            ck_assert_ptr_nonnull(report_source_line(&src, p, 1, &len));
            free(p);
        }
    }
    l = report_source_line(&src, server, 12, &len);
    ck_assert_int_eq(strncmp(l, "    if (bind(", 13), 0);
    report_source_fini(&src);
    free(utf8);
    free(server);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *text = tcase_create("text");
    tcase_add_checked_fixture(text, setup, teardown);
    tcase_add_test(text, text_golden_plain);
    tcase_add_test(text, text_golden_color);
    tcase_add_test(text, text_caret_after_tab);
    tcase_add_test(text, text_caret_after_multibyte);
    tcase_add_test(text, text_caret_multiline_range);
    tcase_add_test(text, text_source_line_is_sanitised);
    tcase_add_test(text, text_unreadable_file_has_no_source_line);
    tcase_add_test(text, text_summary_plurals);
    tcase_add_test(text, text_no_findings_and_problems);
    suite_add_tcase(s, text);

    TCase *json = tcase_create("json");
    tcase_add_checked_fixture(json, setup, teardown);
    tcase_add_test(json, json_shape_and_values);
    tcase_add_test(json, json_empty_and_escapes);
    suite_add_tcase(s, json);

    TCase *sarif = tcase_create("sarif");
    tcase_add_checked_fixture(sarif, setup, teardown);
    tcase_add_test(sarif, sarif_log_skeleton);
    tcase_add_test(sarif, sarif_rule_index_agrees_with_rule_id);
    tcase_add_test(sarif, sarif_columns_are_utf16);
    tcase_add_test(sarif, sarif_uris_are_encoded);
    tcase_add_test(sarif, sarif_invocation_and_notifications);
    tcase_add_test(sarif, sarif_result_details);
    tcase_add_test(sarif, sarif_deterministic_and_relative);
    suite_add_tcase(s, sarif);

    TCase *util = tcase_create("util");
    tcase_add_checked_fixture(util, setup, teardown);
    tcase_add_test(util, utf16_column_cases);
    tcase_add_test(util, uri_cases);
    tcase_add_test(util, source_lines);
    suite_add_tcase(s, util);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
