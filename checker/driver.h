/*
 * One run: units → front end → analysis → rules → sorted findings, with every unit that could
 * not be analysed (or only in part) kept as a problem. main() turns the result into output and
 * an exit status; the driver prints nothing.
 */
#ifndef SOCKCHECK_DRIVER_H
#define SOCKCHECK_DRIVER_H

#include "filter.h"
#include "extract.h"
#include "finding.h"
#include "report.h"
#include "sc.h"
#include "srcfile.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>

struct driver_config {
    struct units_request units;
    const char *root; /* absolute project root: finding paths are relative to it */
    bool dump_facts;  /* collect each unit's facts as JSON instead of analysing */
    const struct filter_request *filter; /* configuration, rules, baseline; NULL: defaults */
    /* -j, the facts cache, --skip, --unit-timeout, the progress callback */
    struct extract_options extract;
};

struct driver_result {
    struct finding_list findings; /* sorted, deduplicated, fingerprinted */
    struct report_problem *problems;
    size_t nproblems;
    size_t problems_cap; /* private */
    size_t files_analysed;
    bool fatal;                  /* some unit could not be analysed at all (exit 2) */
    char *facts_dump;            /* with dump_facts: one JSON document per line, per unit */
    struct finding_list absent;  /* with a baseline: its results not found again */
    struct filter_state filters; /* the rules' levels, the configuration read */
    struct srcfile_set sources;  /* the files the filters read: fixes apply to these texts */
    /* units parsed, from the cache, skipped, timed out; threads left running */
    struct extract_stats extract_stats;
};

/*
 * Runs the whole pipeline. Returns -1 and fills err when the request itself is invalid (no
 * input, unreadable compilation database): nothing was analysed. Otherwise 0, with findings and
 * problems in out (free with driver_result_fini).
 */
int driver_run(const struct driver_config *cfg, struct driver_result *out,
               struct sc_error *err) SC_MUST_CHECK;
void driver_result_fini(struct driver_result *result);

#endif
