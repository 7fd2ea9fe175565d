/*
 * argv → options → driver → output → exit status. The only place that chooses 0, 1 or 2
 * (SPEC §3) and the only place that writes to stdout or stderr.
 */
#include "cache.h"
#include "cli.h"
#include "datadir.h"
#include "driver.h"
#include "fe.h"
#include "fix.h"
#include "path.h"
#include "progress.h"
#include "report.h"
#include "rule.h"
#include "rule_doc.h"
#include "strbuf.h"
#include "textsafe.h"
#include "xalloc.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/*
 * One diagnostic line on stderr: "sockcheck: LEVEL: PATH:LINE:COL: MESSAGE", each part only
 * when known (line and col 0: unknown). Paths and messages quote files sockcheck did not
 * write, so their control characters are marked, not obeyed (textsafe.h).
 */
static void print_diagnostic(const char *level, const char *path, unsigned line, unsigned col,
                             const char *message)
{
    char *safe_message = textsafe_copy(message);
    fprintf(stderr, "sockcheck: %s: ", level);
    if (path && path[0]) {
        char *safe_path = textsafe_copy(path);
        fputs(safe_path, stderr);
        free(safe_path);
        if (line)
            fprintf(stderr, ":%u", line);
        if (line && col)
            fprintf(stderr, ":%u", col);
        fputs(": ", stderr);
    }
    fprintf(stderr, "%s\n", safe_message);
    free(safe_message);
}

static void print_error(const struct sc_error *err)
{
    /* A file without a line is part of the message already. */
    print_diagnostic("error", err->line ? err->file : NULL, err->line, 0, err->message);
}

static char *rules_listing(bool json)
{
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    if (json) {
        cJSON *list = cJSON_CreateArray();
        for (size_t i = 0; i < n; i++) {
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "id", rules[i]->id);
            cJSON_AddStringToObject(r, "name", rules[i]->name);
            cJSON_AddStringToObject(r, "level", sc_level_name(rules[i]->level));
            cJSON_AddStringToObject(r, "summary", rules[i]->summary);
            cJSON_AddItemToArray(list, r);
        }
        char *text = cJSON_Print(list);
        cJSON_Delete(list);
        char *copy = xasprintf("%s\n", text);
        cJSON_free(text);
        return copy;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&sb, "%s  %-20s %-8s %s\n", rules[i]->id, rules[i]->name,
                      sc_level_name(rules[i]->level), rules[i]->summary);
    return strbuf_take(&sb);
}

/* --explain RULE: the rule's page (docs/rules/<ID>.md, compiled in); an unknown rule is a
 * usage error that lists the ids. */
static char *explain_text(const char *which, int *status)
{
    const struct rule *rule = rule_find(which);
    const char *page = rule ? rule_doc_page(rule) : NULL;
    if (page)
        return xstrdup(page);
    if (rule) {
        fprintf(stderr, "sockcheck: error: --explain: no documentation is built in for %s\n",
                rule->id);
        *status = EXIT_TROUBLE;
        return NULL;
    }
    size_t n = 0;
    const struct rule *const *rules = rule_registry(&n);
    struct strbuf ids;
    strbuf_init(&ids);
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&ids, "%s%s", i ? ", " : "", rules[i]->id);
    char *list = strbuf_take(&ids);
    fprintf(stderr,
            "sockcheck: error: --explain: unknown rule '%s'; the rules are %s (sockcheck "
            "--list-rules names them)\n",
            which, list);
    free(list);
    *status = EXIT_TROUBLE;
    return NULL;
}

static char *version_text(void)
{
    char *clang = fe_clang_version();
    char *text = xasprintf("sockcheck %s (%s)\n", SOCKCHECK_VERSION, clang);
    free(clang);
    return text;
}

/* --root, else the enclosing git checkout, else the current directory: what SARIF's %SRCROOT%
 * and every relative path in the output mean. */
