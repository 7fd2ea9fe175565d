/*
 * testdata_runner: runs sockcheck on every annotated input under TESTDATA_DIR and checks its
 * findings against the annotations written in the sources (STYLE.md section 5, ARCHITECTURE.md
 * "Testdata annotations").
 *
 *     testdata_runner SOCKCHECK TESTDATA_DIR
 *
 * Every .c file under rules/ is run alone; every projects/<name>/ with a compile_commands.json
 * is run with -p. A <name>.fixed.c is the expected result of --fix on <name>.c: the runner
 * applies --fix to a copy, compares, compiles the result and checks that nothing is left. The rule
 * ids that annotations may name come from SOCKCHECK --list-rules. Exit status: 0 when every file
 * passed (or failed as expected), 1 otherwise, 2 on bad usage.
 *
 * The runner is self-contained on purpose: it links cJSON and libc only, not sockcheck_core,
 * so the oracle shares no code (and no bug) with the tool it judges. For the same reason it
 * has its own small allocation helpers; like checker/xalloc.h they never return NULL and stop
 * the program on exhaustion, because a test runner out of memory has nothing useful to do.
 */
#include <cjson/cJSON.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Inputs are small C files; anything bigger is a mistake worth reporting, not reading. */
#define SOURCE_CAP (16u * 1024u * 1024u)
/* sockcheck's JSON for one test file; beyond this the output is reported as too large. */
#define OUTPUT_CAP (64u * 1024u * 1024u)
/* How much of sockcheck's standard error a failure shows. */
#define STDERR_SHOWN 4000u
/* test-args must sit in the head of the file, where a reader sees them (STYLE.md section 5). */
#define TEST_ARGS_MAX_LINE 5u

#define PUSH(items, count, cap)                                                                    \
    ((items) = grow((items), &(cap), (count) + 1, sizeof *(items)), &(items)[(count)++])

/* A list of owned strings, kept NULL-terminated so that it can serve as an argv. */
struct strlist {
    char **items;
    size_t count;
    size_t cap;
};

enum directive_kind {
    DIRECTIVE_EXPECT,      /* expect: and expect-next-line: */
    DIRECTIVE_RELATED,     /* related: */
    DIRECTIVE_TODO_EXPECT, /* todo-expect: a known miss */
    DIRECTIVE_TODO_CLEAN,  /* todo-clean: a known false alarm */
};

/* One rule named by one directive: "expect: SCK001 x2" on line 12 is one expectation. */
struct expectation {
    enum directive_kind kind;
    unsigned line;  /* the line the directive speaks about (for expect-next-line, the next) */
    char *rule;     /* a rule id listed by --list-rules */
    unsigned count; /* DIRECTIVE_EXPECT: how many findings */
    char *message;  /* a substring the message must contain, or NULL */
};

/* An annotated input file and what its comments say. */
struct source {
    char *path; /* relative to the testdata root, as findings name it */
    struct expectation *exps;
    size_t nexps;
    size_t exps_cap;
    struct strlist args; /* test-args: extra compiler arguments */
    bool positive;       /* holds at least one expect: or expect-next-line: */
};

/* Something wrong with a test, at path:line (line 0: the file as a whole). */
struct problem {
    char *path;
    unsigned line;
    size_t seq; /* insertion order, so that sorting keeps related lines together */
    char *text;
};

struct problem_list {
    struct problem *items;
    size_t count;
    size_t cap;
};

/* What one run of sockcheck (one file or one project) came to. */
struct verdict {
    struct problem_list problems; /* failures */
    struct problem_list notes;    /* expected failures (todo-*), shown under XFAIL */
};

/* A finding from sockcheck's JSON; the strings are borrowed from the parsed tree. */
struct finding_view {
    const char *rule;
    const char *path;
    unsigned line;
    const char *message;
    const cJSON *json;
    bool claimed; /* matched by a directive */
};

struct run_output {
    int status; /* exit status, or -1 when killed by a signal */
    int signal;
    char *out;
    size_t out_len;
    bool out_truncated;
    char *err;
};

struct runner {
    char *sockcheck; /* absolute path of the tool */
    char *root;      /* absolute path of the testdata directory (also the cwd) */
    char *path_env;  /* "PATH=...": the only variable the tool sees */
    struct strlist rule_ids;
    unsigned files;
    unsigned passed;
    unsigned failed;
    unsigned xfailed;
    unsigned layout_errors; /* rules/<ID>/ directories breaking the positive+negative rule */
};

/* ---- memory and strings ------------------------------------------------------------- */

static void out_of_memory(void)
{
    fputs("testdata_runner: out of memory\n", stderr);
    abort();
}

/* Grows items (of size bytes each, cap allocated) to hold need; returns the new array. */
static void *grow(void *items, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 8;

    if (need <= *cap)
        return items;
    while (n < need)
        n *= 2;
    if (n > SIZE_MAX / size)
        out_of_memory();
    items = realloc(items, n * size);
    if (items == NULL)
        out_of_memory();
    *cap = n;
    return items;
}

/* A heap copy of the first len bytes of s; the caller frees it. */
static char *copy_n(const char *s, size_t len)
{
    char *p = malloc(len + 1);

    if (p == NULL)
        out_of_memory();
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static char *copy(const char *s)
{
    return copy_n(s, strlen(s));
}

/* A heap string formatted like vprintf; the caller frees it. */
static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char *p;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        out_of_memory(); /* only an encoding error gets here; the text is ours */
    p = malloc((size_t)n + 1);
    if (p == NULL)
        out_of_memory();
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A heap string formatted like printf; the caller frees it. */
static char *format(const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = vformat(fmt, ap);
    va_end(ap);
    return p;
}

/* Appends s (ownership taken) and keeps the list NULL-terminated. */
static void strlist_push(struct strlist *list, char *s)
{
    list->items = grow(list->items, &list->cap, list->count + 2, sizeof *list->items);
    list->items[list->count++] = s;
    list->items[list->count] = NULL;
}

static void strlist_fini(struct strlist *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

static bool strlist_has(const struct strlist *list, const char *s)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i], s) == 0)
            return true;
    }
    return false;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ---- problems ------------------------------------------------------------------------ */

static void problem_add(struct problem_list *list, const char *path, unsigned line, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

/* Records a problem at path:line (line 0: the whole file); path may be NULL. */
static void problem_add(struct problem_list *list, const char *path, unsigned line, const char *fmt,
                        ...)
{
    struct problem *p = PUSH(list->items, list->count, list->cap);
    va_list ap;

    p->path = path ? copy(path) : NULL;
    p->line = line;
    p->seq = list->count - 1;
    va_start(ap, fmt);
    p->text = vformat(fmt, ap);
    va_end(ap);
}

static void problem_list_fini(struct problem_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].text);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

