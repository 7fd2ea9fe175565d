#include "compdb.h"

#include "jsonpos.h"
#include "path.h"
#include "strbuf.h"
#include "xalloc.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * A compilation database is read whole. Real ones reach a few hundred megabytes (every
 * file of a browser); anything above this cap is not one, and reading it would only
 * exhaust memory (STYLE §3.3: buffers fed by input take a cap).
 */
#define COMPDB_MAX_BYTES ((size_t)1 << 30)

#define COMPDB_CREATE_HINT "run cmake with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON or bear to create it"
#define COMPDB_REGEN_HINT                                                                          \
    "regenerate it (cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or bear -- make)"

/* One database being loaded: where it is, its text (for line numbers), its entry count. */
struct db {
    char *path; /* absolute path of compile_commands.json */
    char *dir;  /* absolute directory holding it: the base of relative "directory" values */
    char *text;
    size_t len;
    size_t nentries;
};

/* ---- argument vectors ---------------------------------------------------------------- */

/* A heap array of heap strings, always NULL-terminated so that it reads as an argv. */
struct strv {
    char **items;
    size_t count;
    size_t cap;
};

/* Appends s, taking ownership of it. */
static void strv_push_take(struct strv *v, char *s)
{
    xgrow((void **)&v->items, &v->cap, v->count + 2, sizeof *v->items);
    v->items[v->count++] = s;
    v->items[v->count] = NULL;
}

static void strv_fini(struct strv *v)
{
    for (size_t i = 0; i < v->count; i++)
        free(v->items[i]);
    free(v->items);
    v->items = NULL;
    v->count = v->cap = 0;
}

/* Hands the array to the caller; an empty vector still gives a (NULL-terminated) array. */
static char **strv_take(struct strv *v, size_t *count_out)
{
    if (!v->items) {
        v->items = xcalloc(1, sizeof *v->items);
        v->cap = 1;
    }
    char **items = v->items;
    *count_out = v->count;
    v->items = NULL;
    v->count = v->cap = 0;
    return items;
}

/* ---- compdb_split_command ------------------------------------------------------------ */

static bool is_shell_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Copies a single-quoted string starting after its opening quote: everything is literal up
 * to the closing quote. Returns the position after the closing quote, or NULL when the
 * quote is not closed.
 */
static const char *split_single_quoted(const char *p, struct strbuf *word)
{
    const char *close = strchr(p, '\'');
    if (!close)
        return NULL;
    strbuf_add(word, p, (size_t)(close - p));
    return close + 1;
}

/*
 * Copies a double-quoted string starting after its opening quote. As in a POSIX shell, a
 * backslash escapes only " \ $ ` and newline (a line continuation) there; before anything
 * else it is an ordinary character. Returns the position after the closing quote, or NULL.
 */
static const char *split_double_quoted(const char *p, struct strbuf *word)
{
    for (; *p; p++) {
        if (*p == '"')
            return p + 1;
        if (*p == '\\' && p[1] && strchr("\"\\$`\n", p[1])) {
            if (p[1] != '\n')
                strbuf_putc(word, p[1]);
            p++;
            continue;
        }
        strbuf_putc(word, *p);
    }
    return NULL;
}

/* Ends the current word, if one was started (an empty "" still makes a word). */
static void split_end_word(struct strv *words, struct strbuf *word, bool *in_word)
{
    if (!*in_word)
        return;
    strv_push_take(words, strbuf_take(word));
    *in_word = false;
}

int compdb_split_command(const char *command, char ***argv_out, size_t *argc_out,
                         struct sc_error *err)
{
    struct strv words = {0};
    struct strbuf word;
    bool in_word = false;
    const char *p = command;

