/*
 * Strict JSON with positions. cJSON parses; a second, small walk over the same text records
 * where each node starts. It can walk text and tree in step because the text is known to be
 * the JSON cJSON accepted, and cJSON keeps children in document order (duplicate keys too).
 */
#include "jsonpos.h"

#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cJSON takes every byte up to the space for white space, so the walk must too. */
static bool is_blank(char c)
{
    return (unsigned char)c <= ' ';
}

static size_t skip_blanks(const char *text, size_t len, size_t i)
{
    while (i < len && is_blank(text[i]))
        i++;
    return i;
}

static size_t bom_length(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

cJSON *jsonpos_parse(const char *text, size_t len, size_t *stop_out)
{
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        *stop_out = (size_t)(nul - text);
        return NULL;
    }
    size_t skip = bom_length(text, len);
    if (skip && bom_length(text + skip, len - skip)) {
        /* cJSON would skip this second mark itself, and the walk for positions would not
         * (issue 8, found by fuzz_config): it is no more JSON than the first. */
        *stop_out = skip;
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + skip, len - skip, &end, false);
    size_t stop = end ? (size_t)(end - text) : skip;
    if (stop > len)
        stop = len;
    if (root) {
        stop = skip_blanks(text, len, stop);
        if (stop == len)
            return root;
        cJSON_Delete(root);
    } else if (skip_blanks(text, len, stop) == len) {
        stop = len; /* cJSON points at the last byte when the text ends too early */
    } else {
        /* cJSON may stop past the token it refused ("},\n  }": after the '}'); a message
         * about a line break or a space helps nobody, the token before it does. */
        while (stop > 0 && is_blank(text[stop]))
            stop--;
    }
    *stop_out = stop;
    return NULL;
}

unsigned jsonpos_line_at(const char *text, size_t len, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset && i < len; i++)
        line += text[i] == '\n';
    return line;
}

void jsonpos_describe(const char *text, size_t len, size_t offset, char *buf, size_t size)
{
    if (offset >= len) {
        snprintf(buf, size, "unexpected end of the text");
        return;
    }
    size_t col = 1;
    for (size_t i = offset; i > 0 && text[i - 1] != '\n'; i--)
        col++;
    unsigned char c = (unsigned char)text[offset];
    if (c >= 0x20 && c < 0x7f)
        snprintf(buf, size, "unexpected '%c' at column %zu", c, col);
    else
        snprintf(buf, size, "unexpected byte 0x%02x at column %zu", c, col);
}

/* ---- positions --------------------------------------------------------------------------- */

/* The walk over the text: where it is, and the table it fills. */
struct walk {
    struct jsonpos *jp;
    size_t i;
};

static void skip_string(struct walk *w)
{
    const char *t = w->jp->text;
    size_t len = w->jp->len;
    w->i++; /* the opening quote */
    while (w->i < len && t[w->i] != '"')
        w->i += t[w->i] == '\\' ? 2 : 1;
    if (w->i < len)
        w->i++;
}

static void record(struct walk *w, const cJSON *node)
{
    struct jsonpos_entry *e = XPUSH(w->jp->items, w->jp->count, w->jp->cap);
    e->node = node;
    e->offset = w->i;
}

/* Steps over one character that must be there (a ':', a ',' or a closing bracket). */
static void expect(struct walk *w, char c)
{
    w->i = skip_blanks(w->jp->text, w->jp->len, w->i);
    if (w->i < w->jp->len && w->jp->text[w->i] == c)
        w->i++;
}

/*
 * Walks the text of node's value, recording each child where it starts. Recursion is as
 * deep as the tree, which cJSON limits (CJSON_NESTING_LIMIT, 1000).
 */
static void walk_value(struct walk *w, const cJSON *node)
{
    const char *t = w->jp->text;
    size_t len = w->jp->len;
    w->i = skip_blanks(t, len, w->i);
    if (w->i >= len)
        return;
    if (t[w->i] == '{' || t[w->i] == '[') {
        bool object = t[w->i] == '{';
        w->i++;
        for (const cJSON *child = node->child; child; child = child->next) {
            w->i = skip_blanks(t, len, w->i);
            record(w, child);
            if (object) {
                skip_string(w);
                expect(w, ':');
            }
            walk_value(w, child);
            expect(w, ',');
        }
        expect(w, object ? '}' : ']');
    } else if (t[w->i] == '"') {
        skip_string(w);
    } else {
        while (w->i < len && !is_blank(t[w->i]) && !strchr(",]}", t[w->i]))
            w->i++;
    }
}

void jsonpos_init(struct jsonpos *jp, const char *text, size_t len, const cJSON *root)
{
    memset(jp, 0, sizeof *jp);
    jp->text = text;
    jp->len = len;
    struct walk w = {jp, skip_blanks(text, len, bom_length(text, len))};
    record(&w, root);
    walk_value(&w, root);
}

unsigned jsonpos_line(const struct jsonpos *jp, const cJSON *node)
{
    for (size_t i = 0; node && i < jp->count; i++) {
        if (jp->items[i].node == node)
            return jsonpos_line_at(jp->text, jp->len, jp->items[i].offset);
    }
    return 0;
}

void jsonpos_fini(struct jsonpos *jp)
{
    free(jp->items);
    memset(jp, 0, sizeof *jp);
}

const char *jsonpos_type_name(const cJSON *item)
{
    if (cJSON_IsObject(item))
        return "an object";
    if (cJSON_IsArray(item))
        return "an array";
    if (cJSON_IsString(item))
        return "a string";
    if (cJSON_IsNumber(item))
        return "a number";
    if (cJSON_IsBool(item))
        return "a boolean";
    return "null";
}
