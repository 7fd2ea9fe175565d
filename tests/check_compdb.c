/*
 * The compilation database: shell-like splitting of "command", the argument filter (kept,
 * dropped and hostile flags, two-word forms) and loading real files from temporary
 * directories, with the error each malformed database must give.
 */
#include "compdb.h"
#include "path.h"
#include "strbuf.h"
#include "xalloc.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------------------- */

/* The words of v joined by "|" (so that empty words and spaces inside words show). */
static char *join_words(char **v, size_t n)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_putc(&sb, '|');
        strbuf_puts(&sb, v[i]);
    }
    return strbuf_take(&sb);
}

static void free_words(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = xasprintf("%s/%s", path, e->d_name);
            remove_tree(child);
            free(child);
        }
        closedir(d);
    }
    rmdir(path);
}

/* A fresh temporary directory, by its real path. Caller removes it with remove_tree. */
static char *make_tmpdir(void)
{
    char tmpl[] = "/tmp/sockcheck-compdb-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    char *real = path_real(tmpl);
    ck_assert_ptr_nonnull(real);
    return real;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot create %s", path);
    fputs(text, f);
    fclose(f);
    free(path);
}

static void make_dir(const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    free(path);
}

/*
 * Writes dir/compile_commands.json from a template in which every "@" stands for dir, and
 * loads it.
 */
static int load_text(const char *dir, const char *tmpl, struct unit_list *out, struct sc_error *err)
{
    struct strbuf sb;
    strbuf_init(&sb);
    for (const char *p = tmpl; *p; p++) {
        if (*p == '@')
            strbuf_puts(&sb, dir);
        else
            strbuf_putc(&sb, *p);
    }
    write_file(dir, "compile_commands.json", sb.data ? sb.data : "");
    strbuf_fini(&sb);
    sc_error_clear(err);
    return compdb_load(dir, out, err);
}

/* ---- compdb_split_command ------------------------------------------------------------ */

struct split_case {
    const char *command;
    const char *want; /* words joined by "|" */
    size_t count;
};

static const struct split_case split_cases[] = {
    {"gcc -c a.c", "gcc|-c|a.c", 3},
    {"  gcc \t -DX=1\n-o a.o  ", "gcc|-DX=1|-o|a.o", 4},
    {"cc -I'inc dir' a.c", "cc|-Iinc dir|a.c", 3},
    {"cc \"-DMSG=\\\"hi there\\\"\" a.c", "cc|-DMSG=\"hi there\"|a.c", 3},
    {"cc -DX=a\\ b", "cc|-DX=a b", 2},
    {"cc \"a\\\\b\"", "cc|a\\b", 2}, /* \\ inside double quotes is one backslash */
    {"cc \"a\\nb\"", "cc|a\\nb", 2}, /* \n is not an escape there: both kept */
    {"cc \"\\$HOME\\`x\\`\"", "cc|$HOME`x`", 2},
    {"cc 'a\\b\"c'", "cc|a\\b\"c", 2}, /* nothing is special inside single quotes */
    {"cc '' \"\" x", "cc|||x", 4},     /* empty quotes still make words */
    {"a'b'\"c\"d", "abcd", 1},
    {"a \\\n b", "a|b", 2},        /* a line continuation */
    {"cc \"a\\\nb\"", "cc|ab", 2}, /* ... also inside double quotes */
    {"cc \\\"x", "cc|\"x", 2},
    {"cc x\\", "cc|x\\", 2}, /* a trailing backslash stays */
    {"", "", 0},
    {"   \t ", "", 0},
};

START_TEST(test_split_command)
{
    const struct split_case *c = &split_cases[_i];
    char **argv = NULL;
    size_t argc = 99;
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(compdb_split_command(c->command, &argv, &argc, &err), 0);
    ck_assert_ptr_nonnull(argv);
    ck_assert_ptr_null(argv[argc]);
    char *got = join_words(argv, argc);
    ck_assert_msg(strcmp(got, c->want) == 0 && argc == c->count,
                  "split [%s]: want [%s] (%zu words), got [%s] (%zu words)", c->command, c->want,
                  c->count, got, argc);
    free(got);
    free_words(argv, argc);
}
END_TEST

static const char *const unterminated[] = {
    "cc 'abc",
    "cc \"abc",
    "cc \"abc\\\"",
    "cc -DX='a\" b",
};