    strbuf_init(&word);
    while (*p) {
        char c = *p;
        if (is_shell_space(c)) {
            split_end_word(&words, &word, &in_word);
            p++;
        } else if (c == '\\' && p[1] == '\n') {
            p += 2; /* a line continuation joins, and starts no word */
        } else if (c == '\'' || c == '"') {
            const char *next =
                c == '\'' ? split_single_quoted(p + 1, &word) : split_double_quoted(p + 1, &word);
            if (!next) {
                sc_error_set(err, SC_ERROR_COMPDB, NULL, 0,
                             "unterminated %s quote (%c) at character %zu of the command",
                             c == '\'' ? "single" : "double", c, (size_t)(p - command) + 1);
                strbuf_fini(&word);
                strv_fini(&words);
                *argv_out = NULL;
                *argc_out = 0;
                return -1;
            }
            in_word = true;
            p = next;
        } else {
            /* A backslash outside quotes makes the next character literal; a trailing one
             * has nothing to escape and stays itself. */
            if (c == '\\' && p[1])
                p++;
            strbuf_putc(&word, *p);
            in_word = true;
            p++;
        }
    }
    split_end_word(&words, &word, &in_word);
    strbuf_fini(&word);
    *argv_out = strv_take(&words, argc_out);
    return 0;
}

/* ---- compdb_filter_args -------------------------------------------------------------- */

/*
 * Flags kept with their value, written as two words ("-I dir") or joined ("-Idir",
 * "--sysroot=dir"). path says the value is a path that a relative spelling makes
 * dependent on the entry's directory.
 */
struct kept_flag {
    const char *name;
    bool path;
};

static const struct kept_flag kept_flags[] = {
    {"-I", true},       {"-isystem", true}, {"-iquote", true},   {"-idirafter", true},
    {"-include", true}, {"-imacros", true}, {"-isysroot", true}, {"--sysroot", true},
    {"-D", false},      {"-U", false},      {"-target", false},  {"-x", false},
};

/*
 * Flags dropped together with their value when written as two words: outputs (-o, -MF),
 * dependency targets, and flags that load code or files (-load, -mllvm, -include-pch,
 * -ivfsoverlay) or only concern the linker. Consuming the value matters: "-o x.c" or
 * "-Xclang -load -Xclang evil.so" must not leave a word behind that looks like something else.
 */
/* clang-format off */
static const char *const dropped_with_value[] = {
    "-o", "-MF", "-MT", "-MQ", "-MJ",                                /* outputs, dependency files */
    "-load", "-mllvm", "-include-pch", "-ivfsoverlay",               /* load code or read files */
    "-serialize-diagnostics", "--serialize-diagnostics",             /* write files */
    "-resource-dir", "-working-directory", "-module-dependency-dir",  /* not for libclang */
    "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-imultilib",  /* rare GCC include forms */
    "-L", "-l", "-u", "-z", "-T", "-e", "-B", "-specs",              /* linker and driver */
    "-F", "-arch", "-framework", "-dumpbase", "-dumpdir", "-aux-info", "--param", /* others */
    NULL,
};
/* clang-format on */

/*
 * -f flags that are dropped although -f is kept: they load code into the compiler
 * (-fplugin, -fpass-plugin), make it write files (module caches, crash reports, time
 * traces, optimisation records) or read files that need not exist where we run (profiles,
 * sanitizer lists, prebuilt modules) and would turn a parse into an error.
 */
/* clang-format off */
static const char *const dropped_f_prefixes[] = {
    "-fplugin", "-fpass-plugin",                                     /* load code */
    "-fmodules-cache-path", "-fcrash-diagnostics", "-ftime-trace",   /* write files */
    "-fsave-optimization-record",                                    /* writes files */
    "-fprofile-", "-fsanitize-blacklist", "-fsanitize-ignorelist",   /* read files */
    "-fmodule-file",                                                 /* reads files */
    NULL,
};
/* clang-format on */

/* Flags kept as they are, with no value. */
static const char *const kept_exact[] = {"-ansi", "-nostdinc", "-nostdlibinc", "-pthread", NULL};

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static bool has_listed_prefix(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (starts_with(s, list[i]))
            return true;
    return false;
}

/*
 * The kept flag that arg spells, and where its joined value starts (NULL when the value is
 * the next word). "--sysroot" joins with "=", the others directly; "-target" never joins.
 */
static const struct kept_flag *match_kept_flag(const char *arg, const char **joined_out)
{
    *joined_out = NULL;
    for (size_t i = 0; i < sizeof kept_flags / sizeof kept_flags[0]; i++) {
        const struct kept_flag *f = &kept_flags[i];
        size_t n = strlen(f->name);
        if (strncmp(arg, f->name, n) != 0)
            continue;
        if (arg[n] == '\0')
            return f;
        if (strcmp(f->name, "--sysroot") == 0) {
            if (arg[n] == '=') {
                *joined_out = arg + n + 1;
                return f;
            }
        } else if (strcmp(f->name, "-target") != 0) {
            *joined_out = arg + n;
            return f;
        }
    }
    return NULL;
}

