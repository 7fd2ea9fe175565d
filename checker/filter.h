/*
 * The filter stage of a run (ARCHITECTURE.md): what the configuration and the command line
 * say about rules and paths, in-source suppressions, fingerprints, fixes resolved against
 * the files, and the baseline. The driver calls it at three points: before collecting
 * units (filter_prepare), after (filter_units), and on the sorted findings (filter_findings).
 */
#ifndef SOCKCHECK_FILTER_H
#define SOCKCHECK_FILTER_H

#include "baseline.h"
#include "config.h"
#include "sc.h"
#include "units.h"

#include <stdbool.h>
#include <stddef.h>

struct driver_result;
struct extract_outcome;

/* One --enable or --disable, in command-line order: a comma-separated list of rules. */
struct filter_toggle {
    bool enable;
    const char *rules; /* ids (any case), names, or "all" */
};

/* What the command line asks of the filters. All fields may be zero (the defaults). */
struct filter_request {
    const char *config_path; /* --config FILE; NULL: the nearest .sockcheck.json */
    bool no_config;          /* --no-config: read no configuration file */
    const char *search_from; /* where the search for .sockcheck.json starts (the first PATH);
                                NULL: the current directory */
    const struct filter_toggle *toggles;
    size_t ntoggles;
    const char *baseline_path; /* --baseline FILE, or NULL */
};

struct filter_state {
    struct config config;     /* read-only: the configuration read (empty when none) */
    bool *enabled;            /* read-only: per rule of the registry */
    enum sc_level *levels;    /* read-only: per rule of the registry */
    size_t nrules;            /* read-only */
    struct baseline baseline; /* read-only */
    bool has_baseline;        /* read-only */
    char **extra_args;        /* private: configuration arguments, then the command line's */
    size_t nextra;            /* private */
};

/*
 * Reads the configuration and the baseline and settles which rules run at which level
 * (configuration first, "all" before single rules, then each --enable/--disable in order).
 * req may be NULL. Returns -1 with err (file and line when there are some) when any of it is
 * invalid; st is then still safe to pass to filter_state_fini.
 */
int filter_prepare(const struct filter_request *req, struct filter_state *st,
                   struct sc_error *err) SC_MUST_CHECK;
void filter_state_fini(struct filter_state *st);

/* The units request with the configuration's compiler_args before the command line's.
 * The returned request borrows from st and from req. */
struct units_request filter_units_request(struct filter_state *st, const struct units_request *req);

/* Drops the units whose main file the include/exclude globs do not select. */
void filter_units(const struct filter_state *st, const char *root, struct unit_list *units);

/*
 * The filters on the sorted findings of a run: drops findings of disabled rules and of
 * paths not selected, applies suppression comments (those of every analysed unit's main
 * file and of every file with a finding) and reports unused (SCK000) and malformed ones,
 * sets levels, sorts and fingerprints again, computes line hashes, resolves fixes against
 * the files (kept in out->sources), and marks the baseline state.
 */
void filter_findings(const struct filter_state *st, const char *root, const struct unit_list *units,
                     const struct extract_outcome *outcomes, struct driver_result *out);

#endif
