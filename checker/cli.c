#include "cli.h"

#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum cli_opt_id {
    CLI_OPT_COMPDB,
    CLI_OPT_FORMAT,
    CLI_OPT_OUTPUT,
    CLI_OPT_ROOT,
    CLI_OPT_LIST_RULES,
    CLI_OPT_EXPLAIN,
    CLI_OPT_VERSION,
    CLI_OPT_HELP,
    CLI_OPT_DUMP_FACTS,
    CLI_OPT_PRINT_DATA_DIR,
    CLI_OPT_CONFIG,
    CLI_OPT_NO_CONFIG,
    CLI_OPT_ENABLE,
    CLI_OPT_DISABLE,
    CLI_OPT_FAIL_ON,
    CLI_OPT_BASELINE,
    CLI_OPT_WRITE_BASELINE,
    CLI_OPT_SARIF_SUPPRESSED,
    CLI_OPT_SARIF_TIMESTAMPS,
    CLI_OPT_FIX,
    CLI_OPT_DIFF,
    CLI_OPT_QUIET,
    CLI_OPT_JOBS,
    CLI_OPT_CACHE_DIR,
    CLI_OPT_NO_CACHE,
    CLI_OPT_SKIP,
    CLI_OPT_NO_SKIP,
    CLI_OPT_UNIT_TIMEOUT,
    CLI_OPT_STATS,
};

/* One option: its short and long spellings, and what its value is (NULL: it takes none). */
struct cli_opt {
    const char *short_name; /* "-p", or NULL */
    const char *long_name;
    const char *value; /* "a directory": for "expected a directory" messages */
    enum cli_opt_id id;
};

static const struct cli_opt cli_opts[] = {
    {"-p", "--compile-commands", "a directory holding compile_commands.json", CLI_OPT_COMPDB},
    {NULL, "--format", "text, json, sarif, github or gitlab", CLI_OPT_FORMAT},
    {"-o", "--output", "a file name", CLI_OPT_OUTPUT},
    {NULL, "--root", "a directory", CLI_OPT_ROOT},
    {NULL, "--list-rules", NULL, CLI_OPT_LIST_RULES},
    {NULL, "--explain", "a rule id or name (SCK001, missing-reuseaddr)", CLI_OPT_EXPLAIN},
    {NULL, "--version", NULL, CLI_OPT_VERSION},
    {"-h", "--help", NULL, CLI_OPT_HELP},
    {NULL, "--dump-facts", NULL, CLI_OPT_DUMP_FACTS},
    {NULL, "--print-data-dir", NULL, CLI_OPT_PRINT_DATA_DIR},
    {NULL, "--config", "a configuration file", CLI_OPT_CONFIG},
    {NULL, "--no-config", NULL, CLI_OPT_NO_CONFIG},
    {NULL, "--enable", "rule ids or names, separated by commas", CLI_OPT_ENABLE},
    {NULL, "--disable", "rule ids or names, separated by commas", CLI_OPT_DISABLE},
    {NULL, "--fail-on", "error, warning or note", CLI_OPT_FAIL_ON},
    {NULL, "--baseline", "a JSON or SARIF output of sockcheck", CLI_OPT_BASELINE},
    {NULL, "--write-baseline", "a file name", CLI_OPT_WRITE_BASELINE},
    {NULL, "--sarif-suppressed", "include or omit", CLI_OPT_SARIF_SUPPRESSED},
    {NULL, "--sarif-timestamps", NULL, CLI_OPT_SARIF_TIMESTAMPS},
    {NULL, "--fix", NULL, CLI_OPT_FIX},
    {NULL, "--diff", NULL, CLI_OPT_DIFF},
    {"-q", "--quiet", NULL, CLI_OPT_QUIET},
    {"-j", "--jobs", "a number of threads (1 or more)", CLI_OPT_JOBS},
    {NULL, "--cache-dir", "a directory", CLI_OPT_CACHE_DIR},
    {NULL, "--no-cache", NULL, CLI_OPT_NO_CACHE},
    {NULL, "--skip", NULL, CLI_OPT_SKIP},
    {NULL, "--no-skip", NULL, CLI_OPT_NO_SKIP},
    {NULL, "--unit-timeout", "a number of seconds (0: no limit)", CLI_OPT_UNIT_TIMEOUT},
    {NULL, "--stats", NULL, CLI_OPT_STATS},
};

