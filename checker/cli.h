/*
 * The command line: argv → struct cli_options, and the --help text. Owns only the parsed
 * options; it opens no file and decides no exit status (main does, STYLE §1).
 */
#ifndef SOCKCHECK_CLI_H
#define SOCKCHECK_CLI_H

#include "sc.h"

#include <stdbool.h>
#include <stddef.h>

/* github: workflow-command annotations; gitlab: a Code Quality report (REQUIREMENTS §4.2, §4.3). */
enum cli_format {
    CLI_FORMAT_TEXT,
    CLI_FORMAT_JSON,
    CLI_FORMAT_SARIF,
    CLI_FORMAT_GITHUB,
    CLI_FORMAT_GITLAB,
};

/*
 * What the run is asked to do; --help wins over --version, which wins over --explain, which wins
 * over --list-rules, which wins over --print-data-dir (a debugging aid: where the data files are
 * found, datadir.h).
 */
enum cli_action {
    CLI_ACTION_RUN,
    CLI_ACTION_HELP,
    CLI_ACTION_VERSION,
    CLI_ACTION_EXPLAIN,
    CLI_ACTION_LIST_RULES,
    CLI_ACTION_PRINT_DATA_DIR,
};
/* --fix writes the fixes into the files; --diff prints them and changes nothing. */
enum cli_fix_mode { CLI_FIX_NONE, CLI_FIX_APPLY, CLI_FIX_DIFF };

/* One --enable or --disable, kept in command-line order (later ones win). */
struct cli_toggle {
    bool enable;
    char *rules; /* as given: "SCK001,reuse-unchecked" */
};

struct cli_options {
    enum cli_action action;
    enum cli_format format;
    char **paths; /* PATH arguments in order */
    size_t npaths;
    char *compdb_dir;     /* -p DIR / -pDIR / --compile-commands=DIR ; NULL */
    char **compiler_args; /* everything after "--" */
    size_t ncompiler_args;
    char *output;               /* -o FILE / --output=FILE; NULL = stdout */
    char *root;                 /* --root DIR; NULL = default */
    bool dump_facts;            /* --dump-facts: print each unit's facts JSON (debugging) */
    bool list_rules_json;       /* --list-rules with --format json */
    char *config;               /* --config FILE; NULL = the nearest .sockcheck.json */
    bool no_config;             /* --no-config */
    struct cli_toggle *toggles; /* --enable/--disable in order */
    size_t ntoggles;
    enum sc_level fail_on;      /* --fail-on; default warning */
    char *baseline;             /* --baseline FILE */
    char *write_baseline;       /* --write-baseline FILE */
    bool sarif_omit_suppressed; /* --sarif-suppressed=omit */
    bool sarif_timestamps;      /* --sarif-timestamps */
    enum cli_fix_mode fix;      /* --fix / --diff */
    bool quiet;                 /* -q / --quiet */
    char *explain;              /* --explain RULE: the rule id or name as given; NULL */
    unsigned jobs;              /* -j N / --jobs N: threads; 0 = one per processor */
    char *cache_dir;            /* --cache-dir DIR; NULL = the default (cache_default_dir) */
    bool no_cache;              /* --no-cache */
    bool skip;                  /* true unless --no-skip (--skip: the default, kept as a no-op) */
    double unit_timeout;        /* --unit-timeout SECONDS; 0 = no limit; default CLI_UNIT_TIMEOUT */
    bool stats;                 /* --stats: a line on stderr saying how units were extracted */
};

/* The default --unit-timeout: generous, so that only a pathological unit reaches it. */
#define CLI_UNIT_TIMEOUT 300.0

/*
 * Parses argv (argv[0] is the program). Returns -1 with err (kind SC_ERROR_USAGE, a sentence
 * naming the option and what is expected, e.g. "--format: expected text, json, sarif, github
 * or gitlab, got 'xml'") for unknown options, missing values, bad values; *out is then empty (but
 * still safe to pass to cli_options_fini). Options may come before or after PATHs; when an option
 * that takes a value is given twice, the last one counts. Ownership: fills *out with heap
 * copies; free with cli_options_fini.
 */
int cli_parse(int argc, char *const *argv, struct cli_options *out,
              struct sc_error *err) SC_MUST_CHECK;

/* Frees what cli_parse stored and zeroes opts. */
void cli_options_fini(struct cli_options *opts);

/* The --help text (static storage, never freed). */
const char *cli_help_text(void);

#endif
