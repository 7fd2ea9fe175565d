/*
 * The text reporter: GNU/clang compiler format (file:line:col: level: message [ID]), which
 * vim's errorformat, Emacs' compilation mode and VS Code problem matchers read as is
 * (REQUIREMENTS §5.1). Columns are bytes, like clang's.
 */
#include "report.h"

#include "report_util.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

#define ANSI_RESET   "\033[0m"
#define ANSI_BOLD    "\033[1m"
#define ANSI_ERROR   "\033[1;31m"
#define ANSI_WARNING "\033[1;35m"
#define ANSI_NOTE    "\033[1;36m"
#define ANSI_CARET   "\033[1;32m"

/* Everything one call writes with: the output, the source cache, and whether to colour. */
struct text_ctx {
    struct strbuf out;
    struct report_source src;
    bool color;
};

static const char *level_color(enum sc_level level)
{
    switch (level) {
    case SC_LEVEL_ERROR:
        return ANSI_ERROR;
    case SC_LEVEL_WARNING:
        return ANSI_WARNING;
    case SC_LEVEL_NOTE:
        return ANSI_NOTE;
    }
    return ANSI_WARNING;
}

static void put_colored(struct text_ctx *tc, const char *color, const char *text)
{
    if (tc->color)
        strbuf_puts(&tc->out, color);
    strbuf_puts(&tc->out, text);
    if (tc->color)
        strbuf_puts(&tc->out, ANSI_RESET);
}

/* "path:line:col:", leaving out what is unknown (line or column 0), as GNU tools do. */
static void put_position(struct text_ctx *tc, const struct finding_loc *loc)
{
    char *pos;
    const char *path = loc->path ? loc->path : "";
    if (loc->line == 0)
        pos = xasprintf("%s:", path);
    else if (loc->col == 0)
        pos = xasprintf("%s:%u:", path, loc->line);
    else
        pos = xasprintf("%s:%u:%u:", path, loc->line, loc->col);
    put_colored(tc, ANSI_BOLD, pos);
    free(pos);
}

/* "path:line:col: level: message", the rule id in brackets when given, and a newline. */
static void put_diagnostic(struct text_ctx *tc, const struct finding_loc *loc, enum sc_level level,
                           const char *message, const char *rule_id)
{
    put_position(tc, loc);
    strbuf_putc(&tc->out, ' ');
    char *label = xasprintf("%s:", sc_level_name(level));
    put_colored(tc, level_color(level), label);
    free(label);
    strbuf_putc(&tc->out, ' ');
    strbuf_puts(&tc->out, message ? message : "");
    if (rule_id)
        strbuf_printf(&tc->out, " [%s]", rule_id);
    strbuf_putc(&tc->out, '\n');
}

/* Byte length of the character at s (an invalid byte is a character of its own). */
static size_t char_len(const char *s, size_t n)
{
    size_t k = report_utf8_len((const unsigned char *)s, n);
    return k ? k : 1;
}

/* The byte range [start, end) of line to underline, from the finding's range. */
static void caret_range(const struct finding_loc *loc, size_t len, size_t *start_out,
                        size_t *end_out)
{
    size_t start = loc->col > 0 ? (size_t)loc->col - 1 : 0;
    if (start > len)
        start = len;
    size_t end = start;
    if (loc->end_line == loc->line && loc->end_col > loc->col)
        end = (size_t)loc->end_col - 1;
    else if (loc->end_line > loc->line)
        end = len;
    if (end > len)
        end = len;
    *start_out = start;
    *end_out = end;
}

/*
 * The caret line under a source line. Tabs before the range are copied so that the caret
 * lands under the same screen column whatever the tab width; any other character, multi-byte
 * ones included, takes one space.
 */
