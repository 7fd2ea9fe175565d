#include "srccheck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LEAVE_OUT "leave it out of the PATHs (or the compilation database)"

/* Where a scan through the text is: its line, its offset, and the first bytes seen. */
struct scan {
    uint64_t offset;
    unsigned line;
    unsigned char head[8]; /* the first bytes of the file, for naming what it is */
    size_t nhead;
};

/*
 * What a file with a NUL byte probably is, from its first bytes, and what to do about it.
 * UTF-16 is the one case with a remedy: it is text, in an encoding compilers do not read.
 */
static const char *describe_binary(const struct scan *s)
{
    const unsigned char *h = s->head;
    if (s->nhead >= 2 && ((h[0] == 0xff && h[1] == 0xfe) || (h[0] == 0xfe && h[1] == 0xff)))
        return "it is UTF-16 text (byte order mark): convert it to UTF-8, e.g. with "
               "'iconv -f UTF-16 -t UTF-8'";
    if (s->nhead >= 4 && h[0] && !h[1] && h[2] && !h[3])
        return "it looks like UTF-16 text: convert it to UTF-8, e.g. with "
               "'iconv -f UTF-16LE -t UTF-8'";
    if (s->nhead >= 4 && memcmp(h, "\177ELF", 4) == 0)
        return "it is an ELF executable or object file: " LEAVE_OUT;
    if (s->nhead >= 8 && memcmp(h, "!<arch>\n", 8) == 0)
        return "it is an ar archive (a static library): " LEAVE_OUT;
    return "sockcheck reads C source text only: " LEAVE_OUT;
}

/* Scans len bytes; true (with s->offset and s->line at the NUL) when one of them is NUL. */
static bool scan_chunk(struct scan *s, const char *bytes, size_t len)
{
    if (s->nhead < sizeof s->head) {
        size_t n = len < sizeof s->head - s->nhead ? len : sizeof s->head - s->nhead;
        memcpy(s->head + s->nhead, bytes, n);
        s->nhead += n;
    }
    const char *nul = memchr(bytes, '\0', len);
    size_t upto = nul ? (size_t)(nul - bytes) : len;
    for (const char *p = bytes; (p = memchr(p, '\n', (size_t)(bytes + upto - p))) != NULL; p++)
        s->line++;
    s->offset += upto;
    return nul != NULL;
}

static void fail_binary(const char *name, const struct scan *s, struct sc_error *err)
{
    sc_error_set(err, SC_ERROR_NOT_SOURCE, name, s->line,
                 "binary file, not C source: a NUL byte at line %u (byte offset %llu); %s", s->line,
                 (unsigned long long)s->offset, describe_binary(s));
}

int srccheck_text(const char *name, const char *text, size_t len, struct sc_error *err)
{
    struct scan s = {.line = 1};
    if (!scan_chunk(&s, text, len))
        return 0;
    fail_binary(name, &s, err);
    return -1;
}

/* The error for a failed open(2), with what to do about it. */
static void fail_open(const char *path, int e, struct sc_error *err)
{
    const char *hint = "";
    if (e == ENOENT || e == ENOTDIR)
        hint = ": was it deleted or renamed? Check the path (or rebuild the compilation "
               "database)";
    else if (e == EACCES || e == EPERM)
        hint = ": make it readable by the user running sockcheck, or " LEAVE_OUT;
    else if (e == ELOOP)
        hint = " (a symlink loop): fix the link, or " LEAVE_OUT;
    sc_error_set(err, SC_ERROR_IO, path, 0, "cannot open the file: %s%s", strerror(e), hint);
}

/* Refuses what is not a regular file of acceptable size; 0 when st is fine. */
static int check_stat(const char *path, const struct stat *st, struct sc_error *err)
{
    if (S_ISDIR(st->st_mode)) {
        sc_error_set(err, SC_ERROR_IO, path, 0, "a directory, not a C source file");
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        /* A FIFO or a device would block the parser or never end. */
        sc_error_set(err, SC_ERROR_IO, path, 0,
                     "not a regular file (a FIFO, socket or device): sockcheck reads source "
                     "files only; %s",
                     LEAVE_OUT);
        return -1;
    }
    if ((uint64_t)st->st_size > (uint64_t)SRCFILE_MAX_BYTES) {
        sc_error_set(err, SC_ERROR_NOT_SOURCE, path, 0,
                     "the file is %llu MiB, larger than the %zu MiB sockcheck reads: no C file "
                     "written by hand is this large; %s",
                     (unsigned long long)st->st_size >> 20, SRCFILE_MAX_BYTES >> 20, LEAVE_OUT);
        return -1;
    }
    return 0;
}

/* Reads fd to its end looking for a NUL byte. */
static int scan_fd(const char *path, int fd, struct sc_error *err)
{
    struct scan s = {.line = 1};
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            sc_error_set(err, SC_ERROR_IO, path, 0, "cannot read the file: %s", strerror(errno));
            return -1;
        }
        if (n == 0)
            return 0;
        if (scan_chunk(&s, chunk, (size_t)n)) {
            fail_binary(path, &s, err);
            return -1;
        }
    }
}

int srccheck_file(const char *path, struct sc_error *err)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        fail_open(path, errno, err);
        return -1;
    }
    struct stat st;
    int rc;
    if (fstat(fd, &st) != 0) {
        sc_error_set(err, SC_ERROR_IO, path, 0, "cannot read the file: %s", strerror(errno));
        rc = -1;
    } else {
        rc = check_stat(path, &st, err) != 0 ? -1 : scan_fd(path, fd, err);
    }
    close(fd);
    return rc;
}