static char *project_root(const struct cli_options *opts, struct sc_error *err)
{
    if (opts->root) {
        char *root = path_real(opts->root);
        if (!root)
            sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "--root: no such directory: '%s'",
                         opts->root);
        return root;
    }
    char *cwd = path_cwd();
    if (!cwd) {
        sc_error_set(err, SC_ERROR_IO, NULL, 0, "cannot read the current directory: %s",
                     strerror(errno));
        return NULL;
    }
    char *git = path_find_git_root(cwd);
    if (git) {
        free(cwd);
        return git;
    }
    return cwd;
}

static void print_problems(const struct driver_result *res)
{
    for (size_t i = 0; i < res->nproblems; i++) {
        const struct report_problem *p = &res->problems[i];
        /* a line may come without a column (a NUL byte's line) */
        print_diagnostic(p->fatal ? "error" : "warning", p->path, p->line, p->col, p->message);
    }
}

/*
 * SPEC §3: 2 when something could not be done; else 1 when a finding the user must act on
 * (not suppressed, not in the baseline) is at or above --fail-on. Writing a baseline
 * accepts the findings it writes, so that run does not fail on them.
 */
static int exit_status(const struct driver_result *res, const struct cli_options *opts)
{
    if (res->fatal)
        return EXIT_TROUBLE;
    if (opts->write_baseline)
        return EXIT_CLEAN;
    for (size_t i = 0; i < res->findings.count; i++) {
        const struct finding *f = &res->findings.items[i];
        if (finding_is_reported(f) && f->level >= opts->fail_on)
            return EXIT_FINDINGS;
    }
    return EXIT_CLEAN;
}

static bool use_color(const struct cli_options *opts)
{
    const char *no_color = getenv("NO_COLOR");
    if (no_color && no_color[0])
        return false;
    return !opts->output && isatty(STDOUT_FILENO);
}

static char *render(const struct cli_options *opts, const struct driver_result *res,
                    const struct report_run *run)
{
    if (opts->dump_facts)
        return xstrdup(res->facts_dump ? res->facts_dump : "");
    switch (opts->format) {
    case CLI_FORMAT_JSON:
        return report_json(&res->findings, run);
    case CLI_FORMAT_SARIF:
        return report_sarif(&res->findings, run);
    case CLI_FORMAT_GITHUB:
        return report_github(&res->findings, run);
    case CLI_FORMAT_GITLAB:
        return report_gitlab(&res->findings, run);
    case CLI_FORMAT_TEXT:
        break;
    }
    struct report_options ropts = {use_color(opts), opts->quiet};
    return report_text(&res->findings, run, &ropts);
}

/* Writes text to -o FILE or stdout; on failure reports and returns -1. */
static int write_output(const char *path, const char *text)
{
    FILE *f = path ? fopen(path, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "sockcheck: error: cannot write '%s': %s\n", path, strerror(errno));
        return -1;
    }
    size_t len = strlen(text);
    bool ok = fwrite(text, 1, len, f) == len;
    ok = (path ? fclose(f) == 0 : fflush(f) == 0) && ok;
    if (!ok)
        fprintf(stderr, "sockcheck: error: cannot write '%s': %s\n", path ? path : "stdout",
                strerror(errno));
    return ok ? 0 : -1;
}

/*
 * The command line as SARIF records it: absolute paths inside the root made relative, so that
 * the log names no user's directories and is the same from any checkout (REQUIREMENTS §1.11).
 * The caller frees each string and the array.
 */
static char **portable_arguments(int argc, char *const *argv, const char *root, size_t *n_out)
{
    size_t n = argc > 1 ? (size_t)argc - 1 : 0;
    char **args = xcalloc(n + 1, sizeof *args);
    for (size_t i = 0; i < n; i++) {
        const char *arg = argv[i + 1];
        char *rel = path_is_absolute(arg) ? path_relative_to(root, arg) : NULL;
        args[i] = rel ? rel : xstrdup(arg);
    }
    *n_out = n;
    return args;
}

/* ---- progress line (stderr, terminals only) ------------------------------------------ */

