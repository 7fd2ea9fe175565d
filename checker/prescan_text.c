#include "prescan_text.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- tokens ------------------------------------------------------------------------------ */

enum tok_kind { TOK_IDENT, TOK_LITERAL, TOK_PUNCT, TOK_DIRECTIVE, TOK_EOL };
enum directive { DIR_OTHER, DIR_DEFINE, DIR_IF, DIR_ELSE, DIR_ENDIF };

struct tok {
    enum tok_kind kind;
    enum directive dir; /* TOK_DIRECTIVE */
    char punct;         /* TOK_PUNCT ('{' and '}' for the digraphs <% and %> too) */
    size_t include;     /* TOK_DIRECTIVE of an #include: its index in includes, + 1 */
    size_t start, len;
};

struct lexer {
    const char *text;
    size_t len, i;
    unsigned line;
    bool line_start;   /* only blanks since the last newline */
    bool in_directive; /* a TOK_EOL is owed at the end of the line */
    struct tok *toks;
    size_t ntoks, cap;
    struct prescan_text *out;
};

static bool is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* text with its line splices (backslash-newline) removed, as the preprocessor sees it first,
 * so that a name or a comment split over two lines is still seen. Caller frees. */
static char *without_splices(const char *text, size_t len, size_t *len_out)
{
    char *out = xmalloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\\' && i + 1 < len && text[i + 1] == '\n') {
            i++;
            continue;
        }
        if (text[i] == '\\' && i + 2 < len && text[i + 1] == '\r' && text[i + 2] == '\n') {
            i += 2;
            continue;
        }
        out[n++] = text[i];
    }
    out[n] = '\0';
    *len_out = n;
    return out;
}

static void emit(struct lexer *lx, enum tok_kind kind, size_t start, size_t len)
{
    struct tok *t = XPUSH(lx->toks, lx->ntoks, lx->cap);
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->len = len;
    if (kind == TOK_PUNCT)
        t->punct = lx->text[start];
}

/* The end of the literal opened by the quote at text[i]: its closing quote, or the end of
 * the line (clang ends an unterminated literal there). */
static size_t literal_end(const char *text, size_t len, size_t i)
{
    char quote = text[i];
    for (i++; i < len && text[i] != '\n'; i++) {
        if (text[i] == '\\' && i + 1 < len)
            i++;
        else if (text[i] == quote)
            return i + 1;
    }
    return i;
}

/* Past a comment starting at i; newlines inside a block comment are counted. */
static size_t skip_comment(struct lexer *lx, size_t i)
{
    const char *t = lx->text;
    if (t[i + 1] == '/') {
        const char *nl = memchr(t + i, '\n', lx->len - i);
        return nl ? (size_t)(nl - t) : lx->len;
    }
    for (i += 2; i + 1 < lx->len; i++) {
        if (t[i] == '*' && t[i + 1] == '/')
            return i + 2;
        lx->line += t[i] == '\n';
    }
    return lx->len;
}

static size_t skip_blanks(const struct lexer *lx, size_t i)
{
    while (i < lx->len && (lx->text[i] == ' ' || lx->text[i] == '\t'))
        i++;
    return i;
}

static bool word_is(const char *w, size_t wl, const char *s)
{
    return strlen(s) == wl && memcmp(w, s, wl) == 0;
}

/* The header name of an #include at i: records it and returns where the name ends; i when the
 * line names no header (an #include through a macro). */
static size_t read_include(struct lexer *lx, size_t i)
{
    i = skip_blanks(lx, i);
    if (i >= lx->len || (lx->text[i] != '"' && lx->text[i] != '<')) {
        lx->out->include_unknown = true;
        return i;
    }
    char close = lx->text[i] == '"' ? '"' : '>';
    size_t start = ++i;
    while (i < lx->len && lx->text[i] != close && lx->text[i] != '\n')
        i++;
    if (i >= lx->len || lx->text[i] != close)
        return i; /* malformed: clang reports it */
    struct prescan_text *out = lx->out;
    struct prescan_include *inc = XPUSH(out->includes, out->nincludes, out->includes_cap);
    inc->name = xstrndup(lx->text + start, i - start);
    inc->quoted = close == '"';
    inc->nested = false; /* the walker knows */
    inc->line = lx->line;
    lx->toks[lx->ntoks - 1].include = out->nincludes;
    return i + 1;
}

/* A '#' that starts a line: the directive's kind becomes a token, its operands follow as
 * tokens up to a TOK_EOL; an #include's header name is read here and is no token. */
