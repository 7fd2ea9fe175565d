/*
 * The progress line of a long run on a terminal: "[12/97] src/network.c", redrawn in place
 * on stderr and erased at the end. This module only decides what to draw and when (a pure
 * function of time and counts, so tests need no terminal); main.c writes it, and only when
 * stderr is a terminal and the output is text (never inside JSON or SARIF).
 */
#ifndef SOCKCHECK_PROGRESS_H
#define SOCKCHECK_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

/* How long a run goes before it gets a progress line: short runs stay quiet. */
#define PROGRESS_DELAY    1.0
#define PROGRESS_INTERVAL 0.1 /* seconds between redraws */

struct progress {
    double start;       /* read-only: when the run began (seconds, any monotonic origin) */
    double last_draw;   /* private */
    unsigned width;     /* read-only: terminal columns; lines are cut to width - 1 */
    bool shown;         /* read-only: a line is on the terminal now */
    char current[4096]; /* private: the unit named on the line */
};

void progress_init(struct progress *p, double start, unsigned width);

/*
 * The bytes to write for an update at time now: a carriage return, the line and an
 * erase-to-end-of-line, written into buf (len bytes). Returns NULL when nothing is to be
 * written (too early, or redrawn less than PROGRESS_INTERVAL ago). current is the unit just
 * started, or NULL to keep the one shown.
 */
const char *progress_update(struct progress *p, double now, size_t done, size_t total,
                            const char *current, char *buf, size_t len);

/* The bytes that erase the line, or "" when none was drawn. */
const char *progress_clear(struct progress *p);

#endif