struct progress_ctx {
    struct progress line;
    const char *root; /* unit paths are shown relative to it */
};

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Called by the extraction, one call at a time (extract.h). */
static void show_progress(void *data, size_t done, size_t total, const char *current)
{
    struct progress_ctx *ctx = data;
    char *rel = current ? path_relative_to(ctx->root, current) : NULL;
    char buf[600];
    const char *text = progress_update(&ctx->line, monotonic_seconds(), done, total,
                                       rel ? rel : current, buf, sizeof buf);
    free(rel);
    if (text) {
        fputs(text, stderr);
        fflush(stderr);
    }
}

/* A progress line only where a person watches: stderr a terminal that can erase a line, and
 * text output (never with JSON, SARIF or --dump-facts, which machines read). */
static bool wants_progress(const struct cli_options *opts)
{
    const char *term = getenv("TERM");
    if (opts->format != CLI_FORMAT_TEXT || opts->dump_facts || !isatty(STDERR_FILENO))
        return false;
    return !term || strcmp(term, "dumb") != 0;
}

static unsigned terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
        return ws.ws_col;
    return 80;
}

/* -j, the cache, --skip, --unit-timeout and the progress line, as the extraction takes them.
 * *cache_dir_out is the default cache directory when one was computed (the caller frees). */
static struct extract_options extraction(const struct cli_options *opts, struct progress_ctx *pc,
                                         char **cache_dir_out)
{
    struct extract_options x = {0};
    x.jobs = opts->jobs;
    x.unit_timeout = opts->unit_timeout;
    x.skip = opts->skip;
    *cache_dir_out = NULL;
    if (!opts->no_cache) {
        x.cache_dir = opts->cache_dir;
        if (!x.cache_dir)
            x.cache_dir = *cache_dir_out = cache_default_dir();
    }
    if (wants_progress(opts)) {
        progress_init(&pc->line, monotonic_seconds(), terminal_width());
        x.progress = show_progress;
        x.progress_ctx = pc;
    }
    return x;
}

static void print_extract_stats(const struct cli_options *opts, const struct extract_stats *st)
{
    if (st->cache_problem[0])
        fprintf(stderr,
                "sockcheck: warning: the facts cache is not used: %s (--cache-dir DIR "
                "to use another, --no-cache to silence this)\n",
                st->cache_problem);
    if (opts->stats)
        fprintf(stderr,
                "sockcheck: stats: %zu parsed, %zu from the cache, %zu skipped, %zu timed "
                "out; %u thread%s; %zu re-admitted\n",
                st->parsed, st->cached, st->skipped, st->timed_out, st->threads,
                st->threads == 1 ? "" : "s", st->readmitted);
}

static void free_strings(char **strings, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(strings[i]);
    free(strings);
}

/* --print-data-dir: the directory datadir_find() settles on, or an error when there is none. */
static char *data_dir_text(const char *argv0, int *status)
{
    char *dir = datadir_find(argv0);
    if (!dir) {
        fputs("sockcheck: error: no data directory found (neither ../share/sockcheck beside the "
              "executable nor the source tree of its build)\n",
              stderr);
        *status = EXIT_TROUBLE;
        return NULL;
    }
    char *text = xasprintf("%s\n", dir);
    free(dir);
    return text;
}

/* The current time as SARIF writes it (ISO 8601, UTC), for --sarif-timestamps only. */
static char *utc_now(void)
{
    time_t now = time(NULL);
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&now, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return NULL;
    return xstrdup(buf);
}

/* What a run needs besides the options: the root and the filter request built from them. */
struct run_setup {
    char *root;
    struct filter_toggle *toggles;
    struct filter_request filter;
    struct driver_config cfg;
};

