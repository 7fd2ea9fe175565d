#include "fix.h"

#include "path.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIFF_CONTEXT 3

/* ---- resolving --------------------------------------------------------------------------- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The leading blanks of a line: [line, line + *n). */
static size_t indent_len(const char *line, size_t len)
{
    size_t n = 0;
    while (n < len && is_blank(line[n]))
        n++;
    return n;
}

/*
 * One indentation level, as the file writes it: what line's indentation adds to that of
 * the nearest line above with a shorter one (the line that opens its block). A tab when
 * the file indents with tabs; four spaces when nothing tells.
 */
static char *indent_unit(const struct srcfile *src, unsigned line, const char *indent, size_t n)
{
    for (unsigned l = line; l-- > 1;) {
        size_t len;
        const char *text = srcfile_line(src, l, &len);
        size_t k = text ? indent_len(text, len) : 0;
        if (!text || k == len || k >= n)
            continue; /* blank lines and deeper or equal ones do not open the block */
        if (memcmp(text, indent, k) == 0)
            return xstrndup(indent + k, n - k);
        break;
    }
    return xstrdup(n > 0 && indent[0] == '\t' ? "\t" : "    ");
}

/*
 * INSERT_LINES → an insertion at the statement's first column: the lines, the later ones a
 * level deeper, each line break followed by the statement's indentation, so that the
 * statement itself keeps its place (VS Code trims a region's start to the first non-blank
 * column, REQUIREMENTS §1.8, so the insertion must begin there).
 */
static bool resolve_lines(struct finding_edit *e, const struct srcfile *src)
{
    size_t len;
    const char *line = srcfile_line(src, e->loc.line, &len);
    if (!line || e->loc.col == 0 || (size_t)e->loc.col - 1 > len)
        return false;
    size_t n = (size_t)e->loc.col - 1;
    if (indent_len(line, len) != n || n == len)
        return false; /* the statement does not start its line: no line to put before it */
    char *unit = indent_unit(src, e->loc.line, line, n);
    struct strbuf sb;
    strbuf_init(&sb);
    const char *p = e->text;
    for (bool first = true;; first = false) {
        const char *nl = strchr(p, '\n');
        size_t k = nl ? (size_t)(nl - p) : strlen(p);
        if (!first)
            strbuf_puts(&sb, unit);
        strbuf_add(&sb, p, k);
        strbuf_putc(&sb, '\n');
        strbuf_add(&sb, line, n);
        if (!nl)
            break;
        p = nl + 1;
    }
    free(unit);
    free(e->text);
    e->text = strbuf_take(&sb);
    e->kind = FINDING_EDIT_REPLACE;
    e->loc.end_line = e->loc.line;
    e->loc.end_col = e->loc.col;
    return true;
}

/*
 * The directive of a preprocessor line ("include", "if" ...) into word ("" when the line is
 * none); returns the index after the word.
 */
static size_t directive_of(const char *line, size_t len, char *word, size_t size)
{
    size_t i = indent_len(line, len), n = 0;
    word[0] = '\0';
    if (i >= len || line[i] != '#')
        return i;
    for (i++; i < len && is_blank(line[i]); i++)
        ;
    while (i < len && line[i] >= 'a' && line[i] <= 'z') {
        if (n + 1 < size)
            word[n++] = line[i];
        i++;
    }
    word[n] = '\0';
    return i;
}

/* Whether the line includes header ("<stdio.h>"), spelled with <> or "". */
static bool includes(const char *line, size_t len, const char *header)
{
    char word[16];
    size_t i = directive_of(line, len, word, sizeof word);
    if (strcmp(word, "include") != 0)
        return false;
    while (i < len && is_blank(line[i]))
        i++;
    size_t hl = strlen(header);
    if (hl < 2 || len - i < hl || (line[i] != '<' && line[i] != '"'))
        return false;
    return memcmp(line + i + 1, header + 1, hl - 2) == 0 &&
           line[i + hl - 1] == (line[i] == '<' ? '>' : '"');
}

/*
 * INCLUDE → nothing when the file already includes the header, else an insertion of
 * "#include <header>" before the first #include outside any #if (after the feature-test
 * macros that must precede every system header), or at the top when there is none.
 */