static int compare_problems(const void *a, const void *b)
{
    const struct problem *x = a, *y = b;
    int c = strcmp(x->path ? x->path : "", y->path ? y->path : "");

    if (c != 0)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Prints the list sorted by file and line, one indented line each, as "path:line: text". */
static void problem_list_print(struct problem_list *list)
{
    qsort(list->items, list->count, sizeof *list->items, compare_problems);
    for (size_t i = 0; i < list->count; i++) {
        const struct problem *p = &list->items[i];
        if (p->path && p->line)
            printf("  %s:%u: %s\n", p->path, p->line, p->text);
        else if (p->path)
            printf("  %s: %s\n", p->path, p->text);
        else
            printf("  %s\n", p->text);
    }
}

/* ---- files --------------------------------------------------------------------------- */

/* The contents of path, NUL-terminated, in *text_out (caller frees); -1 with a problem. */
static int file_read(const char *path, char **text_out, size_t *len_out,
                     struct problem_list *problems)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;

    if (f == NULL) {
        problem_add(problems, path, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    for (;;) {
        size_t n;
        buf = grow(buf, &cap, len + 65536 + 1, 1);
        n = fread(buf + len, 1, 65536, f);
        len += n;
        if (n == 0 || len > SOURCE_CAP)
            break;
    }
    if (ferror(f) || len > SOURCE_CAP) {
        problem_add(problems, path, 0, "%s", ferror(f) ? "read error" : "file too large");
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    buf[len] = '\0';
    *text_out = buf;
    *len_out = len;
    return 0;
}

static bool is_directory(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_regular(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Appends to out the paths ("dir/name") of the entries of dir: subdirectories when want_dirs,
 * else regular files whose names end with one of the NULL-terminated suffixes, recursing.
 * Hidden entries are skipped and symbolic links are not followed, so a link loop cannot
 * trap the walk. Unsorted. Returns -1 with a problem if dir cannot be read.
 */
static int dir_list(const char *dir, bool want_dirs, const char *const *suffixes,
                    struct strlist *out, struct problem_list *problems)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;

    if (d == NULL) {
        problem_add(problems, dir, 0, "cannot read the directory: %s", strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char *path;
        if (e->d_name[0] == '.')
            continue;
        path = format("%s/%s", dir, e->d_name);
        if (is_directory(path) && want_dirs) {
            strlist_push(out, path);
            continue;
        }
        if (is_directory(path)) {
            if (dir_list(path, false, suffixes, out, problems) < 0)
                rc = -1;
        } else if (!want_dirs && is_regular(path)) {
            for (size_t i = 0; suffixes[i]; i++) {
                if (ends_with(path, suffixes[i])) {
                    strlist_push(out, path);
                    path = NULL;
                    break;
                }
            }
        }
        free(path);
    }
    closedir(d);
    return rc;
}

/* ---- running sockcheck --------------------------------------------------------------- */

/* Reads fd to its end into out (at most OUTPUT_CAP bytes kept; the rest drained). */
static void drain(int fd, struct run_output *out)
{
    size_t cap = 0;
    char chunk[65536];

    out->out = grow(NULL, &cap, 1, 1);
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (out->out_len + (size_t)n > OUTPUT_CAP) {
            out->out_truncated = true;
            continue;
        }
        out->out = grow(out->out, &cap, out->out_len + (size_t)n + 1, 1);
        memcpy(out->out + out->out_len, chunk, (size_t)n);
        out->out_len += (size_t)n;
    }
    out->out[out->out_len] = '\0';
}

/* The first STDERR_SHOWN bytes written to the temporary file f; caller frees. */
static char *read_back(FILE *f)
{
    char *buf = malloc(STDERR_SHOWN + 1);
    size_t n;

    if (buf == NULL)
        out_of_memory();
    rewind(f);
    n = fread(buf, 1, STDERR_SHOWN, f);
    buf[n] = '\0';
    return buf;
}

/* Waits for pid and fills the status fields of out. */
static void wait_child(pid_t pid, struct run_output *out)
{
    int status = 0;

    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            out->status = -1;
            return;
        }
    }
    if (WIFEXITED(status)) {
        out->status = WEXITSTATUS(status);
    } else {
        out->status = -1;
        out->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
}

static int spawn_actions(posix_spawn_file_actions_t *fa, int out_fd, int pipe_rd, int err_fd)
{
    if (posix_spawn_file_actions_init(fa) != 0)
        return -1;
    if (posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY, 0) != 0 ||
        posix_spawn_file_actions_adddup2(fa, out_fd, 1) != 0 ||
        posix_spawn_file_actions_adddup2(fa, err_fd, 2) != 0 ||
        posix_spawn_file_actions_addclose(fa, pipe_rd) != 0 ||
        posix_spawn_file_actions_addclose(fa, out_fd) != 0 ||
        posix_spawn_file_actions_addclose(fa, err_fd) != 0) {
        posix_spawn_file_actions_destroy(fa);
        return -1;
    }
    return 0;
}

/*
 * Runs argv (argv[0] an absolute path) with cwd inherited (the testdata root), standard input
 * from /dev/null, standard output captured through a pipe and standard error through a
 * temporary file. The environment holds PATH only, so that user settings such as NO_COLOR
 * cannot change the result (hermetic runs, STYLE.md section 5). posix_spawn runs the tool
 * directly: no shell ever sees the arguments.
 * Fills *out (free with run_output_fini); returns -1 with *why_out (caller frees) when the
 * tool could not be started at all.
 */
static int tool_run(const struct runner *r, char *const argv[], struct run_output *out,
                    char **why_out)
{
    char *envp[] = {r->path_env, NULL};
    posix_spawn_file_actions_t fa;
    FILE *errf = tmpfile();
    int pipefd[2];
    pid_t pid;
    int rc;

    memset(out, 0, sizeof *out);
    if (errf == NULL || pipe(pipefd) < 0) {
        *why_out = format("cannot set up the child's output: %s", strerror(errno));
        if (errf)
            fclose(errf);
        return -1;
    }
    if (spawn_actions(&fa, pipefd[1], pipefd[0], fileno(errf)) < 0) {
        *why_out = copy("cannot set up posix_spawn file actions");
        rc = -1;
        close(pipefd[1]);
    } else {
        /* A bare name (the compiler of the fix tests) is looked up in PATH. */
        rc = strchr(argv[0], '/') ? posix_spawn(&pid, argv[0], &fa, NULL, argv, envp)
                                  : posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp);
        posix_spawn_file_actions_destroy(&fa);
        close(pipefd[1]);
        if (rc != 0) {
            *why_out = format("cannot run %s: %s", argv[0], strerror(rc));
            rc = -1;
        } else {
            drain(pipefd[0], out);
            wait_child(pid, out);
            out->err = read_back(errf);
        }
    }
    close(pipefd[0]);
    fclose(errf);
    return rc;
}

static void run_output_fini(struct run_output *out)
{
    free(out->out);
    free(out->err);
    memset(out, 0, sizeof *out);
}

/* Adds sockcheck's standard error, line by line, to the problems of a failed run. */
static void problem_add_stderr(struct problem_list *problems, const char *label, const char *err)
{
    const char *p = err;

    if (err == NULL || *err == '\0') {
        problem_add(problems, label, 0, "(sockcheck wrote nothing on standard error)");
        return;
    }
    while (*p) {
        size_t n = strcspn(p, "\n");
        problem_add(problems, label, 0, "stderr: %.*s", (int)n, p);
        p += n;
        if (*p == '\n')
            p++;
    }
}

/* ---- annotations ------------------------------------------------------------------- */

/* The scanner's view of one directive-bearing stretch of comment text. */
struct cursor {
    const char *p;
    const char *end;
};

static void skip_blanks(struct cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
}

static bool is_id_char(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-';
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Whether the text at p looks like a rule id (letters then digits: "SCK001"). */
static bool looks_like_rule_id(const char *p, const char *end)
{
    const char *q = p;

    while (q < end && ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z')))
        q++;
    return q > p && q < end && is_digit(*q);
}

/* Parses "x<N>" after a rule id into *count_out; -1 on a malformed count. */
static int parse_count(struct cursor *c, unsigned *count_out)
{
    unsigned long n = 0;

    c->p++; /* the 'x' */
    while (c->p < c->end && is_digit(*c->p)) {
        n = n * 10 + (unsigned long)(*c->p - '0');
        if (n > 1000000)
            return -1;
        c->p++;
    }
    if (n == 0 || (c->p < c->end && is_id_char(*c->p)))
        return -1;
    *count_out = (unsigned)n;
    return 0;
}

/* Parses a double-quoted string (\" and \\ escapes) into *text_out; -1 if unterminated. */
static int parse_quoted(struct cursor *c, char **text_out)
{
    char *buf = malloc((size_t)(c->end - c->p) + 1);
    size_t n = 0;

    if (buf == NULL)
        out_of_memory();
    c->p++; /* the opening quote */
    while (c->p < c->end && *c->p != '"') {
        if (*c->p == '\\' && c->p + 1 < c->end)
            c->p++;
        buf[n++] = *c->p++;
    }
    if (c->p >= c->end) {
        free(buf);
        return -1;
    }
    c->p++; /* the closing quote */
    buf[n] = '\0';
    *text_out = buf;
    return 0;
}

/* The context of the directive being parsed, for messages and for where results go. */
struct directive {
    const struct runner *r;
    struct source *src;
    struct problem_list *problems;
    const char *name; /* "expect", "expect-next-line", ... */
    enum directive_kind kind;
    unsigned line;   /* where the directive is written */
    unsigned target; /* the line it speaks about */
};

/* Parses one "ID [xN] ["text"]" item; -1 after recording a problem. */
static int parse_item(const struct directive *d, struct cursor *c)
{
    const char *id = c->p;
    struct expectation e = {.kind = d->kind, .line = d->target, .count = 1};

    while (c->p < c->end && is_id_char(*c->p))
        c->p++;
    if (c->p == id) {
        problem_add(d->problems, d->src->path, d->line,
                    "malformed '%s:' directive: expected a rule id at '%.*s'", d->name,
                    (int)(c->end - id), id);
        return -1;
    }
    e.rule = copy_n(id, (size_t)(c->p - id));
    if (!strlist_has(&d->r->rule_ids, e.rule)) {
        problem_add(d->problems, d->src->path, d->line,
                    "'%s:' names unknown rule '%s' (not listed by sockcheck --list-rules)", d->name,
                    e.rule);
        free(e.rule);
        return -1;
    }
    skip_blanks(c);
    if (c->p < c->end && *c->p == 'x' && d->kind == DIRECTIVE_EXPECT &&
        parse_count(c, &e.count) < 0) {
        problem_add(d->problems, d->src->path, d->line,
                    "malformed count after %s in '%s:' (write 'x2')", e.rule, d->name);
        free(e.rule);
        return -1;
    }
    skip_blanks(c);
    if (c->p < c->end && *c->p == '"' &&
        (d->kind == DIRECTIVE_EXPECT || d->kind == DIRECTIVE_RELATED) &&
        parse_quoted(c, &e.message) < 0) {
        problem_add(d->problems, d->src->path, d->line, "unterminated \"message\" in '%s:'",
                    d->name);
        free(e.rule);
        return -1;
    }
    *PUSH(d->src->exps, d->src->nexps, d->src->exps_cap) = e;
    return 0;
}

/* Parses "ID ..., ID ..." after the colon of a rule directive. */
static void parse_rule_list(const struct directive *d, struct cursor *c)
{
    skip_blanks(c);
    if (c->p == c->end) {
        problem_add(d->problems, d->src->path, d->line, "'%s:' names no rule", d->name);
        return;
    }
    for (;;) {
        if (parse_item(d, c) < 0)
            return;
        skip_blanks(c);
        if (c->p == c->end)
            return;
        if (*c->p != ',') {
            problem_add(d->problems, d->src->path, d->line,
                        "malformed '%s:' directive: unexpected '%.*s'", d->name,
                        (int)(c->end - c->p), c->p);
            return;
        }
        c->p++;
        skip_blanks(c);
        if (c->p == c->end) {
            problem_add(d->problems, d->src->path, d->line, "'%s:' ends with ','", d->name);
            return;
        }
    }
}

/* Parses "test-args: ARG..." (words split on blanks; '...' and "..." group). */
static void parse_test_args(const struct directive *d, struct cursor *c)
{
    size_t before = d->src->args.count;

    if (d->line > TEST_ARGS_MAX_LINE) {
        problem_add(d->problems, d->src->path, d->line,
                    "'test-args:' must be in the first %u lines of the file", TEST_ARGS_MAX_LINE);
        return;
    }
    for (skip_blanks(c); c->p < c->end; skip_blanks(c)) {
        char *word = malloc((size_t)(c->end - c->p) + 1);
        size_t n = 0;
        char quote = 0;
        if (word == NULL)
            out_of_memory();
        for (; c->p < c->end && (quote || (*c->p != ' ' && *c->p != '\t')); c->p++) {
            if (!quote && (*c->p == '\'' || *c->p == '"'))
                quote = *c->p;
            else if (quote && *c->p == quote)
                quote = 0;
            else
                word[n++] = *c->p;
        }
        word[n] = '\0';
        strlist_push(&d->src->args, word);
        if (quote) {
            problem_add(d->problems, d->src->path, d->line, "unterminated quote in 'test-args:'");
            return;
        }
    }
    if (d->src->args.count == before)
        problem_add(d->problems, d->src->path, d->line, "'test-args:' gives no argument");
}

static const char *const directive_names[] = {
    "expect", "expect-next-line", "related", "todo-expect", "todo-clean", "test-args", NULL,
};

/* Index of the directive named by the n bytes at word in directive_names, or -1. */
static int directive_lookup(const char *word, size_t n, bool ignore_case)
{
    for (int i = 0; directive_names[i]; i++) {
        const char *name = directive_names[i];
        if (strlen(name) == n &&
            (ignore_case ? strncasecmp(name, word, n) : strncmp(name, word, n)) == 0)
            return i;
    }
    return -1;
}

/* Whether a word before a colon is probably a misspelt directive ("expected:", "todo:"). */
static bool looks_like_directive(const char *word, size_t n)
{
    static const char *const stems[] = {"expect", "related", "todo", "test-arg", NULL};
    char lower[64];

    if (n == 0 || n >= sizeof lower)
        return false;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)((word[i] >= 'A' && word[i] <= 'Z') ? word[i] - 'A' + 'a' : word[i]);
    lower[n] = '\0';
    for (size_t i = 0; stems[i]; i++) {
        if (strstr(lower, stems[i]) != NULL)
            return true;
    }
    return false;
}

/* Dispatches a well-spelt directive whose colon the cursor has just passed. */
static void directive_parse(struct directive *d, struct cursor *c, int which)
{
    static const enum directive_kind kinds[] = {
        DIRECTIVE_EXPECT,      DIRECTIVE_EXPECT,     DIRECTIVE_RELATED,
        DIRECTIVE_TODO_EXPECT, DIRECTIVE_TODO_CLEAN,
    };
    size_t before = d->src->nexps;

    d->name = directive_names[which];
    if (strcmp(d->name, "test-args") == 0) {
        parse_test_args(d, c);
        return;
    }
    d->kind = kinds[which];
    d->target = d->line + (strcmp(d->name, "expect-next-line") == 0);
    parse_rule_list(d, c);
    if (d->kind == DIRECTIVE_EXPECT && d->src->nexps > before)
        d->src->positive = true;
}

/*
 * Looks at one line of comment text (comment markers, leading '*' and blanks removed) and
 * records the directive that starts it. Text that merely mentions a word is prose; but a
 * directive-like start that does not parse is an error, so that a typo can never turn a
 * positive test into a silent negative one (LLVM's -verify does the same).
 */
static void comment_line_scan(const struct runner *r, struct source *src, unsigned line,
                              const char *p, const char *end, struct problem_list *problems)
{
    struct directive d = {.r = r, .src = src, .problems = problems, .line = line};
    struct cursor c;
    const char *word = p;
    int which;

    while (p < end && (*p == ' ' || *p == '\t' || *p == '*' || *p == '/' || *p == '!'))
        word = ++p;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '-'))
        p++;
    c.p = p;
    c.end = end;
    skip_blanks(&c);
    which = directive_lookup(word, (size_t)(p - word), false);
    if (which >= 0 && c.p < end && *c.p == ':') {
        c.p++;
        directive_parse(&d, &c, which);
    } else if (which >= 0 &&
               (strchr(directive_names[which], '-') != NULL || looks_like_rule_id(c.p, end))) {
        problem_add(problems, src->path, line, "directive '%s' needs a ':' after it",
                    directive_names[which]);
    } else if (c.p < end && *c.p == ':' && directive_lookup(word, (size_t)(p - word), true) >= 0) {
        problem_add(problems, src->path, line, "directives are lower case: '%.*s:'",
                    (int)(p - word), word);
    } else if (c.p < end && *c.p == ':' && looks_like_directive(word, (size_t)(p - word))) {
        problem_add(problems, src->path, line,
                    "unknown directive '%.*s:' (known: expect, expect-next-line, related, "
                    "todo-expect, todo-clean, test-args)",
                    (int)(p - word), word);
    }
}

