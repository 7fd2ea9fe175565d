/*
 * The facts IR: enum spellings (the JSON names, also what --dump-ir prints) and the builders
 * the front end and the JSON reader use to grow functions, blocks and events.
 */
#include "ir.h"

#include "xalloc.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* What a name function returns for a value outside its enum: no parse function accepts it,
 * so a corrupted value is refused when read back instead of turning into a valid one. */
#define INVALID_NAME "invalid"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const kind_names[] = {
#define IR_KIND(name, json, doc) json,
#include "ir.def"
#undef IR_KIND
};

/* The tables below are indexed by enum value, so their order is the enum's order (ir.h). */
static const char *const family_names[] = {"unknown", "inet", "inet6", "unix", "other"};
static const char *const socktype_names[] = {"unknown",   "stream", "dgram",
                                             "seqpacket", "raw",    "other"};
static const char *const level_names[] = {"unknown", "socket", "other"};
static const char *const option_names[] = {"unknown", "reuseaddr", "reuseport", "exclusiveaddruse",
                                           "other"};
static const char *const optval_names[] = {"unknown", "zero", "nonzero"};
static const char *const result_use_names[] = {"used", "discarded", "voided"};
static const char *const outcome_names[] = {"any", "success", "failure"};

/* A table that disagrees with its enum is a build error, not a wrong spelling at run time. */
_Static_assert(COUNT_OF(kind_names) == IR_KIND_COUNT, "kind_names");
_Static_assert(COUNT_OF(family_names) == IR_FAMILY_OTHER + 1, "family_names");
_Static_assert(COUNT_OF(socktype_names) == IR_SOCKTYPE_OTHER + 1, "socktype_names");
_Static_assert(COUNT_OF(level_names) == IR_LEVEL_OTHER + 1, "level_names");
_Static_assert(COUNT_OF(option_names) == IR_OPTION_OTHER + 1, "option_names");
_Static_assert(COUNT_OF(optval_names) == IR_OPTVAL_NONZERO + 1, "optval_names");
_Static_assert(COUNT_OF(result_use_names) == IR_RESULT_VOIDED + 1, "result_use_names");
_Static_assert(COUNT_OF(outcome_names) == IR_OUTCOME_FAILURE + 1, "outcome_names");

/* The value is taken as unsigned so that a negative value stored in an enum is refused too. */
static const char *name_in(const char *const *names, size_t count, unsigned value)
{
    return value < count ? names[value] : INVALID_NAME;
}

static int parse_in(const char *const *names, size_t count, const char *name)
{
    if (!name)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(names[i], name) == 0)
            return (int)i;
    }
    return -1;
}

const char *ir_kind_name(enum ir_kind kind)
{
    return name_in(kind_names, COUNT_OF(kind_names), (unsigned)kind);
}

int ir_kind_parse(const char *name)
{
    return parse_in(kind_names, COUNT_OF(kind_names), name);
}

const char *ir_family_name(enum ir_family family)
{
    return name_in(family_names, COUNT_OF(family_names), (unsigned)family);
}

int ir_family_parse(const char *name)
{
    return parse_in(family_names, COUNT_OF(family_names), name);
}

const char *ir_socktype_name(enum ir_socktype type)
{
    return name_in(socktype_names, COUNT_OF(socktype_names), (unsigned)type);
}

int ir_socktype_parse(const char *name)
{
    return parse_in(socktype_names, COUNT_OF(socktype_names), name);
}

const char *ir_level_name(enum ir_level level)
{
    return name_in(level_names, COUNT_OF(level_names), (unsigned)level);
}

int ir_level_parse(const char *name)
{
    return parse_in(level_names, COUNT_OF(level_names), name);
}

const char *ir_option_name(enum ir_option option)
{
    return name_in(option_names, COUNT_OF(option_names), (unsigned)option);
}

int ir_option_parse(const char *name)
{
    return parse_in(option_names, COUNT_OF(option_names), name);
}

const char *ir_optval_name(enum ir_optval value)
{
    return name_in(optval_names, COUNT_OF(optval_names), (unsigned)value);
}

int ir_optval_parse(const char *name)
{
    return parse_in(optval_names, COUNT_OF(optval_names), name);
}

const char *ir_result_use_name(enum ir_result_use use)
{
    return name_in(result_use_names, COUNT_OF(result_use_names), (unsigned)use);
}

int ir_result_use_parse(const char *name)
{
    return parse_in(result_use_names, COUNT_OF(result_use_names), name);
}

const char *ir_outcome_name(enum ir_outcome outcome)
{
    return name_in(outcome_names, COUNT_OF(outcome_names), (unsigned)outcome);
}

