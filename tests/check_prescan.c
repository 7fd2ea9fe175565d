/*
 * The prescan: which texts name a socket API (comments, literals, include lines, splices,
 * longer identifiers), and which units may matter through their project headers, search
 * paths and arguments.
 */
#include "prescan.h"
#include "xalloc.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool matters(const char *text)
{
    struct name_set names;
    name_set_init(&names);
    prescan_add_socket_api(&names);
    bool m = prescan_may_matter(text, strlen(text), &names);
    name_set_fini(&names);
    return m;
}

START_TEST(test_may_matter)
{
    ck_assert(matters("int f(int fd) { return listen(fd, 5); }"));
    ck_assert(matters("#define START(fd) bind(fd, 0, 0)\n"));
    ck_assert(matters("void g(int fd) { int x = accept4(fd, 0, 0, 0); }"));
    /* SCK008 names a kernel knob inside a string, at file scope too. */
    ck_assert(matters("f(\"/proc/sys/net/ipv4/tcp_tw_recycle\");"));
    ck_assert(matters("const char *k = \"net.ipv4.tcp_tw_recycle\";"));
    /* Longer identifiers and members are other names. */
    ck_assert(!matters("int rebind(void); int bind_port; struct s { int sockets; };"));
    /* Comments do not count, nor header names in #include lines. */
    ck_assert(!matters("/* bind() here */\n// listen(fd)\n#include <sys/socket.h>\nint x;"));
    ck_assert(!matters("  #  include \"socket.h\"\nint x;"));
    /* A prototype is no use; #if and #undef operands are none either. */
    ck_assert(!matters("int socket(int, int, int);\nextern int listen (int fd, int n) ATTR;"));
    ck_assert(!matters("#if defined(bind)\n#undef bind\n#endif\n"));
    /* A macro's argument at file scope may expand into a body that calls it. */
    ck_assert(matters("DEFINE_WRAPPER(listen)\n"));
    ck_assert(matters("WRAP(int w(int fd), listen(fd, 1))\n"));
    /* A comment marker inside a literal does not hide the code after it. */
    ck_assert(matters("void h(void) { char *s = \"/*\"; int y = socket(1, 2, 3); /* */ }"));
    ck_assert(matters("void h(int fd) { char c = '\"'; connect(fd, 0, 0); }"));
    /* A line splice joins a name, and continues a // comment. */
    ck_assert(matters("int h(int fd) { return lis\\\nten(fd, 1); }"));
    ck_assert(!matters("// a comment \\\n listen(fd, 1);\nint x;"));
    /* An unterminated comment hides the rest; an empty text names nothing. */
    ck_assert(!matters("int x; /* bind("));
    ck_assert(!matters(""));
    /* Digraph braces are braces. */
    ck_assert(matters("int f(int fd) <% return listen(fd, 5); %>"));
    /* Braces that #if branches leave unbalanced: every name counts. */
    ck_assert(matters("#ifdef A\nint f(void) {\n#endif\n}\nint socket(int, int, int);"));
}
END_TEST

static bool defines(const char *text, const char *name)
{
    struct name_set names;
    name_set_init(&names);
    name_set_add(&names, name);
    bool d = prescan_may_define(text, strlen(text), &names);
    name_set_fini(&names);
    return d;
}

/* Which texts may define a function, the question asked of units that an unknown function's
 * body could come from. */
START_TEST(test_may_define)
{
    ck_assert(defines("int log_fd(int fd) { return fd; }", "log_fd"));
    ck_assert(defines("static int\nlog_fd (int fd)\n{\n  return fd;\n}\n", "log_fd"));
    /* K&R: parameter declarations between the list and the body. */
    ck_assert(defines("int log_fd(fd) int fd; { return fd; }", "log_fd"));
    ck_assert(defines("log_fd(fd) register fd; { return fd; }", "log_fd"));
    /* Made by a macro, named by an alias, or inside a macro's body. */
    ck_assert(defines("DEFINE_LOGGER(log_fd)\n", "log_fd"));
    ck_assert(defines("#define NAME log_fd\nint NAME(int fd) { return fd; }", "log_fd"));
    ck_assert(defines("#define DEF int log_fd(int fd) { return fd; }\nDEF", "log_fd"));
    /* extern "C" braces are not a body. */
    ck_assert(defines("extern \"C\" {\nint log_fd(int fd) { return fd; }\n}", "log_fd"));
    ck_assert(defines("#ifdef __cplusplus\nextern \"C\" {\n#endif\nint log_fd(int fd) "
                      "{ return 0; }\n#ifdef __cplusplus\n}\n#endif\n",
                      "log_fd"));
    /* The C++ guards of a header leave its prototypes prototypes. */
    ck_assert(!defines("#ifdef __cplusplus\nextern \"C\" {\n#endif\nint log_fd(int fd);\n"
                       "#ifdef __cplusplus\n}\n#endif\nvoid other(void);\n",
                       "log_fd"));
    /* Prototypes, with or without attributes, calls and macro bodies that call are not. */
    ck_assert(!defines("void log_fd(int fd);", "log_fd"));
    ck_assert(!defines("void log_fd(int fd) __attribute__((cold)) NONNULL(1);", "log_fd"));
    ck_assert(!defines("void log_fd(int fd) ATTR_COLD;\nint a(int), log_fd(int);", "log_fd"));
    ck_assert(!defines("int main(void) { return log_fd(1); }", "log_fd"));
    ck_assert(!defines("#define LOG(fd) log_fd(fd)\n", "log_fd"));
    ck_assert(!defines("#define LOG(fd) do { log_fd(fd); } while (0)\n", "log_fd"));
    ck_assert(!defines("/* int log_fd(int fd) { } */ const char *s = \"log_fd(1) {\";", "log_fd"));
    /* A body the braces of #if branches hide: every name may be defined. */
    ck_assert(defines("#if A\nvoid f(void) {\n#else\nvoid g(void) { {\n#endif\n}\nvoid "
                      "log_fd(int);",
                      "log_fd"));
}
END_TEST

