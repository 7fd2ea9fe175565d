/*
 * The suppression-comment parser (suppress_scan) on arbitrary source text: every refusal
 * names a line and column within the text; every comment it keeps names known rules and
 * spans its own "[...]"; and the SCK000 fix that trims an unused rule from a list gives text
 * in which the same comment names just the rule that was kept.
 */
#include "fuzz.h"
#include "rule.h"
#include "suppress.h"
#include "xalloc.h"

#include <string.h>

#define ABS_PATH "/fuzz/src/a.c"
#define PATH     "src/a.c"

/* Line starts of a text, to turn (line, column) back into byte offsets. */
struct lines {
    size_t *starts;
    size_t n;
    size_t len;
};

static void lines_init(struct lines *ls, const char *text, size_t len)
{
    size_t cap = 0;
    memset(ls, 0, sizeof *ls);
    ls->len = len;
    *XPUSH(ls->starts, ls->n, cap) = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n')
            *XPUSH(ls->starts, ls->n, cap) = i + 1;
    }
}

/* The offset of (line, col), checked to be within the text. */
static size_t offset_of(const struct lines *ls, unsigned line, unsigned col)
{
    FUZZ_CHECK(line >= 1 && line <= ls->n, "line %u of %zu", line, ls->n);
    size_t end = line < ls->n ? ls->starts[line] : ls->len;
    size_t at = ls->starts[line - 1] + col - 1;
    FUZZ_CHECK(col >= 1 && at <= end, "column %u past line %u", col, line);
    return at;
}

static void check_problems(const struct suppress_set *set, const struct lines *ls)
{
    for (size_t i = 0; i < set->nproblems; i++) {
        const struct suppress_problem *p = &set->problems[i];
        FUZZ_CHECK(strcmp(p->path, PATH) == 0 && strcmp(p->abs_path, ABS_PATH) == 0, "paths");
        FUZZ_CHECK(p->message && p->message[0], "problem without a message");
        /* Messages go to terminals: short, and no control character from the input. */
        FUZZ_CHECK(strlen(p->message) < 512, "a message of %zu bytes", strlen(p->message));
        for (const char *m = p->message; *m; m++)
            FUZZ_CHECK((unsigned char)*m >= 0x20 && *m != 0x7f, "control byte in '%s'", p->message);
        (void)offset_of(ls, p->line, p->col);
    }
}

static void check_comment(const struct suppress_comment *c, const char *text,
                          const struct lines *ls)
{
    FUZZ_CHECK(c->nentries > 0, "a comment without rules");
    for (size_t e = 0; e < c->nentries; e++) {
        const struct suppress_entry *en = &c->entries[e];
        FUZZ_CHECK(en->rule && strcmp(en->rule->id, "SCK000") != 0, "entry %zu's rule", e);
        FUZZ_CHECK(rule_find(en->spelling) == en->rule, "'%s' is not its rule", en->spelling);
        FUZZ_CHECK(!en->used, "used before any finding");
    }
    FUZZ_CHECK(c->loc.line <= c->last_line && c->last_line <= ls->n, "lines %u..%u of %zu",
               c->loc.line, c->last_line, ls->n);
    size_t start = offset_of(ls, c->loc.line, c->loc.col);
    size_t open = offset_of(ls, c->list.line, c->list.col);
    size_t close = offset_of(ls, c->list.end_line, c->list.end_col);
    FUZZ_CHECK(start < open && open < close, "list outside its comment");
    FUZZ_CHECK(text[open] == '[' && text[close - 1] == ']', "list is not [...]");
    size_t from = offset_of(ls, c->remove.line, c->remove.col);
    size_t to = offset_of(ls, c->remove.end_line, c->remove.end_col);
    FUZZ_CHECK(from <= start && to >= close, "removal does not cover the comment");
    FUZZ_CHECK(c->text && strncmp(c->text, "sockcheck:", 10) == 0, "text '%s'", c->text);
}

/* Every SCK000 finding (nothing was used) removes its whole comment. */
static void check_unused_all(const struct suppress_set *set)
{
    struct finding_list out = {0};
    const struct rule *sck000 = rule_find("SCK000");
    suppress_report_unused(set, sck000, NULL, NULL, &out);
    FUZZ_CHECK(out.count == set->count, "%zu unused reports for %zu comments", out.count,
               set->count);
    for (size_t i = 0; i < out.count; i++) {
        const struct finding_edit *ed = &out.items[i].edits[0];
        const struct finding_loc *rm = &set->comments[i].remove;
        FUZZ_CHECK(out.items[i].nedits == 1 && ed->text[0] == '\0' && ed->loc.line == rm->line &&
                       ed->loc.col == rm->col && ed->loc.end_line == rm->end_line &&
                       ed->loc.end_col == rm->end_col,
                   "report %zu does not remove its comment", i);
    }
    finding_list_fini(&out);
}

/*
 * With the first rule of comment k used, the fix replaces its list with that rule alone;
 * applied to the text, the comment at the same place then names that rule only.
 */
static void check_trim(struct suppress_set *set, size_t k, const char *text, size_t len,
                       const struct lines *ls)
{
    struct suppress_comment *c = &set->comments[k];
    c->entries[0].used = true;
    struct suppress_set one = {.comments = c, .count = 1};
    struct finding_list out = {0};
    suppress_report_unused(&one, rule_find("SCK000"), NULL, NULL, &out);
    c->entries[0].used = false;
    FUZZ_CHECK(out.count == 1 && out.items[0].nedits == 1, "no trim for comment %zu", k);
    const struct finding_edit *ed = &out.items[0].edits[0];
    size_t from = offset_of(ls, ed->loc.line, ed->loc.col);
    size_t to = offset_of(ls, ed->loc.end_line, ed->loc.end_col);
    size_t n = strlen(ed->text);
    char *edited = xmalloc(len - (to - from) + n + 1);
    memcpy(edited, text, from);
    memcpy(edited + from, ed->text, n);
    memcpy(edited + from + n, text + to, len - to);
    size_t new_len = len - (to - from) + n;
    struct suppress_set again;
    suppress_set_init(&again);
    suppress_scan(&again, ABS_PATH, PATH, edited, new_len);
    FUZZ_CHECK(again.count == set->count, "%zu comments after the trim, %zu before", again.count,
               set->count);
    const struct suppress_comment *t = &again.comments[k];
    FUZZ_CHECK(t->loc.line == c->loc.line && t->loc.col == c->loc.col, "comment moved");
    FUZZ_CHECK(t->nentries == 1 && t->entries[0].rule == c->entries[0].rule,
               "trimmed comment names %zu rules", t->nentries);
    suppress_set_fini(&again);
    free(edited);
    finding_list_fini(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct suppress_set set;
    suppress_set_init(&set);
    suppress_scan(&set, ABS_PATH, PATH, text, size);
    struct lines ls;
    lines_init(&ls, text, size);
    check_problems(&set, &ls);
    for (size_t i = 0; i < set.count; i++)
        check_comment(&set.comments[i], text, &ls);
    check_unused_all(&set);
    for (size_t i = 0; i < set.count; i++) {
        if (set.comments[i].nentries > 1) {
            check_trim(&set, i, text, size, &ls);
            break;
        }
    }
    free(ls.starts);
    suppress_set_fini(&set);
    return 0;
}
