#include "prescan.h"

#include "path.h"
#include "srcfile.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void prescan_add_socket_api(struct name_set *set)
{
    static const char *const names[] = {
        "socket",  "bind",        "listen",     "setsockopt", "accept",         "accept4",
        "connect", "closesocket", "WSASocketA", "WSASocketW", "tcp_tw_recycle",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        name_set_add(set, names[i]);
}

/* ---- scanning text -------------------------------------------------------------------- */

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

static bool is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
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

/* Whether the identifier runs in text[from, to) include a name of names. */
static bool names_in(const char *text, size_t from, size_t to, const struct name_set *names)
{
    size_t i = from;
    while (i < to) {
        if (!is_ident_start(text[i]) || (i > from && is_ident_char(text[i - 1]))) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < to && is_ident_char(text[i]))
            i++;
        if (name_set_has(names, text + start, i - start))
            return true;
    }
    return false;
}

/* One step over code: past a comment, a literal (answering for its names), or one byte. */
static size_t skip_comment(const char *text, size_t len, size_t i)
{
    if (text[i + 1] == '/') {
        const char *nl = memchr(text + i, '\n', len - i);
        return nl ? (size_t)(nl - text) : len;
    }
    for (i += 2; i + 1 < len; i++)
        if (text[i] == '*' && text[i + 1] == '/')
            return i + 2;
    return len;
}

/* When the line starting at text[i] is an #include (or #import, #include_next): the end of
 * that line; otherwise i. A header's name (<sys/socket.h>) is not a use of the API, and
 * follow_includes reads those lines. */
static size_t skip_include_line(const char *text, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && (text[j] == ' ' || text[j] == '\t'))
        j++;
    if (j >= len || text[j] != '#')
        return i;
    for (j++; j < len && (text[j] == ' ' || text[j] == '\t'); j++)
        ;
    if (len - j < 6 ||
        (strncmp(text + j, "include", 7) != 0 && strncmp(text + j, "import", 6) != 0))
        return i;
    const char *nl = memchr(text + j, '\n', len - j);
    return nl ? (size_t)(nl - text) : len;
}

static bool scan(const char *text, size_t len, const struct name_set *names)
{
    size_t i = skip_include_line(text, len, 0), code_start = i;
    while (i < len) {
        char c = text[i];
        if (c == '/' && i + 1 < len && (text[i + 1] == '/' || text[i + 1] == '*')) {
            if (names_in(text, code_start, i, names))
                return true;
            i = code_start = skip_comment(text, len, i);
        } else if (c == '"' || c == '\'') {
            /* Literals are scanned too (SCK008 names a path in a string), but a comment
             * marker inside one (a slash and a star) must not hide the code after it. */
            size_t end = literal_end(text, len, i);
            if (names_in(text, code_start, end, names))
                return true;
            i = code_start = end;
        } else if (c == '\n') {
            size_t next = skip_include_line(text, len, i + 1);
            if (next != i + 1) {
                if (names_in(text, code_start, i, names))
                    return true;
                code_start = next;
            }
            i = next == i + 1 ? i + 1 : next;
        } else {
            i++;
        }
    }
    return names_in(text, code_start, len, names);
}

bool prescan_may_matter(const char *text, size_t len, const struct name_set *names)
{
    size_t clean_len = 0;
    char *clean = without_splices(text, len, &clean_len);
    bool found = scan(clean, clean_len, names);
    free(clean);
    return found;
}

/* ---- project headers -------------------------------------------------------------------- */

/* What the prescan of one unit needs: where headers are searched, what was seen. */
struct prescan_ctx {
    const struct name_set *names;
    char **quote_dirs; /* -iquote, then -I: searched for "x.h" after the includer's dir */
    size_t nquote, quote_cap;
    size_t nangle_from; /* quote_dirs[nangle_from..] are the -I dirs, searched for <x.h> */
    char **seen;
    size_t nseen, seen_cap;
    char **queue; /* files to scan, absolute */
    size_t nqueue, queue_cap;
};

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

/* Queues path (taken) unless it was queued before. */
static void enqueue(struct prescan_ctx *ctx, char *path)
{
    for (size_t i = 0; i < ctx->nseen; i++) {
        if (strcmp(ctx->seen[i], path) == 0) {
            free(path);
            return;
        }
    }
    *XPUSH(ctx->seen, ctx->nseen, ctx->seen_cap) = path;
    *XPUSH(ctx->queue, ctx->nqueue, ctx->queue_cap) = path;
}

/* The project header name resolves to from includer_dir, or NULL (a system header, or none). */
static char *resolve(const struct prescan_ctx *ctx, const char *includer_dir, const char *name,
                     bool quoted)
{
    if (path_is_absolute(name))
        return file_exists(name) ? path_join_normalise(NULL, name) : NULL;
    if (quoted) {
        char *p = path_join_normalise(includer_dir, name);
        if (file_exists(p))
            return p;
        free(p);
    }
    for (size_t i = quoted ? 0 : ctx->nangle_from; i < ctx->nquote; i++) {
        char *p = path_join_normalise(ctx->quote_dirs[i], name);
        if (file_exists(p))
            return p;
        free(p);
    }
    return NULL;
}

/*
 * The #include directive at text[i] (just after the '#' and blanks): queues the project
 * header it names. Returns false for an include the scan cannot follow (a macro).
 */