static bool resolve_include(struct finding_edit *e, const struct srcfile *src, bool *drop_out)
{
    unsigned first = 0;
    int depth = 0;
    *drop_out = false;
    for (unsigned l = 1; l <= src->nlines; l++) {
        size_t len;
        /* Every finding with a fix looks at every line: most are no directive, skip them
         * before measuring them (a file with 1,000 findings, docs/performance.md). */
        const char *start = src->data + src->starts[l - 1];
        while (*start == ' ' || *start == '\t')
            start++;
        if (*start != '#')
            continue;
        const char *line = srcfile_line(src, l, &len);
        char word[16];
        if (includes(line, len, e->text)) {
            *drop_out = true;
            return true;
        }
        directive_of(line, len, word, sizeof word);
        if (strncmp(word, "if", 2) == 0)
            depth++;
        else if (strcmp(word, "endif") == 0 && depth > 0)
            depth--;
        else if (strcmp(word, "include") == 0 && depth == 0 && first == 0)
            first = l;
    }
    char *text = xasprintf("#include %s\n", e->text);
    free(e->text);
    e->text = text;
    e->kind = FINDING_EDIT_REPLACE;
    e->loc.line = e->loc.end_line = first ? first : 1;
    e->loc.col = e->loc.end_col = 1;
    return true;
}

/* A REPLACE edit's range must lie in the file, start before its end. */
static bool check_range(const struct finding_edit *e, const struct srcfile *src)
{
    size_t s, t;
    return srcfile_offset(src, e->loc.line, e->loc.col, &s) &&
           srcfile_offset(src, e->loc.end_line, e->loc.end_col, &t) && s <= t;
}

static void edit_offsets(const struct finding_edit *e, const struct srcfile *src, size_t *s,
                         size_t *t)
{
    if (!srcfile_offset(src, e->loc.line, e->loc.col, s) ||
        !srcfile_offset(src, e->loc.end_line, e->loc.end_col, t))
        *s = *t = 0; /* resolved edits always have valid offsets */
}

/* Whether [s1, t1) and [s2, t2) cannot both be applied (an insertion inside a range too). */
static bool overlaps(size_t s1, size_t t1, size_t s2, size_t t2)
{
    return s1 < t2 && s2 < t1;
}

static bool edits_overlap(const struct finding *f, const struct srcfile *src)
{
    for (size_t i = 0; i < f->nedits; i++) {
        for (size_t k = i + 1; k < f->nedits; k++) {
            size_t s1, t1, s2, t2;
            edit_offsets(&f->edits[i], src, &s1, &t1);
            edit_offsets(&f->edits[k], src, &s2, &t2);
            if (overlaps(s1, t1, s2, t2))
                return true;
        }
    }
    return false;
}

static void remove_edit(struct finding *f, size_t i)
{
    finding_loc_fini(&f->edits[i].loc);
    free(f->edits[i].text);
    memmove(&f->edits[i], &f->edits[i + 1], (f->nedits - i - 1) * sizeof f->edits[0]);
    f->nedits--;
}

static bool resolve_edit(struct finding *f, size_t *i, const struct srcfile *src)
{
    struct finding_edit *e = &f->edits[*i];
    bool drop = false;
    bool ok = true;
    if (e->kind == FINDING_EDIT_INSERT_LINES)
        ok = resolve_lines(e, src);
    else if (e->kind == FINDING_EDIT_INCLUDE)
        ok = resolve_include(e, src, &drop);
    if (ok && drop) {
        remove_edit(f, *i);
        return true;
    }
    ok = ok && check_range(e, src);
    (*i)++;
    return ok;
}

void fix_resolve(struct finding *f, struct srcfile_set *sources)
{
    if (f->nedits == 0) {
        finding_drop_fix(f);
        return;
    }
    const char *abs = f->edits[0].loc.abs_path;
    const struct srcfile *src = abs ? srcfile_get(sources, abs) : NULL;
    bool ok = src && src->data;
    for (size_t i = 0; ok && i < f->nedits; i++) {
        const char *p = f->edits[i].loc.abs_path;
        ok = p && strcmp(p, abs) == 0;
    }
    for (size_t i = 0; ok && i < f->nedits;)
        ok = resolve_edit(f, &i, src);
    if (!ok || f->nedits == 0 || edits_overlap(f, src))
        finding_drop_fix(f);
}