/* Skips a string or character literal starting at text[i]; returns the index after it. */
static size_t skip_literal(const char *text, size_t len, size_t i)
{
    char quote = text[i++];

    while (i < len && text[i] != quote && text[i] != '\n') {
        if (text[i] == '\\' && i + 1 < len && text[i + 1] != '\n')
            i++;
        i++;
    }
    return i < len && text[i] == quote ? i + 1 : i;
}

/* Scans a block comment whose "/" is at text[i]; returns the index after it. */
static size_t scan_block_comment(const struct runner *r, struct source *src, const char *text,
                                 size_t len, size_t i, unsigned *line,
                                 struct problem_list *problems)
{
    size_t start = i + 2;

    for (i += 2; i < len; i++) {
        if (text[i] == '*' && i + 1 < len && text[i + 1] == '/') {
            comment_line_scan(r, src, *line, text + start, text + i, problems);
            return i + 2;
        }
        if (text[i] == '\n') {
            comment_line_scan(r, src, *line, text + start, text + i, problems);
            (*line)++;
            start = i + 1;
        }
    }
    comment_line_scan(r, src, *line, text + start, text + len, problems);
    return len;
}

/* Finds every comment of a C source and reads the directives in them. */
static void source_scan(const struct runner *r, struct source *src, const char *text, size_t len,
                        struct problem_list *problems)
{
    unsigned line = 1;
    size_t i = 0;

