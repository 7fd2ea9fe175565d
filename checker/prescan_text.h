/*
 * One source file as the prescan sees it (prescan.h), without parsing it: the identifiers it
 * spells where they may be used (called, or named in a string), those it may define as a
 * function, and the files it #includes. Textual and cheap: comments do not count, string
 * literals and disabled #if blocks do (the scan errs towards "it may matter"). Owns the
 * tables it builds; reads only the text it is given.
 */
#ifndef SOCKCHECK_PRESCAN_TEXT_H
#define SOCKCHECK_PRESCAN_TEXT_H

#include "name_set.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The identifiers of a text, sorted and unique, each with whether the text may use it and
 * whether it may define a function of that name (names that are neither are left out). */
struct prescan_idents {
    char *blob;           /* private: the names, NUL-separated, in sorted order */
    uint32_t *offsets;    /* private: where each name starts in blob */
    unsigned char *flags; /* private: per name, may use (1), may define (2), spelt (4) */
    size_t count;         /* read-only */
};

/* One #include (or #include_next, #import) line. */
struct prescan_include {
    char *name;    /* as written between the quotes or angle brackets */
    bool quoted;   /* "name" rather than <name> */
    bool nested;   /* inside braces or parentheses: the file's code goes in a body */
    unsigned line; /* 1-based */
};

struct prescan_text {
    struct prescan_idents idents;
    struct prescan_include *includes;
    size_t nincludes;
    size_t includes_cap;  /* private */
    bool include_unknown; /* an #include through a macro: the scan cannot follow it */
};

/*
 * Scans len bytes of C. A name may be used where it stands inside braces, in a #define body,
 * in a literal, or at file scope anywhere but as the declarator of a prototype or definition
 * (a macro's argument may expand into a body). It may be defined where it stands at file scope
 * (outside every brace but extern "C" ones) where a function definition could start, or at the
 * top level of a #define body; a prototype (the name, its parameters, attribute-like macros
 * and ';') is no definition. Once the braces cannot be followed (left unbalanced by #if
 * branches), every name may be both. #if, #undef and #pragma operands are neither. Free with
 * prescan_text_fini.
 */
void prescan_text_scan(const char *text, size_t len, struct prescan_text *out);
void prescan_text_fini(struct prescan_text *text);

/* Builds a table of the names in NUL-terminated strings, each one used and defined: for
 * command-line arguments (-DNAME=bind). Free with prescan_idents_fini. */
void prescan_idents_of_args(char *const *args, size_t nargs, struct prescan_idents *out);
void prescan_idents_fini(struct prescan_idents *idents);

/* Whether some identifier of idents may be used and is in used, or may be defined and is in
 * defined; with anywhere, whether it is spelt at all (a file included inside a body, whose
 * braces tell nothing). Either set may be NULL (no match). */
bool prescan_idents_match(const struct prescan_idents *idents, const struct name_set *used,
                          const struct name_set *defined, bool anywhere);

#endif