START_TEST(test_split_unterminated)
{
    char **argv = (char **)1;
    size_t argc = 99;
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(compdb_split_command(unterminated[_i], &argv, &argc, &err), -1);
    ck_assert_ptr_null(argv);
    ck_assert_uint_eq(argc, 0);
    ck_assert_int_eq(err.kind, SC_ERROR_COMPDB);
    ck_assert_msg(strstr(err.message, "unterminated") != NULL, "message: %s", err.message);
}
END_TEST

/* ---- compdb_filter_args -------------------------------------------------------------- */

struct filter_case {
    const char *argv[24]; /* NULL-terminated */
    const char *want;     /* kept arguments joined by "|" */
};

static const struct filter_case filter_cases[] = {
    /* The compiler, the source, -c and the output go. */
    {{"gcc", "-c", "-o", "a.o", "a.c", NULL}, ""},
    {{"gcc", "-c", "-oa.o", "src/a.c", NULL}, ""},
    /* -I -D -U, two words and joined; values kept as written (no directory here). */
    {{"cc", "-I", "inc", "-Iinc2", "-DX", "-D", "Y=1", "-UZ", "-U", "W", "a.c", NULL},
     "-I|inc|-Iinc2|-DX|-D|Y=1|-UZ|-U|W"},
    {{"cc", "-include", "cfg.h", "-includecfg2.h", "-imacros", "m.h", "-isystem", "sys",
      "-isystemsys2", "-iquote", "q", "-idirafter", "late", "a.c", NULL},
     "-include|cfg.h|-includecfg2.h|-imacros|m.h|-isystem|sys|-isystemsys2|-iquote|q|"
     "-idirafter|late"},
    {{"cc", "-isysroot", "/sdk", "--sysroot=/sr", "--sysroot", "/sr2", NULL},
     "-isysroot|/sdk|--sysroot=/sr|--sysroot|/sr2"},
    /* Language, target and code generation flags that change what parses. */
    {{"cc", "-std=c11", "-ansi", "--target=x86_64-linux-gnu", "-target", "aarch64-linux-gnu",
      "-m32", "-march=native", "-fno-common", "-fPIC", "-x", "c", "-xc", NULL},
     "-std=c11|-ansi|--target=x86_64-linux-gnu|-target|aarch64-linux-gnu|-m32|-march=native|"
     "-fno-common|-fPIC|-x|c|-xc"},
    {{"cc", "-nostdinc", "-nostdlibinc", "-pthread", NULL}, "-nostdinc|-nostdlibinc|-pthread"},
    /* gcc-only machine flags clang refuses, which change nothing about the parse, go. */
    {{"cc", "-mindirect-branch=thunk", "-mfunction-return=thunk", "-m64", "-msse4.2",
      "-mno-red-zone", NULL},
     "-m64|-msse4.2"},
    /* Warnings, optimisation, debug info and dependency files go, with their values. */
    {{"cc",  "-Wall", "-Werror", "-Wno-unused", "-Wl,-rpath,/x", "-Wp,-MD,dep.d",
      "-O2", "-Os",   "-g",      "-MD",         "-MMD",          "-MP",
      "-M",  "-MM",   "-MF",     "d.d",         "-MT",           "t.o",
      "-MQ", "q.o",   "-DK",     NULL},
     "-DK"},
    /* Hostile: nothing may load code or read argument files. */
    {{"cc", "-Xclang", "-load", "-Xclang", "evil.so", "-DA", NULL}, "-DA"},
    {{"cc", "-load", "evil.so", "-fplugin=evil.so", "-fplugin-arg-evil-x=1",
      "-fpass-plugin=evil.so", "-DB", NULL},
     "-DB"},
    {{"cc", "-mllvm", "-debug-pass=Structure", "-module-dependency-dir", "deps", "-DC", NULL},
     "-DC"},
    /* Joined spellings of -mllvm are no machine flags (found by fuzz_compdb). */
    {{"cc", "-mllvm=-load=evil.so", "-mllvmfalseload=./evil.so", "-m32", NULL}, "-m32"},
    {{"cc", "@args.rsp", "@/etc/passwd", "-DD", NULL}, "-DD"},
    {{"cc", "-include-pch", "x.pch", "-ivfsoverlay", "v.yaml", "-DE", NULL}, "-DE"},
    {{"cc", "-fprofile-use=p.profdata", "-ftime-trace", "-fmodules-cache-path=/tmp/m", "-DF", NULL},
     "-DF"},
    /* A dropped flag's value is consumed even when it looks like a kept flag. */
    {{"cc", "-o", "-DNOT", "-MF", "-Inot", "-Xlinker", "-DNOT2", "-DG", NULL}, "-DG"},
    /* Linker flags go. */
    {{"cc", "-lm", "-l", "m", "-L/usr/lib", "-L", "lib", "main.o", "libx.a", "-DH", NULL}, "-DH"},
    /* After "--" only inputs follow. */
    {{"cc", "-DX", "--", "-DY", "a.c", NULL}, "-DX"},
    /* A kept flag missing its value at the end is dropped. */
    {{"cc", "-DX", "-I", NULL}, "-DX"},
    /* A wrapper: the real compiler is positional and goes. */
    {{"ccache", "gcc", "-DX", "a.c", NULL}, "-DX"},
    {{"cc", "-", "-DX", NULL}, "-DX"},
    {{NULL}, ""},
};