/* Machine flags that change predefined macros or type sizes. */
static bool is_parse_relevant_m(const char *arg)
{
    static const char *const prefixes[] = {
        "-m16",
        "-m32",
        "-m64",
        "-mx32",
        "-march=",
        "-mcpu=",
        "-mtune=",
        "-mabi=",
        "-msse",
        "-mno-sse",
        "-mavx",
        "-mno-avx",
        "-mfpu=",
        "-mfloat-abi=",
        "-mthumb",
        "-marm",
        "-mlittle-endian",
        "-mbig-endian",
        "-mwindows",
        "-mconsole",
        "-municode",
        "-mthreads",
        "-mdll",
        "-mno-cygwin",
        "-mcmodel=",
        "-mpclmul",
        "-maes",
        "-mpopcnt",
        "-mbmi",
        "-mfma",
        "-mf16c",
        "-msha",
        "-mcrc32",
        "-mlong-double-",
        NULL,
    };
    return has_listed_prefix(arg, prefixes);
}

/* Whether a single-word flag (no value) is kept. */
static bool is_kept_single(const char *arg)
{
    if (in_list(arg, kept_exact))
        return true;
    if (starts_with(arg, "-std=") || starts_with(arg, "--std=") || starts_with(arg, "--target="))
        return true;
    if (starts_with(arg, "-f"))
        return !has_listed_prefix(arg, dropped_f_prefixes);
    /* -mllvm passes options to LLVM itself; as two words it is in dropped_with_value,
     * checked first, and no joined spelling ("-mllvm=x", found by fuzzing) is a machine flag
     * either. "-module-..." are clang actions and module options, not machine flags. Of the
     * machine flags only those that change what the preprocessor and the type system see are
     * kept: compilation databases written by gcc builds carry gcc-only ones
     * (-mindirect-branch=thunk) that clang refuses as errors while they change nothing about
     * the parse. */
    return starts_with(arg, "-m") && !starts_with(arg, "-module") && !starts_with(arg, "-mllvm") &&
           is_parse_relevant_m(arg);
}

/*
 * The value of a kept path flag, made absolute against directory when it is relative, so
 * that the unit parses from any working directory. Plain concatenation, not lexical
 * normalisation: "a/../b" through a symlinked "a" means what the compiler would have seen.
 * Values starting with "=" or "$SYSROOT" are sysroot-relative and stay as written.
 */
static char *absolute_value(const char *value, const char *directory)
{
    if (!directory || !value[0] || value[0] == '/' || value[0] == '=' ||
        starts_with(value, "$SYSROOT"))
        return xstrdup(value);
    while (value[0] == '.' && value[1] == '/')
        value += 2;
    return xasprintf("%s/%s", directory, value);
}

/* Appends a kept flag and its value in the form they were written. */
static void push_kept(struct strv *out, const struct kept_flag *f, const char *joined,
                      const char *value, const char *directory)
{
    const char *v = joined ? joined : value;
    char *fixed = f->path ? absolute_value(v, directory) : xstrdup(v);
    if (joined) {
        const char *sep = strcmp(f->name, "--sysroot") == 0 ? "=" : "";
        strv_push_take(out, xasprintf("%s%s%s", f->name, sep, fixed));
        free(fixed);
    } else {
        strv_push_take(out, xstrdup(f->name));
        strv_push_take(out, fixed);
    }
}

/*
 * The filter, for one argv. With directory non-NULL, relative paths of kept path flags are
 * made absolute against it. Returns the number of words of argv consumed at i (1 or 2).
 */
static size_t filter_one(char *const *argv, size_t argc, size_t i, const char *directory,
                         struct strv *out)
{
    const char *arg = argv[i];
    bool has_next = i + 1 < argc;
    const char *joined;

