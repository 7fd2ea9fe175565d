/*
 * Baselines (SPEC §5): an earlier sockcheck output, JSON or SARIF, read back as the results
 * it held, keyed by their sockcheckFindingHash/v1 fingerprints. A current finding whose
 * fingerprint is in the baseline is "unchanged" (known debt: it neither shows in text nor
 * fails the run); the others are "new"; baseline results not found again are "absent".
 * Needs no version-control history, so it works in shallow CI clones.
 */
#ifndef SOCKCHECK_BASELINE_H
#define SOCKCHECK_BASELINE_H

#include "finding.h"
#include "sc.h"

#include <stdbool.h>
#include <stddef.h>

struct baseline {
    struct finding_list results; /* read-only: rule, level, message, location, fingerprint;
                                    abs_path NULL (the file may have changed since) */
    char *path;                  /* read-only: the file read */
};

/*
 * Parses len bytes of a sockcheck JSON or SARIF output (path names it in errors). Results
 * without a fingerprint, of rules this version does not know, or already absent in a SARIF
 * baseline are left out. Returns -1 with err (kind SC_ERROR_BASELINE, naming the file and
 * the line of a syntax error) when the text is neither. Free with baseline_fini.
 */
int baseline_parse(const char *text, size_t len, const char *path, struct baseline *out,
                   struct sc_error *err) SC_MUST_CHECK;

/* Reads and parses the file at path. */
int baseline_load(const char *path, struct baseline *out, struct sc_error *err) SC_MUST_CHECK;

void baseline_fini(struct baseline *b);

/*
 * Marks every finding FINDING_BASELINE_UNCHANGED when the baseline holds its fingerprint
 * (each baseline result matches one finding at most) and FINDING_BASELINE_NEW otherwise,
 * and appends a copy of every unmatched baseline result to absent, marked ABSENT.
 */
void baseline_apply(const struct baseline *b, struct finding_list *findings,
                    struct finding_list *absent);

#endif