#define CLI_NOPTS (sizeof cli_opts / sizeof cli_opts[0])

/* Parser state besides the options themselves: which actions were asked for. */
struct cli_state {
    bool help;
    bool version;
    bool list_rules;
    bool print_data_dir;
};

/* The option spelled by the long name name[0..len), or NULL. */
static const struct cli_opt *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < CLI_NOPTS; i++) {
        const char *l = cli_opts[i].long_name;
        if (strlen(l) == len && strncmp(l, name, len) == 0)
            return &cli_opts[i];
    }
    return NULL;
}

/* The option whose short spelling begins arg ("-p" for "-pbuild"), or NULL. */
static const struct cli_opt *find_short(const char *arg)
{
    for (size_t i = 0; i < CLI_NOPTS; i++) {
        const char *s = cli_opts[i].short_name;
        if (s && strncmp(s, arg, 2) == 0)
            return &cli_opts[i];
    }
    return NULL;
}

static void replace_string(char **slot, const char *value)
{
    free(*slot);
    *slot = xstrdup(value);
}

static int parse_format(const char *value, enum cli_format *format_out, struct sc_error *err)
{
    if (strcmp(value, "text") == 0)
        *format_out = CLI_FORMAT_TEXT;
    else if (strcmp(value, "json") == 0)
        *format_out = CLI_FORMAT_JSON;
    else if (strcmp(value, "sarif") == 0)
        *format_out = CLI_FORMAT_SARIF;
    else if (strcmp(value, "github") == 0)
        *format_out = CLI_FORMAT_GITHUB;
    else if (strcmp(value, "gitlab") == 0)
        *format_out = CLI_FORMAT_GITLAB;
    else {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                     "--format: expected text, json, sarif, github or gitlab, got '%s'", value);
        return -1;
    }
    return 0;
}

static int parse_level(const char *name, const char *value, enum sc_level *out,
                       struct sc_error *err)
{
    static const char *const names[] = {"note", "warning", "error"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = (enum sc_level)i;
            return 0;
        }
    }
    sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "%s: expected error, warning or note, got '%s'",
                 name, value);
    return -1;
}

static int parse_suppressed(const char *name, const char *value, bool *omit_out,
                            struct sc_error *err)
{
    if (strcmp(value, "include") != 0 && strcmp(value, "omit") != 0) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "%s: expected include or omit, got '%s'", name,
                     value);
        return -1;
    }
    *omit_out = strcmp(value, "omit") == 0;
    return 0;
}

static void add_toggle(struct cli_options *out, bool enable, const char *rules)
{
    out->toggles = xrealloc(out->toggles, (out->ntoggles + 1) * sizeof *out->toggles);
    out->toggles[out->ntoggles].enable = enable;
    out->toggles[out->ntoggles].rules = xstrdup(rules);
    out->ntoggles++;
}

/* Options of the filters and fixes (issue 4): kept apart from the core ones above. */
static int apply_filter_option(const struct cli_opt *opt, const char *name, const char *value,
                               struct cli_options *out, struct sc_error *err)
{
    switch (opt->id) {
    case CLI_OPT_CONFIG:
        replace_string(&out->config, value);
        return 0;
    case CLI_OPT_NO_CONFIG:
        out->no_config = true;
        return 0;
    case CLI_OPT_ENABLE:
    case CLI_OPT_DISABLE:
        add_toggle(out, opt->id == CLI_OPT_ENABLE, value);
        return 0;
    case CLI_OPT_FAIL_ON:
        return parse_level(name, value, &out->fail_on, err);
    case CLI_OPT_BASELINE:
        replace_string(&out->baseline, value);
        return 0;
    case CLI_OPT_WRITE_BASELINE:
        replace_string(&out->write_baseline, value);
        return 0;
    case CLI_OPT_SARIF_SUPPRESSED:
        return parse_suppressed(name, value, &out->sarif_omit_suppressed, err);
    case CLI_OPT_SARIF_TIMESTAMPS:
        out->sarif_timestamps = true;
        return 0;
    case CLI_OPT_FIX:
    case CLI_OPT_DIFF: {
        enum cli_fix_mode mode = opt->id == CLI_OPT_FIX ? CLI_FIX_APPLY : CLI_FIX_DIFF;
        if (out->fix != CLI_FIX_NONE && out->fix != mode) {
            sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                         "--fix and --diff cannot be used together (--diff changes nothing)");
            return -1;
        }
        out->fix = mode;
        return 0;
    }
    case CLI_OPT_QUIET:
        out->quiet = true;
        return 0;
    default:
        return 0;
    }
}

