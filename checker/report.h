/*
 * Reporters: pure functions from findings and run information to bytes. Each returns the
 * whole output as a heap string the caller frees. They read source files only to show
 * lines (text) or convert byte columns to UTF-16 columns (SARIF); a file that cannot be read
 * then gives output without the line, never a failure.
 */
#ifndef SOCKCHECK_REPORT_H
#define SOCKCHECK_REPORT_H

#include "finding.h"
#include "sc.h"

#include <stdbool.h>
#include <stddef.h>

struct rule;

/* What a problem is about; each kind is its own SARIF notification (report_sarif.c). */
enum report_problem_kind {
    REPORT_PROBLEM_UNIT,          /* a translation unit failed, or had compile errors */
    REPORT_PROBLEM_CONFIGURATION, /* the configuration file, --enable/--disable, the baseline */
    REPORT_PROBLEM_SUPPRESSION,   /* a suppression comment that is refused */
};

/* A file that could not be analysed (or only in part), or a problem with the run's set-up. */
struct report_problem {
    enum report_problem_kind kind;
    char *path; /* relative to the root, like finding paths; may be NULL (run-level) */
    char *abs_path;
    unsigned line; /* 0 when none */
    unsigned col;
    bool fatal; /* the unit could not be parsed at all (exit 2) */
    char *message;
};

struct report_run {
    const char *tool_version;
    const struct rule *const *rules; /* every rule the tool can report, in id order */
    size_t nrules;
    const struct report_problem *problems;
    size_t nproblems;
    size_t files_analysed; /* translation units analysed */
    /* Units skipping left out, and those it admitted after a first analysis (skip.h): they
     * depend on the files only, never on the cache, so JSON can report them. */
    size_t units_skipped;
    size_t units_readmitted;
    int exit_code;
    const char *const *arguments; /* the command line, as given (argv[1..]) */
    size_t narguments;
    /* Filters (filter.h). rule_enabled and rule_levels are parallel to rules, NULL for the
     * defaults; SARIF records the differences as ruleConfigurationOverrides. */
    const bool *rule_enabled;
    const enum sc_level *rule_levels;
    bool baseline;                     /* --baseline was given: results carry baselineState */
    const struct finding_list *absent; /* baseline results not found again, or NULL */
    bool omit_suppressed;   /* --sarif-suppressed=omit: no suppressed nor absent results */
    const char *start_time; /* SARIF invocation times, ISO 8601 UTC, or NULL (the default:
                               output does not depend on when it ran) */
    const char *end_time;
};

struct report_options {
    bool color; /* text: ANSI colours */
    bool quiet; /* text: the findings only, no summary line */
};

char *report_text(const struct finding_list *findings, const struct report_run *run,
                  const struct report_options *opts);
char *report_json(const struct finding_list *findings, const struct report_run *run);
char *report_sarif(const struct finding_list *findings, const struct report_run *run);
/*
 * GitHub Actions workflow commands, one "::warning file=..,line=..::message" line per finding
 * (errors first, as GitHub shows only the first few of each kind), notes as "::notice", the
 * related locations as further lines of the message, and files that could not be analysed as
 * "::error"/"::warning" lines of their own (REQUIREMENTS §4.2). Columns are UTF-16 columns,
 * as in SARIF.
 */
char *report_github(const struct finding_list *findings, const struct report_run *run);
/*
 * A GitLab Code Quality report (the CodeClimate subset of REQUIREMENTS §4.3): a JSON array,
 * "[]" when clean, one object per finding with its fingerprint (sockcheckFindingHash/v1, so the
 * findings must have been fingerprinted: finding_list_fingerprint). Fingerprints are unique in
 * the output: GitLab merges entries that share one, so a repeated one gets a "-N" suffix.
 */
char *report_gitlab(const struct finding_list *findings, const struct report_run *run);

/*
 * The 1-based UTF-16 column of byte column byte_col (1-based) in line, a line's bytes
 * without its newline. Invalid UTF-8 bytes count one unit each; tabs count one.
 */
unsigned report_utf16_column(const char *line, size_t line_len, unsigned byte_col);

#endif
