/*
 * Helpers private to the reporters (report_*.c): reading source lines, UTF-8 decoding, URI
 * encoding, and building and printing JSON with cJSON. Nothing outside the reporters
 * includes this header; the public entry points are in report.h.
 */
#ifndef SOCKCHECK_REPORT_UTIL_H
#define SOCKCHECK_REPORT_UTIL_H

#include <cjson/cJSON.h>

#include <stdbool.h>
#include <stddef.h>

/*
 * Source files read by one reporter call, so that many findings in one file read it once.
 * A few files stay cached (findings are sorted by path; related locations jump between a
 * handful of files). Files srcfile_read refuses are treated as unreadable.
 */
#define REPORT_SOURCE_SLOTS 4

struct report_source_file {
    char *abs_path; /* private */
    char *data;     /* private; NULL when the file could not be read */
    size_t len;     /* private */
    size_t *starts; /* private: starts[i] is the offset of line i + 1 */
    size_t nlines;  /* private */
};

struct report_source {
    struct report_source_file slots[REPORT_SOURCE_SLOTS]; /* private */
    size_t next;                                          /* private: slot to evict next */
};

void report_source_init(struct report_source *src);
/* Releases every cached file. */
void report_source_fini(struct report_source *src);
/*
 * Finds line (1-based) of the file at abs_path. Returns a pointer to its first byte, borrowed
 * from the cache until the next call, with *len_out the length without "\n" or "\r\n"; NULL
 * when the file cannot be read or has no such line.
 */
const char *report_source_line(struct report_source *src, const char *abs_path, unsigned line,
                               size_t *len_out);

/*
 * The length of the well-formed UTF-8 sequence at s (at most n bytes available): 1 to 4, or 0
 * when the bytes there are not valid UTF-8 (overlong forms and surrogates included).
 */
size_t report_utf8_len(const unsigned char *s, size_t n);

/*
 * The SARIF artifact URI of a finding path: a relative path is percent-encoded outside RFC
 * 3986 unreserved characters and "/"; an absolute path becomes "file:///...". Heap string,
 * the caller frees it. *relative_out tells whether uriBaseId applies.
 */
char *report_uri(const char *path, bool *relative_out);

/*
 * Building JSON under one root. Every helper adds the new value to parent: under key when
 * parent is an object, appended when it is an array (key ignored). A NULL string becomes
 * JSON null. Allocation failure ends the program through xalloc's out-of-memory exit.
 */
cJSON *report_json_object(cJSON *parent, const char *key);
cJSON *report_json_array(cJSON *parent, const char *key);
void report_json_string(cJSON *parent, const char *key, const char *s);
void report_json_number(cJSON *parent, const char *key, double value);
void report_json_bool(cJSON *parent, const char *key, bool value);
void report_json_null(cJSON *parent, const char *key);
/* A new empty root object, released by report_json_consume. */
cJSON *report_json_root(void);
/* A new empty root array (GitLab's report is one), released by report_json_consume. */
cJSON *report_json_root_array(void);
/*
 * Prints root with 2-space indentation and a final newline, then deletes it. Invalid UTF-8
 * in strings is written as U+FFFD, so the output is always valid JSON. Heap string, the
 * caller frees it.
 */
char *report_json_consume(cJSON *root);

#endif
