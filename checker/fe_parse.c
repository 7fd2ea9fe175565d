/*
 * libclang index and translation-unit lifetime; clang diagnostics into facts; the probe that
 * reads the unit's own socket constants.
 */
#include "fe.h"
#include "fe_internal.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fe {
    CXIndex index;
};

struct fe *fe_new(void)
{
    struct fe *fe = xcalloc(1, sizeof *fe);
    fe->index = clang_createIndex(0, 0);
    return fe;
}

void fe_free(struct fe *fe)
{
    if (!fe)
        return;
    clang_disposeIndex(fe->index);
    free(fe);
}

char *fe_clang_version(void)
{
    return fe_str_consume(clang_getClangVersion());
}

/* Reads the whole file; NULL with err on failure. The caller frees the buffer. */
static char *read_file(const char *path, size_t *len_out, struct sc_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        sc_error_set(err, SC_ERROR_IO, path, 0, "cannot open the file: %s", strerror(errno));
        return NULL;
    }
    struct strbuf sb;
    strbuf_init(&sb);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        strbuf_add(&sb, chunk, n);
    int failed = ferror(f) ? errno : 0;
    fclose(f);
    if (failed) {
        strbuf_fini(&sb);
        sc_error_set(err, SC_ERROR_IO, path, 0, "cannot read the file: %s", strerror(failed));
        return NULL;
    }
    *len_out = sb.len;
    return strbuf_take(&sb);
}

/*
 * The main file's text followed by one enumerator per socket constant the unit defines.
 * Appended lines leave every original line and column where it was, and the values come from
 * the unit's own headers and target (Windows' SOL_SOCKET is 0xffff, Linux's 1).
 */
static char *with_probe(const char *text, size_t len, size_t *len_out)
{
    static const char *const names[] = {
#define FE_CONST_NAME(name) #name,
        FE_CONSTANTS(FE_CONST_NAME)
#undef FE_CONST_NAME
    };
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_add(&sb, text, len);
    strbuf_puts(&sb, "\n");
    for (size_t i = 0; i < FE_C_COUNT; i++)
        strbuf_printf(&sb, "#ifdef %s\nenum { " FE_PROBE_PREFIX "%s = (int)(%s) };\n#endif\n",
                      names[i], names[i], names[i]);
    *len_out = sb.len;
    return strbuf_take(&sb);
}

struct probe_ctx {
    struct fe_unit *u;
    CXFile main_file;
    CXCursor *functions;
    size_t nfunctions;
    size_t functions_cap;
};

static void read_probe_enum(struct fe_unit *u, CXCursor enum_decl)
{
    static const char *const names[] = {
#define FE_CONST_NAME(name) #name,
        FE_CONSTANTS(FE_CONST_NAME)
#undef FE_CONST_NAME
    };
    CXCursor *kids = NULL;
    unsigned n = fe_children(enum_decl, &kids);
    for (unsigned i = 0; i < n; i++) {
        if (clang_getCursorKind(kids[i]) != CXCursor_EnumConstantDecl)
            continue;
        char *name = fe_str_consume(clang_getCursorSpelling(kids[i]));
        size_t plen = strlen(FE_PROBE_PREFIX);
        if (strncmp(name, FE_PROBE_PREFIX, plen) == 0) {
            for (size_t c = 0; c < FE_C_COUNT; c++) {
                if (strcmp(name + plen, names[c]) == 0) {
                    u->consts.value[c].known = true;
                    u->consts.value[c].value = clang_getEnumConstantDeclValue(kids[i]);
                }
            }
        }
        free(name);
    }
    free(kids);
}

/* Collects function definitions outside system headers, and the probe constants. */
static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct probe_ctx *ctx = data;
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind != CXCursor_FunctionDecl && kind != CXCursor_EnumDecl)
        return CXChildVisit_Continue;
    CXSourceLocation loc = clang_getCursorLocation(c);
    if (clang_Location_isInSystemHeader(loc))
        return CXChildVisit_Continue;
    if (kind == CXCursor_EnumDecl) {
        CXFile file;
        clang_getExpansionLocation(loc, &file, NULL, NULL, NULL);
        if (file && clang_File_isEqual(file, ctx->main_file))
            read_probe_enum(ctx->u, c);
        return CXChildVisit_Continue;
    }
    if (clang_isCursorDefinition(c))
        *XPUSH(ctx->functions, ctx->nfunctions, ctx->functions_cap) = c;
    return CXChildVisit_Continue;
}

static void collect_diagnostics(struct fe_unit *u)
{
    unsigned n = clang_getNumDiagnostics(u->tu);
    for (unsigned i = 0; i < n; i++) {
        CXDiagnostic d = clang_getDiagnostic(u->tu, i);
        enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
        if (sev >= CXDiagnostic_Error) {
            CXFile file;
            unsigned line = 0, col = 0;
            clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, &line, &col, NULL);
            unsigned fi = fe_file_index(u, file);
            char *msg = fe_str_consume(clang_getDiagnosticSpelling(d));
            facts_add_diag(u->facts, fi, line, col, msg);
            free(msg);
        }
        clang_disposeDiagnostic(d);
    }
}