static void setup_run(const struct cli_options *opts, char *root, struct run_setup *rs)
{
    memset(rs, 0, sizeof *rs);
    rs->root = root;
    rs->toggles = xcalloc(opts->ntoggles + 1, sizeof *rs->toggles);
    for (size_t i = 0; i < opts->ntoggles; i++) {
        rs->toggles[i].enable = opts->toggles[i].enable;
        rs->toggles[i].rules = opts->toggles[i].rules;
    }
    rs->filter.config_path = opts->config;
    rs->filter.no_config = opts->no_config;
    rs->filter.search_from = opts->npaths > 0 ? opts->paths[0] : NULL;
    rs->filter.toggles = rs->toggles;
    rs->filter.ntoggles = opts->ntoggles;
    rs->filter.baseline_path = opts->baseline;
    rs->cfg.units =
        (struct units_request){(const char *const *)opts->paths, opts->npaths, opts->compdb_dir,
                               (const char *const *)opts->compiler_args, opts->ncompiler_args};
    rs->cfg.root = root;
    rs->cfg.dump_facts = opts->dump_facts;
    rs->cfg.filter = &rs->filter;
}

/*
 * --fix: writes the planned fixes, says on stderr what it did, and returns how many files
 * changed (the caller then analyses again, so that the report shows the code as it is now).
 */
static size_t apply_fixes(const struct fix_plan *plan, const char *root)
{
    struct fix_result *results = NULL;
    size_t written = fix_plan_apply(plan, root, &results);
    size_t fixes = 0;
    for (size_t i = 0; i < plan->nfiles; i++) {
        const struct fix_result *r = &results[i];
        if (r->problem)
            print_diagnostic("warning", r->path, 0, 0, r->problem);
        fixes += r->nfixes;
    }
    fprintf(stderr, "sockcheck: applied %zu fix%s to %zu file%s\n", fixes, fixes == 1 ? "" : "es",
            written, written == 1 ? "" : "s");
    if (plan->nskipped)
        fprintf(stderr, "sockcheck: %zu fix%s overlapped another and %s left for the next run\n",
                plan->nskipped, plan->nskipped == 1 ? "" : "es",
                plan->nskipped == 1 ? "was" : "were");
    fix_results_free(results, plan->nfiles);
    return written;
}

/*
 * Runs the driver, and with --fix or --diff the fixes: --diff leaves its diff in *diff_out;
 * --fix writes the files and runs the driver again. Returns -1 (error printed) when the
 * request itself was invalid.
 */
static int analyse(const struct cli_options *opts, struct run_setup *rs, struct driver_result *res,
                   char **diff_out)
{
    struct sc_error err;
    sc_error_clear(&err);
    if (driver_run(&rs->cfg, res, &err) < 0) {
        print_error(&err);
        return -1;
    }
    if (opts->fix == CLI_FIX_NONE)
        return 0;
    if (res->fatal) {
        /* Fixing a code base only partly analysed could fix one file against another that
         * was not read: nothing is changed until every unit can be analysed. */
        fputs("sockcheck: warning: no fixes applied: some of the input could not be analysed "
              "(see the errors)\n",
              stderr);
        return 0;
    }
    struct fix_plan plan;
    fix_plan_build(&plan, &res->findings, &res->sources);
    size_t written = 0;
    if (opts->fix == CLI_FIX_DIFF)
        *diff_out = fix_plan_diff(&plan);
    else
        written = apply_fixes(&plan, rs->root);
    fix_plan_fini(&plan);
    if (written == 0)
        return 0;
    driver_result_fini(res);
    if (driver_run(&rs->cfg, res, &err) < 0) {
        print_error(&err);
        return -1;
    }
    return 0;
}