static void put_caret(struct text_ctx *tc, const char *line, size_t len,
                      const struct finding_loc *loc)
{
    size_t start, end;
    caret_range(loc, len, &start, &end);
    for (size_t i = 0; i < start; i += char_len(line + i, len - i))
        strbuf_putc(&tc->out, line[i] == '\t' ? '\t' : ' ');
    if (tc->color)
        strbuf_puts(&tc->out, ANSI_CARET);
    strbuf_putc(&tc->out, '^');
    size_t i = start < end ? start + char_len(line + start, len - start) : end;
    for (; i < end; i += char_len(line + i, len - i))
        strbuf_putc(&tc->out, '~');
    if (tc->color)
        strbuf_puts(&tc->out, ANSI_RESET);
    strbuf_putc(&tc->out, '\n');
}

/*
 * The source line as is, except control characters other than tab, which become '?': a
 * hostile file must not send escape sequences to the user's terminal (SPEC §6).
 */
static void put_source(struct text_ctx *tc, const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        strbuf_putc(&tc->out, (c < 0x20 && c != '\t') || c == 0x7f ? '?' : (char)c);
    }
}

/* "   12 | source" then "      | ^~~~"; nothing when the file cannot be read. */
static void put_snippet(struct text_ctx *tc, const struct finding_loc *loc)
{
    size_t len;
    const char *line = report_source_line(&tc->src, loc->abs_path, loc->line, &len);
    if (!line)
        return;
    char *num = xasprintf("%5u", loc->line);
    strbuf_printf(&tc->out, "%s | ", num);
    put_source(tc, line, len);
    strbuf_putc(&tc->out, '\n');
    for (size_t i = 0; num[i]; i++)
        strbuf_putc(&tc->out, ' ');
    strbuf_puts(&tc->out, " | ");
    free(num);
    put_caret(tc, line, len, loc);
}

static void put_finding(struct text_ctx *tc, const struct finding *f)
{
    put_diagnostic(tc, &f->loc, f->level, f->message, f->rule_id);
    put_snippet(tc, &f->loc);
    /* A cross-function finding's trace tells the same story as its related locations, in
     * order: notes follow the trace then, and skip the step at the finding itself. */
    for (size_t i = 0; i < f->ntrace; i++) {
        const struct finding_loc *t = &f->trace[i];
        if (t->line == f->loc.line && t->col == f->loc.col && strcmp(t->path, f->loc.path) == 0)
            continue;
        put_diagnostic(tc, t, SC_LEVEL_NOTE, t->message ? t->message : "on the path here", NULL);
    }
    for (size_t i = 0; !f->ntrace && i < f->nrelated; i++) {
        const struct finding_loc *r = &f->related[i];
        put_diagnostic(tc, r, SC_LEVEL_NOTE, r->message ? r->message : "related location", NULL);
    }
}

static int path_ptr_cmp(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa;
    const char *b = *(const char *const *)pb;
    return strcmp(a ? a : "", b ? b : "");
}

/* How many different files the reported findings are in (the list need not be sorted). */
static size_t count_files(const struct finding_list *findings)
{
    const char **paths = xmalloc((findings->count + 1) * sizeof *paths);
    size_t n = 0;
    for (size_t i = 0; i < findings->count; i++) {
        if (finding_is_reported(&findings->items[i]))
            paths[n++] = findings->items[i].loc.path;
    }
    qsort(paths, n, sizeof *paths, path_ptr_cmp);
    size_t files = n > 0;
    for (size_t i = 1; i < n; i++)
        files += path_ptr_cmp(&paths[i - 1], &paths[i]) != 0;
    free(paths);
    return files;
}

/* "1 warning", "2 notes": n and the noun, plural when n is not 1. */
static void put_count(struct strbuf *sb, size_t n, const char *noun)
{
    strbuf_printf(sb, "%zu %s%s", n, noun, n == 1 ? "" : "s");
}

