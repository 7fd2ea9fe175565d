/* textsafe_copy: what reaches a terminal from text sockcheck did not write. */
#include "textsafe.h"

#include <check.h>
#include <stdlib.h>

static void expect_safe(const char *in, const char *want)
{
    char *got = textsafe_copy(in);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(plain_text_is_kept)
{
    expect_safe("", "");
    expect_safe("models[0] (lib_listen): unknown action 'fly'",
                "models[0] (lib_listen): unknown action 'fly'");
}
END_TEST

START_TEST(c0_controls_and_del_are_marked)
{
    expect_safe("a\033]0;owned\007b", "a?]0;owned?b");
    expect_safe("line\nbreak\r\ttab\177", "line?break??tab?");
}
END_TEST

START_TEST(c1_controls_in_utf8_are_marked)
{
    /* U+009B is CSI, which some terminals obey like ESC [ */
    expect_safe("x\302\2332Jy", "x?2Jy");
    expect_safe("\302\200\302\237", "??");
}
END_TEST

START_TEST(other_utf8_and_stray_bytes_are_kept)
{
    expect_safe("caf\303\251 \302\240 \342\202\254", "caf\303\251 \302\240 \342\202\254");
    expect_safe("latin1 \351 and a lone \302", "latin1 \351 and a lone \302");
}
END_TEST

static Suite *textsafe_suite(void)
{
    Suite *s = suite_create("textsafe");
    TCase *tc = tcase_create("copy");
    tcase_add_test(tc, plain_text_is_kept);
    tcase_add_test(tc, c0_controls_and_del_are_marked);
    tcase_add_test(tc, c1_controls_in_utf8_are_marked);
    tcase_add_test(tc, other_utf8_and_stray_bytes_are_kept);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(textsafe_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
