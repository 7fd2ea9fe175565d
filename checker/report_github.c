/*
 * The GitHub Actions reporter: workflow commands that the runner turns into annotations on
 * the pull request and the run summary (REQUIREMENTS §4.2). One line per finding:
 *
 *   ::warning file=src/server.c,line=12,endLine=12,col=9,endColumn=52,title=SCK001 ...::text
 *
 * Everything user-controlled (paths, messages) is escaped the way the runner unescapes it, so
 * a newline or "::" in a message cannot start a command of its own.
 */
#include "report.h"

#include "report_util.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>

/* The command for a level: GitHub knows error, warning and notice. */
static const char *command_of(enum sc_level level)
{
    switch (level) {
    case SC_LEVEL_ERROR:
        return "error";
    case SC_LEVEL_WARNING:
        return "warning";
    case SC_LEVEL_NOTE:
        return "notice";
    }
    return "warning";
}

/*
 * Escapes s into out as the runner unescapes it: "%" first (so that an escape is never
 * escaped twice), CR and LF; in properties also ":" and "," which separate them.
 */
static void put_escaped(struct strbuf *out, const char *s, int property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%':
            strbuf_puts(out, "%25");
            break;
        case '\r':
            strbuf_puts(out, "%0D");
            break;
        case '\n':
            strbuf_puts(out, "%0A");
            break;
        case ':':
            strbuf_puts(out, property ? "%3A" : ":");
            break;
        case ',':
            strbuf_puts(out, property ? "%2C" : ",");
            break;
        default:
            strbuf_putc(out, *s);
        }
    }
}

/* A byte column as a UTF-16 column of its line (what GitHub's web view counts), or as is
 * when the line cannot be read. */
static unsigned utf16_col(struct report_source *src, const struct finding_loc *loc, unsigned line,
                          unsigned byte_col)
{
    size_t len;
    const char *text = report_source_line(src, loc->abs_path, line, &len);
    return text ? report_utf16_column(text, len, byte_col) : byte_col;
}

/*
 * ",line=..,endLine=..,col=..,endColumn=..": what is known of the range. Columns only on a
 * one-line range, which is all the runner accepts (actions/toolkit AnnotationProperties).
 */
static void put_range(struct strbuf *out, struct report_source *src, const struct finding_loc *loc)
{
    if (loc->line == 0)
        return;
    unsigned end_line = loc->end_line >= loc->line ? loc->end_line : loc->line;
    strbuf_printf(out, ",line=%u,endLine=%u", loc->line, end_line);
    if (loc->col == 0 || end_line != loc->line)
        return;
    strbuf_printf(out, ",col=%u", utf16_col(src, loc, loc->line, loc->col));
    if (loc->end_col > loc->col)
        strbuf_printf(out, ",endColumn=%u", utf16_col(src, loc, loc->line, loc->end_col));
}

/* "path:line:col: note: message" as one more line of an annotation's text. */
static void put_note(struct strbuf *text, const struct finding_loc *loc, const char *fallback)
{
    strbuf_printf(text, "\n%s:%u:%u: note: %s", loc->path ? loc->path : "", loc->line, loc->col,
                  loc->message ? loc->message : fallback);
}

static void put_finding(struct strbuf *out, struct report_source *src, const struct finding *f)
{
    strbuf_printf(out, "::%s file=", command_of(f->level));
    put_escaped(out, f->loc.path, 1);
    put_range(out, src, &f->loc);
    strbuf_puts(out, ",title=");
    char *title = xasprintf("%s %s", f->rule_id, f->rule_name ? f->rule_name : "");
    put_escaped(out, title, 1);
    free(title);
    strbuf_puts(out, "::");
    struct strbuf text;
    strbuf_init(&text);
    strbuf_puts(&text, f->message ? f->message : "");
    for (size_t i = 0; i < f->nrelated; i++)
        put_note(&text, &f->related[i], "related location");
    for (size_t i = 0; i < f->ntrace; i++)
        put_note(&text, &f->trace[i], "on the path here");
    char *body = strbuf_take(&text);
    put_escaped(out, body, 0);
    free(body);
    strbuf_putc(out, '\n');
}

/* A file that could not be analysed (error) or only in part (warning). */
static void put_problem(struct strbuf *out, const struct report_problem *p)
{
    strbuf_printf(out, "::%s ", p->fatal ? "error" : "warning");
    if (p->path) {
        strbuf_puts(out, "file=");
        put_escaped(out, p->path, 1);
        if (p->line)
            strbuf_printf(out, ",line=%u", p->line);
        strbuf_putc(out, ',');
    }
    strbuf_puts(out, "title=sockcheck::");
    put_escaped(out, p->message, 0);
    strbuf_putc(out, '\n');
}

char *report_github(const struct finding_list *findings, const struct report_run *run)
{
    struct strbuf out;
    struct report_source src;
    strbuf_init(&out);
    report_source_init(&src);
    for (size_t i = 0; i < run->nproblems; i++)
        put_problem(&out, &run->problems[i]);
    /* Errors first, then warnings, then notes, each in the list's order: GitHub shows only
     * the first few annotations of a step (REQUIREMENTS §4.2). */
    static const enum sc_level order[] = {SC_LEVEL_ERROR, SC_LEVEL_WARNING, SC_LEVEL_NOTE};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        for (size_t i = 0; i < findings->count; i++)
            /* Suppressed or already in the baseline: nothing to annotate (as in text). */
            if (findings->items[i].level == order[k] && finding_is_reported(&findings->items[i]))
                put_finding(&out, &src, &findings->items[i]);
    report_source_fini(&src);
    return strbuf_take(&out);
}
