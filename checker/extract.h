/*
 * Units → facts: the per-unit, independent half of a run (ARCHITECTURE.md "Scale beyond one
 * machine"). Everything after it works on the facts of all units together.
 */
#ifndef SOCKCHECK_EXTRACT_H
#define SOCKCHECK_EXTRACT_H

#include "facts.h"
#include "sc.h"
#include "units.h"

#include <stddef.h>

struct extract_options {
    int reserved; /* parallelism and caching options go here */
};

/* What became of one unit: its facts (owned by the outcome), or why there are none. */
struct extract_outcome {
    struct facts *facts; /* NULL when the unit could not be analysed at all */
    struct sc_error err; /* why facts is NULL */
};

/*
 * Extracts the facts of every unit. out has units->count entries, in unit order, whatever
 * order the work was done in; release them with extract_outcomes_fini.
 */
void extract_units(const struct unit_list *units, const struct extract_options *opts,
                   struct extract_outcome *out);
void extract_outcomes_fini(struct extract_outcome *out, size_t count);

#endif