static const char *parse_error_text(enum CXErrorCode code)
{
    switch (code) {
    case CXError_Success:
        return "no error";
    case CXError_Failure:
        return "libclang could not parse it";
    case CXError_Crashed:
        return "libclang crashed while parsing it";
    case CXError_InvalidArguments:
    case CXError_ASTReadError:
        /* libclang 14 answers ASTReadError when it cannot build a compiler invocation. */
        return "its compiler arguments were refused (check -std, --target and the other flags "
               "in compile_commands.json or after '--')";
    }
    return "unknown libclang error";
}

/* Lowers every collected function; facts own the result. */
static void lower_all(struct fe_unit *u, struct probe_ctx *ctx)
{
    if (u->consts.value[FE_C__WIN32].known)
        u->facts->target_windows = true;
    for (size_t i = 0; i < ctx->nfunctions; i++)
        fe_lower_function(u, ctx->functions[i]);
}

/* The whole of fe_extract, on whatever thread calls it. */
static struct facts *extract_here(struct fe *fe, const struct unit *unit, struct sc_error *err)
{
    size_t text_len = 0, probe_len = 0;
    char *text = read_file(unit->path, &text_len, err);
    if (!text)
        return NULL;
    char *probed = with_probe(text, text_len, &probe_len);
    free(text);

    struct CXUnsavedFile unsaved = {unit->path, probed, (unsigned long)probe_len};
    const char **args = xcalloc(unit->nargs + 2, sizeof *args);
    size_t nargs = 0;
    for (size_t i = 0; i < unit->nargs; i++)
        args[nargs++] = unit->args[i];
    /* Compiler warnings are not ours to report, and computing them costs time. */
    args[nargs++] = "-w";

    struct fe_unit u = {0};
    unsigned options = CXTranslationUnit_KeepGoing;
    enum CXErrorCode code = clang_parseTranslationUnit2(fe->index, unit->path, args, (int)nargs,
                                                        &unsaved, 1, options, &u.tu);
    free(args);
    if (code != CXError_Success || !u.tu) {
        free(probed);
        sc_error_set(err, SC_ERROR_PARSE_FAILED, unit->path, 0,
                     "libclang could not parse the file: %s", parse_error_text(code));
        return NULL;
    }
    u.facts = facts_new();
    facts_intern_file(u.facts, unit->path);
    u.main_file = clang_getFile(u.tu, unit->path);
    struct probe_ctx ctx = {.u = &u, .main_file = u.main_file};
    clang_visitChildren(clang_getTranslationUnitCursor(u.tu), visit_top, &ctx);
    collect_diagnostics(&u);
    lower_all(&u, &ctx);
    free(ctx.functions);
    clang_disposeTranslationUnit(u.tu);
    free(probed);
    return u.facts;
}

/*
 * Deeply nested code (10,000 "else if"s, long chains of casts or unary operators) makes
 * clang's parser and constant evaluator, and this front end, recurse once per level, at up
 * to ~10 KB of stack each: more than the 8 MB thread libclang parses on by default. So the
 * unit is parsed and lowered on a thread of our own with this much stack, and main() sets
 * LIBCLANG_NOTHREADS so that libclang parses on the calling thread (its crash recovery works
 * the same there). Only the pages touched are ever committed; the reservation is virtual.
 * Measured (LLVM 14, x86-64): 1 GiB takes 10,000 levels of every construct tried and 100,000
 * of most. clang has no depth limit for these (-fbracket-depth counts brackets only), and
 * 'clang -fsyntax-only' itself crashes on 30,000 nested whiles.
 */
#define FE_STACK_BYTES ((size_t)1 << 30)

struct extract_job {
    struct fe *fe;
    const struct unit *unit;
    struct sc_error *err;
    struct facts *facts;
};

static void *extract_job_run(void *arg)
{
    struct extract_job *job = arg;
    job->facts = extract_here(job->fe, job->unit, job->err);
    return NULL;
}

struct facts *fe_extract(struct fe *fe, const struct unit *unit, struct sc_error *err)
{
    struct extract_job job = {fe, unit, err, NULL};
    pthread_attr_t attr;
    pthread_t thread;
    bool started = false;
    if (pthread_attr_init(&attr) == 0) {
        started = pthread_attr_setstacksize(&attr, FE_STACK_BYTES) == 0 &&
                  pthread_create(&thread, &attr, extract_job_run, &job) == 0;
        pthread_attr_destroy(&attr);
    }
    /* Without the thread (address space exhausted), the caller's stack is all there is. */
    if (!started)
        extract_job_run(&job);
    else
        pthread_join(thread, NULL);
    return job.facts;
}
