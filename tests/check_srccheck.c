/*
 * srcfile: what is refused before libclang sees a file (binary, UTF-16, not a regular file,
 * too large, missing) with the line and the remedy, and what passes (empty, non-UTF-8 text).
 */
#include "path.h"
#include "srccheck.h"
#include "xalloc.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *make_tmpdir(void)
{
    char tmpl[] = "/tmp/sockcheck-srcfile-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    char *real = path_real(tmpl);
    ck_assert_ptr_nonnull(real);
    return real;
}

/* dir/name with len bytes of data; returns the path (caller frees). */
static char *write_bytes(const char *dir, const char *name, const char *data, size_t len)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot create %s", path);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

static void assert_has(const struct sc_error *err, const char *needle)
{
    ck_assert_msg(strstr(err->message, needle) != NULL, "message [%s] lacks [%s]", err->message,
                  needle);
}

START_TEST(test_text_passes)
{
    static const char latin1[] = "/* caf\xe9 */\nchar *s = \"\xff\xfe\";\nint x;\n";
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(srccheck_text("a.c", latin1, sizeof latin1 - 1, &err), 0);
    ck_assert_int_eq(srccheck_text("a.c", "", 0, &err), 0);
    ck_assert_int_eq(err.kind, SC_ERROR_NONE);
}
END_TEST

START_TEST(test_nul_names_line_and_offset)
{
    static const char text[] = "int a;\nint b;\nint\0c;\n";
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(srccheck_text("x.c", text, sizeof text - 1, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_NOT_SOURCE);
    ck_assert_str_eq(err.file, "x.c");
    ck_assert_uint_eq(err.line, 3);
    assert_has(&err, "binary file, not C source");
    assert_has(&err, "line 3 (byte offset 17)");
    assert_has(&err, "leave it out");
}
END_TEST

struct kind_case {
    const char *bytes;
    size_t len;
    const char *needle;
};

static const struct kind_case kind_cases[] = {
    {"\xff\xfei\0n\0t\0", 8, "UTF-16 text (byte order mark)"},
    {"\xfe\xff\0i\0n\0t", 8, "UTF-16 text (byte order mark)"},
    {"i\0n\0t\0 \0", 8, "looks like UTF-16"},
    {"\177ELF\2\1\1\0", 8, "ELF"},
    {"!<arch>\nx\0", 10, "ar archive"},
    {"\x1f\x8b\x08\0", 4, "C source text only"},
};

START_TEST(test_binary_kinds)
{
    const struct kind_case *c = &kind_cases[_i];
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(srccheck_text("b.c", c->bytes, c->len, &err), -1);
    assert_has(&err, "binary file, not C source");
    assert_has(&err, c->needle);
}
END_TEST

/* The file is read in chunks: a NUL past the first one still gets the right line. */
START_TEST(test_file_nul_after_first_chunk)
{
    char *dir = make_tmpdir();
    size_t len = 200000;
    char *data = xmalloc(len);
    memset(data, 'x', len);
    unsigned newlines = 0;
    for (size_t i = 99; i < 150000; i += 100, newlines++)
        data[i] = '\n';
    data[150001] = '\0';
    char *path = write_bytes(dir, "big.c", data, len);
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(srccheck_file(path, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_NOT_SOURCE);
    ck_assert_str_eq(err.file, path);
    ck_assert_uint_eq(err.line, newlines + 1);
    assert_has(&err, "byte offset 150001");
    /* The same bytes without the NUL pass. */
    data[150001] = 'y';
    free(write_bytes(dir, "big.c", data, len));
    ck_assert_int_eq(srccheck_file(path, &err), 0);
    unlink(path);
    rmdir(dir);
    free(path);
    free(data);
    free(dir);
}
END_TEST

START_TEST(test_file_empty_passes)
{
    char *dir = make_tmpdir();
    char *path = write_bytes(dir, "empty.c", "", 0);
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(srccheck_file(path, &err), 0);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}
END_TEST

START_TEST(test_file_not_regular)
{
    char *dir = make_tmpdir();
    char *fifo = xasprintf("%s/pipe.c", dir);
    char *sub = xasprintf("%s/dir.c", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    struct sc_error err;
    sc_error_clear(&err);
    /* Must return at once: a FIFO with no writer would block a plain open(2) forever. */
    ck_assert_int_eq(srccheck_file(fifo, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_IO);
    assert_has(&err, "not a regular file (a FIFO");
    ck_assert_int_eq(srccheck_file(sub, &err), -1);
    assert_has(&err, "a directory, not a C source file");
    unlink(fifo);
    rmdir(sub);
    rmdir(dir);
    free(fifo);
    free(sub);
    free(dir);
}
END_TEST

START_TEST(test_file_missing_and_loop)
{
    char *dir = make_tmpdir();
    char *missing = xasprintf("%s/gone.c", dir);
    char *a = xasprintf("%s/a.c", dir), *b = xasprintf("%s/b.c", dir);
    ck_assert_int_eq(symlink(b, a), 0);
    ck_assert_int_eq(symlink(a, b), 0);
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(srccheck_file(missing, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_IO);
    ck_assert_str_eq(err.file, missing);
    assert_has(&err, "deleted or renamed");
    ck_assert_int_eq(srccheck_file(a, &err), -1);
    assert_has(&err, "symlink loop");
    unlink(a);
    unlink(b);
    rmdir(dir);
    free(missing);
    free(a);
    free(b);
    free(dir);
}
END_TEST

/* A sparse file above the cap is refused from its size alone, without reading it. */
START_TEST(test_file_too_large)
{
    char *dir = make_tmpdir();
    char *path = xasprintf("%s/huge.c", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)SRCFILE_MAX_BYTES + 1), 0);
    close(fd);
    struct sc_error err;
    sc_error_clear(&err);
    ck_assert_int_eq(srccheck_file(path, &err), -1);
    ck_assert_int_eq(err.kind, SC_ERROR_NOT_SOURCE);
    assert_has(&err, "larger than the 512 MiB");
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}
END_TEST

static Suite *srccheck_suite(void)
{
    Suite *s = suite_create("srcfile");
    TCase *text = tcase_create("text");
    tcase_add_test(text, test_text_passes);
    tcase_add_test(text, test_nul_names_line_and_offset);
    tcase_add_loop_test(text, test_binary_kinds, 0,
                        (int)(sizeof kind_cases / sizeof kind_cases[0]));
    suite_add_tcase(s, text);
    TCase *file = tcase_create("file");
    tcase_add_test(file, test_file_nul_after_first_chunk);
    tcase_add_test(file, test_file_empty_passes);
    tcase_add_test(file, test_file_not_regular);
    tcase_add_test(file, test_file_missing_and_loop);
    tcase_add_test(file, test_file_too_large);
    suite_add_tcase(s, file);
    return s;
}

int main(void)
{
    SRunner *runner = srunner_create(srccheck_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