    /* Positional words are the source file, other inputs, objects and libraries: libclang
     * is given the source separately and the rest is for the linker. @file would make the
     * compiler read arguments we have not seen. */
    if (arg[0] != '-' || arg[1] == '\0')
        return 1;
    if (in_list(arg, dropped_with_value) || (arg[1] == 'X' && arg[2] != '\0'))
        return has_next ? 2 : 1; /* -Xclang, -Xlinker, -Xpreprocessor, -Xarch_... take one */
    const struct kept_flag *f = match_kept_flag(arg, &joined);
    if (f) {
        if (!joined && !has_next)
            return 1; /* "-I" at the very end has no value: drop it */
        push_kept(out, f, joined, joined ? NULL : argv[i + 1], directory);
        return joined ? 1 : 2;
    }
    if (is_kept_single(arg))
        strv_push_take(out, xstrdup(arg));
    /* Everything else is dropped: -W* (warnings as errors would change what parses), -O*,
     * -g*, -c, -M*, -Wl,..., -Wp,..., unknown flags. */
    return 1;
}

static void filter_args(char *const *argv, size_t argc, const char *directory, char ***args_out,
                        size_t *nargs_out)
{
    struct strv out = {0};
    /* argv[0] is the compiler (or a wrapper such as ccache, whose compiler is positional). */
    for (size_t i = 1; i < argc;) {
        if (strcmp(argv[i], "--") == 0)
            break; /* only input files follow */
        i += filter_one(argv, argc, i, directory, &out);
    }
    *args_out = strv_take(&out, nargs_out);
}

void compdb_filter_args(char *const *argv, size_t argc, const char *file, char ***args_out,
                        size_t *nargs_out)
{
    /* Every positional word is dropped, the source file among them, however it is spelled
     * ("./a.c", "../src/a.c"), so file is not needed to recognise it. */
    (void)file;
    filter_args(argv, argc, NULL, args_out, nargs_out);
}

/* ---- reading and locating ------------------------------------------------------------ */

/* The 1-based line of text[offset]. */
static unsigned line_at(const char *text, size_t len, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset && i < len; i++)
        if (text[i] == '\n')
            line++;
    return line;
}

/* "unexpected 'x' at column 7", or "unexpected end of the file", for a parse error. */
static void describe_position(const char *text, size_t len, size_t offset, char *buf, size_t size)
{
    if (offset >= len) {
        snprintf(buf, size, "unexpected end of the file");
        return;
    }
    size_t col = 1;
    for (size_t i = offset; i > 0 && text[i - 1] != '\n'; i--)
        col++;
    unsigned char c = (unsigned char)text[offset];
    if (c >= 0x20 && c < 0x7f)
        snprintf(buf, size, "unexpected '%c' at column %zu", c, col);
    else
        snprintf(buf, size, "unexpected byte 0x%02x at column %zu", c, col);
}

/*
 * The line where element index of the top-level array starts, or 0. cJSON keeps no
 * positions, so this scans the (already validated) text: strings are skipped, and an
 * element starts at the first non-blank character after "[" or a "," at depth 1.
 */
static unsigned entry_line(const char *text, size_t len, size_t index)
{
    size_t depth = 0, seen = 0;
    bool expecting = false;
    unsigned line = 1;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\n')
            line++;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (depth == 1 && expecting) {
            if (seen == index)
                return line;
            seen++;
            expecting = false;
        }
        if (c == '"') {
            for (i++; i < len && text[i] != '"'; i++) {
                if (text[i] == '\\')
                    i++;
                else if (text[i] == '\n')
                    line++;
            }
        } else if (c == '[' || c == '{') {
            if (++depth == 1)
                expecting = true;
        } else if (c == ']' || c == '}') {
            depth--;
        } else if (c == ',' && depth == 1) {
            expecting = true;
        }
    }
    return 0;
}