int ir_outcome_parse(const char *name)
{
    return parse_in(outcome_names, COUNT_OF(outcome_names), name);
}

/*
 * The blocks array moves when it grows, so callers keep block indices, never pointers,
 * across this call.
 */
uint32_t ir_function_add_block(struct ir_function *fn)
{
    assert(fn->nblocks < UINT32_MAX);
    struct ir_block *block = XPUSH(fn->blocks, fn->nblocks, fn->blocks_cap);
    memset(block, 0, sizeof *block);
    return (uint32_t)(fn->nblocks - 1);
}

/*
 * The copy in the block owns the strings from now on: ev still points at them, but only as
 * a borrower, and must not be finalised. The returned pointer is valid until the next event
 * is added to the same block (its array may move).
 */
struct ir_event *ir_block_add_event(struct ir_function *fn, uint32_t b, struct ir_event *ev)
{
    assert(b < fn->nblocks);
    assert(fn->nevents < UINT32_MAX);
    struct ir_block *block = &fn->blocks[b];
    struct ir_event *copy = XPUSH(block->events, block->nevents, block->events_cap);
    *copy = *ev;
    copy->id = fn->nevents++;
    ev->id = copy->id;
    return copy;
}

/*
 * The target need not exist yet: the front end links to blocks it creates later (the
 * join after an if, a loop's exit). cond_event is kept only when the edge is conditional,
 * so that edges that mean the same compare equal.
 */
void ir_block_add_edge(struct ir_function *fn, uint32_t from, uint32_t to, uint32_t cond_event,
                       enum ir_outcome outcome)
{
    assert(from < fn->nblocks);
    struct ir_block *block = &fn->blocks[from];
    struct ir_edge *edge = XPUSH(block->succs, block->nsuccs, block->succs_cap);
    edge->target = to;
    edge->cond_event = outcome == IR_OUTCOME_ANY ? 0 : cond_event;
    edge->cond_outcome = outcome;
}

/* Reallocates *items (count of size bytes each, capacity *cap) to exactly count. */
static void shrink_array(void **items, size_t count, size_t *cap, size_t size)
{
    if (*cap == count)
        return;
    if (!count) {
        free(*items);
        *items = NULL;
    } else {
        *items = xrealloc(*items, count * size);
    }
    *cap = count;
}

void ir_function_shrink(struct ir_function *fn)
{
    shrink_array((void **)&fn->blocks, fn->nblocks, &fn->blocks_cap, sizeof *fn->blocks);
    for (size_t b = 0; b < fn->nblocks; b++) {
        struct ir_block *blk = &fn->blocks[b];
        shrink_array((void **)&blk->events, blk->nevents, &blk->events_cap, sizeof *blk->events);
        shrink_array((void **)&blk->succs, blk->nsuccs, &blk->succs_cap, sizeof *blk->succs);
    }
}

/* Leaves the event zeroed, so that finalising it twice is harmless. */
void ir_event_fini(struct ir_event *ev)
{
    if (!ev)
        return;
    free(ev->sock);
    free(ev->dst);
    free(ev->src);
    free(ev->callee);
    free(ev->text);
    for (size_t i = 0; ev->args && i < ev->nargs; i++)
        free(ev->args[i]);
    free(ev->args);
    free(ev->arg_values);
    for (size_t i = 0; ev->arg_strings && i < ev->nargs; i++)
        free(ev->arg_strings[i]);
    free(ev->arg_strings);
    memset(ev, 0, sizeof *ev);
}

static void block_fini(struct ir_block *block)
{
    for (size_t i = 0; i < block->nevents; i++)
        ir_event_fini(&block->events[i]);
    free(block->events);
    free(block->succs);
    memset(block, 0, sizeof *block);
}

/* Leaves the function zeroed, ready to be reused or finalised again. */
void ir_function_fini(struct ir_function *fn)
{
    if (!fn)
        return;
    free(fn->name);
    for (size_t i = 0; i < fn->nparams; i++)
        free(fn->params[i]);
    free(fn->params);
    for (size_t i = 0; i < fn->nblocks; i++)
        block_fini(&fn->blocks[i]);
    free(fn->blocks);
    memset(fn, 0, sizeof *fn);
}

const struct ir_event *ir_function_event(const struct ir_function *fn, uint32_t id)
{
    for (size_t b = 0; b < fn->nblocks; b++) {
        const struct ir_block *block = &fn->blocks[b];
        for (size_t i = 0; i < block->nevents; i++) {
            if (block->events[i].id == id)
                return &block->events[i];
        }
    }
    return NULL;
}
