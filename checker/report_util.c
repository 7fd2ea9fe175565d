/*
 * Shared by the three reporters: source lines (carets, UTF-16 columns), UTF-8, URIs, and a
 * JSON printer of our own over cJSON trees (2-space indentation, always valid UTF-8).
 */
#include "report_util.h"

#include "report.h"
#include "srcfile.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_source_init(struct report_source *src)
{
    memset(src, 0, sizeof *src);
}

static void slot_clear(struct report_source_file *slot)
{
    free(slot->abs_path);
    free(slot->data);
    free(slot->starts);
    memset(slot, 0, sizeof *slot);
}

void report_source_fini(struct report_source *src)
{
    for (size_t i = 0; i < REPORT_SOURCE_SLOTS; i++)
        slot_clear(&src->slots[i]);
    src->next = 0;
}

/*
 * Records where each line starts, so that many findings in a large file cost one pass. A
 * file that ends with a newline has no empty line after it (as an editor counts lines).
 */
static void index_lines(struct report_source_file *slot)
{
    size_t cap = 0;
    size_t pos = 0;
    while (pos < slot->len || (pos == 0 && slot->nlines == 0)) {
        *XPUSH(slot->starts, slot->nlines, cap) = pos;
        const char *nl = memchr(slot->data + pos, '\n', slot->len - pos);
        if (!nl)
            break;
        pos = (size_t)(nl - slot->data) + 1;
    }
}

static struct report_source_file *source_load(struct report_source *src, const char *abs_path)
{
    for (size_t i = 0; i < REPORT_SOURCE_SLOTS; i++) {
        struct report_source_file *slot = &src->slots[i];
        if (slot->abs_path && strcmp(slot->abs_path, abs_path) == 0)
            return slot;
    }
    struct report_source_file *slot = &src->slots[src->next];
    src->next = (src->next + 1) % REPORT_SOURCE_SLOTS;
    slot_clear(slot);
    slot->abs_path = xstrdup(abs_path);
    slot->data = srcfile_read(abs_path, &slot->len);
    if (slot->data)
        index_lines(slot);
    return slot;
}

const char *report_source_line(struct report_source *src, const char *abs_path, unsigned line,
                               size_t *len_out)
{
    if (!abs_path || line == 0)
        return NULL;
    struct report_source_file *slot = source_load(src, abs_path);
    if (!slot->data || line > slot->nlines)
        return NULL;
    const char *p = slot->data + slot->starts[line - 1];
    const char *end = slot->data + slot->len;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (len > 0 && p[len - 1] == '\r')
        len--;
    *len_out = len;
    return p;
}

static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* RFC 3629 table 3.1: the valid range of the second byte depends on the first. */
size_t report_utf8_len(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0;
    }
    if (n < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++) {
        if (!is_cont(s[i]))
            return 0;
    }
    return need;
}

/*
 * A column inside a multi-byte character maps to that character's start; a column past the
 * end of the line (libclang can point at the newline) counts one unit per missing byte.
 */
unsigned report_utf16_column(const char *line, size_t line_len, unsigned byte_col)
{
    if (byte_col == 0)
        return 0;
    const unsigned char *s = (const unsigned char *)line;
    size_t target = (size_t)byte_col - 1;
    size_t i = 0;
    unsigned units = 0;
    while (i < target) {
        if (!s || i >= line_len) {
            units += (unsigned)(target - i);
            break;
        }
        size_t k = report_utf8_len(s + i, line_len - i);
        if (k == 0)
            k = 1; /* an invalid byte counts one unit */
        if (i + k > target)
            break;
        units += k == 4 ? 2 : 1;
        i += k;
    }
    return units + 1;
}

static int is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

/* RFC 3986 §2: everything but unreserved characters and the "/" separator is encoded. */
static void uri_encode(struct strbuf *sb, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (is_unreserved(*p) || *p == '/') {
            strbuf_putc(sb, (char)*p);
        } else {
            strbuf_putc(sb, '%');
            strbuf_putc(sb, hex[*p >> 4]);
            strbuf_putc(sb, hex[*p & 15]);
        }
    }
}

char *report_uri(const char *path, bool *relative_out)
{
    struct strbuf sb;
    strbuf_init(&sb);
    const char *p = path ? path : "";
    *relative_out = p[0] != '/';
    if (!*relative_out) {
        /* "file://" + "/abs/path" gives the empty authority: file:///abs/path. */
        strbuf_puts(&sb, "file://");
    }
    uri_encode(&sb, p);
    return strbuf_take(&sb);
}

/*
 * cJSON reports allocation failure by returning NULL, and silently drops a NULL item. The
 * single out-of-memory exit belongs to xalloc (arena.h / xalloc.h), so route there by asking
 * it for an allocation no system can satisfy.
 */