static size_t directive(struct lexer *lx, size_t i)
{
    i = skip_blanks(lx, i + 1);
    size_t w = i;
    while (i < lx->len && is_ident_char(lx->text[i]))
        i++;
    const char *word = lx->text + w;
    size_t wl = i - w;
    enum directive d = DIR_OTHER;
    if (word_is(word, wl, "define"))
        d = DIR_DEFINE;
    else if (word_is(word, wl, "if") || word_is(word, wl, "ifdef") || word_is(word, wl, "ifndef"))
        d = DIR_IF;
    else if (word_is(word, wl, "else") || word_is(word, wl, "elif") ||
             word_is(word, wl, "elifdef") || word_is(word, wl, "elifndef"))
        d = DIR_ELSE;
    else if (word_is(word, wl, "endif"))
        d = DIR_ENDIF;
    emit(lx, TOK_DIRECTIVE, w, wl);
    lx->toks[lx->ntoks - 1].dir = d;
    lx->in_directive = true;
    if (word_is(word, wl, "include") || word_is(word, wl, "include_next") ||
        word_is(word, wl, "import"))
        i = read_include(lx, i);
    return i;
}

/* A preprocessing number (0x1f, 1e+5, 1'000): no identifier inside it counts. */
static size_t skip_number(const struct lexer *lx, size_t i)
{
    const char *t = lx->text;
    for (i++; i < lx->len; i++) {
        if ((t[i] == '+' || t[i] == '-') && strchr("eEpP", t[i - 1]))
            continue;
        if (!is_ident_char(t[i]) && t[i] != '.' && t[i] != '\'')
            break;
    }
    return i;
}

static void newline(struct lexer *lx)
{
    if (lx->in_directive)
        emit(lx, TOK_EOL, lx->i, 0);
    lx->in_directive = false;
    lx->line_start = true;
    lx->line++;
}

/* One step of the lexer at lx->i. */
static void lex_one(struct lexer *lx)
{
    const char *t = lx->text;
    size_t i = lx->i;
    char c = t[i];
    if (c == '\n') {
        newline(lx);
        lx->i = i + 1;
        return;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        lx->i = i + 1;
        return;
    }
    if (c == '/' && i + 1 < lx->len && (t[i + 1] == '/' || t[i + 1] == '*')) {
        lx->i = skip_comment(lx, i);
        return;
    }
    bool at_start = lx->line_start;
    lx->line_start = false;
    if (c == '#' && at_start && !lx->in_directive) {
        lx->i = directive(lx, i);
    } else if (c == '"' || c == '\'') {
        lx->i = literal_end(t, lx->len, i);
        emit(lx, TOK_LITERAL, i, lx->i - i);
    } else if (is_ident_start(c)) {
        size_t j = i;
        while (j < lx->len && is_ident_char(t[j]))
            j++;
        emit(lx, TOK_IDENT, i, j - i);
        lx->i = j;
    } else if (is_digit(c) || (c == '.' && i + 1 < lx->len && is_digit(t[i + 1]))) {
        lx->i = skip_number(lx, i);
    } else if ((c == '<' || c == '%') && i + 1 < lx->len && t[i + 1] == (c == '<' ? '%' : '>')) {
        emit(lx, TOK_PUNCT, i, 2); /* the digraphs <% and %> are braces */
        lx->toks[lx->ntoks - 1].punct = c == '<' ? '{' : '}';
        lx->i = i + 2;
    } else {
        emit(lx, TOK_PUNCT, i, 1);
        lx->i = i + 1;
    }
}

/* ---- which names a text may define -------------------------------------------------------- */

/* What an occurrence of a name may be: see prescan_text.h. */
#define REF_USE     1u
#define REF_DEFINE  2u
#define REF_MENTION 4u

struct name_ref {
    const char *p;
    size_t len;
    unsigned flags;
};

struct frame {
    size_t stack_size; /* braces open when the #if started */
    size_t depth;      /* of them, the ones that are not extern "C" */
    size_t branch_depth;
    bool have_branch, saw_else;
};

struct walker {
    const char *text;
    const struct tok *toks;
    size_t n;
    struct prescan_text *out;
    bool *braces; /* open braces: true for extern "C" { */
    size_t nbraces, braces_cap;
    size_t depth;  /* open braces that are not extern "C" ones */
    size_t parens; /* open parentheses outside every brace: a parameter list, a macro's
                      arguments */
    struct frame *frames;
    size_t nframes, frames_cap;
    bool unsure; /* the braces could not be followed: every name may be defined */
    struct name_ref *refs;
    size_t nrefs, refs_cap;
};

