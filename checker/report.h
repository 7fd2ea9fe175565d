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

/* A file that could not be analysed, or only in part. */
struct report_problem {
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
    int exit_code;
    const char *const *arguments; /* the command line, as given (argv[1..]) */
    size_t narguments;
};

struct report_options {
    bool color; /* text: ANSI colours */
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
