/*
 * Content digests (SHA-256) for the facts cache: a file's identity is its bytes, so that a
 * cache entry is trusted only while every file it was computed from still has the same
 * content (docs/performance.md). Owns no state besides the caller's context.
 */
#ifndef SOCKCHECK_DIGEST_H
#define SOCKCHECK_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_SIZE     32
#define DIGEST_HEX_SIZE (2 * DIGEST_SIZE + 1) /* lowercase hex and the NUL */

/* An incremental SHA-256 computation (FIPS 180-4); all fields private. */
struct digest {
    uint32_t state[8];
    uint64_t total; /* bytes fed so far */
    unsigned char block[64];
    size_t used; /* bytes of block filled */
};

void digest_init(struct digest *d);
void digest_update(struct digest *d, const void *bytes, size_t len);
/* Feeds s and its terminating NUL, so that ("ab","c") and ("a","bc") differ. */
void digest_update_str(struct digest *d, const char *s);
/* Finishes the computation into hex_out (64 lowercase hex digits and a NUL). */
void digest_final_hex(struct digest *d, char hex_out[DIGEST_HEX_SIZE]);
/* The digest of len bytes, as hex. */
void digest_bytes_hex(const void *bytes, size_t len, char hex_out[DIGEST_HEX_SIZE]);
/* The digest of a file's content; -1 (errno set) when it cannot be read, and -1 with EINVAL
 * at once, without blocking, for what is not a regular file (a FIFO, a device). */
int digest_file_hex(const char *path, char hex_out[DIGEST_HEX_SIZE]);

#endif
