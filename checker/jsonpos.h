/*
 * JSON files that people write (.sockcheck.json, API models, baselines): parsed strictly, and
 * with the line where each node of the tree starts, because cJSON keeps no positions and
 * every refusal must name its line (SPEC §6). This module owns its table of positions; the
 * text and the cJSON tree stay the caller's. compile_commands.json and facts have readers of
 * their own (compdb.c, facts.c).
 */
#ifndef SOCKCHECK_JSONPOS_H
#define SOCKCHECK_JSONPOS_H

#include <cjson/cJSON.h>

#include <stddef.h>

/* Where one node starts in the text (an object member: at its key). */
struct jsonpos_entry {
    const cJSON *node;
    size_t offset;
};

struct jsonpos {
    const char *text;            /* private: borrowed */
    size_t len;                  /* private */
    struct jsonpos_entry *items; /* private */
    size_t count;                /* private */
    size_t cap;                  /* private */
};

/*
 * Parses len bytes of text as one JSON value: a UTF-8 byte order mark before it is skipped,
 * nothing but white space may follow it, and a NUL byte anywhere is refused (cJSON would
 * take it for white space). Returns the tree (the caller cJSON_Deletes it), or NULL with
 * *stop_out the byte offset where the text stops being JSON (len: it ended too early).
 */
cJSON *jsonpos_parse(const char *text, size_t len, size_t *stop_out);

/*
 * "unexpected '}' at column 7", "unexpected byte 0x00 at column 3" or "unexpected end of the
 * text", for the stop offset of jsonpos_parse, into buf (always NUL-terminated).
 */
void jsonpos_describe(const char *text, size_t len, size_t offset, char *buf, size_t size);

/* The 1-based line of text[offset] (offset len: the last line). */
unsigned jsonpos_line_at(const char *text, size_t len, size_t offset);

/*
 * Records where root, which jsonpos_parse returned for the same text, and every node below
 * it start. Release with jsonpos_fini.
 */
void jsonpos_init(struct jsonpos *jp, const char *text, size_t len, const cJSON *root);

/* The line where node starts; 0 for a node that is not in the tree (or NULL). */
unsigned jsonpos_line(const struct jsonpos *jp, const cJSON *node);

void jsonpos_fini(struct jsonpos *jp);

/* "an object", "a string", ...: the JSON type of item, for messages. */
const char *jsonpos_type_name(const cJSON *item);

#endif
