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
    ck_assert(matters("x = accept4(fd, 0, 0, 0);"));
    /* SCK008 names a kernel knob inside a string. */
    ck_assert(matters("f(\"/proc/sys/net/ipv4/tcp_tw_recycle\");"));
    /* Longer identifiers and members are other names. */
    ck_assert(!matters("int rebind(void); int bind_port; struct s { int sockets; };"));
    /* Comments do not count, nor header names in #include lines. */
    ck_assert(!matters("/* bind() here */\n// listen(fd)\n#include <sys/socket.h>\nint x;"));
    ck_assert(!matters("  #  include \"socket.h\"\nint x;"));
    /* A comment marker inside a literal does not hide the code after it. */
    ck_assert(matters("char *s = \"/*\"; int y = socket(1, 2, 3); /* */"));
    ck_assert(matters("char c = '\"'; connect(fd, 0, 0);"));
    /* A line splice joins a name, and continues a // comment. */
    ck_assert(matters("int r = lis\\\nten(fd, 1);"));
    ck_assert(!matters("// a comment \\\n listen(fd, 1);\nint x;"));
    /* An unterminated comment hides the rest; an empty text names nothing. */
    ck_assert(!matters("int x; /* bind("));
    ck_assert(!matters(""));
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
    /* <api.h> from an -I directory is a project header; from -isystem it is not. */
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
    ck_assert(!unit_matters("angled.c", with_isystem, 2));
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
    /* A main file that cannot be read may matter: the parser says why. */
    ck_assert(unit_matters("missing.c", NULL, 0));
    free(inc);
    free(sys);
    free(forced);
    teardown_project();
}
END_TEST

static Suite *prescan_suite(void)
{
    Suite *s = suite_create("prescan");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_may_matter);
    tcase_add_test(tc, test_units);
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