/* ---- planning ---------------------------------------------------------------------------- */

static struct fix_file *plan_file(struct fix_plan *plan, const struct srcfile *src,
                                  const char *path)
{
    for (size_t i = 0; i < plan->nfiles; i++) {
        if (plan->files[i].src == src)
            return &plan->files[i];
    }
    struct fix_file *ff = XPUSH(plan->files, plan->nfiles, plan->files_cap);
    memset(ff, 0, sizeof *ff);
    ff->src = src;
    ff->path = path;
    return ff;
}

static bool same_edit(const struct finding_edit *a, const struct finding_edit *b,
                      const struct srcfile *src)
{
    size_t s1, t1, s2, t2;
    edit_offsets(a, src, &s1, &t1);
    edit_offsets(b, src, &s2, &t2);
    return s1 == s2 && t1 == t2 && strcmp(a->text, b->text) == 0;
}

/* Whether edit e of a new fix clashes with an edit already planned in ff (identical ones
 * do not: they are applied once). *dup_out tells that it is already there. */
static bool clashes(const struct fix_file *ff, const struct finding_edit *e, bool *dup_out)
{
    size_t s, t;
    edit_offsets(e, ff->src, &s, &t);
    *dup_out = false;
    for (size_t i = 0; i < ff->nedits; i++) {
        if (same_edit(ff->edits[i], e, ff->src)) {
            *dup_out = true;
            return false;
        }
        size_t s2, t2;
        edit_offsets(ff->edits[i], ff->src, &s2, &t2);
        if (overlaps(s, t, s2, t2))
            return true;
    }
    return false;
}

/* Adds f's fix to ff unless one of its edits clashes; returns whether it was added. */
static bool plan_fix(struct fix_file *ff, const struct finding *f)
{
    bool dup;
    for (size_t i = 0; i < f->nedits; i++) {
        if (clashes(ff, &f->edits[i], &dup))
            return false;
    }
    for (size_t i = 0; i < f->nedits; i++) {
        if (!clashes(ff, &f->edits[i], &dup) && !dup)
            *XPUSH(ff->edits, ff->nedits, ff->edits_cap) = &f->edits[i];
    }
    ff->nfixes++;
    return true;
}

/* Sorts a file's edits by position, keeping planning order among insertions at one point. */
static void sort_edits(struct fix_file *ff)
{
    for (size_t i = 1; i < ff->nedits; i++) {
        const struct finding_edit *e = ff->edits[i];
        size_t s, t;
        edit_offsets(e, ff->src, &s, &t);
        size_t k = i;
        while (k > 0) {
            size_t s2, t2;
            edit_offsets(ff->edits[k - 1], ff->src, &s2, &t2);
            if (s2 <= s)
                break;
            ff->edits[k] = ff->edits[k - 1];
            k--;
        }
        ff->edits[k] = e;
    }
}

static void apply_edits(struct fix_file *ff)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_add(&sb, "", 0);
    size_t at = 0;
    for (size_t i = 0; i < ff->nedits; i++) {
        size_t s, t;
        edit_offsets(ff->edits[i], ff->src, &s, &t);
        strbuf_add(&sb, ff->src->data + at, s - at);
        strbuf_puts(&sb, ff->edits[i]->text);
        at = t;
    }
    strbuf_add(&sb, ff->src->data + at, ff->src->len - at);
    ff->new_len = sb.len;
    ff->new_text = strbuf_take(&sb);
}

static int file_cmp(const void *pa, const void *pb)
{
    const struct fix_file *a = pa;
    const struct fix_file *b = pb;
    return strcmp(a->path ? a->path : "", b->path ? b->path : "");
}

