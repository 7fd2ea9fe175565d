/*
 * The progress line: quiet for the first second, throttled, cut to the terminal keeping the
 * end of the path, erased only when drawn.
 */
#include "progress.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

START_TEST(test_quiet_then_drawn)
{
    struct progress p;
    char buf[600];
    progress_init(&p, 100.0, 80);
    ck_assert_ptr_null(progress_update(&p, 100.0, 0, 10, "/src/a.c", buf, sizeof buf));
    ck_assert_ptr_null(progress_update(&p, 100.9, 3, 10, NULL, buf, sizeof buf));
    ck_assert_str_eq(progress_clear(&p), ""); /* nothing drawn, nothing to erase */
    const char *line = progress_update(&p, 101.2, 4, 10, NULL, buf, sizeof buf);
    ck_assert_ptr_nonnull(line);
    ck_assert_str_eq(line, "\r[4/10] /src/a.c\033[K"); /* the last unit started */
    /* Redrawn at most every PROGRESS_INTERVAL. */
    ck_assert_ptr_null(progress_update(&p, 101.25, 5, 10, "/src/b.c", buf, sizeof buf));
    line = progress_update(&p, 101.4, 5, 10, NULL, buf, sizeof buf);
    ck_assert_str_eq(line, "\r[5/10] /src/b.c\033[K");
    ck_assert_str_eq(progress_clear(&p), "\r\033[K");
    ck_assert_str_eq(progress_clear(&p), "");
}
END_TEST

START_TEST(test_cut_to_width)
{
    struct progress p;
    char buf[600];
    progress_init(&p, 0.0, 24);
    const char *line =
        progress_update(&p, 2.0, 1, 2, "/a/very/long/directory/name/unit.c", buf, sizeof buf);
    ck_assert_ptr_nonnull(line);
    /* 23 columns: the count, then the end of the path. */
    ck_assert_str_eq(line, "\r[1/2] ctory/name/unit.c\033[K");
    ck_assert_uint_eq(strlen(line) - strlen("\r\033[K"), 23);
}
END_TEST

static Suite *progress_suite(void)
{
    Suite *s = suite_create("progress");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_quiet_then_drawn);
    tcase_add_test(tc, test_cut_to_width);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(progress_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