static int run(const struct cli_options *opts, int argc, char *const *argv)
{
    struct sc_error err;
    sc_error_clear(&err);
    char *root = project_root(opts, &err);
    if (!root) {
        print_error(&err);
        return EXIT_TROUBLE;
    }
    char *start_time = opts->sarif_timestamps ? utc_now() : NULL;
    struct run_setup rs;
    setup_run(opts, root, &rs);
    struct progress_ctx pc = {.root = root};
    char *default_cache = NULL;
    rs.cfg.extract = extraction(opts, &pc, &default_cache);
    struct driver_result res;
    char *diff = NULL;
    int rc = analyse(opts, &rs, &res, &diff);
    fputs(progress_clear(&pc.line), stderr);
    free(default_cache);
    if (rc < 0) {
        free(rs.toggles);
        free(start_time);
        free(root);
        return EXIT_TROUBLE;
    }
    print_extract_stats(opts, &res.extract_stats);
    print_problems(&res);
    /* SPEC §6: a run that checked nothing must not pass in silence. */
    if (res.files_analysed == 0 && res.nproblems == 0)
        fprintf(stderr, "sockcheck: warning: nothing to analyse: %s\n",
                opts->compdb_dir ? "the compilation database has no entry (under the PATHs "
                                   "given); check -p and the PATHs"
                                 : "the PATHs given hold no .c file; name .c files, or "
                                   "directories that hold some");
    int status = exit_status(&res, opts);
    size_t nrules = 0, nargs = 0;
    const struct rule *const *rules = rule_registry(&nrules);
    char **args = portable_arguments(argc, argv, root, &nargs);
    char *end_time = opts->sarif_timestamps ? utc_now() : NULL;
    struct report_run rrun = {
        .tool_version = SOCKCHECK_VERSION,
        .rules = rules,
        .nrules = nrules,
        .problems = res.problems,
        .nproblems = res.nproblems,
        .files_analysed = res.files_analysed,
        .units_skipped = res.extract_stats.skipped,
        .units_readmitted = res.extract_stats.readmitted,
        .exit_code = status,
        .arguments = (const char *const *)args,
        .narguments = nargs,
        .rule_enabled = res.filters.enabled,
        .rule_levels = res.filters.levels,
        .baseline = res.filters.has_baseline,
        .absent = &res.absent,
        .omit_suppressed = opts->sarif_omit_suppressed,
        .start_time = start_time,
        .end_time = end_time,
    };
    char *text = diff ? diff : render(opts, &res, &rrun);
    if (write_output(opts->output, text) < 0)
        status = EXIT_TROUBLE;
    if (res.extract_stats.threads_left_running) {
        /* A timed-out unit's parse is still running on its thread and libclang cannot stop
         * it: leave now, without the exit handlers that would tear libclang down under it. */
        fflush(stderr);
        _exit(status);
    }
    free(text);
    if (opts->write_baseline && !res.fatal) {
        char *json = report_json(&res.findings, &rrun);
        if (write_output(opts->write_baseline, json) < 0)
            status = EXIT_TROUBLE;
        free(json);
    }
    free_strings(args, nargs);
    driver_result_fini(&res);
    free(rs.toggles);
    free(start_time);
    free(end_time);
    free(root);
    return status;
}

int main(int argc, char **argv)
{
    /* cJSON allocates through xalloc too: running out of memory has one exit (xalloc.h). */
    cJSON_Hooks hooks = {xmalloc, free};
    cJSON_InitHooks(&hooks);
    /* libclang parses on a thread of its own with an 8 MB stack, which deeply nested code
     * overflows; with this set it parses on the caller's thread, which the front end gives
     * a large stack (FE_STACK_BYTES, fe.h; the -j workers of extract.c). */
    setenv("LIBCLANG_NOTHREADS", "1", 1);
    struct cli_options opts;
    struct sc_error err;
    sc_error_clear(&err);
    if (cli_parse(argc, argv, &opts, &err) < 0) {
        print_error(&err);
        fputs("Try 'sockcheck --help'.\n", stderr);
        return EXIT_TROUBLE;
    }
    int status = EXIT_CLEAN;
    char *text = NULL;
    switch (opts.action) {
    case CLI_ACTION_HELP:
        text = xstrdup(cli_help_text());
        break;
    case CLI_ACTION_VERSION:
        text = version_text();
        break;
    case CLI_ACTION_EXPLAIN:
        text = explain_text(opts.explain, &status);
        break;
    case CLI_ACTION_LIST_RULES:
        text = rules_listing(opts.list_rules_json);
        break;
    case CLI_ACTION_PRINT_DATA_DIR:
        text = data_dir_text(argv[0], &status);
        break;
    case CLI_ACTION_RUN:
        status = run(&opts, argc, argv);
        break;
    }
    if (text && write_output(opts.output, text) < 0)
        status = EXIT_TROUBLE;
    free(text);
    cli_options_fini(&opts);
    return status;
}