/* Reads db->path whole into db->text. */
static int db_read(struct db *db, struct sc_error *err)
{
    /* O_NONBLOCK: a FIFO named compile_commands.json must not hang the open. */
    int fd = open(db->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        sc_error_set(err, SC_ERROR_COMPDB, db->path, 0, "cannot read %s: %s%s%s", db->path,
                     strerror(e), e == ENOENT || e == ENOTDIR ? "; " : "",
                     e == ENOENT || e == ENOTDIR ? COMPDB_CREATE_HINT : "");
        return -1;
    }
    struct stat st;
    int rc = -1;
    struct strbuf buf;
    strbuf_init(&buf);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        sc_error_set(err, SC_ERROR_COMPDB, db->path, 0, "cannot read %s: not a regular file",
                     db->path);
        goto out;
    }
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            sc_error_set(err, SC_ERROR_COMPDB, db->path, 0, "cannot read %s: %s", db->path,
                         strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        if (buf.len + (size_t)n > COMPDB_MAX_BYTES) {
            sc_error_set(err, SC_ERROR_COMPDB, db->path, 0,
                         "%s is larger than 1 GiB: not a compilation database", db->path);
            goto out;
        }
        strbuf_add(&buf, chunk, (size_t)n);
    }
    db->len = buf.len;
    db->text = strbuf_take(&buf);
    rc = 0;
out:
    strbuf_fini(&buf);
    close(fd);
    return rc;
}

/*
 * Where the database of dir is: dir/compile_commands.json, or dir itself when it names a
 * file (users often write "-p build/compile_commands.json"). Relative dir is taken against
 * the current directory.
 */
static int db_locate(struct db *db, const char *dir, struct sc_error *err)
{
    char *cwd = path_cwd();
    if (!cwd) {
        sc_error_set(err, SC_ERROR_IO, NULL, 0, "cannot get the current directory: %s",
                     strerror(errno));
        return -1;
    }
    char *abs = path_join_normalise(cwd, dir);
    free(cwd);
    struct stat st;
    if (stat(abs, &st) == 0 && !S_ISDIR(st.st_mode)) {
        db->path = abs;
        char *slash = strrchr(abs, '/');
        db->dir = slash == abs ? xstrdup("/") : xstrndup(abs, (size_t)(slash - abs));
    } else {
        db->path = path_join_normalise(abs, "compile_commands.json");
        db->dir = abs;
    }
    return 0;
}

static void db_fini(struct db *db)
{
    free(db->path);
    free(db->dir);
    free(db->text);
}

/* ---- entries ------------------------------------------------------------------------- */

/*
 * Fills err for entry index: "entry 3 of 10 <what>", counted from 1, on the line where the
 * entry starts.
 */
static void entry_error(const struct db *db, size_t index, struct sc_error *err, const char *fmt,
                        ...) SC_PRINTF(4, 5);

static void entry_error(const struct db *db, size_t index, struct sc_error *err, const char *fmt,
                        ...)
{
    char what[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    sc_error_set(err, SC_ERROR_COMPDB, db->path, entry_line(db->text, db->len, index),
                 "entry %zu of %zu %s (each entry needs \"directory\", \"file\", and "
                 "\"arguments\" or \"command\"); " COMPDB_REGEN_HINT,
                 index + 1, db->nentries, what);
}

/* Checks that field of entry is a non-empty string, if present or required. */
static int entry_string(const struct db *db, const cJSON *entry, size_t index, const char *field,
                        bool required, const char **value_out, struct sc_error *err)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(entry, field);
    *value_out = NULL;
    if (!item) {
        if (!required)
            return 0;
        entry_error(db, index, err, "has no \"%s\"", field);
    } else if (!cJSON_IsString(item)) {
        entry_error(db, index, err, "has \"%s\" as %s; it must be a string", field,
                    jsonpos_type_name(item));
    } else if (!item->valuestring[0]) {
        entry_error(db, index, err, "has an empty \"%s\"", field);
    } else {
        *value_out = item->valuestring;
        return 0;
    }
    return -1;
}

/* The argv of entry: "arguments" when present (clang prefers it too), else "command". */
static int entry_argv(const struct db *db, const cJSON *entry, size_t index, struct strv *argv,
                      struct sc_error *err)
{
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(entry, "arguments");
    const char *command;