void fix_plan_build(struct fix_plan *plan, const struct finding_list *findings,
                    struct srcfile_set *sources)
{
    memset(plan, 0, sizeof *plan);
    for (size_t i = 0; i < findings->count; i++) {
        const struct finding *f = &findings->items[i];
        if (!finding_is_reported(f) || f->nedits == 0)
            continue;
        const struct srcfile *src = srcfile_find(sources, f->edits[0].loc.abs_path);
        if (!src || !src->data)
            continue;
        struct fix_file *ff = plan_file(plan, src, f->edits[0].loc.path);
        if (plan_fix(ff, f))
            plan->nfixes++;
        else
            plan->nskipped++;
    }
    for (size_t i = 0; i < plan->nfiles; i++) {
        sort_edits(&plan->files[i]);
        apply_edits(&plan->files[i]);
    }
    if (plan->nfiles > 1)
        qsort(plan->files, plan->nfiles, sizeof plan->files[0], file_cmp);
}

void fix_plan_fini(struct fix_plan *plan)
{
    for (size_t i = 0; i < plan->nfiles; i++) {
        free(plan->files[i].edits);
        free(plan->files[i].new_text);
    }
    free(plan->files);
    memset(plan, 0, sizeof *plan);
}

/* ---- the diff ---------------------------------------------------------------------------- */

/* A buffer's lines, each with its "\n" (the last one may lack it); an empty text has none. */
struct lines {
    const char *text;
    size_t len;
    size_t *starts; /* n + 1 entries: starts[n] == len */
    size_t n;
};

static void lines_index(struct lines *ls, const char *text, size_t len)
{
    size_t cap = 0;
    ls->text = text;
    ls->len = len;
    ls->starts = NULL;
    ls->n = 0;
    for (size_t pos = 0; pos < len;) {
        *XPUSH(ls->starts, ls->n, cap) = pos;
        const char *nl = memchr(text + pos, '\n', len - pos);
        pos = nl ? (size_t)(nl - text) + 1 : len;
    }
    size_t n = ls->n;
    *XPUSH(ls->starts, n, cap) = len;
}