/* ---- units ----------------------------------------------------------------------------- */

static char project[] = "/tmp/sockcheck-prescan-XXXXXX";

static void write_file(const char *rel, const char *text)
{
    char *path = xasprintf("%s/%s", project, rel);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    free(path);
}

static bool unit_matters(const char *main_rel, const char *const *args, size_t nargs)
{
    struct name_set names;
    name_set_init(&names);
    prescan_add_socket_api(&names);
    char *path = xasprintf("%s/%s", project, main_rel);
    struct unit u = {path, project, (char **)args, nargs, NULL, true};
    bool m = prescan_unit(&u, &names);
    free(path);
    name_set_fini(&names);
    return m;
}

static void setup_project(void)
{
    ck_assert_ptr_nonnull(mkdtemp(project));
    char *inc = xasprintf("%s/inc", project), *sys = xasprintf("%s/sys", project);
    mkdir(inc, 0777);
    mkdir(sys, 0777);
    free(inc);
    free(sys);
    write_file("net.h", "#include \"deep.h\"\n");
    write_file("deep.h", "#define OPEN_LISTENER(fd) listen(fd, 128)\n");
    write_file("plain.h", "#include \"plain.h\"\nint add(int, int);\n"); /* includes itself */
    write_file("inc/api.h", "int serve(void) { return socket(2, 1, 0); }\n");
    write_file("sys/api.h", "int serve(void) { return socket(2, 1, 0); }\n");
    write_file("server.c", "#include \"net.h\"\nint go(int fd) { return OPEN_LISTENER(fd); }\n");
    write_file("math.c", "#include \"plain.h\"\n#include <stdio.h>\nint add(int a, int b) "
                         "{ return a + b; }\n");
    write_file("angled.c", "#include <api.h>\nint x;\n");
    write_file("computed.c", "#define H \"plain.h\"\n#include H\nint x;\n");
    write_file("defined.c", "int x = OPEN;\n");
}

static void rm_rf(const char *rel)
{
    char *path = xasprintf("%s/%s", project, rel);
    unlink(path);
    rmdir(path);
    free(path);
}

