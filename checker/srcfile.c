#include "srcfile.h"

#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void srcfile_set_init(struct srcfile_set *set)
{
    memset(set, 0, sizeof *set);
}

static void srcfile_free(struct srcfile *file)
{
    if (!file)
        return;
    free(file->abs_path);
    free(file->data);
    free(file->starts);
    free(file->hashes);
    free(file);
}

void srcfile_set_fini(struct srcfile_set *set)
{
    for (size_t i = 0; i < set->cap; i++)
        srcfile_free(set->slots[i]);
    free(set->slots);
    srcfile_set_init(set);
}

/*
 * Opens path for reading only when it is a regular file: a FIFO or a device (a symlink to
 * /dev/zero in a project, say) would block or never end, so it is refused (errno EINVAL)
 * before a byte is read. O_NONBLOCK keeps the open itself from waiting for a FIFO's writer.
 */
static FILE *open_regular(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int saved = 0;
    if (fstat(fd, &st) != 0)
        saved = errno;
    else if (!S_ISREG(st.st_mode))
        saved = EINVAL;
    if (saved) {
        close(fd);
        errno = saved;
        return NULL;
    }
    FILE *fp = fdopen(fd, "rb");
    if (!fp)
        close(fd);
    return fp;
}

char *srcfile_read(const char *path, size_t *len_out)
{
    FILE *fp = open_regular(path);
    if (!fp)
        return NULL;
    struct strbuf sb;
    strbuf_init(&sb);
    strbuf_add(&sb, "", 0); /* an empty file is an empty string, not NULL */
    char chunk[65536];
    size_t n;
    int saved = 0;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (sb.len + n > SRCFILE_MAX_BYTES) {
            saved = EFBIG;
            break;
        }
        strbuf_add(&sb, chunk, n);
    }
    if (!saved && ferror(fp))
        saved = errno ? errno : EIO;
    fclose(fp);
    if (saved) {
        strbuf_fini(&sb);
        errno = saved;
        return NULL;
    }
    *len_out = sb.len;
    return strbuf_take(&sb);
}

const char *srcfile_read_error(const char *path, int errnum)
{
    struct stat st;
    if (errnum == EFBIG)
        return "the file is larger than 512 MiB";
    if (errnum == EINVAL && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return "it is a directory, not a file";
    if (errnum == EINVAL)
        return "it is not a regular file (a FIFO, socket or device), and is not read so that "
               "it cannot block the run";
    return strerror(errnum);
}

static uint64_t path_hash(const char *s)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

/* The slot holding abs_path, or the empty slot where it belongs. cap must be non-zero. */
static size_t slot_of(const struct srcfile_set *set, const char *abs_path)
{
    size_t i = (size_t)path_hash(abs_path) & (set->cap - 1);
    while (set->slots[i] && strcmp(set->slots[i]->abs_path, abs_path) != 0)
        i = (i + 1) & (set->cap - 1);
    return i;
}

static void set_grow(struct srcfile_set *set)
{
    struct srcfile_set bigger = {0};
    bigger.cap = set->cap ? set->cap * 2 : 32;
    bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
    for (size_t i = 0; i < set->cap; i++) {
        if (set->slots[i])
            bigger.slots[slot_of(&bigger, set->slots[i]->abs_path)] = set->slots[i];
    }
    bigger.count = set->count;
    free(set->slots);
    *set = bigger;
}

/* Line starts, as an editor counts lines: a final "\n" does not begin another line. */
static void index_lines(struct srcfile *file)
{
    size_t cap = 0;
    size_t pos = 0;
    do {
        *XPUSH(file->starts, file->nlines, cap) = pos;
        const char *nl = memchr(file->data + pos, '\n', file->len - pos);
        if (!nl)
            break;
        pos = (size_t)(nl - file->data) + 1;
    } while (pos < file->len);
}

struct srcfile *srcfile_get(struct srcfile_set *set, const char *abs_path)
{
    if (2 * (set->count + 1) > set->cap)
        set_grow(set);
    size_t s = slot_of(set, abs_path);
    if (set->slots[s])
        return set->slots[s];
    struct srcfile *file = xcalloc(1, sizeof *file);
    file->abs_path = xstrdup(abs_path);
    file->data = srcfile_read(abs_path, &file->len);
    if (file->data)
        index_lines(file);
    set->slots[s] = file;
    set->count++;
    return file;
}

const struct srcfile *srcfile_find(const struct srcfile_set *set, const char *abs_path)
{
    if (!set->cap || !abs_path)
        return NULL;
    return set->slots[slot_of(set, abs_path)];
}

const char *srcfile_line(const struct srcfile *file, unsigned line, size_t *len_out)
{
    if (!file->data || line == 0 || line > file->nlines)
        return NULL;
    const char *p = file->data + file->starts[line - 1];
    const char *end = file->data + file->len;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (len > 0 && p[len - 1] == '\r')
        len--;
    *len_out = len;
    return p;
}

bool srcfile_offset(const struct srcfile *file, unsigned line, unsigned col, size_t *offset_out)
{
    size_t len;
    const char *text = srcfile_line(file, line, &len);
    if (!text || col == 0 || (size_t)col - 1 > len)
        return false;
    *offset_out = (size_t)(text - file->data) + col - 1;
    return true;
}

const char *srcfile_line_hash(struct srcfile *file, unsigned line)
{
    if (!file->data || line == 0)
        return NULL;
    if (!file->hashes)
        file->hashes = linehash_lines(file->data, file->len, &file->nhashes);
    return line <= file->nhashes ? file->hashes[line - 1] : NULL;
}
