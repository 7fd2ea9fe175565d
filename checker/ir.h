/*
 * The facts IR: per function, a control-flow graph whose blocks hold socket events.
 * Plain C data with no libclang types in it, so that the analysis can be tested on
 * hand-written facts and facts can be cached and linked (ARCHITECTURE.md). Every string
 * and array here is heap memory owned by the enclosing struct; ir_function_fini releases a
 * function, facts_free (facts.h) a whole unit.
 *
 * Sockets are named by access paths, strings in one canonical spelling:
 *   "fd"            a local variable or parameter (shadowed names get "#2", "#3" ...)
 *   "::g"           a global variable
 *   "srv->fd"       a field through a pointer, "srv.fd" through a struct value
 *   "ls[].fd"       an array element, index-insensitive
 *   "*out"          the object a pointer points at
 *   "%ret"          the value a `return f(...)` returns
 */
#ifndef SOCKCHECK_IR_H
#define SOCKCHECK_IR_H

#include "sc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ir_kind {
#define IR_KIND(name, json, doc) IR_##name,
#include "ir.def"
#undef IR_KIND
    IR_KIND_COUNT
};

/* The JSON spelling of an event kind ("create"...); ir_kind_parse maps it back (-1 if none). */
const char *ir_kind_name(enum ir_kind kind);
int ir_kind_parse(const char *name);

/* Address families, classified by the front end against the unit's own AF_ constants. */
enum ir_family {
    IR_FAMILY_UNKNOWN,
    IR_FAMILY_INET,
    IR_FAMILY_INET6,
    IR_FAMILY_UNIX,
    IR_FAMILY_OTHER
};
/* Socket types with SOCK_NONBLOCK and SOCK_CLOEXEC masked off. */
enum ir_socktype {
    IR_SOCKTYPE_UNKNOWN,
    IR_SOCKTYPE_STREAM,
    IR_SOCKTYPE_DGRAM,
    IR_SOCKTYPE_SEQPACKET,
    IR_SOCKTYPE_RAW,
    IR_SOCKTYPE_OTHER
};
enum ir_level { IR_LEVEL_UNKNOWN, IR_LEVEL_SOCKET, IR_LEVEL_OTHER };
enum ir_option {
    IR_OPTION_UNKNOWN,
    IR_OPTION_REUSEADDR,
    IR_OPTION_REUSEPORT,
    IR_OPTION_EXCLUSIVEADDRUSE,
    IR_OPTION_OTHER
};
/* What the int behind optval holds, when the front end can tell. */
enum ir_optval { IR_OPTVAL_UNKNOWN, IR_OPTVAL_ZERO, IR_OPTVAL_NONZERO };
/* What the caller does with the call's result (SCK006). */
enum ir_result_use { IR_RESULT_USED, IR_RESULT_DISCARDED, IR_RESULT_VOIDED };

const char *ir_family_name(enum ir_family family);
const char *ir_socktype_name(enum ir_socktype type);
const char *ir_level_name(enum ir_level level);
const char *ir_option_name(enum ir_option option);
const char *ir_optval_name(enum ir_optval value);
const char *ir_result_use_name(enum ir_result_use use);
/* Reverse of the *_name functions; -1 when the name is not one of theirs. */
int ir_family_parse(const char *name);
int ir_socktype_parse(const char *name);
int ir_level_parse(const char *name);
int ir_option_parse(const char *name);
int ir_optval_parse(const char *name);
int ir_result_use_parse(const char *name);

/* An integer the front end may or may not have been able to evaluate. */
struct ir_const {
    bool known;
    long long value;
};

/* setsockopt() operands, evaluated in the unit's own target. */
struct ir_sockopt {
    enum ir_level level;
    struct ir_const level_value;
    struct sc_range level_range; /* the level argument as written, for fixes */
    enum ir_option option;
    struct ir_const option_value;
    enum ir_optval value;
    struct ir_const optlen;
    bool optlen_is_pointer_size; /* optlen is sizeof of a pointer */
    struct ir_const optval_size; /* size of the object optval points at */
    bool optval_null;
    struct sc_range optval_range;
    struct sc_range optlen_range;
};