    while (i < len) {
        if (text[i] == '\n') {
            line++;
            i++;
        } else if (text[i] == '"' || text[i] == '\'') {
            i = skip_literal(text, len, i);
        } else if (text[i] == '/' && i + 1 < len && text[i + 1] == '/') {
            size_t end = i + 2;
            while (end < len && text[end] != '\n')
                end++;
            comment_line_scan(r, src, line, text + i + 2, text + end, problems);
            i = end;
        } else if (text[i] == '/' && i + 1 < len && text[i + 1] == '*') {
            i = scan_block_comment(r, src, text, len, i, &line, problems);
        } else {
            i++;
        }
    }
}

/* Reads the annotations of path (relative to the root, the cwd) into *src. */
static int source_load(const struct runner *r, const char *path, struct source *src,
                       struct problem_list *problems)
{
    char *text;
    size_t len;
    size_t before = problems->count;

    memset(src, 0, sizeof *src);
    src->path = copy(path);
    if (file_read(path, &text, &len, problems) < 0)
        return -1;
    source_scan(r, src, text, len, problems);
    free(text);
    return problems->count == before ? 0 : -1;
}

static void source_fini(struct source *src)
{
    for (size_t i = 0; i < src->nexps; i++) {
        free(src->exps[i].rule);
        free(src->exps[i].message);
    }
    free(src->exps);
    strlist_fini(&src->args);
    free(src->path);
    memset(src, 0, sizeof *src);
}