/* -j N: a whole number from 1 to 4096 (more threads than that is a typo, not a machine). */
static int parse_jobs(const char *name, const char *value, unsigned *out, struct sc_error *err)
{
    char *end = NULL;
    errno = 0;
    unsigned long n = strtoul(value, &end, 10);
    if (errno || *end || value[0] == '-' || value[0] == '+' || n < 1 || n > 4096) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                     "%s: expected a number of threads from 1 to 4096, got '%s'", name, value);
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

/* --unit-timeout: seconds, fractions allowed; 0 means no limit. */
static int parse_seconds(const char *name, const char *value, double *out, struct sc_error *err)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(value, &end);
    if (errno || *end || !(v >= 0) || v > 1e9) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                     "%s: expected a number of seconds (0 for no limit), got '%s'", name, value);
        return -1;
    }
    *out = v;
    return 0;
}

/* Stores one option (value is NULL for options without one); name is as the user wrote it. */
static int apply_option(const struct cli_opt *opt, const char *name, const char *value,
                        struct cli_options *out, struct cli_state *st, struct sc_error *err)
{
    if (value && !value[0]) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "%s: expected %s, got an empty string", name,
                     opt->value);
        return -1;
    }
    switch (opt->id) {
    case CLI_OPT_COMPDB:
        replace_string(&out->compdb_dir, value);
        return 0;
    case CLI_OPT_FORMAT:
        return parse_format(value, &out->format, err);
    case CLI_OPT_OUTPUT:
        replace_string(&out->output, value);
        return 0;
    case CLI_OPT_ROOT:
        replace_string(&out->root, value);
        return 0;
    case CLI_OPT_LIST_RULES:
        st->list_rules = true;
        return 0;
    case CLI_OPT_EXPLAIN:
        replace_string(&out->explain, value);
        return 0;
    case CLI_OPT_VERSION:
        st->version = true;
        return 0;
    case CLI_OPT_HELP:
        st->help = true;
        return 0;
    case CLI_OPT_DUMP_FACTS:
        out->dump_facts = true;
        return 0;
    case CLI_OPT_JOBS:
        return parse_jobs(name, value, &out->jobs, err);
    case CLI_OPT_CACHE_DIR:
        replace_string(&out->cache_dir, value);
        return 0;
    case CLI_OPT_NO_CACHE:
        out->no_cache = true;
        return 0;
    case CLI_OPT_SKIP:
    case CLI_OPT_NO_SKIP:
        out->skip = opt->id == CLI_OPT_SKIP;
        return 0;
    case CLI_OPT_UNIT_TIMEOUT:
        return parse_seconds(name, value, &out->unit_timeout, err);
    case CLI_OPT_STATS:
        out->stats = true;
        return 0;
    case CLI_OPT_PRINT_DATA_DIR:
        st->print_data_dir = true;
        return 0;
    default:
        return apply_filter_option(opt, name, value, out, err);
    }
}

static int unknown_option(const char *arg, struct sc_error *err)
{
    if (strcmp(arg, "-") == 0)
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0,
                     "'-': reading source from standard input is not supported; give files "
                     "or directories to check");
    else
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "unknown option '%s' (see sockcheck --help)",
                     arg);
    return -1;
}

/*
 * A long option at argv[*i]: "--name", "--name=value" or "--name value". Advances *i past a
 * separate value.
 */
static int parse_long(int argc, char *const *argv, int *i, struct cli_options *out,
                      struct cli_state *st, struct sc_error *err)
{
    const char *arg = argv[*i];
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    const struct cli_opt *opt = find_long(arg, len);
    char name[64];

