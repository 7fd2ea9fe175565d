#include "extract.h"

#include "fe.h"
#include "srcfile.h"

#include <string.h>

static void extract_one(struct fe *fe, const struct unit *unit, struct extract_outcome *out)
{
    memset(out, 0, sizeof *out);
    if (unit->problem) {
        sc_error_set(&out->err, SC_ERROR_IO, unit->path, 0, "%s", unit->problem);
        return;
    }
    if (srcfile_check(unit->path, &out->err) != 0)
        return; /* SPEC §6: binary, unreadable or not a file: a clear error, never a parse */
    out->facts = fe_extract(fe, unit, &out->err);
}

void extract_units(const struct unit_list *units, const struct extract_options *opts,
                   struct extract_outcome *out)
{
    (void)opts;
    struct fe *fe = fe_new();
    for (size_t i = 0; i < units->count; i++)
        extract_one(fe, &units->items[i], &out[i]);
    fe_free(fe);
}

void extract_outcomes_fini(struct extract_outcome *out, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        facts_free(out[i].facts);
        out[i].facts = NULL;
    }
}