/* ---- comparing findings with annotations ---------------------------------------------- */

static const char *json_string(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

static unsigned json_line(const cJSON *obj)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "line");

    if (!cJSON_IsNumber(item) || item->valuedouble < 1 || item->valuedouble > UINT_MAX)
        return 0;
    return (unsigned)item->valuedouble;
}

/* A path as findings give it, without a leading "./". */
static const char *path_clean(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    return path;
}

/*
 * The findings of a parsed report, in *views_out (caller frees the array; the strings stay
 * owned by root). Returns -1 with a problem when the report lacks the shape of the JSON
 * format (docs/json-format.md).
 */
static int findings_view(const cJSON *root, const char *label, struct finding_view **views_out,
                         size_t *count_out, struct problem_list *problems)
{
    const cJSON *findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
    const cJSON *f;
    struct finding_view *views = NULL;
    size_t count = 0, cap = 0;

    if (!cJSON_IsArray(findings)) {
        problem_add(problems, label, 0, "sockcheck's JSON has no \"findings\" array");
        return -1;
    }
    cJSON_ArrayForEach(f, findings)
    {
        struct finding_view v = {.json = f};
        /* A suppressed finding is not reported: suppression comments test suppression, they
         * are never the oracle (STYLE.md section 5). */
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "suppressed")))
            continue;
        const char *msg = json_string(f, "message");
        v.rule = json_string(f, "rule_id");
        v.path = json_string(f, "path");
        v.line = json_line(f);
        v.message = msg ? msg : "";
        if (v.rule == NULL || v.path == NULL || v.line == 0) {
            char *text = cJSON_PrintUnformatted(f);
            problem_add(problems, label, 0, "malformed finding (needs rule_id, path, line): %s",
                        text ? text : "?");
            cJSON_free(text);
            free(views);
            return -1;
        }
        v.path = path_clean(v.path);
        *PUSH(views, count, cap) = v;
    }
    *views_out = views;
    *count_out = count;
    return 0;
}

/* Reports every entry of the "errors" array: testdata must always be analysable. */
static void errors_check(const cJSON *root, const char *label, struct problem_list *problems)
{
    const cJSON *errors = cJSON_GetObjectItemCaseSensitive(root, "errors");
    const cJSON *e;

    if (errors != NULL && !cJSON_IsArray(errors)) {
        problem_add(problems, label, 0, "sockcheck's JSON has an \"errors\" that is no array");
        return;
    }
    cJSON_ArrayForEach(e, errors)
    {
        const char *path = json_string(e, "path");
        const char *msg = json_string(e, "message");
        char *text = msg ? NULL : cJSON_PrintUnformatted(e);
        problem_add(problems, path ? path_clean(path) : label, json_line(e),
                    "sockcheck could not analyse this: %s",
                    msg    ? msg
                    : text ? text
                           : "?");
        cJSON_free(text);
    }
}

/* Marks up to max unclaimed findings at path:line of rule whose message holds msg. */
static unsigned claim(struct finding_view *v, size_t n, const char *path,
                      const struct expectation *e, unsigned max)
{
    unsigned got = 0;

    for (size_t i = 0; i < n && got < max; i++) {
        if (v[i].claimed || v[i].line != e->line || strcmp(v[i].rule, e->rule) != 0 ||
            strcmp(v[i].path, path) != 0)
            continue;
        if (e->message && strstr(v[i].message, e->message) == NULL)
            continue;
        v[i].claimed = true;
        got++;
    }
    return got;
}

static void expect_check(const struct source *src, const struct expectation *e,
                         struct finding_view *v, size_t n, struct verdict *out)
{
    unsigned got = claim(v, n, src->path, e, e->count);

    if (got == e->count)
        return;
    if (e->count == 1 && e->message)
        problem_add(&out->problems, src->path, e->line,
                    "expected %s with a message containing \"%s\", not reported", e->rule,
                    e->message);
    else if (e->count == 1)
        problem_add(&out->problems, src->path, e->line, "expected %s, not reported", e->rule);
    else
        problem_add(&out->problems, src->path, e->line, "expected %s x%u, %u reported%s", e->rule,
                    e->count, got, e->message ? " with the message asked for" : "");
}

static void todo_check(const struct source *src, const struct expectation *e,
                       struct finding_view *v, size_t n, struct verdict *out)
{
    unsigned got = claim(v, n, src->path, e, UINT_MAX);

    if (e->kind == DIRECTIVE_TODO_EXPECT && got > 0)
        problem_add(&out->problems, src->path, e->line,
                    "todo-expect %s is reported now: promote it to 'expect: %s'", e->rule, e->rule);
    else if (e->kind == DIRECTIVE_TODO_EXPECT)
        problem_add(&out->notes, src->path, e->line,
                    "todo-expect %s: known miss, still not reported", e->rule);
    else if (got == 0)
        problem_add(&out->problems, src->path, e->line,
                    "todo-clean %s is not reported any more: remove the directive", e->rule);
    else
        problem_add(&out->notes, src->path, e->line,
                    "todo-clean %s: known false alarm, still reported", e->rule);
}

/* Whether a location array (related or trace) has an entry at path:line with msg. */
static bool locations_hit(const cJSON *locs, const char *path, const struct expectation *e)
{
    const cJSON *loc;

    cJSON_ArrayForEach(loc, locs)
    {
        const char *p = json_string(loc, "path");
        const char *msg = json_string(loc, "message");
        if (p == NULL || strcmp(path_clean(p), path) != 0 || json_line(loc) != e->line)
            continue;
        if (e->message == NULL || (msg && strstr(msg, e->message)))
            return true;
    }
    return false;
}

static void related_check(const struct source *src, const struct expectation *e,
                          const struct finding_view *v, size_t n, struct verdict *out)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(v[i].rule, e->rule) != 0)
            continue;
        if (locations_hit(cJSON_GetObjectItemCaseSensitive(v[i].json, "related"), src->path, e) ||
            locations_hit(cJSON_GetObjectItemCaseSensitive(v[i].json, "trace"), src->path, e))
            return;
    }
    problem_add(&out->problems, src->path, e->line,
                "expected a related location of an %s finding%s%s%s, none reported", e->rule,
                e->message ? " with \"" : "", e->message ? e->message : "", e->message ? "\"" : "");
}

/*
 * Matches findings and annotations (per path, line and rule; counts matter). Expectations
 * with a message claim first, so that a plain "expect:" on the same line cannot take the
 * finding a more specific one needs. Whatever no directive claimed is unexpected.
 */
