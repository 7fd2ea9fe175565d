/*
 * Findings: what a rule reports, before filters and reporters. A finding owns all of its
 * strings. Paths are kept both absolute (to read the source for snippets and carets) and
 * relative to the project root (what users and SARIF see).
 */
#ifndef SOCKCHECK_FINDING_H
#define SOCKCHECK_FINDING_H

#include "sc.h"

#include <stdbool.h>
#include <stddef.h>

struct finding_loc {
    char *abs_path; /* absolute path of the file */
    char *path;     /* relative to the project root ("/"-separated), or absolute if outside */
    unsigned line;  /* 1-based */
    unsigned col;   /* 1-based, bytes */
    unsigned end_line;
    unsigned end_col; /* one past the last byte */
    char *message;    /* what happens here ("socket created here"); may be NULL for primary */
    unsigned depth;   /* trace steps: call depth below the finding's function (SARIF
                         nestingLevel); 0 elsewhere */
};

/*
 * One text edit of a fix. Rules state edits in terms of the code (REPLACE, INSERT_LINES,
 * INCLUDE); fix_resolve (fix.h) turns every edit into a REPLACE against the file's text,
 * which is all the reporters and --fix see.
 */
enum finding_edit_kind {
    FINDING_EDIT_REPLACE,      /* replace the range loc with text; an empty range inserts */
    FINDING_EDIT_INSERT_LINES, /* insert text ("\n"-separated lines, later ones one level
                                  deeper) as lines of their own before the statement that
                                  starts at loc, in its indentation */
    FINDING_EDIT_INCLUDE,      /* loc's file must include the header text ("<stdio.h>") */
};

struct finding_edit {
    enum finding_edit_kind kind;
    struct finding_loc loc; /* the range (byte columns); message unused */
    char *text;
};

/* What a baseline says of a result (SARIF baselineState); NONE when no baseline was given. */
enum finding_baseline {
    FINDING_BASELINE_NONE,
    FINDING_BASELINE_NEW,
    FINDING_BASELINE_UNCHANGED,
    FINDING_BASELINE_ABSENT,
};

struct finding {
    const char *rule_id;   /* static, from the rule registry */
    const char *rule_name; /* static */
    enum sc_level level;
    char *message;     /* one or more sentences, the first complete on its own */
    char *function;    /* enclosing function, or NULL */
    char *call_text;   /* normalised text of the flagged call (fingerprints) */
    char *socket_name; /* access path of the socket concerned, or NULL */
    struct finding_loc loc;
    struct finding_loc *related; /* the notes: where the socket was created, listened ... */
    size_t nrelated;
    size_t related_cap;        /* private */
    struct finding_loc *trace; /* the path through calls for cross-function findings */
    size_t ntrace;
    size_t trace_cap;     /* private */
    char fingerprint[17]; /* 16 hex digits, from finding_fingerprint */
    /* The fix, when the rule knows one: a description and the edits, all in one file. */
    char *fix_description;
    struct finding_edit *edits;
    size_t nedits;
    size_t edits_cap; /* private */
    /* Filters (filter.h): an in-source suppression, the baseline. */
    bool suppressed;
    char *justification;            /* the reason written in the comment, or NULL */
    struct finding_loc suppression; /* the suppressing comment (path NULL when none) */
    enum finding_baseline baseline; /* NONE unless --baseline was given */
    char line_hash[40];             /* GitHub's primaryLocationLineHash, or "" */
};

struct finding_list {
    struct finding *items;
    size_t count;
    size_t cap; /* private */
};

/* Appends a zeroed finding owned by the list. */
struct finding *finding_list_add(struct finding_list *list);
/* Appends a related location (strings copied) and returns it. */
struct finding_loc *finding_add_related(struct finding *f, const struct finding_loc *loc);
/* Appends a trace step (strings copied) and returns it; steps are kept in execution order. */
struct finding_loc *finding_add_trace(struct finding *f, const struct finding_loc *loc);
/* Appends an edit (loc's strings and text copied) to f's fix. */
struct finding_edit *finding_add_edit(struct finding *f, enum finding_edit_kind kind,
                                      const struct finding_loc *loc, const char *text);
/* Removes f's fix (description and edits). */
void finding_drop_fix(struct finding *f);
/*
 * Whether the finding is one the user must act on: not suppressed and not already in the
 * baseline. Text output shows these only, and only these decide the exit status; JSON and
 * SARIF show the others too, marked.
 */
bool finding_is_reported(const struct finding *f);
/* Keeps the findings for which keep(f, arg) is true, in order; releases the others. */
void finding_list_retain(struct finding_list *list, bool (*keep)(const struct finding *, void *),
                         void *arg);
/* Releases every finding and the array; the list is empty afterwards. */
void finding_list_fini(struct finding_list *list);
/* Sorts by (path, line, column, rule, message): output never depends on -j or hash order. */
void finding_list_sort(struct finding_list *list);
/* Removes exact duplicates (same rule and primary location) after sorting. */
void finding_list_dedup(struct finding_list *list);
/* Copies a location (strings duplicated). */
void finding_loc_copy(struct finding_loc *dst, const struct finding_loc *src);
void finding_loc_fini(struct finding_loc *loc);
/*
 * Sets f->fingerprint from rule, relative path, function, socket name and call text, not
 * from line numbers, so it survives edits elsewhere in the file (SARIF partialFingerprints
 * sockcheckFindingHash/v1). n is the count of earlier findings with the same inputs.
 */
void finding_fingerprint(struct finding *f, unsigned n);
/* Fingerprints every finding of a sorted list, numbering identical inputs in order. */
void finding_list_fingerprint(struct finding_list *list);

#endif
