/*
 * argv → options → driver → output → exit status. The only place that chooses 0, 1 or 2
 * (SPEC §3) and the only place that writes to stdout or stderr.
 */
#include "cli.h"
#include "driver.h"
#include "fe.h"
#include "path.h"
#include "report.h"
#include "rule.h"
#include "strbuf.h"
#include "xalloc.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

static void print_error(const struct sc_error *err)
{
    if (err->file[0] && err->line)
        fprintf(stderr, "sockcheck: error: %s:%u: %s\n", err->file, err->line, err->message);
    else
        fprintf(stderr, "sockcheck: error: %s\n", err->message);
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
        const char *level = p->fatal ? "error" : "warning";
        if (p->path && p->line && p->col)
            fprintf(stderr, "sockcheck: %s: %s:%u:%u: %s\n", level, p->path, p->line, p->col,
                    p->message);
        else if (p->path && p->line) /* a line with no column (a NUL byte's line) */
            fprintf(stderr, "sockcheck: %s: %s:%u: %s\n", level, p->path, p->line, p->message);
        else if (p->path)
            fprintf(stderr, "sockcheck: %s: %s: %s\n", level, p->path, p->message);
        else
            fprintf(stderr, "sockcheck: %s: %s\n", level, p->message);
    }
}

static int exit_status(const struct driver_result *res)
{
    if (res->fatal)
        return EXIT_TROUBLE;
    for (size_t i = 0; i < res->findings.count; i++)
        if (res->findings.items[i].level >= SC_LEVEL_WARNING)
            return EXIT_FINDINGS;
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
    case CLI_FORMAT_TEXT:
        break;
    }
    struct report_options ropts = {use_color(opts)};
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

static void free_strings(char **strings, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(strings[i]);
    free(strings);
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
    struct driver_config cfg = {
        .units = {(const char *const *)opts->paths, opts->npaths, opts->compdb_dir,
                  (const char *const *)opts->compiler_args, opts->ncompiler_args},
        .root = root,
        .dump_facts = opts->dump_facts,
    };
    struct driver_result res;
    if (driver_run(&cfg, &res, &err) < 0) {
        print_error(&err);
        free(root);
        return EXIT_TROUBLE;
    }
    print_problems(&res);
    /* SPEC §6: a run that checked nothing must not pass in silence. */
    if (res.files_analysed == 0 && res.nproblems == 0)
        fprintf(stderr, "sockcheck: warning: nothing to analyse: %s\n",
                opts->compdb_dir ? "the compilation database has no entry (under the PATHs "
                                   "given); check -p and the PATHs"
                                 : "the PATHs given hold no .c file; name .c files, or "
                                   "directories that hold some");
    int status = exit_status(&res);
    size_t nrules = 0, nargs = 0;
    const struct rule *const *rules = rule_registry(&nrules);
    char **args = portable_arguments(argc, argv, root, &nargs);
    struct report_run rrun = {
        .tool_version = SOCKCHECK_VERSION,
        .rules = rules,
        .nrules = nrules,
        .problems = res.problems,
        .nproblems = res.nproblems,
        .files_analysed = res.files_analysed,
        .exit_code = status,
        .arguments = (const char *const *)args,
        .narguments = nargs,
    };
    char *text = render(opts, &res, &rrun);
    if (write_output(opts->output, text) < 0)
        status = EXIT_TROUBLE;
    free(text);
    free_strings(args, nargs);
    driver_result_fini(&res);
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
     * a large stack (fe_parse.c, FE_STACK_BYTES). */
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
    case CLI_ACTION_LIST_RULES:
        text = rules_listing(opts.list_rules_json);
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