static bool follow_include(struct prescan_ctx *ctx, const char *dir, const char *text, size_t len,
                           size_t i)
{
    static const char *const words[] = {"include_next", "include", "import"};
    size_t w = 0;
    for (; w < 3; w++) {
        size_t wl = strlen(words[w]);
        if (len - i > wl && strncmp(text + i, words[w], wl) == 0 && !is_ident_char(text[i + wl]))
            break;
    }
    if (w == 3)
        return true; /* another directive */
    i += strlen(words[w]);
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i >= len || (text[i] != '"' && text[i] != '<'))
        return false;
    char close = text[i] == '"' ? '"' : '>';
    size_t start = ++i;
    while (i < len && text[i] != close && text[i] != '\n')
        i++;
    if (i >= len || text[i] != close)
        return true; /* malformed: clang reports it */
    char *name = xstrndup(text + start, i - start);
    char *found = resolve(ctx, dir, name, close == '"');
    free(name);
    if (found)
        enqueue(ctx, found);
    return true;
}

/* Follows every #include of a file's text (splices already removed). */
static bool follow_includes(struct prescan_ctx *ctx, const char *path, const char *text, size_t len)
{
    char *dir = path_join_normalise(path, "..");
    bool ok = true;
    for (size_t i = 0; i < len && ok;) {
        while (i < len && (text[i] == ' ' || text[i] == '\t'))
            i++;
        if (i < len && text[i] == '#') {
            i++;
            while (i < len && (text[i] == ' ' || text[i] == '\t'))
                i++;
            ok = follow_include(ctx, dir, text, len, i);
        }
        const char *nl = i < len ? memchr(text + i, '\n', len - i) : NULL;
        i = nl ? (size_t)(nl - text) + 1 : len;
    }
    free(dir);
    return ok;
}

/* Scans one queued file; true when it may matter. */
static bool scan_file(struct prescan_ctx *ctx, const char *path)
{
    size_t len = 0;
    char *raw = srcfile_read(path, &len);
    if (!raw)
        return true;
    size_t clean_len = 0;
    char *text = without_splices(raw, len, &clean_len);
    free(raw);
    bool matters =
        scan(text, clean_len, ctx->names) || !follow_includes(ctx, path, text, clean_len);
    free(text);
    return matters;
}

/* The value of a search-path flag at args[*i] ("-Idir" or "-I dir"), advancing *i past a
 * separate value; NULL when args[*i] is not flag. */
static const char *flag_value(const struct unit *unit, size_t *i, const char *flag)
{
    size_t fl = strlen(flag);
    const char *arg = unit->args[*i];
    if (strncmp(arg, flag, fl) != 0)
        return NULL;
    if (arg[fl])
        return arg + fl;
    if (*i + 1 >= unit->nargs)
        return NULL;
    return unit->args[++*i];
}

/* Appends the directories of every flag of flags (joined or separate spellings). */
static void add_dirs(struct prescan_ctx *ctx, const struct unit *unit, const char *const *flags)
{
    for (size_t i = 0; i < unit->nargs; i++) {
        for (const char *const *f = flags; *f; f++) {
            const char *v = flag_value(unit, &i, *f);
            if (!v)
                continue;
            /* "--include-directory=DIR"; "-I=DIR" is sysroot-relative: taken as DIR, which
             * at worst scans a header too many. */
            v += v[0] == '=';
            *XPUSH(ctx->quote_dirs, ctx->nquote, ctx->quote_cap) =
                path_join_normalise(unit->directory, v);
            break;
        }
    }
}

/*
 * The search path in clang's order: -iquote directories (for "x.h" only), then -I and
 * -idirafter ones (for both forms); -isystem and the compiler's own directories are system
 * headers and left out. -include and -imacros files are queued.
 */
static void read_search_paths(struct prescan_ctx *ctx, const struct unit *unit)
{
    static const char *const quote_flags[] = {"-iquote", NULL};
    static const char *const angle_flags[] = {"-I", "--include-directory", "-idirafter", NULL};
    add_dirs(ctx, unit, quote_flags);
    ctx->nangle_from = ctx->nquote;
    add_dirs(ctx, unit, angle_flags);
    for (size_t i = 0; i < unit->nargs; i++) {
        const char *v = flag_value(unit, &i, "-include");
        if (!v)
            v = flag_value(unit, &i, "-imacros");
        if (v)
            enqueue(ctx, path_join_normalise(unit->directory, v));
    }
}

static void free_strings(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

bool prescan_unit(const struct unit *unit, const struct name_set *names)
{
    for (size_t i = 0; i < unit->nargs; i++)
        if (prescan_may_matter(unit->args[i], strlen(unit->args[i]), names))
            return true;
    struct prescan_ctx ctx = {.names = names};
    enqueue(&ctx, xstrdup(unit->path));
    read_search_paths(&ctx, unit);
    bool matters = false;
    /* The queue grows while it is read: headers found are scanned in turn, each once. */
    for (size_t q = 0; q < ctx.nqueue && !matters; q++)
        matters = scan_file(&ctx, ctx.queue[q]);
    free(ctx.queue);
    free_strings(ctx.seen, ctx.nseen);
    free_strings(ctx.quote_dirs, ctx.nquote);
    return matters;
}
