#include "progress.h"

#include <stdio.h>
#include <string.h>

void progress_init(struct progress *p, double start, unsigned width)
{
    memset(p, 0, sizeof *p);
    p->start = start;
    p->last_draw = start - PROGRESS_INTERVAL;
    p->width = width >= 20 ? width : 80;
}

const char *progress_update(struct progress *p, double now, size_t done, size_t total,
                            const char *current, char *buf, size_t len)
{
    if (current)
        snprintf(p->current, sizeof p->current, "%s", current);
    if (now - p->start < PROGRESS_DELAY || now - p->last_draw < PROGRESS_INTERVAL || len < 8)
        return NULL;
    p->last_draw = now;
    p->shown = true;
    char line[512];
    int n = snprintf(line, sizeof line, "[%zu/%zu] ", done, total);
    size_t room = p->width - 1 < sizeof line ? p->width - 1 : sizeof line - 1;
    size_t used = n > 0 ? (size_t)n : 0;
    if (used < room) {
        /* A long path keeps its end: the file name says more than the directories. */
        size_t clen = strlen(p->current), fit = room - used;
        const char *shown = clen > fit ? p->current + (clen - fit) : p->current;
        snprintf(line + used, sizeof line - used, "%s", shown);
    }
    line[room] = '\0';
    snprintf(buf, len, "\r%s\033[K", line);
    return buf;
}

const char *progress_clear(struct progress *p)
{
    if (!p->shown)
        return "";
    p->shown = false;
    return "\r\033[K";
}
