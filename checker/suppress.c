#include "suppress.h"

#include "rule.h"
#include "strbuf.h"
#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MARKER "sockcheck:"

void suppress_set_init(struct suppress_set *set)
{
    memset(set, 0, sizeof *set);
}

static void comment_fini(struct suppress_comment *c)
{
    finding_loc_fini(&c->loc);
    finding_loc_fini(&c->list);
    finding_loc_fini(&c->remove);
    for (size_t i = 0; i < c->nentries; i++)
        free(c->entries[i].spelling);
    free(c->entries);
    free(c->justification);
    free(c->text);
}

void suppress_set_fini(struct suppress_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        comment_fini(&set->comments[i]);
    free(set->comments);
    for (size_t i = 0; i < set->nproblems; i++) {
        free(set->problems[i].abs_path);
        free(set->problems[i].path);
        free(set->problems[i].message);
    }
    free(set->problems);
    suppress_set_init(set);
}

/* ---- one file ---------------------------------------------------------------------------- */

/* What scanning one file works with: its text, line starts, and where results go. */
struct scanner {
    struct suppress_set *set;
    const char *abs_path;
    const char *path;
    const char *text;
    size_t len;
    size_t *starts; /* line i + 1 starts at starts[i] */
    size_t nlines;
};

/* 1-based line and byte column of offset. */
static void position(const struct scanner *sc, size_t offset, unsigned *line, unsigned *col)
{
    size_t lo = 0, hi = sc->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (sc->starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    *line = (unsigned)lo + 1;
    *col = (unsigned)(offset - sc->starts[lo]) + 1;
}

/* A location of this file spanning the bytes [start, end). */
static void range_loc(const struct scanner *sc, size_t start, size_t end, struct finding_loc *out)
{
    memset(out, 0, sizeof *out);
    out->abs_path = xstrdup(sc->abs_path);
    out->path = xstrdup(sc->path);
    position(sc, start, &out->line, &out->col);
    position(sc, end, &out->end_line, &out->end_col);
}

static void problem(struct scanner *sc, size_t offset, const char *message)
{
    struct suppress_problem *p =
        XPUSH(sc->set->problems, sc->set->nproblems, sc->set->problems_cap);
    p->abs_path = xstrdup(sc->abs_path);
    p->path = xstrdup(sc->path);
    position(sc, offset, &p->line, &p->col);
    p->message = xstrdup(message);
}

static bool is_word(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The bytes [*s, *e) without the blanks at either end. */
static void trim(const char *text, size_t *s, size_t *e)
{
    while (*s < *e && isspace((unsigned char)text[*s]))
        (*s)++;
    while (*e > *s && isspace((unsigned char)text[*e - 1]))
        (*e)--;
}

/* The longest part of an unknown rule name that a message quotes. */
#define QUOTE_MAX 64

/*
 * An unknown rule name as a message shows it: at most QUOTE_MAX bytes (cut where no UTF-8
 * character is split, then "..."), control characters as '?' so that a hostile comment cannot
 * send escape sequences to a terminal. Caller frees.
 */
static char *quoted(const char *item)
{
    size_t len = strlen(item);
    size_t cut = len;
    if (len > QUOTE_MAX) {
        cut = QUOTE_MAX;
        while (cut > 0 && ((unsigned char)item[cut] & 0xC0) == 0x80)
            cut--;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)item[i];
        strbuf_putc(&sb, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
    if (cut < len)
        strbuf_puts(&sb, "...");
    return strbuf_take(&sb);
}

/*
 * The rules of the list [start, end) (between '[' and ']'), added to c. Unknown and empty
 * items are problems; the others still count.
 */
static void parse_list(struct scanner *sc, size_t start, size_t end, struct suppress_comment *c)
{
    size_t cap = 0;
    size_t p = start;
    for (;;) {
        size_t q = p;
        while (q < end && sc->text[q] != ',')
            q++;
        size_t s = p, e = q;
        trim(sc->text, &s, &e);
        char *item = xstrndup(sc->text + s, e - s);
        const struct rule *rule = e > s ? rule_find(item) : NULL;
        if (e == s) {
            problem(sc, s,
                    "a suppression names an empty rule: write 'ignore[SCK001]' or "
                    "'ignore[SCK001,SCK006]'");
        } else if (!rule) {
            char *shown = quoted(item);
            char *msg = xasprintf("a suppression names the unknown rule '%s' (sockcheck "
                                  "--list-rules lists the rules)",
                                  shown);
            problem(sc, s, msg);
            free(msg);
            free(shown);
        } else if (strcmp(rule->id, "SCK000") == 0) {
            problem(sc, s,
                    "SCK000 cannot be suppressed in the source: turn it off in the "
                    "configuration (\"rules\": {\"SCK000\": \"off\"}) instead");
        } else {
            struct suppress_entry *en = XPUSH(c->entries, c->nentries, cap);
            en->rule = rule;
            en->used = false;
            en->spelling = item;
            item = NULL;
        }
        free(item);
        if (q >= end)
            break;
        p = q + 1;
    }
}

/* The text of [start, end) with runs of white space folded to one space; caller frees. */
static char *folded(const char *text, size_t start, size_t end)
{
    struct strbuf sb;
    strbuf_init(&sb);
    bool space = false;
    for (size_t i = start; i < end; i++) {
        if (isspace((unsigned char)text[i])) {
            space = sb.len > 0;
            continue;
        }
        if (space)
            strbuf_putc(&sb, ' ');
        space = false;
        strbuf_putc(&sb, text[i]);
    }
    return strbuf_take(&sb);
}

/*
 * The justification: the rest of the comment after ']', with a leading ':' or '-' (as in
 * "ignore[SCK001]: reason"), line breaks and the '*' that starts continuation lines of a
 * block comment folded away. NULL when nothing is left.
 */
static char *justification(const char *text, size_t start, size_t end)
{
    struct strbuf sb;
    strbuf_init(&sb);
    size_t i = start;
    while (i < end && (is_blank(text[i]) || text[i] == ':' || text[i] == '-'))
        i++;
    for (; i < end; i++) {
        if (text[i] == '\n') {
            while (i + 1 < end && (isspace((unsigned char)text[i + 1]) || text[i + 1] == '*'))
                i++;
            strbuf_putc(&sb, ' ');
            continue;
        }
        if (text[i] != '\r')
            strbuf_putc(&sb, text[i]);
    }
    char *s = strbuf_take(&sb);
    char *out = folded(s, 0, strlen(s));
    free(s);
    if (!out[0]) {
        free(out);
        return NULL;
    }
    return out;
}

/*
 * What deleting the comment [start, end) deletes: its whole lines when nothing but blanks
 * shares them, else the comment with the blanks before it.
 */
static void removal_range(const struct scanner *sc, size_t start, size_t end, size_t *from,
                          size_t *to)
{
    size_t s = start, e = end;
    while (s > 0 && is_blank(sc->text[s - 1]))
        s--;
    while (e < sc->len && (is_blank(sc->text[e]) || sc->text[e] == '\r'))
        e++;
    bool line_start = s == 0 || sc->text[s - 1] == '\n';
    bool line_end = e == sc->len || sc->text[e] == '\n';
    if (line_start && line_end) {
        *from = s;
        *to = e < sc->len ? e + 1 : e;
    } else if (line_start) {
        *from = start; /* keep the indentation of the code after it */
        *to = e;
    } else {
        *from = s;
        *to = end;
    }
}

/* Where "sockcheck:" starts a word in [start, end), or end. */
static size_t find_marker(const char *text, size_t start, size_t end)
{
    size_t n = strlen(MARKER);
    for (size_t i = start; i + n <= end; i++) {
        if (memcmp(text + i, MARKER, n) == 0 && (i == start || !is_word(text[i - 1])))
            return i;
    }
    return end;
}

/*
 * Reads the directive at the marker in the comment [start, end) (body_end: where its text
 * ends, before any "* /"). Text that does not go on with "ignore" is prose and is left
 * alone; "ignore" without a list is refused.
 */
static void parse_comment(struct scanner *sc, size_t start, size_t end, size_t body_end,
                          size_t marker)
{
    const char *t = sc->text;
    size_t p = marker + strlen(MARKER);
    while (p < body_end && is_blank(t[p]))
        p++;
    if (body_end - p < 6 || memcmp(t + p, "ignore", 6) != 0 ||
        (p + 6 < body_end && is_word(t[p + 6])))
        return;
    p += 6;
    while (p < body_end && is_blank(t[p]))
        p++;
    if (p >= body_end || t[p] != '[') {
        problem(sc, marker,
                "a bare 'sockcheck: ignore' is refused: name the rules it suppresses, as in "
                "'sockcheck: ignore[SCK001] reason'");
        return;
    }
    size_t close = p;
    while (close < body_end && t[close] != ']' && t[close] != '\n')
        close++;
    if (close >= body_end || t[close] != ']') {
        problem(sc, p, "a suppression's rule list has no closing ']'");
        return;
    }
    struct suppress_comment c;
    memset(&c, 0, sizeof c);
    parse_list(sc, p + 1, close, &c);
    if (c.nentries == 0) {
        comment_fini(&c);
        return;
    }
    size_t first_eol = start;
    while (first_eol < end && t[first_eol] != '\n' && t[first_eol] != '\r')
        first_eol++;
    range_loc(sc, start, first_eol, &c.loc);
    unsigned col;
    position(sc, end > start ? end - 1 : end, &c.last_line, &col);
    range_loc(sc, p, close + 1, &c.list);
    size_t from, to;
    removal_range(sc, start, end, &from, &to);
    range_loc(sc, from, to, &c.remove);
    c.justification = justification(t, close + 1, body_end);
    c.text = folded(t, marker, body_end);
    *XPUSH(sc->set->comments, sc->set->count, sc->set->cap) = c;
}

/* A comment [start, end) whose text is [body, body_end): looks for the marker in it. */
static void comment(struct scanner *sc, size_t start, size_t end, size_t body, size_t body_end)
{
    size_t marker = find_marker(sc->text, body, body_end);
    if (marker < body_end)
        parse_comment(sc, start, end, body_end, marker);
}

/* Skips a string or character literal at i; returns the index after it. */
static size_t skip_literal(const char *text, size_t len, size_t i)
{
    char quote = text[i++];
    while (i < len && text[i] != quote && text[i] != '\n') {
        if (text[i] == '\\' && i + 1 < len)
            i++;
        i++;
    }
    return i < len && text[i] == quote ? i + 1 : i;
}

static void index_lines(struct scanner *sc)
{
    size_t cap = 0;
    *XPUSH(sc->starts, sc->nlines, cap) = 0;
    for (size_t i = 0; i < sc->len; i++) {
        if (sc->text[i] == '\n')
            *XPUSH(sc->starts, sc->nlines, cap) = i + 1;
    }
}

void suppress_scan(struct suppress_set *set, const char *abs_path, const char *path,
                   const char *text, size_t len)
{
    struct scanner sc = {set, abs_path, path ? path : abs_path, text, len, NULL, 0};
    index_lines(&sc);
    size_t i = 0;
    while (i < len) {
        if (text[i] == '"' || text[i] == '\'') {
            i = skip_literal(text, len, i);
        } else if (text[i] == '/' && i + 1 < len && text[i + 1] == '/') {
            size_t end = i + 2;
            while (end < len && text[end] != '\n')
                end++;
            size_t body_end = end > i + 2 && text[end - 1] == '\r' ? end - 1 : end;
            comment(&sc, i, body_end, i + 2, body_end);
            i = end;
        } else if (text[i] == '/' && i + 1 < len && text[i + 1] == '*') {
            const char *close = NULL;
            for (size_t k = i + 2; k + 1 < len && !close; k++) {
                if (text[k] == '*' && text[k + 1] == '/')
                    close = text + k;
            }
            size_t body_end = close ? (size_t)(close - text) : len;
            size_t end = close ? body_end + 2 : len;
            comment(&sc, i, end, i + 2, body_end);
            i = end;
        } else {
            i++;
        }
    }
    free(sc.starts);
}

/* ---- findings ----------------------------------------------------------------------------- */

static bool covers(const struct suppress_comment *c, const struct finding *f)
{
    return f->loc.abs_path && c->loc.abs_path && strcmp(f->loc.abs_path, c->loc.abs_path) == 0 &&
           f->loc.line >= c->loc.line && f->loc.line <= c->last_line + 1;
}

void suppress_apply(struct suppress_set *set, struct finding_list *findings)
{
    for (size_t i = 0; i < findings->count; i++) {
        struct finding *f = &findings->items[i];
        if (strcmp(f->rule_id, "SCK000") == 0)
            continue;
        for (size_t k = 0; k < set->count; k++) {
            struct suppress_comment *c = &set->comments[k];
            if (!covers(c, f))
                continue;
            for (size_t e = 0; e < c->nentries; e++) {
                if (strcmp(c->entries[e].rule->id, f->rule_id) != 0)
                    continue;
                c->entries[e].used = true;
                if (f->suppressed)
                    continue;
                f->suppressed = true;
                f->justification = xstrdup(c->justification);
                finding_loc_copy(&f->suppression, &c->loc);
            }
        }
    }
}

/* "SCK001 (missing-reuseaddr)", "SCK001 (...) and SCK006 (...)": the rules of unused
 * entries. */
static char *unused_names(const struct suppress_comment *c, const bool *unused)
{
    struct strbuf sb;
    strbuf_init(&sb);
    size_t total = 0, done = 0;
    for (size_t i = 0; i < c->nentries; i++)
        total += unused[i];
    for (size_t i = 0; i < c->nentries; i++) {
        if (!unused[i])
            continue;
        if (done > 0)
            strbuf_puts(&sb, done + 1 == total ? " and " : ", ");
        strbuf_printf(&sb, "%s (%s)", c->entries[i].rule->id, c->entries[i].rule->name);
        done++;
    }
    return strbuf_take(&sb);
}

/* The list without its unused entries, as written: "[SCK001]". */
static char *kept_list(const struct suppress_comment *c, const bool *unused)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_putc(&sb, '[');
    bool first = true;
    for (size_t i = 0; i < c->nentries; i++) {
        if (unused[i])
            continue;
        if (!first)
            strbuf_puts(&sb, ", ");
        strbuf_puts(&sb, c->entries[i].spelling);
        first = false;
    }
    strbuf_putc(&sb, ']');
    return strbuf_take(&sb);
}

static void report_comment(const struct suppress_comment *c, const bool *unused, size_t nunused,
                           const struct rule *sck000, struct finding_list *out)
{
    struct finding *f = finding_list_add(out);
    f->rule_id = sck000->id;
    f->rule_name = sck000->name;
    f->level = sck000->level;
    f->call_text = xstrdup(c->text);
    finding_loc_copy(&f->loc, &c->loc);
    char *names = unused_names(c, unused);
    if (nunused == c->nentries) {
        f->message = xasprintf("This suppression of %s matches no finding on its line or the "
                               "next; remove it.",
                               names);
        f->fix_description = xstrdup("Remove the unused suppression comment");
        finding_add_edit(f, FINDING_EDIT_REPLACE, &c->remove, "");
    } else {
        f->message =
            xasprintf("%s in this suppression %s no finding on its line or the next; "
                      "remove %s from the list.",
                      names, nunused == 1 ? "matches" : "match", nunused == 1 ? "it" : "them");
        f->fix_description = xasprintf("Remove %s from the suppression", names);
        char *list = kept_list(c, unused);
        finding_add_edit(f, FINDING_EDIT_REPLACE, &c->list, list);
        free(list);
    }
    free(names);
}

void suppress_report_unused(const struct suppress_set *set, const struct rule *sck000,
                            suppress_rule_checked_fn checked, void *arg, struct finding_list *out)
{
    for (size_t k = 0; k < set->count; k++) {
        const struct suppress_comment *c = &set->comments[k];
        bool *unused = xcalloc(c->nentries, sizeof *unused);
        size_t nunused = 0;
        for (size_t e = 0; e < c->nentries; e++) {
            const struct suppress_entry *en = &c->entries[e];
            unused[e] = !en->used && (!checked || checked(en->rule, arg));
            nunused += unused[e];
        }
        if (nunused > 0)
            report_comment(c, unused, nunused, sck000, out);
        free(unused);
    }
}