static void verdict_compare(const struct source *srcs, size_t nsrcs, struct finding_view *v,
                            size_t n, struct verdict *out)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t s = 0; s < nsrcs; s++) {
            for (size_t i = 0; i < srcs[s].nexps; i++) {
                const struct expectation *e = &srcs[s].exps[i];
                if (e->kind == DIRECTIVE_EXPECT && (e->message != NULL) == (pass == 0))
                    expect_check(&srcs[s], e, v, n, out);
            }
        }
    }
    for (size_t s = 0; s < nsrcs; s++) {
        for (size_t i = 0; i < srcs[s].nexps; i++) {
            const struct expectation *e = &srcs[s].exps[i];
            if (e->kind == DIRECTIVE_TODO_CLEAN || e->kind == DIRECTIVE_TODO_EXPECT)
                todo_check(&srcs[s], e, v, n, out);
            else if (e->kind == DIRECTIVE_RELATED)
                related_check(&srcs[s], e, v, n, out);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!v[i].claimed)
            problem_add(&out->problems, v[i].path, v[i].line, "unexpected %s finding: %s",
                        v[i].rule, v[i].message);
    }
}

/* ---- one run --------------------------------------------------------------------------- */

/* Checks the exit status and parses the JSON of a finished run; NULL with problems. */
static cJSON *output_parse(const struct run_output *out, const char *label,
                           struct problem_list *problems)
{
    const char *end = NULL;
    cJSON *root;