/* The line holding byte offset (n for the end of the text). */
static size_t line_of(const struct lines *ls, size_t offset)
{
    size_t lo = 0, hi = ls->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ls->starts[mid + 1] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool line_eq(const struct lines *a, size_t i, const struct lines *b, size_t k)
{
    size_t la = a->starts[i + 1] - a->starts[i], lb = b->starts[k + 1] - b->starts[k];
    return la == lb && memcmp(a->text + a->starts[i], b->text + b->starts[k], la) == 0;
}

/* One changed stretch: old lines [a, b) became new lines [c, d). */
struct change {
    size_t a, b, c, d;
};

/* The line a position is on: the end of a last line without "\n" is still on that line. */
static size_t pos_line(const struct lines *ls, size_t offset)
{
    if (offset == ls->len && ls->n > 0 && ls->text[ls->len - 1] != '\n')
        return ls->n - 1;
    return line_of(ls, offset);
}

/* The end (exclusive) of the old lines an edit [s, t) touches: an insertion touches its line. */
static size_t edit_end_line(const struct lines *old, size_t s, size_t t)
{
    return (t > s ? line_of(old, t - 1) : pos_line(old, s)) + 1;
}

/*
 * The regions of old lines the (sorted) edits touch, edits on a shared line merged into one
 * region, each with the new lines it became.
 */
static struct change *changes_of(const struct fix_file *ff, const struct lines *old,
                                 const struct lines *neu, size_t *n_out)
{
    struct change *out = NULL;
    size_t n = 0, cap = 0;
    long delta = 0; /* bytes the edits so far added */
    for (size_t i = 0; i < ff->nedits;) {
        size_t s, t;
        edit_offsets(ff->edits[i], ff->src, &s, &t);
        size_t a = pos_line(old, s), b = a;
        long before = delta;
        while (i < ff->nedits) {
            edit_offsets(ff->edits[i], ff->src, &s, &t);
            if (pos_line(old, s) > a && pos_line(old, s) >= b)
                break;
            size_t e = edit_end_line(old, s, t);
            b = e > b ? e : b;
            delta += (long)strlen(ff->edits[i]->text) - (long)(t - s);
            i++;
        }
        b = b > old->n ? old->n : b;
        size_t ns = (size_t)((long)old->starts[a] + before);
        size_t ne = (size_t)((long)old->starts[b] + delta);
        struct change *ch = XPUSH(out, n, cap);
        ch->a = a;
        ch->b = b;
        ch->c = line_of(neu, ns);
        ch->d = ne >= neu->len ? neu->n : line_of(neu, ne);
    }
    *n_out = n;
    return out;
}

/* Drops the lines a change starts and ends with unchanged. */
static void trim_change(struct change *ch, const struct lines *old, const struct lines *neu)
{
    while (ch->a < ch->b && ch->c < ch->d && line_eq(old, ch->a, neu, ch->c))
        ch->a++, ch->c++;
    while (ch->a < ch->b && ch->c < ch->d && line_eq(old, ch->b - 1, neu, ch->d - 1))
        ch->b--, ch->d--;
}

static void put_line(struct strbuf *sb, char mark, const struct lines *ls, size_t i)
{
    size_t s = ls->starts[i], e = ls->starts[i + 1];
    strbuf_putc(sb, mark);
    strbuf_add(sb, ls->text + s, e - s);
    if (e == s || ls->text[e - 1] != '\n')
        strbuf_puts(sb, "\n\\ No newline at end of file\n");
}

/* "start,count" of a hunk side: an empty side names the line before it (diff(1)). */
static void put_range(struct strbuf *sb, size_t start, size_t count)
{
    strbuf_printf(sb, "%zu,%zu", count ? start + 1 : start, count);
}

/* Emits the hunk of changes [first, last] with their context. */
static void put_hunk(struct strbuf *sb, const struct change *ch, size_t first, size_t last,
                     const struct lines *old, const struct lines *neu)
{
    size_t from = ch[first].a > DIFF_CONTEXT ? ch[first].a - DIFF_CONTEXT : 0;
    size_t to = ch[last].b + DIFF_CONTEXT < old->n ? ch[last].b + DIFF_CONTEXT : old->n;
    size_t new_from = ch[first].c - (ch[first].a - from);
    size_t new_count = to - from;
    for (size_t k = first; k <= last; k++)
        new_count = new_count - (ch[k].b - ch[k].a) + (ch[k].d - ch[k].c);
    strbuf_puts(sb, "@@ -");
    put_range(sb, from, to - from);
    strbuf_puts(sb, " +");
    put_range(sb, new_from, new_count);
    strbuf_puts(sb, " @@\n");
    size_t at = from;
    for (size_t k = first; k <= last; k++) {
        for (; at < ch[k].a; at++)
            put_line(sb, ' ', old, at);
        for (size_t i = ch[k].a; i < ch[k].b; i++)
            put_line(sb, '-', old, i);
        for (size_t i = ch[k].c; i < ch[k].d; i++)
            put_line(sb, '+', neu, i);
        at = ch[k].b;
    }
    for (; at < to; at++)
        put_line(sb, ' ', old, at);
}

static void diff_file(struct strbuf *sb, const struct fix_file *ff)
{
    struct lines old, neu;
    lines_index(&old, ff->src->data, ff->src->len);
    lines_index(&neu, ff->new_text, ff->new_len);
    size_t n = 0;
    struct change *ch = changes_of(ff, &old, &neu, &n);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        trim_change(&ch[i], &old, &neu);
        if (ch[i].a < ch[i].b || ch[i].c < ch[i].d)
            ch[kept++] = ch[i];
    }
    if (kept > 0) {
        const char *p = ff->path ? ff->path : ff->src->abs_path;
        bool rel = p[0] != '/';
        strbuf_printf(sb, "--- %s%s\n+++ %s%s\n", rel ? "a/" : "", p, rel ? "b/" : "", p);
    }
    for (size_t first = 0; first < kept;) {
        size_t last = first;
        while (last + 1 < kept && ch[last + 1].a <= ch[last].b + 2 * DIFF_CONTEXT)
            last++;
        put_hunk(sb, ch, first, last, &old, &neu);
        first = last + 1;
    }
    free(ch);
    free(old.starts);
    free(neu.starts);
}