    if (!opt || len >= sizeof name)
        return unknown_option(arg, err);
    memcpy(name, arg, len);
    name[len] = '\0';
    if (!opt->value) {
        if (eq) {
            sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "%s takes no value, got '%s'", name, eq + 1);
            return -1;
        }
        return apply_option(opt, name, NULL, out, st, err);
    }
    if (eq)
        return apply_option(opt, name, eq + 1, out, st, err);
    if (*i + 1 >= argc) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "%s: expected %s after it", name, opt->value);
        return -1;
    }
    ++*i;
    return apply_option(opt, name, argv[*i], out, st, err);
}

/* A short option at argv[*i]: "-h", "-p DIR", "-pDIR" (or "-p=DIR", as clang tools take). */
static int parse_short(int argc, char *const *argv, int *i, struct cli_options *out,
                       struct cli_state *st, struct sc_error *err)
{
    const char *arg = argv[*i];
    const struct cli_opt *opt = find_short(arg);
    char name[3] = {arg[0], arg[1], '\0'};

    if (!opt || (!opt->value && arg[2]))
        return unknown_option(arg, err);
    if (!opt->value)
        return apply_option(opt, name, NULL, out, st, err);
    if (arg[2])
        return apply_option(opt, name, arg + 2 + (arg[2] == '='), out, st, err);
    if (*i + 1 >= argc) {
        sc_error_set(err, SC_ERROR_USAGE, NULL, 0, "%s: expected %s after it", name, opt->value);
        return -1;
    }
    ++*i;
    return apply_option(opt, name, argv[*i], out, st, err);
}

/* Appends copies of src[0..n) to (*items, *count). */
static void push_copies(char ***items, size_t *count, char *const *src, size_t n)
{
    *items = xrealloc(*items, (*count + n + 1) * sizeof **items);
    for (size_t k = 0; k < n; k++)
        (*items)[(*count)++] = xstrdup(src[k]);
    (*items)[*count] = NULL;
}

static int parse_args(int argc, char *const *argv, struct cli_options *out, struct cli_state *st,
                      struct sc_error *err)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int rc = 0;
        if (strcmp(arg, "--") == 0) {
            push_copies(&out->compiler_args, &out->ncompiler_args, argv + i + 1,
                        (size_t)(argc - i - 1));
            return 0;
        }
        if (arg[0] != '-')
            push_copies(&out->paths, &out->npaths, argv + i, 1);
        else if (arg[1] == '-')
            rc = parse_long(argc, argv, &i, out, st, err);
        else if (arg[1] != '\0')
            rc = parse_short(argc, argv, &i, out, st, err);
        else
            rc = unknown_option(arg, err);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int cli_parse(int argc, char *const *argv, struct cli_options *out, struct sc_error *err)
{
    struct cli_state st = {false, false, false, false};
    memset(out, 0, sizeof *out);
    out->action = CLI_ACTION_RUN;
    out->format = CLI_FORMAT_TEXT;
    out->fail_on = SC_LEVEL_WARNING;
    out->unit_timeout = CLI_UNIT_TIMEOUT;
    out->skip = true; /* sound: the results are those of --no-skip (docs/performance.md) */
    if (parse_args(argc, argv, out, &st, err) != 0) {
        cli_options_fini(out);
        return -1;
    }
    if (st.help)
        out->action = CLI_ACTION_HELP;
    else if (st.version)
        out->action = CLI_ACTION_VERSION;
    else if (out->explain)
        out->action = CLI_ACTION_EXPLAIN;
    else if (st.list_rules)
        out->action = CLI_ACTION_LIST_RULES;
    else if (st.print_data_dir)
        out->action = CLI_ACTION_PRINT_DATA_DIR;
    out->list_rules_json = st.list_rules && out->format == CLI_FORMAT_JSON;
    return 0;
}