/* Every occurrence is kept (REF_MENTION), whatever else it may be: once the braces turn out
 * unbalanced, or the file is included inside a body, all count. */
static void add_ref(struct walker *w, const char *p, size_t len, unsigned flags)
{
    *XPUSH(w->refs, w->nrefs, w->refs_cap) = (struct name_ref){p, len, flags | REF_MENTION};
}

/* Identifiers inside a string or character literal: used (SCK008 names a path in one), never
 * defined. */
static void literal_refs(struct walker *w, const struct tok *t)
{
    const char *s = w->text + t->start;
    for (size_t i = 0; i < t->len;) {
        if (!is_ident_start(s[i]) || (i > 0 && is_ident_char(s[i - 1]))) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < t->len && is_ident_char(s[i]))
            i++;
        add_ref(w, s + start, i - start, REF_USE);
    }
}

static bool is_punct(const struct walker *w, size_t i, char c)
{
    return i < w->n && w->toks[i].kind == TOK_PUNCT && w->toks[i].punct == c;
}

/* The token after the ')' matching the '(' at i; stops at the end of a directive line. */
static size_t skip_parens(const struct walker *w, size_t i)
{
    size_t level = 0;
    for (; i < w->n && w->toks[i].kind != TOK_EOL; i++) {
        if (is_punct(w, i, '('))
            level++;
        else if (is_punct(w, i, ')') && --level == 0)
            return i + 1;
    }
    return i;
}

/*
 * Whether the name at i, outside every brace, may start a function definition. After its
 * parameter list, attribute-like groups (IDENT or IDENT(...)) may follow: a ';' or ',' after
 * at most one bare identifier is a prototype (`void f(int) NORETURN;`); two or more bare ones
 * may be K&R parameter declarations (`int f(a) int a; {`), and anything else ('{', a
 * directive) may be a body. A name not followed by '(' may be an argument of a macro that
 * defines the function, or (in a #define) an alias of its name. At the end of a #define line
 * the macro is a call, not a definition.
 */
static bool may_define_at(const struct walker *w, size_t i)
{
    size_t j = i + 1;
    if (!is_punct(w, j, '('))
        return true;
    j = skip_parens(w, j);
    size_t bare = 0;
    while (j < w->n && w->toks[j].kind == TOK_IDENT) {
        if (is_punct(w, j + 1, '(')) {
            j = skip_parens(w, j + 1);
        } else {
            bare++;
            j++;
        }
    }
    if (j >= w->n)
        return true;
    if (w->toks[j].kind == TOK_EOL)
        return false;
    if (is_punct(w, j, ';') || is_punct(w, j, ','))
        return bare >= 2;
    return true;
}

/* A #define: the macro's name and parameters are neither; every name of its body may be
 * used where the macro expands, and the ones at the body's own top level may be definitions.
 * Returns the index of the line's TOK_EOL. */
static size_t walk_define(struct walker *w, size_t i)
{
    size_t j = i + 1;
    if (j < w->n && w->toks[j].kind == TOK_IDENT) {
        const struct tok *name = &w->toks[j++];
        /* A function-like macro's '(' touches its name. */
        if (is_punct(w, j, '(') && w->toks[j].start == name->start + name->len)
            j = skip_parens(w, j);
    }
    long level = 0;
    for (; j < w->n && w->toks[j].kind != TOK_EOL; j++) {
        const struct tok *t = &w->toks[j];
        if (t->kind == TOK_PUNCT)
            level += t->punct == '{' ? 1 : t->punct == '}' ? -1 : 0;
        else if (t->kind == TOK_LITERAL)
            literal_refs(w, t);
        else if (t->kind == TOK_IDENT)
            add_ref(w, w->text + t->start, t->len,
                    REF_USE | (level <= 0 && may_define_at(w, j) ? REF_DEFINE : 0));
    }
    return j;
}

/* #if, #else and #endif: every branch must leave the braces as they were at the #if, or the
 * scan cannot tell which braces are open after it (ctags' rule, checked instead of assumed). */
