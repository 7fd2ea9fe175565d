/*
 * Fixes: from the edits rules attach to findings to the text of the files. fix_resolve
 * makes every edit concrete against the file as read (indentation, #include placement) or
 * drops a fix that cannot be applied safely. A plan then gathers the fixes to apply per file
 * (overlapping ones are left for a second run), and either prints them as a unified diff
 * (--diff) or writes the files (--fix): atomically, through a temporary file in the same
 * directory and a rename, keeping the file's mode, and never a file outside the project
 * root, a read-only one, or one that changed since it was read. A symlink is written
 * through: its target changes, the link stays.
 */
#ifndef SOCKCHECK_FIX_H
#define SOCKCHECK_FIX_H

#include "finding.h"
#include "sc.h"
#include "srcfile.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Turns f's edits into REPLACE edits against the text of its file in sources (loaded on
 * demand), or drops f's fix when that cannot be done: an unreadable file, a position that
 * is not in it, edits in several files or overlapping each other, a statement that does not
 * start its line.
 */
void fix_resolve(struct finding *f, struct srcfile_set *sources);

/* One file's share of a plan. */
struct fix_file {
    const struct srcfile *src;         /* borrowed from the sources given to fix_plan_build */
    const char *path;                  /* borrowed: relative to the root, as findings name it */
    const struct finding_edit **edits; /* borrowed; sorted by position */
    size_t nedits;
    size_t edits_cap; /* private */
    size_t nfixes;    /* findings whose fix is in this file */
    char *new_text;   /* the file with the edits applied */
    size_t new_len;
};

struct fix_plan {
    struct fix_file *files; /* read-only; sorted by path */
    size_t nfiles;
    size_t files_cap; /* private */
    size_t nfixes;    /* read-only: findings whose fix is planned */
    size_t nskipped;  /* read-only: fixes left out because they overlap an earlier one */
};

/*
 * Plans the fixes of every finding that is reported (finding_is_reported) and has a
 * resolved fix, in list order: a fix whose edits overlap an edit already planned is left
 * out (the next run offers it again); identical edits (two fixes adding the same #include)
 * are applied once. The plan borrows findings and sources. Free with fix_plan_fini.
 */
void fix_plan_build(struct fix_plan *plan, const struct finding_list *findings,
                    struct srcfile_set *sources);
void fix_plan_fini(struct fix_plan *plan);

/*
 * The plan as a unified diff ("--- a/PATH", "+++ b/PATH", 3 lines of context), PATH as
 * findings give it (relative to the root). Heap string; "" when the plan is empty.
 */
char *fix_plan_diff(const struct fix_plan *plan);

/* What writing one file came to. */
struct fix_result {
    char *path;    /* as findings name it */
    size_t nfixes; /* fixes written; 0 when the file was refused */
    char *problem; /* why it was refused or failed, or NULL */
};

/*
 * Writes every file of the plan (root: the absolute project root; files outside it, read-only
 * files and files changed since they were read are refused). Fills *results_out with one entry per
 * file (free with fix_results_free). Returns the number of files written.
 */
size_t fix_plan_apply(const struct fix_plan *plan, const char *root,
                      struct fix_result **results_out);
void fix_results_free(struct fix_result *results, size_t n);

#endif
