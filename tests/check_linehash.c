/*
 * primaryLocationLineHash against the test vectors of github/codeql-action's
 * src/fingerprints.test.ts (REQUIREMENTS §1.5), plus the decoding cases they do not cover.
 */
#include "linehash.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Hashes text and compares every line with want (NULL-terminated). */
static void expect_hashes(const char *text, size_t len, const char *const *want)
{
    size_t n = 0;
    char(*got)[LINEHASH_SIZE] = linehash_lines(text, len, &n);
    size_t nwant = 0;
    while (want[nwant])
        nwant++;
    ck_assert_uint_eq(n, nwant);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(got[i], want[i]);
    free(got);
}

#define EXPECT(text, ...)                                                                          \
    do {                                                                                           \
        static const char *const want_[] = {__VA_ARGS__, NULL};                                    \
        expect_hashes((text), sizeof(text) - 1, want_);                                            \
    } while (0)

START_TEST(empty_file)
{
    EXPECT("", "c129715d7a2bc9a3:1");
}
END_TEST

START_TEST(spaces_and_tabs_are_skipped)
{
    EXPECT(" a\nb\n  \t\tc\n d", "271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
           "a23a3dc5e078b07b:1");
}
END_TEST

START_TEST(no_final_newline)
{
    EXPECT(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", "8b7cf3e952e7aeb2:1",
           "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1", "b86d3392aea1be30:1",
           "e6ceba753e1a442:1");
}
END_TEST

/* LF, CR, CRLF and mixtures give the same hashes (the action folds them all to LF). */
START_TEST(line_endings_are_folded)
{
    static const char *const want[] = {
        "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1", NULL,
    };
    static const char *const texts[] = {
        " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
        " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
        " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
        " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        expect_hashes(texts[i], strlen(texts[i]), want);
}
END_TEST

START_TEST(repeated_lines_are_counted)
{
    static const char line[] = "Lorem ipsum dolor sit amet.\n";
    char text[sizeof line * 10];
    for (size_t i = 0; i < 10; i++)
        memcpy(text + i * (sizeof line - 1), line, sizeof line);
    static const char *const want[] = {
        "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
        "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
        "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1", NULL,
    };
    expect_hashes(text, strlen(text), want);
}
END_TEST

/*
 * Characters are UTF-16 units: "é" (2 bytes) is one unit, so it hashes like any other single
 * unit, and a 4-byte character is two. An invalid byte reads as U+FFFD, which is also what
 * the 3-byte encoding of U+FFFD gives.
 */
START_TEST(utf8_is_read_as_utf16)
{
    size_t n1, n2;
    char(*a)[LINEHASH_SIZE] = linehash_lines("x\xff\n", 3, &n1);
    char(*b)[LINEHASH_SIZE] = linehash_lines("x\xef\xbf\xbd\n", 5, &n2);
    ck_assert_uint_eq(n1, 2);
    ck_assert_uint_eq(n2, 2);
    ck_assert_str_eq(a[0], b[0]);
    free(a);
    free(b);
    /* A truncated sequence is one U+FFFD, not one per byte. */
    a = linehash_lines("x\xe2\x82\n", 4, &n1);
    b = linehash_lines("x\xef\xbf\xbd\n", 5, &n2);
    ck_assert_str_eq(a[0], b[0]);
    free(a);
    free(b);
    /* U+1F600 is two units: different from any one-unit character. */
    a = linehash_lines("\xf0\x9f\x98\x80\n", 5, &n1);
    b = linehash_lines("\xef\xbf\xbd\n", 4, &n2);
    ck_assert_str_ne(a[0], b[0]);
    free(a);
    free(b);
}
END_TEST

/* Only the next 100 non-blank units count: an edit far below a line leaves its hash alone. */
START_TEST(hash_looks_100_units_ahead)
{
    char before[400], after[400];
    memset(before, 'a', 300);
    memcpy(after, before, 300);
    before[0] = after[0] = 'x';
    before[299] = after[299] = '\n';
    after[150] = 'b'; /* 150 units after the start of line 1 */
    size_t n1, n2;
    char(*a)[LINEHASH_SIZE] = linehash_lines(before, 300, &n1);
    char(*b)[LINEHASH_SIZE] = linehash_lines(after, 300, &n2);
    ck_assert_str_eq(a[0], b[0]);
    after[50] = 'b';
    free(b);
    b = linehash_lines(after, 300, &n2);
    ck_assert_str_ne(a[0], b[0]);
    free(a);
    free(b);
}
END_TEST

static Suite *linehash_suite(void)
{
    Suite *s = suite_create("linehash");
    TCase *tc = tcase_create("vectors");
    tcase_add_test(tc, empty_file);
    tcase_add_test(tc, spaces_and_tabs_are_skipped);
    tcase_add_test(tc, no_final_newline);
    tcase_add_test(tc, line_endings_are_folded);
    tcase_add_test(tc, repeated_lines_are_counted);
    tcase_add_test(tc, utf8_is_read_as_utf16);
    tcase_add_test(tc, hash_looks_100_units_ahead);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(linehash_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