static cJSON *checked(cJSON *item)
{
    if (!item)
        (void)xmalloc(SIZE_MAX);
    return item;
}

static void attach(cJSON *parent, const char *key, cJSON *item)
{
    checked(item);
    cJSON_bool ok;
    if (cJSON_IsArray(parent))
        ok = cJSON_AddItemToArray(parent, item);
    else
        ok = cJSON_AddItemToObject(parent, key, item);
    if (!ok)
        (void)xmalloc(SIZE_MAX);
}

cJSON *report_json_root(void)
{
    return checked(cJSON_CreateObject());
}

cJSON *report_json_root_array(void)
{
    return checked(cJSON_CreateArray());
}

cJSON *report_json_object(cJSON *parent, const char *key)
{
    cJSON *item = checked(cJSON_CreateObject());
    attach(parent, key, item);
    return item;
}

cJSON *report_json_array(cJSON *parent, const char *key)
{
    cJSON *item = checked(cJSON_CreateArray());
    attach(parent, key, item);
    return item;
}

void report_json_string(cJSON *parent, const char *key, const char *s)
{
    attach(parent, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

void report_json_number(cJSON *parent, const char *key, double value)
{
    attach(parent, key, cJSON_CreateNumber(value));
}

void report_json_bool(cJSON *parent, const char *key, bool value)
{
    attach(parent, key, cJSON_CreateBool(value));
}

void report_json_null(cJSON *parent, const char *key)
{
    attach(parent, key, cJSON_CreateNull());
}

/* JSON string escaping (RFC 8259 §7); ill-formed UTF-8 becomes U+FFFD. */
static void print_string(struct strbuf *sb, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    strbuf_putc(sb, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            strbuf_putc(sb, '\\');
            strbuf_putc(sb, (char)c);
        } else if (c == '\n') {
            strbuf_puts(sb, "\\n");
        } else if (c == '\t') {
            strbuf_puts(sb, "\\t");
        } else if (c == '\r') {
            strbuf_puts(sb, "\\r");
        } else if (c < 0x20) {
            strbuf_printf(sb, "\\u%04x", c);
        } else if (c >= 0x80) {
            size_t k = report_utf8_len(p + i, n - i);
            if (k == 0) {
                strbuf_puts(sb, "\\ufffd");
                i++;
            } else {
                strbuf_add(sb, (const char *)p + i, k);
                i += k;
            }
            continue;
        } else {
            strbuf_putc(sb, (char)c);
        }
        i++;
    }
    strbuf_putc(sb, '"');
}

/* Every number the reporters write is an integer (lines, columns, counts, exit codes). */
static void print_number(struct strbuf *sb, double v)
{
    if (v == (double)(long long)v && v > -9007199254740992.0 && v < 9007199254740992.0)
        strbuf_printf(sb, "%lld", (long long)v);
    else
        strbuf_printf(sb, "%.17g", v);
}

static void indent(struct strbuf *sb, unsigned depth)
{
    for (unsigned i = 0; i < depth; i++)
        strbuf_puts(sb, "  ");
}

static void print_value(struct strbuf *sb, const cJSON *item, unsigned depth);

/* Objects and arrays: one member per line; empty ones stay "{}" and "[]". */
static void print_container(struct strbuf *sb, const cJSON *item, unsigned depth, int object)
{
    strbuf_putc(sb, object ? '{' : '[');
    const cJSON *child = item->child;
    if (!child) {
        strbuf_putc(sb, object ? '}' : ']');
        return;
    }
    strbuf_putc(sb, '\n');
    for (; child; child = child->next) {
        indent(sb, depth + 1);
        if (object) {
            print_string(sb, child->string);
            strbuf_puts(sb, ": ");
        }
        print_value(sb, child, depth + 1);
        if (child->next)
            strbuf_putc(sb, ',');
        strbuf_putc(sb, '\n');
    }
    indent(sb, depth);
    strbuf_putc(sb, object ? '}' : ']');
}

static void print_value(struct strbuf *sb, const cJSON *item, unsigned depth)
{
    if (cJSON_IsObject(item))
        print_container(sb, item, depth, 1);
    else if (cJSON_IsArray(item))
        print_container(sb, item, depth, 0);
    else if (cJSON_IsString(item))
        print_string(sb, item->valuestring);
    else if (cJSON_IsNumber(item))
        print_number(sb, item->valuedouble);
    else if (cJSON_IsTrue(item))
        strbuf_puts(sb, "true");
    else if (cJSON_IsFalse(item))
        strbuf_puts(sb, "false");
    else
        strbuf_puts(sb, "null");
}

char *report_json_consume(cJSON *root)
{
    struct strbuf sb;
    strbuf_init(&sb);
    print_value(&sb, root, 0);
    strbuf_putc(&sb, '\n');
    cJSON_Delete(root);
    return strbuf_take(&sb);
}