static void walk_conditional(struct walker *w, enum directive d)
{
    if (d == DIR_IF) {
        struct frame *f = XPUSH(w->frames, w->nframes, w->frames_cap);
        *f = (struct frame){w->nbraces, w->depth, 0, false, false};
        return;
    }
    if (!w->nframes) {
        w->unsure = true;
        return;
    }
    struct frame *f = &w->frames[w->nframes - 1];
    /* Only the braces that are not extern "C" ones count: a branch that closes one opened
     * before it (#ifdef __cplusplus } #endif) leaves the depth alone. */
    if (f->have_branch && f->branch_depth != w->depth)
        w->unsure = true;
    f->branch_depth = w->depth;
    f->have_branch = true;
    if (d == DIR_ELSE) {
        f->saw_else = true;
        w->nbraces = w->nbraces < f->stack_size ? w->nbraces : f->stack_size;
        w->depth = f->depth;
        return;
    }
    if (!f->saw_else && w->depth != f->depth)
        w->unsure = true;
    w->nframes--;
}

static size_t walk_directive(struct walker *w, size_t i)
{
    enum directive d = w->toks[i].dir;
    if (d == DIR_DEFINE)
        return walk_define(w, i);
    if (d == DIR_IF || d == DIR_ELSE || d == DIR_ENDIF)
        walk_conditional(w, d);
    /* An #include inside braces or parentheses (a body, an initializer, a macro's arguments)
     * puts the included file's code there. */
    if (w->toks[i].include)
        w->out->includes[w->toks[i].include - 1].nested = w->depth > 0 || w->parens > 0;
    /* #if, #undef, #pragma ... operands call and define nothing. */
    size_t j = i + 1;
    while (j < w->n && w->toks[j].kind != TOK_EOL)
        j++;
    return j;
}

static bool is_extern_c(const struct walker *w, size_t i)
{
    return i >= 2 && w->toks[i - 1].kind == TOK_LITERAL && w->toks[i - 2].kind == TOK_IDENT &&
           w->toks[i - 2].len == 6 && memcmp(w->text + w->toks[i - 2].start, "extern", 6) == 0;
}

static void walk_brace(struct walker *w, size_t i)
{
    if (w->toks[i].punct == '{') {
        bool ext = is_extern_c(w, i);
        *XPUSH(w->braces, w->nbraces, w->braces_cap) = ext;
        w->depth += !ext;
    } else if (!w->nbraces) {
        w->unsure = true;
    } else {
        w->depth -= !w->braces[--w->nbraces];
    }
}

/*
 * A name in code. Inside braces it may be used (called), never defined. Outside them it is
 * a declarator, a type, or a macro's argument: followed by '(' outside any parentheses, it is
 * declared or defined, not used; anywhere else it may also be used, since a macro may expand
 * it into a function body (DEFINE_HANDLER(conn_close) -> ... { conn_close(c); }).
 */
static unsigned code_ref(const struct walker *w, size_t i)
{
    if (w->depth > 0)
        return REF_USE;
    unsigned flags = may_define_at(w, i) ? REF_DEFINE : 0;
    if (w->parens > 0 || !is_punct(w, i + 1, '('))
        flags |= REF_USE;
    return flags;
}

static void walk(struct walker *w)
{
    for (size_t i = 0; i < w->n; i++) {
        const struct tok *t = &w->toks[i];
        if (t->kind == TOK_DIRECTIVE)
            i = walk_directive(w, i);
        else if (t->kind == TOK_PUNCT && (t->punct == '{' || t->punct == '}'))
            walk_brace(w, i);
        else if (t->kind == TOK_PUNCT && t->punct == '(' && w->depth == 0)
            w->parens++;
        else if (t->kind == TOK_PUNCT && t->punct == ')' && w->depth == 0 && w->parens)
            w->parens--;
        else if (t->kind == TOK_LITERAL)
            literal_refs(w, t);
        else if (t->kind == TOK_IDENT)
            add_ref(w, w->text + t->start, t->len, code_ref(w, i));
    }
}

/* ---- identifier tables -------------------------------------------------------------------- */

static int compare_refs(const void *pa, const void *pb)
{
    const struct name_ref *a = pa, *b = pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->p, b->p, n);
    if (c)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

static size_t hash_ref(const struct name_ref *r)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < r->len; i++)
        h = (h ^ (unsigned char)r->p[i]) * 1099511628211u;
    return h;
}

/* Folds the repeats of each name into one ref (flags joined), in place; returns how many
 * are left. A name recurs often (fd, NULL, int): hashing first leaves less to sort. */