/* bind() operands. */
struct ir_bind {
    enum ir_family family; /* from the address's type: sockaddr_un, sockaddr_in ... */
    struct ir_const port;  /* constant port in host order, when visible */
};

struct ir_event {
    enum ir_kind kind;
    uint32_t id;           /* unique in the function; branch conditions refer to it */
    struct sc_range range; /* the call (or statement), at the spelling in the user's file */
    struct sc_range stmt;  /* the whole statement holding it (where a fix inserts code) */
    char *sock;            /* access path of the socket operand, or NULL */
    char *dst;             /* access path receiving the result, or NULL */
    char *src;             /* ASSIGN/RETURN source path, or NULL */
    char *callee;          /* the function called, as named in the source (CALL and all calls) */
    char *text;            /* the call's source text with white space folded (fingerprints) */
    char **args;           /* CALL: per argument its access path ("&x" for an address), or NULL */
    struct ir_const *arg_values; /* CALL: per argument its value when constant (NULL: none is) */
    char **arg_strings; /* CALL: per argument a string literal's value, else NULL (NULL: none is) */
    size_t nargs;
    enum ir_result_use result_use;
    /* CREATE */
    enum ir_family family;
    enum ir_socktype socktype;
    /* SETSOCKOPT */
    struct ir_sockopt sockopt;
    /* BIND */
    struct ir_bind bind;
};

enum ir_outcome { IR_OUTCOME_ANY, IR_OUTCOME_SUCCESS, IR_OUTCOME_FAILURE };
const char *ir_outcome_name(enum ir_outcome outcome);
int ir_outcome_parse(const char *name);

/* A CFG edge; when cond_outcome is not ANY the edge is taken only when the call of event
 * cond_event succeeded (or failed), as the branch on its result tells. */
struct ir_edge {
    uint32_t target;
    uint32_t cond_event;
    enum ir_outcome cond_outcome;
};

struct ir_block {
    struct ir_event *events;
    size_t nevents;
    size_t events_cap; /* private */
    struct ir_edge *succs;
    size_t nsuccs;
    size_t succs_cap; /* private */
};

enum ir_linkage { IR_LINKAGE_EXTERNAL, IR_LINKAGE_INTERNAL };

/* Block 0 is the entry, block 1 the exit (returns lead there; no-return calls lead nowhere). */
#define IR_ENTRY_BLOCK 0u
#define IR_EXIT_BLOCK  1u

struct ir_function {
    char *name;
    enum ir_linkage linkage;
    struct sc_range range; /* the function's name in its definition */
    char **params;         /* parameter names as access-path roots (NULL for unnamed) */
    size_t nparams;
    struct ir_block *blocks;
    size_t nblocks;
    size_t blocks_cap; /* private */
    uint32_t nevents;  /* events are numbered 0..nevents-1 across all blocks */
};

/* Appends an empty block and returns its index. */
uint32_t ir_function_add_block(struct ir_function *fn);
/* Appends a copy of ev (taking ownership of its strings) to block b; sets ev's id. */
struct ir_event *ir_block_add_event(struct ir_function *fn, uint32_t b, struct ir_event *ev);
void ir_block_add_edge(struct ir_function *fn, uint32_t from, uint32_t to, uint32_t cond_event,
                       enum ir_outcome outcome);
/*
 * Gives back the spare capacity of the function's arrays (blocks, and each block's events
 * and edges), once it is complete: they grow by doubling from 8 while a body is lowered or
 * read, and a program's facts are all kept until the analysis has run. Adding to the function
 * afterwards still works (the arrays grow again).
 */
void ir_function_shrink(struct ir_function *fn);
/* Releases everything the event owns (not the event itself). */
void ir_event_fini(struct ir_event *ev);
/* Releases everything the function owns (not the struct itself). */
void ir_function_fini(struct ir_function *fn);
/* Finds an event by id; NULL when absent. Linear: for tests and reporting, not hot loops. */
const struct ir_event *ir_function_event(const struct ir_function *fn, uint32_t id);

#endif
