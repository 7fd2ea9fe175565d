/*
 * SHA-256 as FIPS 180-4 specifies it, written for this project: the cache needs a digest no
 * edit can collide with by accident, and Debian's C libraries for it would add a dependency
 * for 100 lines of arithmetic.
 */
#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
}

/* The message schedule of one 64-byte block (big-endian words, then the expansion). */
static void schedule(const unsigned char *block, uint32_t w[64])
{
    for (unsigned i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
               (uint32_t)block[4 * i + 2] << 8 | (uint32_t)block[4 * i + 3];
    for (unsigned i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
}

static void compress(uint32_t state[8], const unsigned char *block)
{
    uint32_t w[64];
    schedule(block, w);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (unsigned i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                      round_constants[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

void digest_init(struct digest *d)
{
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(d->state, initial, sizeof initial);
    d->total = 0;
    d->used = 0;
}

void digest_update(struct digest *d, const void *bytes, size_t len)
{
    const unsigned char *p = bytes;
    d->total += len;
    while (len) {
        size_t take = sizeof d->block - d->used;
        if (take > len)
            take = len;
        memcpy(d->block + d->used, p, take);
        d->used += take;
        p += take;
        len -= take;
        if (d->used == sizeof d->block) {
            compress(d->state, d->block);
            d->used = 0;
        }
    }
}

void digest_update_str(struct digest *d, const char *s)
{
    digest_update(d, s, strlen(s) + 1);
}

void digest_final_hex(struct digest *d, char hex_out[DIGEST_HEX_SIZE])
{
    static const char hex[] = "0123456789abcdef";
    uint64_t bits = d->total * 8;
    unsigned char pad[72] = {0x80};
    /* Pad to 56 bytes modulo 64, then the message length in bits, big-endian. */
    size_t npad = (d->used < 56 ? 56 : 120) - d->used;
    unsigned char length[8];
    for (unsigned i = 0; i < 8; i++)
        length[i] = (unsigned char)(bits >> (56 - 8 * i));
    digest_update(d, pad, npad);
    digest_update(d, length, sizeof length);
    for (unsigned i = 0; i < 8; i++) {
        for (unsigned k = 0; k < 4; k++) {
            unsigned byte = (d->state[i] >> (24 - 8 * k)) & 0xff;
            hex_out[8 * i + 2 * k] = hex[byte >> 4];
            hex_out[8 * i + 2 * k + 1] = hex[byte & 0xf];
        }
    }
    hex_out[2 * DIGEST_SIZE] = '\0';
}

void digest_bytes_hex(const void *bytes, size_t len, char hex_out[DIGEST_HEX_SIZE])
{
    struct digest d;
    digest_init(&d);
    digest_update(&d, bytes, len);
    digest_final_hex(&d, hex_out);
}

/*
 * Opens path for reading only when it is a regular file: the facts cache digests the files a
 * unit read in an earlier run, and one replaced since by a FIFO would block the open (and a
 * device never end). O_NONBLOCK keeps the open itself from waiting (issue 8).
 */
static FILE *open_regular(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int saved = fstat(fd, &st) != 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
    FILE *f = saved ? NULL : fdopen(fd, "rb");
    if (!f) {
        saved = saved ? saved : errno;
        close(fd);
        errno = saved;
    }
    return f;
}

int digest_file_hex(const char *path, char hex_out[DIGEST_HEX_SIZE])
{
    FILE *f = open_regular(path);
    if (!f)
        return -1;
    struct digest d;
    digest_init(&d);
    unsigned char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        digest_update(&d, chunk, n);
    int failed = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (failed) {
        errno = failed;
        return -1;
    }
    digest_final_hex(&d, hex_out);
    return 0;
}