/* "2 warnings, 1 note in 2 files", errors first; "no findings" when there is none. */
static void put_finding_counts(struct strbuf *sb, const struct finding_list *findings)
{
    static const enum sc_level order[] = {SC_LEVEL_ERROR, SC_LEVEL_WARNING, SC_LEVEL_NOTE};
    int any = 0;
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        size_t n = 0;
        for (size_t i = 0; i < findings->count; i++)
            n += findings->items[i].level == order[k] && finding_is_reported(&findings->items[i]);
        if (n == 0)
            continue;
        if (any)
            strbuf_puts(sb, ", ");
        put_count(sb, n, sc_level_name(order[k]));
        any = 1;
    }
    if (!any) {
        strbuf_puts(sb, "no findings");
        return;
    }
    strbuf_puts(sb, " in ");
    put_count(sb, count_files(findings), "file");
}

/* "; 2 suppressed; 5 in the baseline": the findings the filters hid, when there are some. */
static void put_hidden(struct strbuf *sb, const struct finding_list *findings)
{
    size_t suppressed = 0, unchanged = 0;
    for (size_t i = 0; i < findings->count; i++) {
        suppressed += findings->items[i].suppressed;
        unchanged += !findings->items[i].suppressed &&
                     findings->items[i].baseline == FINDING_BASELINE_UNCHANGED;
    }
    if (suppressed)
        strbuf_printf(sb, "; %zu suppressed", suppressed);
    if (unchanged)
        strbuf_printf(sb, "; %zu in the baseline", unchanged);
}

/*
 * The last line. Problems themselves go to stderr from the driver; here they are counted
 * only, fatal ones ("could not be analysed") apart from files analysed in part (compile
 * errors, nesting too deep), and refused suppression comments and an unusable configuration
 * apart from both. A file's problems are adjacent (the driver adds them unit by unit), so a
 * file with several counts once.
 */
static void put_summary(struct strbuf *sb, const struct finding_list *findings,
                        const struct report_run *run)
{
    put_finding_counts(sb, findings);
    strbuf_puts(sb, " (");
    put_count(sb, run->files_analysed, "file");
    strbuf_puts(sb, " analysed)");
    put_hidden(sb, findings);
    size_t fatal = 0, partial = 0, refused = 0, config = 0;
    const char *last_partial = NULL;
    for (size_t i = 0; i < run->nproblems; i++) {
        const struct report_problem *p = &run->problems[i];
        const char *path = p->path;
        if (p->kind == REPORT_PROBLEM_CONFIGURATION) {
            config++;
        } else if (p->kind == REPORT_PROBLEM_SUPPRESSION) {
            refused++;
        } else if (p->fatal) {
            fatal++;
        } else if (path && (!last_partial || strcmp(path, last_partial) != 0)) {
            partial++;
            last_partial = path;
        }
    }
    if (config)
        strbuf_puts(sb, "; the configuration is invalid");
    if (refused) {
        strbuf_puts(sb, "; ");
        put_count(sb, refused, "suppression comment");
        strbuf_puts(sb, " refused");
    }
    if (fatal) {
        strbuf_puts(sb, "; ");
        put_count(sb, fatal, "file");
        strbuf_puts(sb, " could not be analysed");
    }
    if (partial) {
        strbuf_puts(sb, "; ");
        put_count(sb, partial, "file");
        strbuf_puts(sb, " analysed only in part");
    }
    strbuf_putc(sb, '\n');
}

char *report_text(const struct finding_list *findings, const struct report_run *run,
                  const struct report_options *opts)
{
    struct text_ctx tc;
    strbuf_init(&tc.out);
    report_source_init(&tc.src);
    tc.color = opts && opts->color;
    for (size_t i = 0; i < findings->count; i++) {
        if (finding_is_reported(&findings->items[i]))
            put_finding(&tc, &findings->items[i]);
    }
    if (!(opts && opts->quiet))
        put_summary(&tc.out, findings, run);
    report_source_fini(&tc.src);
    return strbuf_take(&tc.out);
}