static void teardown_project(void)
{
    static const char *const files[] = {"net.h",      "deep.h",    "plain.h", "inc/api.h",
                                        "sys/api.h",  "server.c",  "math.c",  "angled.c",
                                        "computed.c", "defined.c", "inc",     "sys"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        rm_rf(files[i]);
    rmdir(project);
    memcpy(project, "/tmp/sockcheck-prescan-XXXXXX", sizeof project);
}

START_TEST(test_units)
{
    setup_project();
    /* A header two levels down spells listen(): the unit matters. */
    ck_assert(unit_matters("server.c", NULL, 0));
    /* Nothing in the unit or its (self-including) header: it cannot matter. */
    ck_assert(!unit_matters("math.c", NULL, 0));
    /* <api.h> from an -I directory is a project header. */
    char *inc = xasprintf("-I%s/inc", project), *sys = xasprintf("%s/sys", project);
    const char *with_i[] = {inc};
    const char *with_isystem[] = {"-isystem", sys};
    const char *relative_i[] = {"-I", "inc"};
    ck_assert(unit_matters("angled.c", with_i, 1));
    ck_assert(unit_matters("angled.c", relative_i, 2)); /* against the unit's directory */
    char *long_form = xasprintf("--include-directory=%s/inc", project);
    const char *with_long[] = {long_form};
    const char *with_after[] = {"-idirafter", "inc"};
    ck_assert(unit_matters("angled.c", with_long, 1));
    ck_assert(unit_matters("angled.c", with_after, 2));
    free(long_form);
    /* -isystem outside /usr: a project's or vendored library's headers marked as system
     * headers are scanned too; the system's own are not. */
    ck_assert(unit_matters("angled.c", with_isystem, 2));
    const char *usr_isystem[] = {"-isystem", "/usr/include"};
    ck_assert(!unit_matters("angled.c", usr_isystem, 2));
    ck_assert(!unit_matters("angled.c", NULL, 0));
    /* An #include the scan cannot read, and a -D that names the API, count. */
    ck_assert(unit_matters("computed.c", NULL, 0));
    const char *define[] = {"-DOPEN=listen(3, 1)"};
    ck_assert(unit_matters("defined.c", define, 1));
    ck_assert(!unit_matters("defined.c", NULL, 0));
    /* -include FILE is read as if the first line included it. */
    char *forced = xasprintf("%s/deep.h", project);
    const char *include[] = {"-include", forced};
    ck_assert(unit_matters("math.c", include, 2));
    /* A file included inside a body is code of that body, whatever its own braces say; at
     * file scope, its prototypes are prototypes. */
    write_file("body.inc", "listen(fd, 1);\n");
    write_file("inbody.c", "void f(int fd) {\n#include \"body.inc\"\n}\n");
    write_file("attop.c", "#include \"body.inc\"\n");
    ck_assert(unit_matters("inbody.c", NULL, 0));
    ck_assert(!unit_matters("attop.c", NULL, 0));
    rm_rf("body.inc");
    rm_rf("inbody.c");
    rm_rf("attop.c");
    /* A main file that cannot be read may matter: the parser says why. */
    ck_assert(unit_matters("missing.c", NULL, 0));
    free(inc);
    free(sys);
    free(forced);
    teardown_project();
}
END_TEST

/* Issue 8: a FIFO or device among a unit's files is refused before anything reads it. */
static int refused(const char *main_rel, struct sc_error *err)
{
    char *path = xasprintf("%s/%s", project, main_rel);
    struct unit u = {path, project, NULL, 0, NULL, true};
    struct prescan *ps = prescan_new();
    sc_error_clear(err);
    long h = prescan_add_unit(ps, &u, err);
    prescan_free(ps);
    free(path);
    return h < 0 ? -1 : 0;
}

START_TEST(test_hostile_includes)
{
    ck_assert_ptr_nonnull(mkdtemp(project));
    char *fifo = xasprintf("%s/pipe.h", project), *link = xasprintf("%s/evil.h", project);
    char *main_fifo = xasprintf("%s/fifo.c", project);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(mkfifo(main_fifo, 0600), 0);
    ck_assert_int_eq(symlink("/dev/zero", link), 0);
    write_file("zero.c", "int x;\n#include \"/dev/zero\"\n");
    write_file("pipe.c", "#include \"pipe.h\"\n");
    write_file("linked.c", "#include \"ok.h\"\n");
    write_file("ok.h", "/* fine */\n#include \"evil.h\"\n");
    write_file("disabled.c", "#if 0\n#include \"pipe.h\"\n#endif\n");
    struct sc_error err;
    ck_assert_int_eq(refused("zero.c", &err), -1);
    ck_assert_uint_eq(err.line, 2);
    ck_assert(strstr(err.message, "not a regular file (a character device): /dev/zero, "
                                  "included from ") != NULL);
    ck_assert(strstr(err.message, "zero.c:2; ") != NULL);
    ck_assert(strstr(err.message, "remove the include or exclude the unit") != NULL);
    ck_assert_int_eq(refused("pipe.c", &err), -1);
    ck_assert(strstr(err.message, "(a FIFO): ") != NULL && strstr(err.message, "pipe.h") != NULL);
    /* Through a project header and a symbolic link: named as included, with the header's line. */
    ck_assert_int_eq(refused("linked.c", &err), -1);
    ck_assert(strstr(err.message, "evil.h, included from ") != NULL);
    ck_assert(strstr(err.message, "ok.h:2;") != NULL);
    /* The scan errs towards refusing: a disabled #include counts too. */
    ck_assert_int_eq(refused("disabled.c", &err), -1);
    ck_assert_int_eq(refused("fifo.c", &err), -1);
    ck_assert(strstr(err.message, "not a regular file (a FIFO): ") != NULL);
    static const char *const files[] = {"pipe.h", "evil.h",   "fifo.c", "zero.c",
                                        "pipe.c", "linked.c", "ok.h",   "disabled.c"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        rm_rf(files[i]);
    rmdir(project);
    memcpy(project, "/tmp/sockcheck-prescan-XXXXXX", sizeof project);
    free(fifo);
    free(link);
    free(main_fifo);
}
END_TEST

static Suite *prescan_suite(void)
{
    Suite *s = suite_create("prescan");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_may_matter);
    tcase_add_test(tc, test_may_define);
    tcase_add_test(tc, test_units);
    tcase_add_test(tc, test_hostile_includes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(prescan_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
