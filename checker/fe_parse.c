/*
 * libclang index and translation-unit lifetime; clang diagnostics into facts; the probe that
 * reads the unit's own socket constants.
 */
#include "fe.h"
#include "fe_internal.h"
#include "path.h"
#include "srcfile.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fe {
    CXIndex index;
    const char *resource_dir; /* static storage, or NULL: libclang's own guess */
};

/*
 * Where clang's builtin headers (stddef.h, x86intrin.h, ...) are, or NULL. libclang builds its
 * header search list with a driver that does not know where it is installed: Debian patches in
 * a path for Linux targets only, so for --target=x86_64-w64-mingw32 the mingw headers' own
 * #include <x86intrin.h> fails. The directory found at build time next to the library is
 * handed to libclang explicitly, when it is still there.
 */
static const char *builtin_resource_dir(void)
{
#ifdef SOCKCHECK_CLANG_RESOURCE_DIR
    if (access(SOCKCHECK_CLANG_RESOURCE_DIR "/include/stddef.h", R_OK) == 0)
        return SOCKCHECK_CLANG_RESOURCE_DIR;
#endif
    return NULL;
}

struct fe *fe_new(void)
{
    struct fe *fe = xcalloc(1, sizeof *fe);
    fe->index = clang_createIndex(0, 0);
    fe->resource_dir = builtin_resource_dir();
    return fe;
}

/* Whether the unit's own arguments already choose the resource directory. */
static bool has_resource_dir(const struct unit *unit)
{
    for (size_t i = 0; i < unit->nargs; i++)
        if (strncmp(unit->args[i], "-resource-dir", strlen("-resource-dir")) == 0)
            return true;
    return false;
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

/*
 * Reads the whole file; NULL with err on failure. The caller frees the buffer. srcfile_read
 * refuses a FIFO or device without blocking, should the file have been replaced by one
 * since srccheck looked at it.
 */
static char *read_file(const char *path, size_t *len_out, struct sc_error *err)
{
    char *text = srcfile_read(path, len_out);
    if (!text)
        sc_error_set(err, SC_ERROR_IO, path, 0, "cannot read the file: %s",
                     srcfile_read_error(path, errno));
    return text;
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

void fe_inputs_fini(struct fe_inputs *inputs)
{
    for (size_t i = 0; i < inputs->count; i++)
        free(inputs->items[i].path);
    free(inputs->items);
    memset(inputs, 0, sizeof *inputs);
}

struct inclusion_ctx {
    struct fe_inputs *inputs;
    CXTranslationUnit tu;
    CXFile main_file;
    char *cwd;
    const struct fe_digest_memo *memo; /* may be NULL */
};

/* The absolute path of a file libclang read: its real path, else its name against the cwd. */
static char *absolute_file_name(CXFile file, const char *cwd)
{
    char *real = fe_str_consume(clang_File_tryGetRealPathName(file));
    if (real && path_is_absolute(real))
        return real;
    free(real);
    char *name = fe_str_consume(clang_getFileName(file));
    char *abs = path_join_normalise(cwd, name);
    free(name);
    return abs;
}

/* Records every file of the unit but the main one (which the caller recorded from its own
 * text, without the probe) with the digest of the very bytes clang parsed. */
static void visit_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    (void)stack;
    (void)depth;
    struct inclusion_ctx *ctx = data;
    if (clang_File_isEqual(file, ctx->main_file))
        return;
    struct fe_input *in = XPUSH(ctx->inputs->items, ctx->inputs->count, ctx->inputs->cap);
    in->path = absolute_file_name(file, ctx->cwd);
    if (ctx->memo && ctx->memo->lookup(ctx->memo->ctx, in->path, in->digest))
        return;
    size_t size = 0;
    const char *bytes = clang_getFileContents(ctx->tu, file, &size);
    digest_bytes_hex(bytes ? bytes : "", bytes ? size : 0, in->digest);
    if (ctx->memo)
        ctx->memo->remember(ctx->memo->ctx, in->path, in->digest);
}

/* Whether clang looked for a file that is not there: creating it later changes the unit. The
 * message is clang's, which is never translated. */
static bool has_missing_file(CXTranslationUnit tu)
{
    bool missing = false;
    unsigned n = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < n && !missing; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        char *msg = fe_str_consume(clang_getDiagnosticSpelling(d));
        missing = strstr(msg, "file not found") != NULL;
        free(msg);
        clang_disposeDiagnostic(d);
    }
    return missing;
}

static void collect_inputs(CXTranslationUnit tu, CXFile main_file, struct fe_inputs *inputs,
                           const struct fe_digest_memo *memo)
{
    struct inclusion_ctx ctx = {inputs, tu, main_file, path_cwd(), memo};
    if (!ctx.cwd)
        ctx.cwd = xstrdup("/");
    clang_getInclusions(tu, visit_inclusion, &ctx);
    free(ctx.cwd);
    inputs->complete = !has_missing_file(tu);
}

struct facts *fe_extract(struct fe *fe, const struct unit *unit, struct sc_error *err)
{
    return fe_extract_inputs(fe, unit, NULL, NULL, err);
}

struct facts *fe_extract_inputs(struct fe *fe, const struct unit *unit,
                                struct fe_inputs *inputs_out, const struct fe_digest_memo *memo,
                                struct sc_error *err)
{
    size_t text_len = 0, probe_len = 0;
    if (inputs_out)
        memset(inputs_out, 0, sizeof *inputs_out);
    char *text = read_file(unit->path, &text_len, err);
    if (!text)
        return NULL;
    if (inputs_out) {
        struct fe_input *in = XPUSH(inputs_out->items, inputs_out->count, inputs_out->cap);
        in->path = xstrdup(unit->path);
        digest_bytes_hex(text, text_len, in->digest);
    }
    char *probed = with_probe(text, text_len, &probe_len);
    free(text);

    struct CXUnsavedFile unsaved = {unit->path, probed, (unsigned long)probe_len};
    const char **args = xcalloc(unit->nargs + 4, sizeof *args);
    size_t nargs = 0;
    if (fe->resource_dir && !has_resource_dir(unit)) {
        args[nargs++] = "-resource-dir";
        args[nargs++] = fe->resource_dir;
    }
    for (size_t i = 0; i < unit->nargs; i++)
        args[nargs++] = unit->args[i];
    /* Compiler warnings are not ours to report, and computing them costs time. */
    args[nargs++] = "-w";

    struct fe_unit u = {0};
    /* Measured (docs/performance.md "Parse options"): KeepGoing costs nothing and keeps a
     * fatal error from losing the rest of the unit; SkipFunctionBodies would lose the bodies
     * the analysis needs, and limiting it to the preamble costs a precompiled header per
     * unit; a detailed preprocessing record only costs. */
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
    if (inputs_out)
        collect_inputs(u.tu, u.main_file, inputs_out, memo);
    lower_all(&u, &ctx);
    free(ctx.functions);
    clang_disposeTranslationUnit(u.tu);
    free(probed);
    return u.facts;
}