char *fix_plan_diff(const struct fix_plan *plan)
{
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_add(&sb, "", 0);
    for (size_t i = 0; i < plan->nfiles; i++)
        diff_file(&sb, &plan->files[i]);
    return strbuf_take(&sb);
}

/* ---- writing ----------------------------------------------------------------------------- */

/* Writes all of len bytes to fd; -1 with errno on failure. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/*
 * Replaces the file at path with text, atomically: a temporary file in the same directory
 * (so the rename stays on one file system), the old file's permission bits, then rename(2).
 * On failure the old file is untouched. Returns NULL, or why it failed (heap string).
 */
static char *replace_file(const char *path, const char *text, size_t len)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return xasprintf("cannot read its mode: %s", strerror(errno));
    char *tmp = xasprintf("%s.sockcheck-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        char *why = xasprintf("cannot create a temporary file beside it: %s", strerror(errno));
        free(tmp);
        return why;
    }
    char *why = NULL;
    if (fchmod(fd, st.st_mode & 07777) != 0 || write_all(fd, text, len) != 0 || fsync(fd) != 0)
        why = xasprintf("cannot write the temporary file: %s", strerror(errno));
    if (close(fd) != 0 && !why)
        why = xasprintf("cannot write the temporary file: %s", strerror(errno));
    if (!why && rename(tmp, path) != 0)
        why = xasprintf("cannot rename the temporary file over it: %s", strerror(errno));
    if (why)
        unlink(tmp);
    free(tmp);
    return why;
}

/*
 * Why a file must not be written even where the directory allows it: rename(2) would replace
 * a read-only file, or one the user cannot write (as root: one with no write bit at all),
 * and --fix must not do what the user could not do with an editor. NULL when it may be.
 */
static char *not_writable(const char *real)
{
    struct stat st;
    if (stat(real, &st) != 0)
        return xasprintf("not fixed: cannot read its mode: %s", strerror(errno));
    if ((st.st_mode & 0222) == 0 || access(real, W_OK) != 0)
        return xasprintf("not fixed: the file is read-only (mode %03o); make it writable "
                         "(chmod u+w) to let --fix change it",
                         (unsigned)(st.st_mode & 0777));
    return NULL;
}

/*
 * Why the file of ff must not be written, or NULL with *real_out the file to write (its real
 * path: writing a symlink's own path would replace the link with a copy): outside the root,
 * read-only, or changed since it was read.
 */
static char *refusal(const struct fix_file *ff, const char *root, char **real_out)
{
    *real_out = NULL;
    char *real = path_real(ff->src->abs_path);
    if (!real)
        return xasprintf("not fixed: it cannot be found any more");
    char *why = NULL;
    if (!root || !path_is_within(root, real))
        why = xasprintf("not fixed: it is outside the project root (--root)");
    if (!why)
        why = not_writable(real);
    size_t len = 0;
    char *now = why ? NULL : srcfile_read(ff->src->abs_path, &len);
    if (!why && !(now && len == ff->src->len && memcmp(now, ff->src->data, len) == 0))
        why = xasprintf("not fixed: it changed since sockcheck read it; run sockcheck again");
    free(now);
    if (why)
        free(real);
    else
        *real_out = real;
    return why;
}

size_t fix_plan_apply(const struct fix_plan *plan, const char *root,
                      struct fix_result **results_out)
{
    struct fix_result *results = xcalloc(plan->nfiles + 1, sizeof *results);
    size_t written = 0;
    for (size_t i = 0; i < plan->nfiles; i++) {
        const struct fix_file *ff = &plan->files[i];
        struct fix_result *r = &results[i];
        r->path = xstrdup(ff->path ? ff->path : ff->src->abs_path);
        char *real = NULL;
        r->problem = refusal(ff, root, &real);
        if (!r->problem)
            r->problem = replace_file(real, ff->new_text, ff->new_len);
        free(real);
        if (!r->problem) {
            r->nfixes = ff->nfixes;
            written++;
        }
    }
    *results_out = results;
    return written;
}

void fix_results_free(struct fix_result *results, size_t n)
{
    for (size_t i = 0; results && i < n; i++) {
        free(results[i].path);
        free(results[i].problem);
    }
    free(results);
}
