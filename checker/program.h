/*
 * The whole program: every unit's facts linked together (ARCHITECTURE.md "program"). Functions
 * with external linkage are matched across units by name, static functions stay in their unit,
 * calls through pointers stay unknown; library functions are matched to API models. The call
 * graph's strongly connected components come out callees first, the order the summaries need.
 */
#ifndef SOCKCHECK_PROGRAM_H
#define SOCKCHECK_PROGRAM_H

#include "facts.h"
#include "ir.h"
#include "models.h"

#include <stddef.h>
#include <stdint.h>

#define PROGRAM_NONE UINT32_MAX

enum program_callee_kind { PROGRAM_CALL_UNKNOWN, PROGRAM_CALL_FUNCTION, PROGRAM_CALL_MODEL };

/* What one call event calls. */
struct program_callee {
    enum program_callee_kind kind;
    uint32_t function;                  /* PROGRAM_CALL_FUNCTION: index into functions */
    const struct model_function *model; /* PROGRAM_CALL_MODEL: borrowed from the models */
};

struct program_function {
    const struct facts *facts;    /* borrowed: the unit that defines it */
    const struct ir_function *fn; /* borrowed */
    size_t unit;
    struct program_callee *callees; /* per event id (meaningful for IR_CALL events) */
    const struct ir_event **events; /* per event id, borrowed pointers into fn */
};

struct program {
    struct program_function *functions; /* read-only */
    size_t nfunctions;
    uint32_t *scc_order;  /* all functions, grouped by SCC, callees' SCCs first */
    uint32_t *scc_starts; /* nsccs + 1 offsets into scc_order */
    size_t nsccs;
};

/*
 * Links units (borrowed, must outlive the program; NULL entries are skipped) with models
 * (borrowed, may be NULL). Free with program_free.
 */
struct program *program_link(struct facts *const *units, size_t nunits,
                             const struct models *models);
void program_free(struct program *program);

#endif