static void free_strings(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

void cli_options_fini(struct cli_options *opts)
{
    free_strings(opts->paths, opts->npaths);
    free_strings(opts->compiler_args, opts->ncompiler_args);
    free(opts->compdb_dir);
    free(opts->output);
    free(opts->root);
    free(opts->explain);
    free(opts->config);
    free(opts->baseline);
    free(opts->write_baseline);
    for (size_t i = 0; i < opts->ntoggles; i++)
        free(opts->toggles[i].rules);
    free(opts->toggles);
    free(opts->cache_dir);
    memset(opts, 0, sizeof *opts);
}

const char *cli_help_text(void)
{
    return "Usage: sockcheck [OPTIONS] [PATH...] [-- COMPILER-ARGS...]\n"
           "\n"
           "Finds TCP servers that bind() without setting SO_REUSEADDR first, and misuse of\n"
           "the address-reuse socket options, in C source code.\n"
           "\n"
           "PATH is a C file or a directory (searched recursively for .c files). With -p,\n"
           "the files and their compiler flags come from DIR/compile_commands.json, and\n"
           "PATHs narrow that set.\n"
           "\n"
           "Options:\n"
           "  -p, --compile-commands DIR  use DIR/compile_commands.json (files and flags)\n"
           "      --format FORMAT         text, json, sarif, github (workflow annotations)\n"
           "                              or gitlab (Code Quality report); default: text\n"
           "  -o, --output FILE           write the report to FILE (default: stdout)\n"
           "      --root DIR              paths relative to DIR (default: git root, else .)\n"
           "      --list-rules            list the rules and exit (JSON with --format json)\n"
           "      --explain RULE          print the documentation of RULE (id or name)\n"
           "      --dump-facts            debugging: print each file's facts as JSON\n"
           "      --print-data-dir        debugging: print the data directory and exit\n"
           "  -j, --jobs N                parse N files at once (default: one per processor)\n"
           "      --cache-dir DIR         keep each file's facts in DIR (default:\n"
           "                              $XDG_CACHE_HOME/sockcheck or ~/.cache/sockcheck)\n"
           "      --no-cache              neither read nor write the facts cache\n"
           "      --no-skip               parse every file, also those that cannot change\n"
           "                              the results (slower, same results; --skip, the\n"
           "                              default, leaves them out)\n"
           "      --unit-timeout SECONDS  give up a file that takes longer (default: 300;\n"
           "                              0: no limit); it is reported and the run goes on\n"
           "      --stats                 say on stderr how many files were parsed, taken\n"
           "                              from the cache, skipped or re-admitted\n"
           "      --version               print the version and exit\n"
           "  -h, --help                  print this help and exit\n"
           "  --                          give the rest to the compiler: -- -Iinclude -DNAME\n"
           "\n"
           "Rules, configuration, baseline:\n"
           "      --enable RULE[,RULE]    turn rules on (ids, names, or 'all'); repeatable\n"
           "      --disable RULE[,RULE]   turn rules off; later options win\n"
           "      --fail-on LEVEL         exit 1 on findings of LEVEL or above: error,\n"
           "                              warning (default) or note\n"
           "      --config FILE           read FILE (default: the nearest .sockcheck.json\n"
           "                              in the first PATH's directory or above)\n"
           "      --no-config             read no configuration file\n"
           "      --baseline FILE         report only findings not in FILE (an earlier JSON\n"
           "                              or SARIF output of sockcheck)\n"
           "      --write-baseline FILE   write the findings to FILE as a baseline\n"
           "  -q, --quiet                 text: the findings only, no summary line\n"
           "\n"
           "Fixes:\n"
           "      --diff                  print the known fixes as a unified diff\n"
           "      --fix                   apply the known fixes to the files\n"
           "\n"
           "SARIF:\n"
           "      --sarif-suppressed MODE include (default) or omit suppressed results and\n"
           "                              results absent from the baseline (for GitHub)\n"
           "      --sarif-timestamps      record the run's start and end times\n"
           "\n"
           "Exit status:\n"
           "  0  no findings at or above the fail level\n"
           "  1  findings at or above the fail level\n"
           "  2  the tool could not do what was asked (bad option, unreadable file, invalid\n"
           "     configuration, baseline or compilation database, a file that could not be\n"
           "     parsed)\n"
           "\n"
           "Run 'sockcheck --list-rules' to see the rules, 'sockcheck --explain SCK001' to\n"
           "read about one.\n";
}
