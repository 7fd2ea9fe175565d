/*
 * In-source suppressions (SPEC §5): "sockcheck: ignore[SCK001,SCK006] reason" in a comment on
 * the line of a finding or the line above it. This module finds those comments in source
 * text, marks the findings they suppress, remembers which were used, and reports the unused
 * ones as SCK000 unused-suppression findings and malformed ones as problems. It reads no
 * file itself: the filter hands it the text.
 */
#ifndef SOCKCHECK_SUPPRESS_H
#define SOCKCHECK_SUPPRESS_H

#include "finding.h"

#include <stdbool.h>
#include <stddef.h>

struct rule;

/* One rule named in a suppression comment. */
struct suppress_entry {
    const struct rule *rule;
    bool used;      /* it suppressed at least one finding */
    char *spelling; /* private: as written ("missing-reuseaddr"), for the SCK000 fix */
};

/* One "sockcheck: ignore[...]" comment. */
struct suppress_comment {
    struct finding_loc loc; /* the comment, to the end of its first line; message unused */
    unsigned last_line;     /* the comment's last line: it covers loc.line .. last_line + 1 */
    struct suppress_entry *entries;
    size_t nentries;
    char *justification;       /* the text after ']', or NULL */
    char *text;                /* the directive as written, white space folded (fingerprints) */
    struct finding_loc list;   /* private: the "[...]" of the comment */
    struct finding_loc remove; /* private: what deleting the comment deletes (its whole lines
                                  when nothing else is on them, else the comment and the
                                  blanks before it) */
};

/* A comment that looks like a suppression but is refused (a bare "ignore", an unknown rule). */
struct suppress_problem {
    char *abs_path;
    char *path;
    unsigned line;
    unsigned col;
    char *message;
};

struct suppress_set {
    struct suppress_comment *comments; /* read-only */
    size_t count;
    size_t cap;                        /* private */
    struct suppress_problem *problems; /* read-only */
    size_t nproblems;
    size_t problems_cap; /* private */
};

void suppress_set_init(struct suppress_set *set);
void suppress_set_fini(struct suppress_set *set);

/*
 * Finds the suppression comments of one file's text (len bytes) and adds them, and the
 * problems of malformed ones, to set. abs_path and path (relative to the root, as findings
 * give it) are copied. Comments are found as a C lexer finds them: not in string or
 * character literals.
 */
void suppress_scan(struct suppress_set *set, const char *abs_path, const char *path,
                   const char *text, size_t len);

/*
 * Marks every finding that a comment of set suppresses (suppressed, justification,
 * suppression location) and marks the comment's entry used. Findings of SCK000 itself are
 * never suppressed.
 */
void suppress_apply(struct suppress_set *set, struct finding_list *findings);

/* Whether a rule's findings were computed in this run (unused suppressions of a disabled
 * rule prove nothing). */
typedef bool (*suppress_rule_checked_fn)(const struct rule *rule, void *arg);

/*
 * Appends an SCK000 finding (rule sck000) for every comment with entries that suppressed
 * nothing, with a fix that removes them (the whole comment when none was used).
 */
void suppress_report_unused(const struct suppress_set *set, const struct rule *sck000,
                            suppress_rule_checked_fn checked, void *arg, struct finding_list *out);

#endif