    if (entry_string(db, entry, index, "command", false, &command, err) != 0)
        return -1;
    if (!args && !command) {
        entry_error(db, index, err, "has neither \"arguments\" nor \"command\"");
        return -1;
    }
    if (args) {
        if (!cJSON_IsArray(args)) {
            entry_error(db, index, err, "has \"arguments\" as %s; it must be an array of strings",
                        jsonpos_type_name(args));
            return -1;
        }
        size_t k = 0;
        for (const cJSON *a = args->child; a; a = a->next, k++) {
            if (!cJSON_IsString(a)) {
                entry_error(db, index, err, "has \"arguments\" item %zu as %s; it must be a string",
                            k + 1, jsonpos_type_name(a));
                return -1;
            }
            strv_push_take(argv, xstrdup(a->valuestring));
        }
        return 0;
    }
    struct sc_error split_err;
    sc_error_clear(&split_err);
    if (compdb_split_command(command, &argv->items, &argv->count, &split_err) != 0) {
        entry_error(db, index, err, "has a \"command\" that cannot be split: %s",
                    split_err.message);
        return -1;
    }
    argv->cap = argv->count + 1;
    return 0;
}

/* Why the unit's file cannot be analysed, or NULL when it is there. Caller frees. */
static char *file_problem(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return xasprintf("no such file: %s; the compilation database may be stale: "
                             "rebuild it",
                             path);
        return xasprintf("cannot access %s: %s", path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode))
        return xasprintf("%s is a directory, not a source file", path);
    return NULL;
}

/*
 * Why the kept arguments cannot be used, or NULL. A unit's files are read to their end
 * (libclang treats them as volatile, so it does not trust their size): an -include or
 * -imacros of a FIFO would block the parse forever, one of /dev/zero would fill memory.
 * Caller frees.
 */