static size_t unique_refs(struct name_ref *refs, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    size_t *slots = xcalloc(cap, sizeof *slots); /* index + 1 into refs[0..kept) */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = hash_ref(&refs[i]) & (cap - 1);
        for (; slots[s]; s = (s + 1) & (cap - 1)) {
            const struct name_ref *k = &refs[slots[s] - 1];
            if (k->len == refs[i].len && memcmp(k->p, refs[i].p, k->len) == 0)
                break;
        }
        if (slots[s]) {
            refs[slots[s] - 1].flags |= refs[i].flags;
            continue;
        }
        refs[kept] = refs[i];
        slots[s] = ++kept;
    }
    free(slots);
    return kept;
}

/* Sorts refs (every flag when unsure) into a table of unique names; names with no flag are
 * left out. */
static void build_idents(struct name_ref *refs, size_t n, bool unsure, struct prescan_idents *out)
{
    memset(out, 0, sizeof *out);
    n = unique_refs(refs, n);
    size_t kept = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        refs[i].flags |= unsure ? REF_USE | REF_DEFINE : 0;
        if (refs[i].flags) {
            refs[kept++] = refs[i];
            bytes += refs[i].len + 1;
        }
    }
    if (kept > 1)
        qsort(refs, kept, sizeof *refs, compare_refs);
    out->blob = xmalloc(bytes + 1);
    out->offsets = xcalloc(kept + 1, sizeof *out->offsets);
    out->flags = xcalloc(kept + 1, 1);
    size_t at = 0;
    for (size_t i = 0; i < kept; i++) {
        out->offsets[i] = (uint32_t)at;
        out->flags[i] = (unsigned char)refs[i].flags;
        memcpy(out->blob + at, refs[i].p, refs[i].len);
        out->blob[at + refs[i].len] = '\0';
        at += refs[i].len + 1;
    }
    out->count = kept;
}

void prescan_text_scan(const char *text, size_t len, struct prescan_text *out)
{
    memset(out, 0, sizeof *out);
    size_t clean_len = 0;
    char *clean = without_splices(text, len, &clean_len);
    struct lexer lx = {.text = clean, .len = clean_len, .line = 1, .line_start = true, .out = out};
    while (lx.i < lx.len)
        lex_one(&lx);
    if (lx.in_directive)
        emit(&lx, TOK_EOL, lx.len, 0);
    struct walker w = {.text = clean, .toks = lx.toks, .n = lx.ntoks, .out = out};
    walk(&w);
    build_idents(w.refs, w.nrefs, w.unsure, &out->idents);
    free(w.refs);
    free(w.braces);
    free(w.frames);
    free(lx.toks);
    free(clean);
}

void prescan_idents_fini(struct prescan_idents *idents)
{
    free(idents->blob);
    free(idents->offsets);
    free(idents->flags);
    memset(idents, 0, sizeof *idents);
}

void prescan_text_fini(struct prescan_text *text)
{
    prescan_idents_fini(&text->idents);
    for (size_t i = 0; i < text->nincludes; i++)
        free(text->includes[i].name);
    free(text->includes);
    memset(text, 0, sizeof *text);
}

void prescan_idents_of_args(char *const *args, size_t nargs, struct prescan_idents *out)
{
    struct name_ref *refs = NULL;
    size_t n = 0, cap = 0;
    for (size_t a = 0; a < nargs; a++) {
        const char *s = args[a];
        for (size_t i = 0; s[i];) {
            if (!is_ident_start(s[i]) || (i > 0 && is_ident_char(s[i - 1]))) {
                i++;
                continue;
            }
            size_t start = i;
            while (is_ident_char(s[i]))
                i++;
            /* -Dmy_listen=listen may rename anything: every name may be used or defined. */
            *XPUSH(refs, n, cap) = (struct name_ref){s + start, i - start, REF_USE | REF_DEFINE};
        }
    }
    build_idents(refs, n, true, out);
    free(refs);
}

bool prescan_idents_match(const struct prescan_idents *idents, const struct name_set *used,
                          const struct name_set *defined, bool anywhere)
{
    unsigned use = anywhere ? REF_MENTION : REF_USE, define = anywhere ? REF_MENTION : REF_DEFINE;
    for (size_t i = 0; i < idents->count; i++) {
        const char *name = idents->blob + idents->offsets[i];
        size_t len = strlen(name);
        if (used && (idents->flags[i] & use) && name_set_has(used, name, len))
            return true;
        if (defined && (idents->flags[i] & define) && name_set_has(defined, name, len))
            return true;
    }
    return false;
}
