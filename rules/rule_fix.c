#include "rule_fix.h"

#include "xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void rule_fix_describe(struct finding *f, const char *description)
{
    free(f->fix_description);
    f->fix_description = xstrdup(description);
}

static void add_edit(const struct facts *facts, const char *root, struct finding *f,
                     enum finding_edit_kind kind, struct sc_range range, const char *text)
{
    struct finding_loc loc;
    rule_location(facts, root, range, NULL, &loc);
    finding_add_edit(f, kind, &loc, text);
    finding_loc_fini(&loc);
}

void rule_fix_replace(const struct facts *facts, const char *root, struct finding *f,
                      struct sc_range range, const char *text)
{
    add_edit(facts, root, f, FINDING_EDIT_REPLACE, range, text);
}

bool rule_fix_insert_before(const struct facts *facts, const char *root, struct finding *f,
                            const struct ir_event *at, const char *lines)
{
    if (at->stmt.line == 0 || at->stmt.col == 0)
        return false;
    struct sc_range start = at->stmt;
    start.end_line = start.line;
    start.end_col = start.col;
    add_edit(facts, root, f, FINDING_EDIT_INSERT_LINES, start, lines);
    return true;
}

void rule_fix_include(const struct facts *facts, const char *root, struct finding *f,
                      struct sc_range range, const char *header)
{
    range.line = range.end_line = 1;
    range.col = range.end_col = 1;
    add_edit(facts, root, f, FINDING_EDIT_INCLUDE, range, header);
}

static bool is_ident_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static bool is_ident(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

char *rule_fix_sock_expr(const char *path)
{
    if (!path)
        return NULL;
    const char *p = strncmp(path, "::", 2) == 0 ? path + 2 : path;
    const char *q = p;
    for (;;) {
        if (!is_ident_start(*q))
            return NULL;
        while (is_ident(*q))
            q++;
        if (*q == '\0')
            return xstrdup(p);
        if (q[0] == '.')
            q++;
        else if (q[0] == '-' && q[1] == '>')
            q += 2;
        else
            return NULL; /* "[]", "#2", anything else */
    }
}

/* Whether position (line, col) lies within range (its end included). */
static bool within(unsigned line, unsigned col, struct sc_range range)
{
    if (line < range.line || line > range.end_line)
        return false;
    if (line == range.line && col < range.col)
        return false;
    return !(line == range.end_line && col > range.end_col);
}

void rule_fix_reuseaddr(const struct facts *facts, const char *root, struct finding *f,
                        const struct ir_event *at, const char *sock_path,
                        const struct ir_event *create)
{
    char *sock = rule_fix_sock_expr(sock_path);
    if (!sock || at->stmt.line == 0)
        goto out;
    if (create && create->range.file == at->stmt.file &&
        within(create->range.line, create->range.col, at->stmt))
        goto out; /* the socket does not exist yet where the call would go */
    char *lines = xasprintf("if (setsockopt(%s, SOL_SOCKET, SO_REUSEADDR, &(int){1}, "
                            "sizeof(int)) < 0)\nperror(\"setsockopt(SO_REUSEADDR)\");",
                            sock);
    if (rule_fix_insert_before(facts, root, f, at, lines)) {
        rule_fix_include(facts, root, f, at->stmt, "<stdio.h>");
        char *what = xasprintf("Set SO_REUSEADDR on '%s' before the bind()", sock);
        rule_fix_describe(f, what);
        free(what);
    }
    free(lines);
out:
    free(sock);
}