START_TEST(test_filter_args)
{
    const struct filter_case *c = &filter_cases[_i];
    size_t argc = 0;
    while (c->argv[argc])
        argc++;
    char **args = NULL;
    size_t nargs = 99;
    compdb_filter_args((char *const *)c->argv, argc, "a.c", &args, &nargs);
    ck_assert_ptr_nonnull(args);
    ck_assert_ptr_null(args[nargs]);
    char *got = join_words(args, nargs);
    ck_assert_msg(strcmp(got, c->want) == 0, "case %d: want [%s], got [%s]", _i, c->want, got);
    free(got);
    free_words(args, nargs);
}
END_TEST

/* ---- compdb_load --------------------------------------------------------------------- */

START_TEST(test_load_arguments_form)
{
    char *dir = make_tmpdir();
    write_file(dir, "a.c", "int a;\n");
    struct unit_list list = {0};
    struct sc_error err;
    int rc = load_text(dir,
                       "[{\"directory\": \"@\", \"file\": \"a.c\",\n"
                       "  \"arguments\": [\"cc\", \"-c\", \"-DX=1\", \"-o\", \"a.o\", \"a.c\"],\n"
                       "  \"output\": \"a.o\"}]",
                       &list, &err);
    ck_assert_msg(rc == 0, "load: %s", err.message);
    ck_assert_uint_eq(list.count, 1);
    struct unit *u = &list.items[0];
    char *want_path = xasprintf("%s/a.c", dir);
    ck_assert_str_eq(u->path, want_path);
    ck_assert_str_eq(u->directory, dir);
    ck_assert_uint_eq(u->nargs, 1);
    ck_assert_str_eq(u->args[0], "-DX=1");
    ck_assert_ptr_null(u->problem);
    free(want_path);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_command_form)
{
    char *dir = make_tmpdir();
    make_dir(dir, "src");
    write_file(dir, "src/b.c", "int b;\n");
    struct unit_list list = {0};
    struct sc_error err;
    int rc = load_text(dir,
                       "[{\"directory\": \"@/build/..\", \"file\": \"src/./b.c\",\n"
                       "  \"command\": \"/usr/bin/cc -c '-DMSG=\\\"a b\\\"' -I/abs "
                       "-o b.o src/b.c\"}]",
                       &list, &err);
    ck_assert_msg(rc == 0, "load: %s", err.message);
    ck_assert_uint_eq(list.count, 1);
    struct unit *u = &list.items[0];
    char *want_path = xasprintf("%s/src/b.c", dir);
    ck_assert_str_eq(u->path, want_path);
    ck_assert_str_eq(u->directory, dir); /* normalised: "build/.." is gone */
    char *got = join_words(u->args, u->nargs);
    ck_assert_str_eq(got, "-DMSG=\"a b\"|-I/abs");
    free(got);
    free(want_path);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_relative_directory_and_includes)
{
    char *dir = make_tmpdir();
    make_dir(dir, "proj");
    write_file(dir, "proj/c.c", "int c;\n");
    struct unit_list list = {0};
    struct sc_error err;
    /* A relative "directory" is taken against the directory holding the database. */
    int rc =
        load_text(dir,
                  "[{\"directory\": \"proj\", \"file\": \"c.c\", \"arguments\": [\"cc\",\n"
                  "  \"-Iinc\", \"-I\", \"./inc2\", \"-isystem\", \"sys\", \"-iquote\", \"q\",\n"
                  "  \"-include\", \"cfg.h\", \"-I/abs\", \"-I=/sysroot-rel\", \"c.c\"]}]",
                  &list, &err);
    ck_assert_msg(rc == 0, "load: %s", err.message);
    ck_assert_uint_eq(list.count, 1);
    struct unit *u = &list.items[0];
    char *proj = xasprintf("%s/proj", dir);
    char *want = xasprintf("-I%s/inc|-I|%s/inc2|-isystem|%s/sys|-iquote|%s/q|-include|%s/cfg.h|"
                           "-I/abs|-I=/sysroot-rel",
                           proj, proj, proj, proj, proj);
    ck_assert_str_eq(u->directory, proj);
    char *got = join_words(u->args, u->nargs);
    ck_assert_str_eq(got, want);
    free(got);
    free(want);
    free(proj);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_missing_file_kept_with_problem)
{
    char *dir = make_tmpdir();
    struct unit_list list = {0};
    struct sc_error err;
    int rc =
        load_text(dir, "[{\"directory\": \"@\", \"file\": \"gone.c\", \"command\": \"cc gone.c\"}]",
                  &list, &err);
    ck_assert_msg(rc == 0, "load: %s", err.message);
    ck_assert_uint_eq(list.count, 1);
    ck_assert_ptr_nonnull(list.items[0].problem);
    ck_assert_msg(strstr(list.items[0].problem, "no such file") &&
                      strstr(list.items[0].problem, "gone.c") &&
                      strstr(list.items[0].problem, "stale"),
                  "problem: %s", list.items[0].problem);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_duplicates_keep_first)
{
    char *dir = make_tmpdir();
    write_file(dir, "a.c", "int a;\n");
    write_file(dir, "b.c", "int b;\n");
    struct unit_list list = {0};
    struct sc_error err;
    int rc = load_text(
        dir,
        "[{\"directory\": \"@\", \"file\": \"a.c\", \"command\": \"cc -DFIRST a.c\"},\n"
        " {\"directory\": \"@\", \"file\": \"b.c\", \"command\": \"cc b.c\"},\n"
        " {\"directory\": \"@\", \"file\": \"./a.c\", \"command\": \"cc -DSECOND a.c\"},\n"
        " {\"directory\": \"@/x/..\", \"file\": \"@/a.c\", \"command\": \"cc -DTHIRD a.c\"}]",
        &list, &err);
    ck_assert_msg(rc == 0, "load: %s", err.message);
    ck_assert_uint_eq(list.count, 2);
    ck_assert(strstr(list.items[0].path, "/a.c") != NULL);
    ck_assert(strstr(list.items[1].path, "/b.c") != NULL);
    ck_assert_uint_eq(list.items[0].nargs, 1);
    ck_assert_str_eq(list.items[0].args[0], "-DFIRST");
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_database_file_named_directly)
{
    char *dir = make_tmpdir();
    write_file(dir, "a.c", "int a;\n");
    struct unit_list list = {0};
    struct sc_error err;
    ck_assert_int_eq(load_text(dir, "[]", &list, &err), 0);
    ck_assert_uint_eq(list.count, 0);
    write_file(dir, "compile_commands.json",
               "[{\"directory\": \".\", \"file\": \"a.c\", \"arguments\": [\"cc\"]}]");
    char *file = xasprintf("%s/compile_commands.json", dir);
    ck_assert_int_eq(compdb_load(file, &list, &err), 0);
    ck_assert_uint_eq(list.count, 1);
    ck_assert_str_eq(list.items[0].directory, dir);
    free(file);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

struct bad_case {
    const char *text;    /* "@" stands for the temporary directory */
    unsigned line;       /* expected err.line */
    const char *needle1; /* the message must contain both */
    const char *needle2;
};

static const struct bad_case bad_cases[] = {
    {"[\n{\"directory\": \"@\",\n \"file\": }\n]", 3, "not valid JSON", "column"},
    {"", 1, "not valid JSON", "end of the file"},
    {"[] trailing", 1, "not valid JSON", "'t'"},
    {"{\"directory\": \"@\"}", 1, "top level is an object", "array"},
    {"[\n  {\"directory\": \"@\", \"file\": \"a.c\", \"command\": \"cc\"},\n  {\"directory\": "
     "\"@\", "
     "\"command\": \"cc\"}\n]",
     3, "entry 2 of 2", "has no \"file\""},
    {"[{\"file\": \"a.c\", \"command\": \"cc\"}]", 1, "entry 1 of 1", "has no \"directory\""},
    {"[\n\n{\"directory\": \"@\", \"file\": \"a.c\"}]", 3, "entry 1 of 1",
     "neither \"arguments\" nor \"command\""},
    {"[{\"directory\": \"@\", \"file\": 3, \"command\": \"cc\"}]", 1, "entry 1 of 1",
     "\"file\" as a number"},
    {"[{\"directory\": [], \"file\": \"a.c\", \"command\": \"cc\"}]", 1, "entry 1",
     "\"directory\" as an array"},
    {"[{\"directory\": \"@\", \"file\": \"a.c\", \"arguments\": \"cc a.c\"}]", 1, "entry 1",
     "\"arguments\" as a string"},
    {"[{\"directory\": \"@\", \"file\": \"a.c\", \"arguments\": [\"cc\", 7]}]", 1, "entry 1",
     "\"arguments\" item 2 as a number"},
    {"[{\"directory\": \"@\", \"file\": \"a.c\", \"command\": true}]", 1, "entry 1",
     "\"command\" as a boolean"},
    {"[{\"directory\": \"@\", \"file\": \"a.c\", \"command\": \"cc '-DX\"}]", 1, "entry 1",
     "unterminated"},
    {"[{\"directory\": \"@\", \"file\": \"\", \"command\": \"cc\"}]", 1, "entry 1",
     "empty \"file\""},
    {"[1, \"x\"]", 1, "entry 1 of 2", "is a number"},
    {"[{\"directory\": \"@\", \"file\": \"a.c\", \"command\": \"cc\"},\n\n\"x\"]", 3,
     "entry 2 of 2", "is a string"},
};

START_TEST(test_load_bad)
{
    const struct bad_case *c = &bad_cases[_i];
    char *dir = make_tmpdir();
    struct unit_list list = {0};
    /* A unit already in the list stays as it was: a failed load appends nothing. */
    struct unit *keep = XPUSH(list.items, list.count, list.cap);
    memset(keep, 0, sizeof *keep);
    keep->path = xstrdup("/kept.c");
    struct sc_error err;
    ck_assert_int_eq(load_text(dir, c->text, &list, &err), -1);
    ck_assert_uint_eq(list.count, 1);
    ck_assert_str_eq(list.items[0].path, "/kept.c");
    ck_assert_int_eq(err.kind, SC_ERROR_COMPDB);
    char *db = xasprintf("%s/compile_commands.json", dir);
    ck_assert_str_eq(err.file, db);
    ck_assert_msg(err.line == c->line, "case %d: want line %u, got %u (%s)", _i, c->line, err.line,
                  err.message);
    ck_assert_msg(strstr(err.message, c->needle1) && strstr(err.message, c->needle2),
                  "case %d: message [%s] lacks [%s] or [%s]", _i, err.message, c->needle1,
                  c->needle2);
    free(db);
    unit_list_fini(&list);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(test_load_cannot_read)
{
    char *dir = make_tmpdir();
    struct unit_list list = {0};
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(compdb_load(dir, &list, &err), -1);
    ck_assert_uint_eq(list.count, 0);
    ck_assert_int_eq(err.kind, SC_ERROR_COMPDB);
    char *db = xasprintf("%s/compile_commands.json", dir);
    ck_assert_str_eq(err.file, db);
    ck_assert_msg(strstr(err.message, db) && strstr(err.message, "No such file") &&
                      strstr(err.message, "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON") &&
                      strstr(err.message, "bear"),
                  "message: %s", err.message);
    /* A directory where the file should be is refused, not read. */
    make_dir(dir, "compile_commands.json");
    ck_assert_int_eq(compdb_load(dir, &list, &err), -1);
    ck_assert_msg(strstr(err.message, "not a regular file"), "message: %s", err.message);
    free(db);
    remove_tree(dir);
    free(dir);
}
END_TEST

/* ---- compdb_parse --------------------------------------------------------------------- */

/* A database in memory: no terminating NUL needed (the length counts), relative "directory"
 * against the database's own directory, and the entry's problem for a file that is missing. */
START_TEST(test_parse_in_memory)
{
    static const char text[] = "[{\"directory\": \"sub\", \"file\": \"a.c\", "
                               "\"command\": \"cc -DX -c a.c\"}]GARBAGE";
    struct unit_list list = {0};
    struct sc_error err;
    sc_error_clear(&err);
    size_t len = strlen(text) - strlen("GARBAGE");
    ck_assert_int_eq(compdb_parse(text, len, "/no/such/db/compile_commands.json", &list, &err), 0);
    ck_assert_uint_eq(list.count, 1);
    ck_assert_str_eq(list.items[0].directory, "/no/such/db/sub");
    ck_assert_str_eq(list.items[0].path, "/no/such/db/sub/a.c");
    ck_assert_uint_eq(list.items[0].nargs, 1);
    ck_assert_str_eq(list.items[0].args[0], "-DX");
    ck_assert_ptr_nonnull(list.items[0].problem);
    ck_assert_msg(strstr(list.items[0].problem, "no such file"), "%s", list.items[0].problem);
    unit_list_fini(&list);
    /* The garbage counts when the length includes it. */
    ck_assert_int_eq(compdb_parse(text, strlen(text), "/db/cc.json", &list, &err), -1);
    ck_assert_str_eq(err.file, "/db/cc.json");
    ck_assert_msg(strstr(err.message, "unexpected 'G'"), "%s", err.message);
    ck_assert_uint_eq(list.count, 0);
}
END_TEST

/* An -include of a device or FIFO would never be read to its end: the unit gets a problem. */
START_TEST(test_parse_include_of_device)
{
    char *dir = make_tmpdir();
    write_file(dir, "a.c", "int a;\n");
    write_file(dir, "ok.h", "\n");
    static const char text[] =
        "[{\"directory\": \".\", \"file\": \"a.c\", \"arguments\": [\"cc\", \"-include\", "
        "\"/dev/zero\", \"a.c\"]},\n"
        " {\"directory\": \".\", \"file\": \"b.c\", \"command\": \"cc -imacros/dev/null b.c\"},\n"
        " {\"directory\": \".\", \"file\": \"a.c\", \"arguments\": [\"cc\"]}]";
    char *db = xasprintf("%s/compile_commands.json", dir);
    write_file(dir, "b.c", "int b;\n");
    struct unit_list list = {0};
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(compdb_parse(text, sizeof text - 1, db, &list, &err), 0);
    ck_assert_uint_eq(list.count, 2);
    ck_assert_ptr_nonnull(list.items[0].problem);
    ck_assert_msg(strstr(list.items[0].problem, "'/dev/zero', a FIFO or a device"), "%s",
                  list.items[0].problem);
    ck_assert_ptr_nonnull(list.items[1].problem);
    ck_assert_msg(strstr(list.items[1].problem, "'/dev/null'"), "%s", list.items[1].problem);
    unit_list_fini(&list);
    free(db);
    remove_tree(dir);
    free(dir);
}
END_TEST

/* A NUL byte inside the text is an error with its position, not the end of the text. */
START_TEST(test_parse_nul_inside)
{
    static const char text[] = "[\n {\"directory\": \"/\", \0 \"file\": \"a.c\"}]";
    struct unit_list list = {0};
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(compdb_parse(text, sizeof text - 1, "/db/compile_commands.json", &list, &err),
                     -1);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_msg(strstr(err.message, "unexpected byte 0x00 at column 21"), "%s", err.message);
    ck_assert_int_eq(compdb_parse(NULL, 0, "/db/compile_commands.json", &list, &err), -1);
    ck_assert_msg(strstr(err.message, "end of the file"), "%s", err.message);
}
END_TEST

static Suite *compdb_suite(void)
{
    Suite *s = suite_create("compdb");
    TCase *split = tcase_create("split");
    tcase_add_loop_test(split, test_split_command, 0,
                        (int)(sizeof split_cases / sizeof split_cases[0]));
    tcase_add_loop_test(split, test_split_unterminated, 0,
                        (int)(sizeof unterminated / sizeof unterminated[0]));
    suite_add_tcase(s, split);

    TCase *filter = tcase_create("filter");
    tcase_add_loop_test(filter, test_filter_args, 0,
                        (int)(sizeof filter_cases / sizeof filter_cases[0]));
    suite_add_tcase(s, filter);

    TCase *load = tcase_create("load");
    tcase_add_test(load, test_load_arguments_form);
    tcase_add_test(load, test_load_command_form);
    tcase_add_test(load, test_load_relative_directory_and_includes);
    tcase_add_test(load, test_load_missing_file_kept_with_problem);
    tcase_add_test(load, test_load_duplicates_keep_first);
    tcase_add_test(load, test_load_database_file_named_directly);
    tcase_add_loop_test(load, test_load_bad, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    tcase_add_test(load, test_load_cannot_read);
    tcase_add_test(load, test_parse_in_memory);
    tcase_add_test(load, test_parse_nul_inside);
    tcase_add_test(load, test_parse_include_of_device);
    suite_add_tcase(s, load);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(compdb_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
