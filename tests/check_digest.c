/*
 * SHA-256 against the FIPS 180-4 examples, across block boundaries, fed in pieces, and from
 * a file.
 */
#include "digest.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void expect_hex(const char *text, const char *want)
{
    char hex[DIGEST_HEX_SIZE];
    digest_bytes_hex(text, strlen(text), hex);
    ck_assert_str_eq(hex, want);
}

START_TEST(test_known_vectors)
{
    expect_hex("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect_hex("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* 56 bytes: the padding needs a second block. */
    expect_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(test_pieces_and_million)
{
    /* One million 'a', fed in uneven pieces: the example of FIPS 180-4 §B.3. */
    static char chunk[997];
    memset(chunk, 'a', sizeof chunk);
    struct digest d;
    digest_init(&d);
    size_t left = 1000000;
    while (left) {
        size_t n = left < sizeof chunk ? left : sizeof chunk;
        digest_update(&d, chunk, n);
        left -= n;
    }
    char hex[DIGEST_HEX_SIZE];
    digest_final_hex(&d, hex);
    ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    /* Strings are fed with their NUL: ("ab","c") and ("a","bc") differ. */
    char h1[DIGEST_HEX_SIZE], h2[DIGEST_HEX_SIZE];
    digest_init(&d);
    digest_update_str(&d, "ab");
    digest_update_str(&d, "c");
    digest_final_hex(&d, h1);
    digest_init(&d);
    digest_update_str(&d, "a");
    digest_update_str(&d, "bc");
    digest_final_hex(&d, h2);
    ck_assert_str_ne(h1, h2);
}
END_TEST

START_TEST(test_file)
{
    char path[] = "/tmp/sockcheck-digest-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, "abc", 3), 3);
    close(fd);
    char hex[DIGEST_HEX_SIZE];
    ck_assert_int_eq(digest_file_hex(path, hex), 0);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    unlink(path);
    ck_assert_int_eq(digest_file_hex(path, hex), -1);
    /* Issue 8: a FIFO is refused at once (a plain fopen would wait for a writer forever). */
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    errno = 0;
    ck_assert_int_eq(digest_file_hex(path, hex), -1);
    ck_assert_int_eq(errno, EINVAL);
    unlink(path);
}
END_TEST

static Suite *digest_suite(void)
{
    Suite *s = suite_create("digest");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_known_vectors);
    tcase_add_test(tc, test_pieces_and_million);
    tcase_add_test(tc, test_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(digest_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
