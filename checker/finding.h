/*
 * Findings: what a rule reports, before filters and reporters. A finding owns all of its
 * strings. Paths are kept both absolute (to read the source for snippets and carets) and
 * relative to the project root (what users and SARIF see).
 */
#ifndef SOCKCHECK_FINDING_H
#define SOCKCHECK_FINDING_H

#include "sc.h"

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
