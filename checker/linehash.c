/*
 * The line hash of github/codeql-action (src/fingerprints.ts), reimplemented from its
 * description in REQUIREMENTS §1.5: per line, a polynomial rolling hash (base 37, modulo
 * 2^64) over the next 100 UTF-16 code units of the file from the line's start, spaces and
 * tabs skipped, line breaks folded to '\n', an end-of-file mark 65535 and then zeros. A hash
 * seen before in the file gets a higher count after the colon.
 */
#include "linehash.h"

#include "xalloc.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW   100
#define BASE     37u
#define EOF_UNIT 65535u
#define NO_LINE  0u

/* Counts of hash values seen so far: open addressing over a power-of-two table. */
struct hash_counts {
    uint64_t *keys;
    unsigned *counts; /* 0: empty slot */
    size_t cap;
    size_t used;
};

/* The state of one pass: the window of the last 100 units and the lines starting in it. */
struct roller {
    uint16_t window[WINDOW];
    size_t line_at[WINDOW]; /* the line starting at that window slot, or NO_LINE */
    size_t index;
    uint64_t hash;
    uint64_t first_mod; /* BASE^WINDOW: the weight of the unit leaving the window */
    size_t line;        /* lines started so far */
    int line_start;     /* the next unit starts a line */
    int prev_cr;
    struct hash_counts seen;
    char (*out)[LINEHASH_SIZE];
    size_t nout;
    size_t out_cap;
};

static size_t slot_of(const struct hash_counts *hc, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 29)) & (hc->cap - 1);
    while (hc->counts[i] && hc->keys[i] != key)
        i = (i + 1) & (hc->cap - 1);
    return i;
}

static void counts_grow(struct hash_counts *hc)
{
    struct hash_counts bigger = {0};
    bigger.cap = hc->cap ? hc->cap * 2 : 64;
    bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
    bigger.counts = xcalloc(bigger.cap, sizeof *bigger.counts);
    for (size_t i = 0; i < hc->cap; i++) {
        if (!hc->counts[i])
            continue;
        size_t s = slot_of(&bigger, hc->keys[i]);
        bigger.keys[s] = hc->keys[i];
        bigger.counts[s] = hc->counts[i];
        bigger.used++;
    }
    free(hc->keys);
    free(hc->counts);
    *hc = bigger;
}

/* One more occurrence of key; returns how many there have been, this one included. */
static unsigned counts_bump(struct hash_counts *hc, uint64_t key)
{
    if (2 * (hc->used + 1) > hc->cap)
        counts_grow(hc);
    size_t s = slot_of(hc, key);
    if (!hc->counts[s]) {
        hc->keys[s] = key;
        hc->used++;
    }
    return ++hc->counts[s];
}

/* The window slot at index starts a line whose 100 units are now all in: record its hash. */
static void output_hash(struct roller *r)
{
    size_t line = r->line_at[r->index];
    unsigned n = counts_bump(&r->seen, r->hash);
    while (r->nout < line)
        memset(*XPUSH(r->out, r->nout, r->out_cap), 0, LINEHASH_SIZE);
    snprintf(r->out[line - 1], LINEHASH_SIZE, "%" PRIx64 ":%u", r->hash, n);
    r->line_at[r->index] = NO_LINE;
}

/* Unsigned arithmetic wraps modulo 2^64, which is what the action's Long arithmetic does. */
static void update_hash(struct roller *r, uint16_t unit)
{
    uint16_t leaving = r->window[r->index];
    r->window[r->index] = unit;
    r->hash = BASE * r->hash + unit - r->first_mod * leaving;
    r->index = (r->index + 1) % WINDOW;
}

static void process_unit(struct roller *r, uint16_t unit)
{
    if (unit == ' ' || unit == '\t' || (r->prev_cr && unit == '\n')) {
        r->prev_cr = 0;
        return;
    }
    r->prev_cr = unit == '\r';
    if (unit == '\r')
        unit = '\n';
    if (r->line_at[r->index] != NO_LINE)
        output_hash(r);
    if (r->line_start) {
        r->line_start = 0;
        r->line_at[r->index] = ++r->line;
    }
    if (unit == '\n')
        r->line_start = 1;
    update_hash(r, unit);
}

/*
 * The length of the maximal ill-formed subpart at s (the bytes one U+FFFD replaces, as the
 * WHATWG decoder node uses does): the lead byte and the continuation bytes that could still
 * have completed it. Always at least 1.
 */
static size_t bad_sequence_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    /* RFC 3629 table 3.1: the range of the second byte depends on the first. */
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (c < 0xC2 || c > 0xF4)
        return 1;
    size_t i = 1;
    while (i < need && i < n && s[i] >= lo && s[i] <= hi) {
        lo = 0x80;
        hi = 0xBF;
        i++;
    }
    return i;
}

/* Decodes one character at s into UTF-16 units (1 or 2); *len_out is its byte length. */
static size_t decode(const unsigned char *s, size_t n, uint16_t units[2], size_t *len_out)
{
    uint32_t cp;
    size_t k = bad_sequence_len(s, n);
    if (s[0] < 0x80) {
        cp = s[0];
        k = 1;
    } else if (k >= 2 && ((s[0] >= 0xC2 && s[0] <= 0xDF && k == 2) ||
                          (s[0] >= 0xE0 && s[0] <= 0xEF && k == 3) || (s[0] >= 0xF0 && k == 4))) {
        cp = s[0] & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
        for (size_t i = 1; i < k; i++)
            cp = (cp << 6) | (s[i] & 0x3F);
    } else {
        cp = 0xFFFD;
    }
    *len_out = k;
    if (cp < 0x10000) {
        units[0] = (uint16_t)cp;
        return 1;
    }
    cp -= 0x10000;
    units[0] = (uint16_t)(0xD800 + (cp >> 10));
    units[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    return 2;
}

char (*linehash_lines(const char *text, size_t len, size_t *nlines_out))[LINEHASH_SIZE]
{
    struct roller r;
    memset(&r, 0, sizeof r);
    r.first_mod = 1;
    for (int i = 0; i < WINDOW; i++)
        r.first_mod *= BASE;
    r.line_start = 1;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint16_t units[2];
        size_t k;
        size_t n = decode(s + i, len - i, units, &k);
        for (size_t u = 0; u < n; u++)
            process_unit(&r, units[u]);
        i += k;
    }
    process_unit(&r, EOF_UNIT);
    for (int i = 0; i < WINDOW; i++) {
        if (r.line_at[r.index] != NO_LINE)
            output_hash(&r);
        update_hash(&r, 0);
    }
    free(r.seen.keys);
    free(r.seen.counts);
    *nlines_out = r.nout;
    if (!r.out)
        r.out = xcalloc(1, LINEHASH_SIZE);
    return r.out;
}