    if (out->status == -1) {
        problem_add(problems, label, 0, "sockcheck was killed by signal %d", out->signal);
        problem_add_stderr(problems, label, out->err);
        return NULL;
    }
    if (out->status != 0 && out->status != 1) {
        problem_add(problems, label, 0, "sockcheck exited with status %d", out->status);
        problem_add_stderr(problems, label, out->err);
        return NULL;
    }
    if (out->out_truncated) {
        problem_add(problems, label, 0, "sockcheck's output is larger than %u bytes", OUTPUT_CAP);
        return NULL;
    }
    root = cJSON_ParseWithLengthOpts(out->out, out->out_len, &end, false);
    if (!cJSON_IsObject(root)) {
        problem_add(problems, label, 0,
                    "sockcheck's output is not a JSON object (at byte %ld of %zu)",
                    end ? (long)(end - out->out) : 0L, out->out_len);
        problem_add_stderr(problems, label, out->err);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* Runs sockcheck on target (argv words after the fixed options) and compares. */
static void run_check(const struct runner *r, const char *label, const struct strlist *target,
                      struct source *srcs, size_t nsrcs, struct verdict *out)
{
    struct strlist argv = {0};
    struct run_output res;
    struct finding_view *views = NULL;
    size_t nviews = 0;
    char *why = NULL;
    cJSON *root;

    strlist_push(&argv, copy(r->sockcheck));
    /* Hermetic: a .sockcheck.json above the testdata must not change what is reported. */
    strlist_push(&argv, copy("--no-config"));
    strlist_push(&argv, copy("--format"));
    strlist_push(&argv, copy("json"));
    strlist_push(&argv, copy("--root"));
    strlist_push(&argv, copy(r->root));
    for (size_t i = 0; i < target->count; i++)
        strlist_push(&argv, copy(target->items[i]));
    if (tool_run(r, argv.items, &res, &why) < 0) {
        problem_add(&out->problems, label, 0, "%s", why);
        free(why);
        strlist_fini(&argv);
        return;
    }
    root = output_parse(&res, label, &out->problems);
    if (root != NULL) {
        errors_check(root, label, &out->problems);
        if (findings_view(root, label, &views, &nviews, &out->problems) == 0)
            verdict_compare(srcs, nsrcs, views, nviews, out);
    }
    free(views);
    cJSON_Delete(root);
    run_output_fini(&res);
    strlist_fini(&argv);
}

/* Prints the verdict of one file or project and counts it. */
static void verdict_report(struct runner *r, const char *label, struct verdict *v)
{
    r->files++;
    if (v->problems.count > 0) {
        r->failed++;
        printf("FAIL %s\n", label);
        problem_list_print(&v->problems);
    } else if (v->notes.count > 0) {
        r->xfailed++;
        printf("XFAIL %s\n", label);
        problem_list_print(&v->notes);
    } else {
        r->passed++;
        printf("PASS %s\n", label);
    }
    problem_list_fini(&v->problems);
    problem_list_fini(&v->notes);
}

/* Tests one rules/ file; *positive_out says whether it holds an expect. */
static void file_test(struct runner *r, const char *path, bool *positive_out)
{
    struct verdict v = {0};
    struct source src;
    struct strlist target = {0};

    if (source_load(r, path, &src, &v.problems) == 0) {
        strlist_push(&target, copy(path));
        if (src.args.count > 0)
            strlist_push(&target, copy("--"));
        for (size_t i = 0; i < src.args.count; i++)
            strlist_push(&target, copy(src.args.items[i]));
        run_check(r, path, &target, &src, 1, &v);
    }
    *positive_out = src.positive;
    verdict_report(r, path, &v);
    strlist_fini(&target);
    source_fini(&src);
}

/* Tests one projects/<name> directory: sockcheck -p over all its files at once. */
static void project_test(struct runner *r, const char *dir)
{
    static const char *const suffixes[] = {".c", ".h", NULL};
    struct verdict v = {0};
    struct strlist files = {0}, target = {0};
    struct source *srcs;
    bool loaded = dir_list(dir, false, suffixes, &files, &v.problems) == 0;

    qsort(files.items, files.count, sizeof *files.items, compare_strings);
    srcs = calloc(files.count + 1, sizeof *srcs);
    if (srcs == NULL)
        out_of_memory();
    for (size_t i = 0; i < files.count; i++) {
        if (source_load(r, files.items[i], &srcs[i], &v.problems) < 0)
            loaded = false;
        if (srcs[i].args.count > 0)
            problem_add(
                &v.problems, files.items[i], 0,
                "'test-args:' has no effect in a project: put the flags in compile_commands.json");
    }
    strlist_push(&target, copy("-p"));
    strlist_push(&target, copy(dir));
    if (loaded && v.problems.count == 0)
        run_check(r, dir, &target, srcs, files.count, &v);
    verdict_report(r, dir, &v);
    for (size_t i = 0; i < files.count; i++)
        source_fini(&srcs[i]);
    free(srcs);
    strlist_fini(&files);
    strlist_fini(&target);
}

/* ---- fix tests ----------------------------------------------------------------------------- */

/* Writes len bytes of text to path; -1 with a problem. */
static int file_write(const char *path, const char *text, size_t len, struct problem_list *problems)
{
    FILE *f = fopen(path, "wb");
    bool ok = f != NULL && fwrite(text, 1, len, f) == len;

    if (f != NULL && fclose(f) != 0)
        ok = false;
    if (!ok)
        problem_add(problems, path, 0, "cannot write: %s", strerror(errno));
    return ok ? 0 : -1;
}

/* The first line (1-based) where a and b differ, and that line of a in *line_out. */
static unsigned first_difference(const char *a, const char *b, char **line_out)
{
    unsigned line = 1;
    const char *start = a;

    while (*a && *a == *b) {
        if (*a == '\n') {
            line++;
            start = a + 1;
        }
        a++;
        b++;
    }
    *line_out = copy_n(start, strcspn(start, "\n"));
    return line;
}

/* Runs argv (a NULL-terminated list) and records a problem unless it exits with 0 or 1
 * (0 only when strict). Returns the output (free with run_output_fini) or -1. */
static int fix_step(const struct runner *r, const struct strlist *argv, const char *label,
                    bool strict, struct run_output *res, struct problem_list *problems)
{
    char *why = NULL;

    if (tool_run(r, argv->items, res, &why) < 0) {
        problem_add(problems, label, 0, "%s", why);
        free(why);
        return -1;
    }
    if (res->status == 0 || (!strict && res->status == 1))
        return 0;
    problem_add(problems, label, 0, "%s exited with status %d", argv->items[0], res->status);
    problem_add_stderr(problems, label, res->err);
    run_output_fini(res);
    return -1;
}

/* argv for the tool (or the compiler) on file, with the test-args of src at the end. */
static void fix_argv(struct strlist *argv, const char *const *head, const char *file,
                     const struct source *src, bool dashdash)
{
    for (size_t i = 0; head[i]; i++)
        strlist_push(argv, copy(head[i]));
    if (dashdash)
        strlist_push(argv, copy(file));
    if (src->args.count > 0 && dashdash)
        strlist_push(argv, copy("--"));
    for (size_t i = 0; i < src->args.count; i++)
        strlist_push(argv, copy(src->args.items[i]));
    if (!dashdash)
        strlist_push(argv, copy(file));
}

/* After --fix, sockcheck must report nothing on the fixed copy. */
static void fix_recheck(const struct runner *r, const char *dir, const char *copy_path,
                        const struct source *src, const char *label, struct problem_list *p)
{
    const char *head[] = {r->sockcheck, "--no-config", "--format", "json", "--root", dir, NULL};
    struct strlist argv = {0};
    struct run_output res;
    struct finding_view *views = NULL;
    size_t nviews = 0;

    fix_argv(&argv, head, copy_path, src, true);
    if (fix_step(r, &argv, label, false, &res, p) == 0) {
        cJSON *root = output_parse(&res, label, p);
        if (root != NULL && findings_view(root, label, &views, &nviews, p) == 0) {
            for (size_t i = 0; i < nviews; i++)
                problem_add(p, label, views[i].line, "still reported after --fix: %s: %s",
                            views[i].rule, views[i].message);
        }
        free(views);
        cJSON_Delete(root);
        run_output_fini(&res);
    }
    strlist_fini(&argv);
}

/* Compares the fixed copy with <name>.fixed.c, then compiles it (-fsyntax-only -Wall). */
static void fix_compare_compile(const struct runner *r, const char *copy_path,
                                const char *fixed_path, const struct source *src,
                                struct problem_list *p)
{
    const char *head[] = {"clang", "-fsyntax-only", "-Wall", NULL};
    char *got = NULL, *want = NULL, *line = NULL;
    size_t ngot, nwant;
    struct strlist argv = {0};
    struct run_output res;

    if (file_read(copy_path, &got, &ngot, p) < 0 || file_read(fixed_path, &want, &nwant, p) < 0)
        goto out;
    if (ngot != nwant || memcmp(got, want, ngot) != 0) {
        unsigned n = first_difference(want, got, &line);
        problem_add(p, fixed_path, n, "--fix gives a different line here: '%s'", line);
        free(line);
        char *got_line = NULL;
        first_difference(got, want, &got_line);
        problem_add(p, fixed_path, n, "(--fix wrote: '%s')", got_line);
        free(got_line);
    }
    fix_argv(&argv, head, copy_path, src, false);
    if (fix_step(r, &argv, fixed_path, true, &res, p) == 0)
        run_output_fini(&res);
out:
    free(got);
    free(want);
    strlist_fini(&argv);
}

/*
 * A fix test (STYLE.md section 5): --fix on a copy of <name>.c must give <name>.fixed.c, which
 * must compile, and sockcheck must then report nothing. The copy lives in a directory of its
 * own that is the run's root (--fix writes only inside the root); the cwd stays the testdata
 * root, so relative -I paths in test-args still work.
 */
static void fix_test(struct runner *r, const char *fixed_path)
{
    struct verdict v = {0};
    struct source src;
    size_t stem = strlen(fixed_path) - strlen(".fixed.c");
    char *base = format("%.*s.c", (int)stem, fixed_path);
    char dir[] = "/tmp/sockcheck-fix-XXXXXX";
    const char *name = strrchr(base, '/') ? strrchr(base, '/') + 1 : base;
    char *copy_path = NULL, *text = NULL;
    size_t len;

    memset(&src, 0, sizeof src);
    if (!is_regular(base)) {
        problem_add(&v.problems, fixed_path, 0, "there is no %s to fix", base);
    } else if (mkdtemp(dir) == NULL) {
        problem_add(&v.problems, fixed_path, 0, "mkdtemp: %s", strerror(errno));
    } else {
        copy_path = format("%s/%s", dir, name);
        if (source_load(r, base, &src, &v.problems) == 0 &&
            file_read(base, &text, &len, &v.problems) == 0 &&
            file_write(copy_path, text, len, &v.problems) == 0) {
            const char *head[] = {r->sockcheck, "--no-config", "--format", "json",
                                  "--root",     dir,           "--fix",    NULL};
            struct strlist argv = {0};
            struct run_output res;
            fix_argv(&argv, head, copy_path, &src, true);
            if (fix_step(r, &argv, fixed_path, false, &res, &v.problems) == 0) {
                run_output_fini(&res);
                fix_compare_compile(r, copy_path, fixed_path, &src, &v.problems);
                fix_recheck(r, dir, copy_path, &src, fixed_path, &v.problems);
            }
            strlist_fini(&argv);
        }
        unlink(copy_path);
        rmdir(dir);
    }
    verdict_report(r, fixed_path, &v);
    free(text);
    free(copy_path);
    free(base);
    source_fini(&src);
}

/* ---- the whole tree ---------------------------------------------------------------------- */

/*
 * Every rules/<ID>/ must name a rule and hold a positive and a negative file (STYLE.md
 * section 5), or a rule could pass with tests that cannot fail. A "<name>.fixed.c" is the
 * expected output of --fix, not a negative test of its own, so it does not count as one.
 */
static void rule_dirs_check(struct runner *r, const struct strlist *files, const bool *positive)
{
    static const char *const none[] = {NULL};
    struct strlist dirs = {0};
    struct problem_list problems = {0};

    if (dir_list("rules", true, none, &dirs, &problems) < 0)
        r->layout_errors++;
    qsort(dirs.items, dirs.count, sizeof *dirs.items, compare_strings);
    for (size_t d = 0; d < dirs.count; d++) {
        const char *id = dirs.items[d] + strlen("rules/");
        size_t len = strlen(dirs.items[d]);
        bool pos = false, neg = false;
        for (size_t i = 0; i < files->count; i++) {
            if (strncmp(files->items[i], dirs.items[d], len) != 0 || files->items[i][len] != '/')
                continue;
            pos |= positive[i];
            neg |= !positive[i] && !ends_with(files->items[i], ".fixed.c");
        }
        if (!strlist_has(&r->rule_ids, id))
            problem_add(&problems, dirs.items[d], 0,
                        "is not a rule id listed by sockcheck --list-rules");
        if (!pos)
            problem_add(&problems, dirs.items[d], 0,
                        "has no positive test (a file with 'expect:')");
        if (!neg)
            problem_add(&problems, dirs.items[d], 0,
                        "has no negative test (a file without 'expect:')");
    }
    if (problems.count > 0) {
        r->layout_errors += (unsigned)problems.count;
        printf("FAIL rules/ layout\n");
        problem_list_print(&problems);
    }
    problem_list_fini(&problems);
    strlist_fini(&dirs);
}

static void rules_test(struct runner *r)
{
    static const char *const suffixes[] = {".c", NULL};
    struct strlist files = {0};
    struct problem_list problems = {0};
    bool *positive;

    if (!is_directory("rules") || dir_list("rules", false, suffixes, &files, &problems) < 0) {
        printf("FAIL rules/\n  %s/rules: missing or unreadable\n", r->root);
        r->layout_errors++;
        problem_list_fini(&problems);
        strlist_fini(&files);
        return;
    }
    qsort(files.items, files.count, sizeof *files.items, compare_strings);
    positive = calloc(files.count + 1, sizeof *positive);
    if (positive == NULL)
        out_of_memory();
    for (size_t i = 0; i < files.count; i++) {
        if (ends_with(files.items[i], ".fixed.c"))
            fix_test(r, files.items[i]);
        else
            file_test(r, files.items[i], &positive[i]);
    }
    rule_dirs_check(r, &files, positive);
    free(positive);
    strlist_fini(&files);
}

static void projects_test(struct runner *r)
{
    static const char *const none[] = {NULL};
    struct strlist dirs = {0};
    struct problem_list problems = {0};

    if (!is_directory("projects"))
        return;
    if (dir_list("projects", true, none, &dirs, &problems) < 0) {
        r->layout_errors++;
        printf("FAIL projects/\n");
        problem_list_print(&problems);
    }
    qsort(dirs.items, dirs.count, sizeof *dirs.items, compare_strings);
    for (size_t i = 0; i < dirs.count; i++) {
        char *compdb = format("%s/compile_commands.json", dirs.items[i]);
        if (is_regular(compdb))
            project_test(r, dirs.items[i]);
        else
            printf("SKIP %s (no compile_commands.json)\n", dirs.items[i]);
        free(compdb);
    }
    problem_list_fini(&problems);
    strlist_fini(&dirs);
}

/* Fills r->rule_ids from "SOCKCHECK --list-rules --format json"; -1 with a message. */
static int rules_list(struct runner *r)
{
    struct strlist argv = {0};
    struct run_output res;
    char *why = NULL;
    cJSON *root = NULL;
    const cJSON *rule, *rules;
    int rc = -1;

    strlist_push(&argv, copy(r->sockcheck));
    strlist_push(&argv, copy("--list-rules"));
    strlist_push(&argv, copy("--format"));
    strlist_push(&argv, copy("json"));
    if (tool_run(r, argv.items, &res, &why) < 0) {
        fprintf(stderr, "testdata_runner: %s\n", why);
        free(why);
        strlist_fini(&argv);
        return -1;
    }
    if (res.status == 0)
        root = cJSON_ParseWithLengthOpts(res.out, res.out_len, NULL, false);
    rules = cJSON_IsArray(root) ? root : NULL;
    cJSON_ArrayForEach(rule, rules)
    {
        const char *id = json_string(rule, "id");
        if (id != NULL && !strlist_has(&r->rule_ids, id))
            strlist_push(&r->rule_ids, copy(id));
    }
    if (r->rule_ids.count > 0)
        rc = 0;
    else
        fprintf(stderr,
                "testdata_runner: '%s --list-rules --format json' exited with %d and gave no JSON "
                "array of rules with \"id\"\nstderr: %s\n",
                r->sockcheck, res.status, res.err ? res.err : "");
    cJSON_Delete(root);
    run_output_fini(&res);
    strlist_fini(&argv);
    return rc;
}

static int runner_init(struct runner *r, const char *tool, const char *root)
{
    const char *path = getenv("PATH");

    memset(r, 0, sizeof *r);
    r->sockcheck = realpath(tool, NULL);
    if (r->sockcheck == NULL) {
        fprintf(stderr, "testdata_runner: %s: %s\n", tool, strerror(errno));
        return -1;
    }
    r->root = realpath(root, NULL);
    if (r->root == NULL) {
        fprintf(stderr, "testdata_runner: %s: %s\n", root, strerror(errno));
        return -1;
    }
    /* The testdata root is the cwd of every run (STYLE.md section 5), so relative paths in
     * annotations, findings and compile_commands.json all mean the same thing. */
    if (chdir(r->root) < 0) {
        fprintf(stderr, "testdata_runner: cannot enter %s: %s\n", r->root, strerror(errno));
        return -1;
    }
    r->path_env = format("PATH=%s", path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
    return 0;
}

static void runner_fini(struct runner *r)
{
    free(r->sockcheck);
    free(r->root);
    free(r->path_env);
    strlist_fini(&r->rule_ids);
}

int main(int argc, char **argv)
{
    struct runner r;
    int rc;

    if (argc != 3) {
        fputs("usage: testdata_runner SOCKCHECK TESTDATA_DIR\n", stderr);
        return 2;
    }
    if (runner_init(&r, argv[1], argv[2]) < 0 || rules_list(&r) < 0) {
        runner_fini(&r);
        return 1;
    }
    rules_test(&r);
    projects_test(&r);
    printf("testdata: %u files, %u passed, %u failed, %u xfail", r.files, r.passed, r.failed,
           r.xfailed);
    if (r.layout_errors > 0)
        printf(", %u layout errors", r.layout_errors);
    printf("\n");
    rc = r.failed > 0 || r.layout_errors > 0 || r.files == 0 ? 1 : 0;
    runner_fini(&r);
    return rc;
}