static char *args_problem(char *const *args, size_t nargs)
{
    for (size_t i = 0; i < nargs; i++) {
        const char *value = NULL;
        bool two_words = strcmp(args[i], "-include") == 0 || strcmp(args[i], "-imacros") == 0;
        if (two_words && i + 1 < nargs)
            value = args[++i];
        else if (starts_with(args[i], "-include") || starts_with(args[i], "-imacros"))
            value = args[i] + strlen("-include"); /* both names are 8 characters */
        struct stat st;
        if (value && stat(value, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
            return xasprintf("the arguments include '%s', a FIFO or a device, not a header: it "
                             "would never be read to its end; fix the compilation database",
                             value);
    }
    return NULL;
}

/* Turns entry index into *u. On failure u holds nothing. */
static int entry_read(const struct db *db, const cJSON *entry, size_t index, struct unit *u,
                      struct sc_error *err)
{
    const char *directory, *file;
    struct strv argv = {0};

    memset(u, 0, sizeof *u);
    if (!cJSON_IsObject(entry)) {
        entry_error(db, index, err, "is %s; it must be an object", jsonpos_type_name(entry));
        return -1;
    }
    if (entry_string(db, entry, index, "directory", true, &directory, err) != 0 ||
        entry_string(db, entry, index, "file", true, &file, err) != 0 ||
        entry_argv(db, entry, index, &argv, err) != 0) {
        strv_fini(&argv);
        return -1;
    }
    /* A relative "directory" is relative to the database's own directory (as clang does). */
    u->directory = path_join_normalise(db->dir, directory);
    u->path = path_join_normalise(u->directory, file);
    filter_args(argv.items, argv.count, u->directory, &u->args, &u->nargs);
    u->problem = file_problem(u->path);
    if (!u->problem)
        u->problem = args_problem(u->args, u->nargs);
    strv_fini(&argv);
    return 0;
}

/* ---- duplicates ---------------------------------------------------------------------- */

/* A set of borrowed strings (open addressing), to keep the first entry of each file. */
struct pathset {
    const char **slots;
    size_t cap;
    size_t count;
};

static uint64_t hash_string(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void pathset_insert_slot(const char **slots, size_t cap, const char *s)
{
    size_t i = (size_t)(hash_string(s) & (cap - 1));
    while (slots[i])
        i = (i + 1) & (cap - 1);
    slots[i] = s;
}

/* Adds s (borrowed; it must outlive the set); false when it was already there. */
static bool pathset_add(struct pathset *set, const char *s)
{
    if (set->cap) {
        for (size_t i = (size_t)(hash_string(s) & (set->cap - 1)); set->slots[i];
             i = (i + 1) & (set->cap - 1))
            if (strcmp(set->slots[i], s) == 0)
                return false;
    }
    if ((set->count + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        const char **slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i])
                pathset_insert_slot(slots, cap, set->slots[i]);
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    pathset_insert_slot(set->slots, set->cap, s);
    set->count++;
    return true;
}

/* ---- compdb_load --------------------------------------------------------------------- */

/* Parses db->text and checks the top level. Returns the root (caller deletes) or NULL. */
static cJSON *db_parse(const struct db *db, struct sc_error *err)
{
    const char *end = NULL;
    /* cJSON skips a NUL byte between tokens as if it were a space; JSON does not, and a NUL
     * means a binary or UTF-16 file, so it is reported where it is. */
    const char *nul = memchr(db->text, '\0', db->len);
    /* The length includes the terminating NUL that strbuf keeps, so that "require null
     * terminated" rejects anything after the top-level value. */
    cJSON *root = nul ? NULL : cJSON_ParseWithLengthOpts(db->text, db->len + 1, &end, true);
    if (!root) {
        size_t offset = nul ? (size_t)(nul - db->text) : end ? (size_t)(end - db->text) : 0;
        unsigned line = line_at(db->text, db->len, offset);
        char where[64];
        describe_position(db->text, db->len, offset, where, sizeof where);
        sc_error_set(err, SC_ERROR_COMPDB, db->path, line,
                     "not valid JSON: %s (a compilation database is a JSON array of "
                     "entries); " COMPDB_REGEN_HINT,
                     where);
        return NULL;
    }
    if (!cJSON_IsArray(root)) {
        sc_error_set(err, SC_ERROR_COMPDB, db->path, 1,
                     "the top level is %s; a compilation database is a JSON array of "
                     "entries: " COMPDB_REGEN_HINT,
                     jsonpos_type_name(root));
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* Reads every entry of root into list, first entry of each file only. */
static int db_entries(struct db *db, const cJSON *root, struct unit_list *list,
                      struct sc_error *err)
{
    struct pathset seen = {0};
    size_t index = 0;
    int rc = 0;

    db->nentries = (size_t)cJSON_GetArraySize(root);
    for (const cJSON *entry = root->child; entry; entry = entry->next, index++) {
        struct unit u;
        if (entry_read(db, entry, index, &u, err) != 0) {
            rc = -1;
            break;
        }
        /* Several entries for one file (built twice with different flags): the first wins,
         * so that the result does not depend on anything but the file's order. */
        if (!pathset_add(&seen, u.path)) {
            unit_fini(&u);
            continue;
        }
        *XPUSH(list->items, list->count, list->cap) = u;
    }
    free(seen.slots);
    return rc;
}

/* Parses db->text (read or given) into out; on error out is as the caller gave it. */
static int db_load_text(struct db *db, struct unit_list *out, struct sc_error *err)
{
    struct unit_list loaded = {0};
    cJSON *root = db_parse(db, err);
    int rc = -1;

    if (!root || db_entries(db, root, &loaded, err) != 0)
        goto out;
    for (size_t i = 0; i < loaded.count; i++)
        *XPUSH(out->items, out->count, out->cap) = loaded.items[i];
    free(loaded.items);
    loaded.items = NULL;
    loaded.count = loaded.cap = 0;
    rc = 0;
out:
    unit_list_fini(&loaded);
    cJSON_Delete(root);
    return rc;
}

int compdb_parse(const char *text, size_t len, const char *db_path, struct unit_list *out,
                 struct sc_error *err)
{
    struct db db = {0};
    /* The parser relies on a terminating NUL (see db_parse); the caller's text need not
     * have one, and a NUL inside it is an error like any other stray byte. */
    db.text = xstrndup(text ? text : "", text ? len : 0);
    db.len = text ? len : 0;
    db.path = path_join_normalise("/", db_path);
    char *slash = strrchr(db.path, '/');
    db.dir = slash == db.path ? xstrdup("/") : xstrndup(db.path, (size_t)(slash - db.path));
    int rc = db_load_text(&db, out, err);
    db_fini(&db);
    return rc;
}

int compdb_load(const char *dir, struct unit_list *out, struct sc_error *err)
{
    struct db db = {0};
    int rc = -1;

    if (db_locate(&db, dir, err) == 0 && db_read(&db, err) == 0)
        rc = db_load_text(&db, out, err);
    db_fini(&db);
    return rc;
}
