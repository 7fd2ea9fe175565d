/*
 * A persistent map from row numbers to rows, for the dataflow's per-block states
 * (analysis.c). A row is a 64-bit word and a sorted set of uint32_t ids; an absent row is the
 * empty one (word 0, no ids), so a state stores only the rows that hold something.
 *
 * Copies share everything and cost O(1); a write copies only the nodes on the way to the row
 * it changes (a radix tree of 16-way nodes, reference counted, copy-on-write). A function with
 * thousands of blocks and sockets thus keeps one state per block at the cost of what differs
 * between them, and join and equality skip whatever two maps share (docs/performance.md,
 * "Pathological units"). Not thread-safe: a map and its copies belong to one thread.
 */
#ifndef SOCKCHECK_ROWMAP_H
#define SOCKCHECK_ROWMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rowmap {
    void *root;      /* private: a node of the top level, or NULL when every row is empty */
    uint32_t nrows;  /* read-only: rows are 0 .. nrows-1 */
    unsigned levels; /* private: node levels above the rows */
};

struct rowmap_seen_node {
    void *node;
    unsigned level;
};

/* The nodes a walk has seen (rowmap_visit_unseen): it holds a reference to each, which freezes
 * them (a write to any map that shares one copies it first). */
struct rowmap_seen {
    struct rowmap_seen_node *nodes; /* private: open addressing, node NULL for a free slot */
    size_t cap;                     /* private: 0 or a power of two */
    size_t count;                   /* read-only */
};

typedef void (*rowmap_visit_fn)(void *ctx, uint32_t row, uint64_t word);

/* An empty map of nrows rows (rows must be below nrows); release it with rowmap_fini. */
void rowmap_init(struct rowmap *map, uint32_t nrows);
/* Releases the map's share of its nodes; the map is empty afterwards. */
void rowmap_fini(struct rowmap *map);
/* Makes dst (initialised, of the same nrows as src) a copy of src, in O(1). */
void rowmap_copy(struct rowmap *dst, const struct rowmap *src);

uint64_t rowmap_word(const struct rowmap *map, uint32_t row);
/* The ids of a row in increasing order, *n_out of them (NULL when none). Borrowed: valid until
 * that row of map is written or map is released; writes to other rows leave it valid. */
const uint32_t *rowmap_ids(const struct rowmap *map, uint32_t row, size_t *n_out);
bool rowmap_has_id(const struct rowmap *map, uint32_t row, uint32_t id);

void rowmap_set_word(struct rowmap *map, uint32_t row, uint64_t word);
void rowmap_add_id(struct rowmap *map, uint32_t row, uint32_t id);
void rowmap_remove_id(struct rowmap *map, uint32_t row, uint32_t id);
/* Replaces the ids of a row (the word stays) by n ids, which must be increasing. */
void rowmap_set_ids(struct rowmap *map, uint32_t row, const uint32_t *ids, size_t n);
/* Empties a row: word 0, no ids. */
void rowmap_clear_row(struct rowmap *map, uint32_t row);
/* Row dst becomes equal to row src (the same storage, shared). */
void rowmap_copy_row(struct rowmap *map, uint32_t dst, uint32_t src);

/* dst becomes the union of dst and src (of the same nrows): per row, words ORed and id sets
 * united. Returns whether dst changed. */
bool rowmap_join(struct rowmap *dst, const struct rowmap *src);
bool rowmap_equal(const struct rowmap *a, const struct rowmap *b);

void rowmap_seen_init(struct rowmap_seen *seen);
/* Drops the references seen holds; seen is empty afterwards. */
void rowmap_seen_fini(struct rowmap_seen *seen);
/*
 * Calls fn(ctx, row, word) for every non-empty row of map in [first, end) that lies under a
 * node seen has not seen yet, then records those nodes. Rows under seen nodes were visited
 * before with the same word (seen nodes are frozen), so calling this after every change of a
 * map visits each distinct row version once instead of every row every time.
 */
void rowmap_visit_unseen(const struct rowmap *map, struct rowmap_seen *seen, uint32_t first,
                         uint32_t end, rowmap_visit_fn fn, void *ctx);

#endif
