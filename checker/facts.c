/*
 * One unit's facts: building them, and their JSON form (docs/ir.md, "JSON encoding").
 *
 * Writing builds one cJSON tree and prints it with a small layout of its own: the
 * document's skeleton one member per line, and each event, edge, diagnostic and range on
 * one line, so that golden IR files diff by event. Members equal to their default are left
 * out and read back as the default.
 *
 * Reading is strict, because facts files come from caches and other machines and will be
 * fuzzed: every type, enum name, index and count is checked, unknown and repeated members
 * are refused, and every error names the member's path ("functions[2].blocks[0].events[3]
 * .kind"). Nothing is trusted before it is checked, and a half-read unit is freed whole.
 */
#include "facts.h"

#include "strbuf.h"
#include "xalloc.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Constants are written as JSON numbers only below 10^15 in magnitude: cJSON prints a number
 * with 15 significant digits whenever that reads back "close enough", so larger integers
 * would come back changed. Larger ones are written as strings of decimal digits.
 * Reading accepts numbers below 2^53 in magnitude, where a double holds every integer. The
 * bound is strict: the text of any integer of 2^53 or more rounds to a double of 2^53 or
 * more, so a rounded number is refused, never taken for its neighbour.
 */
#define WRITE_NUMBER_LIMIT 1000000000000000LL
#define EXACT_DOUBLE_LIMIT 9007199254740992.0

/* ---------------------------------------------------------------- building */

struct facts *facts_new(void)
{
    return xcalloc(1, sizeof(struct facts));
}

void facts_free(struct facts *facts)
{
    if (!facts)
        return;
    for (size_t i = 0; i < facts->nfiles; i++)
        free(facts->files[i]);
    free(facts->files);
    for (size_t i = 0; i < facts->nfunctions; i++)
        ir_function_fini(&facts->functions[i]);
    free(facts->functions);
    for (size_t i = 0; i < facts->ndiags; i++)
        free(facts->diags[i].message);
    free(facts->diags);
    for (size_t i = 0; i < facts->nwarnings; i++)
        free(facts->warnings[i].message);
    free(facts->warnings);
    free(facts);
}

/* Linear: a unit names tens of files, and the table keeps the order they were met in. */
unsigned facts_intern_file(struct facts *facts, const char *path)
{
    for (size_t i = 0; i < facts->nfiles; i++) {
        if (strcmp(facts->files[i], path) == 0)
            return (unsigned)i;
    }
    *XPUSH(facts->files, facts->nfiles, facts->files_cap) = xstrdup(path);
    return (unsigned)(facts->nfiles - 1);
}

/* The functions array moves when it grows: the pointer is valid until the next call. */
struct ir_function *facts_add_function(struct facts *facts)
{
    struct ir_function *fn = XPUSH(facts->functions, facts->nfunctions, facts->functions_cap);
    memset(fn, 0, sizeof *fn);
    return fn;
}

void facts_add_diag(struct facts *facts, unsigned file, unsigned line, unsigned col,
                    const char *message)
{
    struct facts_diag *diag = XPUSH(facts->diags, facts->ndiags, facts->diags_cap);
    diag->file = file;
    diag->line = line;
    diag->col = col;
    diag->message = xstrdup(message ? message : "");
}

void facts_add_warning(struct facts *facts, unsigned file, unsigned line, unsigned col,
                       const char *message)
{
    struct facts_diag *w = XPUSH(facts->warnings, facts->nwarnings, facts->warnings_cap);
    w->file = file;
    w->line = line;
    w->col = col;
    w->message = xstrdup(message ? message : "");
}

/* Linkage has no public spelling in ir.h; JSON is the only place that needs one. */
static const char *linkage_name(enum ir_linkage linkage)
{
    switch (linkage) {
    case IR_LINKAGE_EXTERNAL:
        return "external";
    case IR_LINKAGE_INTERNAL:
        return "internal";
    }
    return "invalid";
}

static int linkage_parse(const char *name)
{
    if (strcmp(name, "external") == 0)
        return IR_LINKAGE_EXTERNAL;
    if (strcmp(name, "internal") == 0)
        return IR_LINKAGE_INTERNAL;
    return -1;
}

/* ---------------------------------------------------------------- writing: the tree */

/*
 * cJSON reports allocation failure by returning NULL (and its Add functions accept a NULL
 * item or parent without crashing); the writer notes it once and the whole text is given up.
 */
struct wr {
    bool failed;
};

static void wr_add(struct wr *wr, cJSON *parent, const char *key, cJSON *item)
{
    bool ok = item &&
              (key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item));
    if (!ok) {
        cJSON_Delete(item);
        wr->failed = true;
    }
}

static void wr_uint(struct wr *wr, cJSON *parent, const char *key, unsigned value)
{
    wr_add(wr, parent, key, cJSON_CreateNumber((double)value));
}

static void wr_str(struct wr *wr, cJSON *obj, const char *key, const char *s)
{
    if (s)
        wr_add(wr, obj, key, cJSON_CreateString(s));
}

/* An enum member; value 0 is each enum's default and is left out. */
static void wr_enum(struct wr *wr, cJSON *obj, const char *key, int value, const char *name)
{
    if (value != 0)
        wr_str(wr, obj, key, name);
}

static void wr_true(struct wr *wr, cJSON *obj, const char *key, bool value)
{
    if (value)
        wr_add(wr, obj, key, cJSON_CreateTrue());
}

/* A constant as a JSON value: a number, digits beyond the exact range, or null if unknown. */
static cJSON *const_item(struct ir_const c)
{
    if (!c.known)
        return cJSON_CreateNull();
    if (c.value > -WRITE_NUMBER_LIMIT && c.value < WRITE_NUMBER_LIMIT)
        return cJSON_CreateNumber((double)c.value);
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", c.value);
    return cJSON_CreateString(digits);
}

/* A known constant; an unknown one is left out (its value means nothing, see docs/ir.md). */
static void wr_const(struct wr *wr, cJSON *obj, const char *key, struct ir_const c)
{
    if (c.known)
        wr_add(wr, obj, key, const_item(c));
}

/* CALL argument values, aligned with "args"; left out when none is known. */
static void wr_arg_values(struct wr *wr, cJSON *obj, const struct ir_event *ev)
{
    bool any = false;
    for (size_t i = 0; ev->arg_values && i < ev->nargs; i++)
        any |= ev->arg_values[i].known;
    if (!any)
        return;
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < ev->nargs; i++)
        cJSON_AddItemToArray(arr, const_item(ev->arg_values[i]));
    wr_add(wr, obj, "arg_values", arr);
}

static cJSON *wr_paths(struct wr *wr, char *const *paths, size_t n);

/* CALL string literal arguments, aligned with "args"; left out when there is none. */
static void wr_arg_strings(struct wr *wr, cJSON *obj, const struct ir_event *ev)
{
    bool any = false;
    for (size_t i = 0; ev->arg_strings && i < ev->nargs; i++)
        any |= ev->arg_strings[i] != NULL;
    if (any)
        wr_add(wr, obj, "arg_strings", wr_paths(wr, ev->arg_strings, ev->nargs));
}

static bool range_is_zero(const struct sc_range *r)
{
    return r->file == 0 && r->line == 0 && r->col == 0 && r->end_line == 0 && r->end_col == 0;
}

/* [file, line, col, end_line, end_col]; an all-zero range ("no location") is left out
 * unless always is set. */
static void wr_range(struct wr *wr, cJSON *obj, const char *key, const struct sc_range *r,
                     bool always)
{
    if (!always && range_is_zero(r))
        return;
    cJSON *arr = cJSON_CreateArray();
    if (arr) {
        wr_uint(wr, arr, NULL, r->file);
        wr_uint(wr, arr, NULL, r->line);
        wr_uint(wr, arr, NULL, r->col);
        wr_uint(wr, arr, NULL, r->end_line);
        wr_uint(wr, arr, NULL, r->end_col);
    }
    wr_add(wr, obj, key, arr);
}

/* An array of access paths, NULL entries as null. */
static cJSON *wr_paths(struct wr *wr, char *const *paths, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr && i < n; i++)
        wr_add(wr, arr, NULL, paths[i] ? cJSON_CreateString(paths[i]) : cJSON_CreateNull());
    return arr;
}

/* An object member that is left out when it would be empty ({}). */
static void wr_object_unless_empty(struct wr *wr, cJSON *obj, const char *key, cJSON *member)
{
    if (member && !member->child) {
        cJSON_Delete(member);
        return;
    }
    wr_add(wr, obj, key, member);
}

static cJSON *sockopt_to_json(struct wr *wr, const struct ir_sockopt *so)
{
    cJSON *obj = cJSON_CreateObject();
    wr_enum(wr, obj, "level", (int)so->level, ir_level_name(so->level));
    wr_const(wr, obj, "level_value", so->level_value);
    wr_range(wr, obj, "level_range", &so->level_range, false);
    wr_enum(wr, obj, "option", (int)so->option, ir_option_name(so->option));
    wr_const(wr, obj, "option_value", so->option_value);
    wr_enum(wr, obj, "value", (int)so->value, ir_optval_name(so->value));
    wr_const(wr, obj, "optlen", so->optlen);
    wr_true(wr, obj, "optlen_is_pointer_size", so->optlen_is_pointer_size);
    wr_const(wr, obj, "optval_size", so->optval_size);
    wr_true(wr, obj, "optval_null", so->optval_null);
    wr_range(wr, obj, "optval_range", &so->optval_range, false);
    wr_range(wr, obj, "optlen_range", &so->optlen_range, false);
    return obj;
}

static cJSON *bind_to_json(struct wr *wr, const struct ir_bind *bind)
{
    cJSON *obj = cJSON_CreateObject();
    wr_enum(wr, obj, "family", (int)bind->family, ir_family_name(bind->family));
    wr_const(wr, obj, "port", bind->port);
    return obj;
}

static cJSON *event_to_json(struct wr *wr, const struct ir_event *ev)
{
    cJSON *obj = cJSON_CreateObject();
    wr_str(wr, obj, "kind", ir_kind_name(ev->kind));
    wr_uint(wr, obj, "id", ev->id);
    wr_range(wr, obj, "range", &ev->range, false);
    wr_range(wr, obj, "stmt", &ev->stmt, false);
    wr_str(wr, obj, "sock", ev->sock);
    wr_str(wr, obj, "dst", ev->dst);
    wr_str(wr, obj, "src", ev->src);
    wr_str(wr, obj, "callee", ev->callee);
    wr_str(wr, obj, "text", ev->text);
    if (ev->nargs)
        wr_add(wr, obj, "args", wr_paths(wr, ev->args, ev->nargs));
    wr_arg_values(wr, obj, ev);
    wr_arg_strings(wr, obj, ev);
    wr_enum(wr, obj, "result_use", (int)ev->result_use, ir_result_use_name(ev->result_use));
    wr_enum(wr, obj, "family", (int)ev->family, ir_family_name(ev->family));
    wr_enum(wr, obj, "socktype", (int)ev->socktype, ir_socktype_name(ev->socktype));
    wr_object_unless_empty(wr, obj, "sockopt", sockopt_to_json(wr, &ev->sockopt));
    wr_object_unless_empty(wr, obj, "bind", bind_to_json(wr, &ev->bind));
    return obj;
}

/* cond_event means something only on a conditional edge, so it is written only there. */
static cJSON *edge_to_json(struct wr *wr, const struct ir_edge *edge)
{
    cJSON *obj = cJSON_CreateObject();
    wr_uint(wr, obj, "target", edge->target);
    if (edge->cond_outcome != IR_OUTCOME_ANY) {
        wr_uint(wr, obj, "cond_event", edge->cond_event);
        wr_str(wr, obj, "outcome", ir_outcome_name(edge->cond_outcome));
    }
    return obj;
}

static cJSON *block_to_json(struct wr *wr, const struct ir_block *block)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON *events = cJSON_CreateArray();
    for (size_t i = 0; events && i < block->nevents; i++)
        wr_add(wr, events, NULL, event_to_json(wr, &block->events[i]));
    wr_add(wr, obj, "events", events);
    cJSON *succs = cJSON_CreateArray();
    for (size_t i = 0; succs && i < block->nsuccs; i++)
        wr_add(wr, succs, NULL, edge_to_json(wr, &block->succs[i]));
    wr_add(wr, obj, "succs", succs);
    return obj;
}

static cJSON *function_to_json(struct wr *wr, const struct ir_function *fn)
{
    cJSON *obj = cJSON_CreateObject();
    wr_add(wr, obj, "name", cJSON_CreateString(fn->name ? fn->name : ""));
    wr_str(wr, obj, "linkage", linkage_name(fn->linkage));
    wr_range(wr, obj, "range", &fn->range, true);
    wr_add(wr, obj, "params", wr_paths(wr, fn->params, fn->nparams));
    cJSON *blocks = cJSON_CreateArray();
    for (size_t i = 0; blocks && i < fn->nblocks; i++)
        wr_add(wr, blocks, NULL, block_to_json(wr, &fn->blocks[i]));
    wr_add(wr, obj, "blocks", blocks);
    return obj;
}

static cJSON *diag_to_json(struct wr *wr, const struct facts_diag *diag)
{
    cJSON *obj = cJSON_CreateObject();
    wr_uint(wr, obj, "file", diag->file);
    wr_uint(wr, obj, "line", diag->line);
    wr_uint(wr, obj, "col", diag->col);
    wr_add(wr, obj, "message", cJSON_CreateString(diag->message ? diag->message : ""));
    return obj;
}

static cJSON *facts_tree(struct wr *wr, const struct facts *facts)
{
    cJSON *root = cJSON_CreateObject();
    wr_uint(wr, root, "format", FACTS_FORMAT_VERSION);
    wr_add(wr, root, "files", wr_paths(wr, facts->files, facts->nfiles));
    wr_add(wr, root, "target_windows", cJSON_CreateBool(facts->target_windows));
    cJSON *diags = cJSON_CreateArray();
    for (size_t i = 0; diags && i < facts->ndiags; i++)
        wr_add(wr, diags, NULL, diag_to_json(wr, &facts->diags[i]));
    wr_add(wr, root, "diagnostics", diags);
    /* Written only when there are some, so that the facts of every unit that met no limit
     * read the same as before warnings existed (docs/ir.md: the format only grows). */
    if (facts->nwarnings) {
        cJSON *warnings = cJSON_CreateArray();
        for (size_t i = 0; warnings && i < facts->nwarnings; i++)
            wr_add(wr, warnings, NULL, diag_to_json(wr, &facts->warnings[i]));
        wr_add(wr, root, "warnings", warnings);
    }
    cJSON *functions = cJSON_CreateArray();
    for (size_t i = 0; functions && i < facts->nfunctions; i++)
        wr_add(wr, functions, NULL, function_to_json(wr, &facts->functions[i]));
    wr_add(wr, root, "functions", functions);
    if (!root)
        wr->failed = true;
    return root;
}

/* ---------------------------------------------------------------- writing: the layout */

/* Containers laid out one item per line; everything else is printed on one line. */
static bool is_laid_out(const cJSON *item, const char *parent_key, int depth)
{
    static const char *const skeleton_arrays[] = {"files",     "diagnostics", "warnings",
                                                  "functions", "blocks",      "events"};
    if (depth == 0)
        return true;
    if (cJSON_IsArray(item) && item->child && item->string) {
        for (size_t i = 0; i < sizeof skeleton_arrays / sizeof skeleton_arrays[0]; i++) {
            if (strcmp(item->string, skeleton_arrays[i]) == 0)
                return true;
        }
        return false;
    }
    return cJSON_IsObject(item) && parent_key &&
           (strcmp(parent_key, "functions") == 0 || strcmp(parent_key, "blocks") == 0);
}

static void put_indent(struct strbuf *sb, int depth)
{
    for (int i = 0; i < depth; i++)
        strbuf_puts(sb, "  ");
}

/* Appends item (without its key); false when cJSON could not allocate the text. The depth
 * is bounded by the facts' own shape (five levels), not by input. */
static bool print_item(struct strbuf *sb, const cJSON *item, const char *parent_key, int depth)
{
    if (!is_laid_out(item, parent_key, depth)) {
        char *text = cJSON_PrintUnformatted(item);
        if (!text)
            return false;
        strbuf_puts(sb, text);
        cJSON_free(text);
        return true;
    }
    bool is_object = cJSON_IsObject(item);
    strbuf_puts(sb, is_object ? "{\n" : "[\n");
    for (const cJSON *child = item->child; child; child = child->next) {
        put_indent(sb, depth + 1);
        /* Keys are the writer's own literals: nothing in them needs escaping. */
        if (is_object)
            strbuf_printf(sb, "\"%s\": ", child->string);
        if (!print_item(sb, child, item->string, depth + 1))
            return false;
        strbuf_puts(sb, child->next ? ",\n" : "\n");
    }
    put_indent(sb, depth);
    strbuf_puts(sb, is_object ? "}" : "]");
    return true;
}

/*
 * The text depends only on the facts (members in a fixed order, integers printed exactly),
 * so equal facts give equal bytes. NULL only when cJSON cannot allocate.
 */
char *facts_to_json(const struct facts *facts)
{
    struct wr wr = {false};
    cJSON *root = facts_tree(&wr, facts);
    struct strbuf sb;
    strbuf_init(&sb);
    bool ok = !wr.failed && print_item(&sb, root, NULL, 0);
    cJSON_Delete(root);
    if (!ok) {
        strbuf_fini(&sb);
        return NULL;
    }
    strbuf_putc(&sb, '\n');
    return strbuf_take(&sb);
}

/* ---------------------------------------------------------------- reading: helpers */

/* The reader's state: where it is in the document, for error messages, and what it read. */
struct rd {
    struct sc_error *err;
    struct facts *facts;
    char path[256];
    size_t plen;
};

/* Appends a path segment ("functions[2]", ".kind"); returns the length to go back to. */
static size_t rd_enter(struct rd *rd, const char *fmt, ...) SC_PRINTF(2, 3);

static size_t rd_enter(struct rd *rd, const char *fmt, ...)
{
    size_t saved = rd->plen;
    size_t room = sizeof rd->path - rd->plen;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(rd->path + rd->plen, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        rd->plen += (size_t)n < room ? (size_t)n : room - 1;
    return saved;
}

static void rd_leave(struct rd *rd, size_t saved)
{
    rd->plen = saved;
    rd->path[saved] = '\0';
}

/* Records "<path>.<key>: <what is wrong>" and returns -1. key may be NULL (the path itself). */
static int rd_fail(struct rd *rd, const char *key, const char *fmt, ...) SC_PRINTF(3, 4);

static int rd_fail(struct rd *rd, const char *key, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *dot = key && rd->plen ? "." : "";
    if (!key && !rd->plen)
        sc_error_set(rd->err, SC_ERROR_FACTS, NULL, 0, "%s", what);
    else
        sc_error_set(rd->err, SC_ERROR_FACTS, NULL, 0, "%s%s%s: %s", rd->path, dot, key ? key : "",
                     what);
    return -1;
}

/* Refuses members not in allowed (NULL-terminated) and members given twice: a misspelt
 * optional member would otherwise read silently as its default. */
static int rd_members(struct rd *rd, const cJSON *obj, const char *const *allowed)
{
    for (const cJSON *child = obj->child; child; child = child->next) {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], child->string) != 0)
            i++;
        if (!allowed[i])
            return rd_fail(rd, NULL, "unknown member '%.64s'", child->string);
        /* The siblings before this one are distinct allowed names, so this loop is short. */
        for (const cJSON *prev = obj->child; prev != child; prev = prev->next) {
            if (strcmp(prev->string, child->string) == 0)
                return rd_fail(rd, child->string, "given more than once");
        }
    }
    return 0;
}

/* The member key of obj; *out is NULL when it is absent and not required. */
static int rd_get(struct rd *rd, const cJSON *obj, const char *key, bool required,
                  const cJSON **out)
{
    *out = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!*out && required)
        return rd_fail(rd, key, "missing");
    return 0;
}

static int rd_object(struct rd *rd, const cJSON *item, const char *key)
{
    return cJSON_IsObject(item) ? 0 : rd_fail(rd, key, "expected an object");
}

/* A member that must be an array (when present); *out NULL when absent and optional. */
static int rd_array(struct rd *rd, const cJSON *obj, const char *key, bool required,
                    const cJSON **out)
{
    if (rd_get(rd, obj, key, required, out) < 0)
        return -1;
    if (*out && !cJSON_IsArray(*out))
        return rd_fail(rd, key, "expected an array");
    return 0;
}

static bool number_to_u32(const cJSON *item, uint32_t *out)
{
    if (!cJSON_IsNumber(item))
        return false;
    double d = item->valuedouble;
    /* Written so that NaN fails too; the cast is safe once d is in range. */
    if (!(d >= 0.0 && d <= 4294967295.0) || (double)(uint32_t)d != d)
        return false;
    *out = (uint32_t)d;
    return true;
}

static int rd_uint(struct rd *rd, const cJSON *obj, const char *key, bool required, unsigned *out)
{
    const cJSON *item;
    uint32_t value;
    if (rd_get(rd, obj, key, required, &item) < 0)
        return -1;
    if (!item)
        return 0;
    if (!number_to_u32(item, &value))
        return rd_fail(rd, key, "expected an integer from 0 to 4294967295");
    *out = value;
    return 0;
}

/* A string member copied into *out (left alone when absent and optional). */
static int rd_str(struct rd *rd, const cJSON *obj, const char *key, bool required, char **out)
{
    const cJSON *item;
    if (rd_get(rd, obj, key, required, &item) < 0)
        return -1;
    if (!item)
        return 0;
    if (!cJSON_IsString(item))
        return rd_fail(rd, key, "expected a string");
    *out = xstrdup(item->valuestring);
    return 0;
}

/* An enum member spelt by name; absent leaves *out alone (the caller's default, 0). */
static int rd_enum(struct rd *rd, const cJSON *obj, const char *key, bool required,
                   int (*parse)(const char *), const char *what, int *out)
{
    const cJSON *item;
    if (rd_get(rd, obj, key, required, &item) < 0)
        return -1;
    if (!item)
        return 0;
    if (!cJSON_IsString(item))
        return rd_fail(rd, key, "expected a string naming the %s", what);
    int value = parse(item->valuestring);
    if (value < 0)
        return rd_fail(rd, key, "unknown %s '%.64s'", what, item->valuestring);
    *out = value;
    return 0;
}

static int rd_bool(struct rd *rd, const cJSON *obj, const char *key, bool required, bool *out)
{
    const cJSON *item;
    if (rd_get(rd, obj, key, required, &item) < 0)
        return -1;
    if (!item)
        return 0;
    if (!cJSON_IsBool(item))
        return rd_fail(rd, key, "expected true or false");
    *out = cJSON_IsTrue(item);
    return 0;
}

static bool string_to_ll(const char *s, long long *out)
{
    char *end;
    if (!*s)
        return false;
    errno = 0;
    long long value = strtoll(s, &end, 10);
    if (errno || *end)
        return false;
    *out = value;
    return true;
}

static int rd_const_item(struct rd *rd, const char *key, const cJSON *item, struct ir_const *out);

/* A constant: absent is unknown; an exact number, or a decimal string beyond 2^53. */
static int rd_const(struct rd *rd, const cJSON *obj, const char *key, struct ir_const *out)
{
    const cJSON *item;
    if (rd_get(rd, obj, key, false, &item) < 0)
        return -1;
    if (!item)
        return 0;
    return rd_const_item(rd, key, item, out);
}

/* CALL argument values: null or a constant per argument, as many as there are "args". */
static int rd_arg_values(struct rd *rd, const cJSON *obj, struct ir_event *ev)
{
    const cJSON *arr;
    if (rd_array(rd, obj, "arg_values", false, &arr) < 0)
        return -1;
    if (!arr)
        return 0;
    if ((size_t)cJSON_GetArraySize(arr) != ev->nargs)
        return rd_fail(rd, "arg_values", "expected %zu entries, one per argument", ev->nargs);
    ev->arg_values = xcalloc(ev->nargs ? ev->nargs : 1, sizeof *ev->arg_values);
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        char element[64];
        snprintf(element, sizeof element, "arg_values[%zu]", i);
        if (!cJSON_IsNull(item) && rd_const_item(rd, element, item, &ev->arg_values[i]) < 0)
            return -1;
        i++;
    }
    return 0;
}

static int rd_const_item(struct rd *rd, const char *key, const cJSON *item, struct ir_const *out)
{
    long long value = 0;
    bool ok = false;
    if (cJSON_IsNumber(item)) {
        double d = item->valuedouble;
        ok = d > -EXACT_DOUBLE_LIMIT && d < EXACT_DOUBLE_LIMIT && (double)(long long)d == d;
        if (ok)
            value = (long long)d;
    } else if (cJSON_IsString(item)) {
        ok = string_to_ll(item->valuestring, &value);
    }
    if (!ok)
        return rd_fail(rd, key,
                       "expected an integer (a number below 2^53 in magnitude, or "
                       "a string of decimal digits)");
    out->known = true;
    out->value = value;
    return 0;
}

static int rd_file_index(struct rd *rd, const char *key, unsigned file)
{
    if (file < rd->facts->nfiles)
        return 0;
    return rd_fail(rd, key, "file index %u is out of range (the file table has %zu entries)", file,
                   rd->facts->nfiles);
}

/* [file, line, col, end_line, end_col]; the file must be in the table unless the range is
 * all zero, which is how "no location" is spelt. */
static int rd_range(struct rd *rd, const cJSON *obj, const char *key, bool required,
                    struct sc_range *out)
{
    const cJSON *arr;
    unsigned v[5];
    size_t n = 0;
    if (rd_array(rd, obj, key, required, &arr) < 0)
        return -1;
    if (!arr)
        return 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        if (n == 5 || !number_to_u32(item, &v[n]))
            break;
        n++;
    }
    if (n != 5 || item)
        return rd_fail(rd, key,
                       "expected [file, line, col, end_line, end_col], five integers "
                       "from 0 to 4294967295");
    struct sc_range r = {v[0], v[1], v[2], v[3], v[4]};
    if (!range_is_zero(&r) && rd_file_index(rd, key, r.file) < 0)
        return -1;
    *out = r;
    return 0;
}

/* An array of access paths (strings or null) into *out and *n_out, owned by the caller even
 * when this fails (entries read so far are set, the rest NULL). */
static int rd_paths(struct rd *rd, const cJSON *obj, const char *key, bool required, char ***out,
                    size_t *n_out)
{
    const cJSON *arr;
    if (rd_array(rd, obj, key, required, &arr) < 0)
        return -1;
    if (!arr || !arr->child)
        return 0;
    size_t n = (size_t)cJSON_GetArraySize(arr);
    *out = xcalloc(n, sizeof **out);
    *n_out = n;
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, arr)
    {
        if (cJSON_IsString(item)) {
            (*out)[i] = xstrdup(item->valuestring);
        } else if (!cJSON_IsNull(item)) {
            char element[64];
            snprintf(element, sizeof element, "%s[%zu]", key, i);
            return rd_fail(rd, element, "expected a string or null");
        }
        i++;
    }
    return 0;
}

/* CALL string literal arguments: null or a string per argument, as many as there are "args". */
static int rd_arg_strings(struct rd *rd, const cJSON *obj, struct ir_event *ev)
{
    char **strings = NULL;
    size_t n = 0;
    int rc = rd_paths(rd, obj, "arg_strings", false, &strings, &n);
    if (rc == 0 && strings && n != ev->nargs)
        rc = rd_fail(rd, "arg_strings", "expected %zu entries, one per argument", ev->nargs);
    if (rc == 0) {
        ev->arg_strings = strings;
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        free(strings[i]);
    free(strings);
    return -1;
}

/* ---------------------------------------------------------------- reading: the facts */

static int read_sockopt(struct rd *rd, const cJSON *obj, struct ir_sockopt *so)
{
    static const char *const members[] = {"level",
                                          "level_value",
                                          "level_range",
                                          "option",
                                          "option_value",
                                          "value",
                                          "optlen",
                                          "optlen_is_pointer_size",
                                          "optval_size",
                                          "optval_null",
                                          "optval_range",
                                          "optlen_range",
                                          NULL};
    int level = 0, option = 0, value = 0;
    if (rd_object(rd, obj, NULL) < 0 || rd_members(rd, obj, members) < 0 ||
        rd_enum(rd, obj, "level", false, ir_level_parse, "level", &level) < 0 ||
        rd_const(rd, obj, "level_value", &so->level_value) < 0 ||
        rd_range(rd, obj, "level_range", false, &so->level_range) < 0 ||
        rd_enum(rd, obj, "option", false, ir_option_parse, "option", &option) < 0 ||
        rd_const(rd, obj, "option_value", &so->option_value) < 0 ||
        rd_enum(rd, obj, "value", false, ir_optval_parse, "option value", &value) < 0 ||
        rd_const(rd, obj, "optlen", &so->optlen) < 0 ||
        rd_bool(rd, obj, "optlen_is_pointer_size", false, &so->optlen_is_pointer_size) < 0 ||
        rd_const(rd, obj, "optval_size", &so->optval_size) < 0 ||
        rd_bool(rd, obj, "optval_null", false, &so->optval_null) < 0 ||
        rd_range(rd, obj, "optval_range", false, &so->optval_range) < 0 ||
        rd_range(rd, obj, "optlen_range", false, &so->optlen_range) < 0)
        return -1;
    so->level = (enum ir_level)level;
    so->option = (enum ir_option)option;
    so->value = (enum ir_optval)value;
    return 0;
}

static int read_bind(struct rd *rd, const cJSON *obj, struct ir_bind *bind)
{
    static const char *const members[] = {"family", "port", NULL};
    int family = 0;
    if (rd_object(rd, obj, NULL) < 0 || rd_members(rd, obj, members) < 0 ||
        rd_enum(rd, obj, "family", false, ir_family_parse, "family", &family) < 0 ||
        rd_const(rd, obj, "port", &bind->port) < 0)
        return -1;
    bind->family = (enum ir_family)family;
    return 0;
}

/* An optional nested object (sockopt, bind), read with its own path segment. */
static int read_nested(struct rd *rd, const cJSON *obj, const char *key,
                       int (*read)(struct rd *, const cJSON *, void *), void *out)
{
    const cJSON *item;
    if (rd_get(rd, obj, key, false, &item) < 0)
        return -1;
    if (!item)
        return 0;
    size_t saved = rd_enter(rd, "%s%s", rd->plen ? "." : "", key);
    int rc = read(rd, item, out);
    if (rc == 0)
        rd_leave(rd, saved);
    return rc;
}

static int read_sockopt_any(struct rd *rd, const cJSON *obj, void *out)
{
    return read_sockopt(rd, obj, out);
}

static int read_bind_any(struct rd *rd, const cJSON *obj, void *out)
{
    return read_bind(rd, obj, out);
}

/* Fills ev (owned by the caller, which finalises it on failure too). */
static int read_event_fields(struct rd *rd, const cJSON *obj, struct ir_event *ev)
{
    static const char *const members[] = {
        "kind",       "id",     "range",    "stmt",    "sock",       "dst",
        "src",        "callee", "text",     "args",    "arg_values", "arg_strings",
        "result_use", "family", "socktype", "sockopt", "bind",       NULL};
    int kind = 0, use = 0, family = 0, socktype = 0;
    if (rd_object(rd, obj, NULL) < 0 || rd_members(rd, obj, members) < 0 ||
        rd_enum(rd, obj, "kind", true, ir_kind_parse, "event kind", &kind) < 0 ||
        rd_uint(rd, obj, "id", true, &ev->id) < 0 ||
        rd_range(rd, obj, "range", false, &ev->range) < 0 ||
        rd_range(rd, obj, "stmt", false, &ev->stmt) < 0 ||
        rd_str(rd, obj, "sock", false, &ev->sock) < 0 ||
        rd_str(rd, obj, "dst", false, &ev->dst) < 0 ||
        rd_str(rd, obj, "src", false, &ev->src) < 0 ||
        rd_str(rd, obj, "callee", false, &ev->callee) < 0 ||
        rd_str(rd, obj, "text", false, &ev->text) < 0 ||
        rd_paths(rd, obj, "args", false, &ev->args, &ev->nargs) < 0 ||
        rd_arg_values(rd, obj, ev) < 0 || rd_arg_strings(rd, obj, ev) < 0 ||
        rd_enum(rd, obj, "result_use", false, ir_result_use_parse, "result use", &use) < 0 ||
        rd_enum(rd, obj, "family", false, ir_family_parse, "family", &family) < 0 ||
        rd_enum(rd, obj, "socktype", false, ir_socktype_parse, "socket type", &socktype) < 0 ||
        read_nested(rd, obj, "sockopt", read_sockopt_any, &ev->sockopt) < 0 ||
        read_nested(rd, obj, "bind", read_bind_any, &ev->bind) < 0)
        return -1;
    ev->kind = (enum ir_kind)kind;
    ev->result_use = (enum ir_result_use)use;
    ev->family = (enum ir_family)family;
    ev->socktype = (enum ir_socktype)socktype;
    return 0;
}

/* The id read from JSON replaces the one the builder assigns: ids need not follow block
 * order, and branch conditions refer to them. read_function checks they are 0..n-1. */
static int read_event(struct rd *rd, const cJSON *obj, struct ir_function *fn, uint32_t b)
{
    struct ir_event ev;
    memset(&ev, 0, sizeof ev);
    if (read_event_fields(rd, obj, &ev) < 0) {
        ir_event_fini(&ev);
        return -1;
    }
    uint32_t id = ev.id;
    ir_block_add_event(fn, b, &ev)->id = id;
    return 0;
}

static int read_edge(struct rd *rd, const cJSON *obj, struct ir_function *fn, uint32_t b,
                     size_t nblocks)
{
    static const char *const members[] = {"target", "cond_event", "outcome", NULL};
    unsigned target = 0, cond = 0;
    int outcome = IR_OUTCOME_ANY;
    const cJSON *cond_item;
    if (rd_object(rd, obj, NULL) < 0 || rd_members(rd, obj, members) < 0 ||
        rd_uint(rd, obj, "target", true, &target) < 0 ||
        rd_enum(rd, obj, "outcome", false, ir_outcome_parse, "outcome", &outcome) < 0 ||
        rd_get(rd, obj, "cond_event", false, &cond_item) < 0)
        return -1;
    if (target >= nblocks)
        return rd_fail(rd, "target", "block %u does not exist (the function has %zu blocks)",
                       target, nblocks);
    if (outcome == IR_OUTCOME_ANY && cond_item)
        return rd_fail(rd, "cond_event", "given on an unconditional edge (no outcome)");
    if (outcome != IR_OUTCOME_ANY && rd_uint(rd, obj, "cond_event", true, &cond) < 0)
        return -1;
    ir_block_add_edge(fn, b, target, cond, (enum ir_outcome)outcome);
    return 0;
}

static int read_block(struct rd *rd, const cJSON *obj, struct ir_function *fn, uint32_t b)
{
    static const char *const members[] = {"events", "succs", NULL};
    const cJSON *events, *succs, *item;
    if (rd_object(rd, obj, NULL) < 0 || rd_members(rd, obj, members) < 0 ||
        rd_array(rd, obj, "events", true, &events) < 0 ||
        rd_array(rd, obj, "succs", true, &succs) < 0)
        return -1;
    size_t i = 0;
    cJSON_ArrayForEach(item, events)
    {
        size_t saved = rd_enter(rd, ".events[%zu]", i++);
        if (read_event(rd, item, fn, b) < 0)
            return -1;
        rd_leave(rd, saved);
    }
    i = 0;
    cJSON_ArrayForEach(item, succs)
    {
        size_t saved = rd_enter(rd, ".succs[%zu]", i++);
        if (read_edge(rd, item, fn, b, fn->nblocks) < 0)
            return -1;
        rd_leave(rd, saved);
    }
    return 0;
}

/* Ids must number the events 0..n-1 (ir.h); only then is "cond_event < n" enough to know
 * that a condition names an event. */
static int check_event_ids(struct rd *rd, const struct ir_function *fn)
{
    bool *seen = xcalloc(fn->nevents ? fn->nevents : 1, sizeof *seen);
    int rc = 0;
    for (size_t b = 0; rc == 0 && b < fn->nblocks; b++) {
        const struct ir_block *block = &fn->blocks[b];
        for (size_t i = 0; rc == 0 && i < block->nevents; i++) {
            uint32_t id = block->events[i].id;
            size_t saved = rd_enter(rd, ".blocks[%zu].events[%zu]", b, i);
            if (id >= fn->nevents)
                rc = rd_fail(rd, "id",
                             "%u is out of range (the function has %u events, numbered from 0)", id,
                             fn->nevents);
            else if (seen[id])
                rc = rd_fail(rd, "id", "%u is used by another event", id);
            else
                seen[id] = true;
            rd_leave(rd, saved);
        }
    }
    free(seen);
    return rc;
}

static int check_conditions(struct rd *rd, const struct ir_function *fn)
{
    for (size_t b = 0; b < fn->nblocks; b++) {
        const struct ir_block *block = &fn->blocks[b];
        for (size_t i = 0; i < block->nsuccs; i++) {
            const struct ir_edge *edge = &block->succs[i];
            if (edge->cond_outcome == IR_OUTCOME_ANY || edge->cond_event < fn->nevents)
                continue;
            rd_enter(rd, ".blocks[%zu].succs[%zu]", b, i);
            return rd_fail(rd, "cond_event", "no event has id %u", edge->cond_event);
        }
    }
    return 0;
}

static int read_blocks(struct rd *rd, const cJSON *obj, struct ir_function *fn)
{
    const cJSON *blocks, *item;
    if (rd_array(rd, obj, "blocks", true, &blocks) < 0)
        return -1;
    int n = cJSON_GetArraySize(blocks);
    if (n < 2)
        return rd_fail(rd, "blocks",
                       "a function has at least 2 blocks (entry 0 and exit 1), found %d", n);
    /* All blocks exist before any is read, so that edges may point forward. */
    for (int b = 0; b < n; b++)
        ir_function_add_block(fn);
    uint32_t b = 0;
    cJSON_ArrayForEach(item, blocks)
    {
        size_t saved = rd_enter(rd, ".blocks[%u]", (unsigned)b);
        if (read_block(rd, item, fn, b++) < 0)
            return -1;
        rd_leave(rd, saved);
    }
    return check_event_ids(rd, fn) < 0 || check_conditions(rd, fn) < 0 ? -1 : 0;
}

static int read_function(struct rd *rd, const cJSON *obj, struct ir_function *fn)
{
    static const char *const members[] = {"name", "linkage", "range", "params", "blocks", NULL};
    int linkage = 0;
    if (rd_object(rd, obj, NULL) < 0 || rd_members(rd, obj, members) < 0 ||
        rd_str(rd, obj, "name", true, &fn->name) < 0)
        return -1;
    if (!*fn->name)
        return rd_fail(rd, "name", "empty");
    if (rd_enum(rd, obj, "linkage", true, linkage_parse, "linkage", &linkage) < 0 ||
        rd_range(rd, obj, "range", true, &fn->range) < 0 ||
        rd_paths(rd, obj, "params", true, &fn->params, &fn->nparams) < 0 ||
        read_blocks(rd, obj, fn) < 0)
        return -1;
    fn->linkage = (enum ir_linkage)linkage;
    return 0;
}

/* A diagnostic or a warning: where, and the message. */
static int read_diag_into(struct rd *rd, const cJSON *obj,
                          void (*add)(struct facts *, unsigned, unsigned, unsigned, const char *))
{
    static const char *const members[] = {"file", "line", "col", "message", NULL};
    unsigned file = 0, line = 0, col = 0;
    const cJSON *message;
    if (rd_object(rd, obj, NULL) < 0 || rd_members(rd, obj, members) < 0 ||
        rd_uint(rd, obj, "file", true, &file) < 0 || rd_file_index(rd, "file", file) < 0 ||
        rd_uint(rd, obj, "line", true, &line) < 0 || rd_uint(rd, obj, "col", true, &col) < 0 ||
        rd_get(rd, obj, "message", true, &message) < 0)
        return -1;
    if (!cJSON_IsString(message))
        return rd_fail(rd, "message", "expected a string");
    add(rd->facts, file, line, col, message->valuestring);
    return 0;
}

static int read_diag(struct rd *rd, const cJSON *obj)
{
    return read_diag_into(rd, obj, facts_add_diag);
}

static int read_warning(struct rd *rd, const cJSON *obj)
{
    return read_diag_into(rd, obj, facts_add_warning);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* facts_intern_file keeps paths unique; a table with a path twice would make two indices
 * mean one file. Sorted copy: O(n log n) whatever the input. */
static int check_files_unique(struct rd *rd)
{
    size_t n = rd->facts->nfiles;
    if (n < 2)
        return 0;
    char **sorted = xmalloc(n * sizeof *sorted);
    memcpy(sorted, rd->facts->files, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare_strings);
    int rc = 0;
    for (size_t i = 1; rc == 0 && i < n; i++) {
        if (strcmp(sorted[i - 1], sorted[i]) == 0)
            rc = rd_fail(rd, "files", "'%.200s' is listed more than once", sorted[i]);
    }
    free(sorted);
    return rc;
}

static int read_files(struct rd *rd, const cJSON *root)
{
    const cJSON *files, *item;
    if (rd_array(rd, root, "files", true, &files) < 0)
        return -1;
    size_t i = 0;
    cJSON_ArrayForEach(item, files)
    {
        if (!cJSON_IsString(item))
            return rd_fail(rd, NULL, "files[%zu]: expected a string", i);
        *XPUSH(rd->facts->files, rd->facts->nfiles, rd->facts->files_cap) =
            xstrdup(item->valuestring);
        i++;
    }
    return check_files_unique(rd);
}

/* Each element of the array member key, read by one callback under "key[i]". */
static int read_each(struct rd *rd, const cJSON *root, const char *key, bool required,
                     int (*read)(struct rd *, const cJSON *))
{
    const cJSON *arr, *item;
    if (rd_array(rd, root, key, required, &arr) < 0)
        return -1;
    if (!arr)
        return 0;
    size_t i = 0;
    cJSON_ArrayForEach(item, arr)
    {
        size_t saved = rd_enter(rd, "%s[%zu]", key, i++);
        if (read(rd, item) < 0)
            return -1;
        rd_leave(rd, saved);
    }
    return 0;
}

static int read_function_at_end(struct rd *rd, const cJSON *obj)
{
    return read_function(rd, obj, facts_add_function(rd->facts));
}

/* The version is checked first: a document of another format is reported as that, not as
 * whatever member it happens to spell differently. */
static int read_format(struct rd *rd, const cJSON *root)
{
    const cJSON *format;
    if (rd_get(rd, root, "format", true, &format) < 0)
        return -1;
    if (!cJSON_IsNumber(format))
        return rd_fail(rd, "format", "expected a number");
    if (format->valuedouble != FACTS_FORMAT_VERSION)
        return rd_fail(rd, "format", "unsupported facts format %g (this sockcheck reads format %d)",
                       format->valuedouble, FACTS_FORMAT_VERSION);
    return 0;
}

static int read_facts(struct rd *rd, const cJSON *root)
{
    static const char *const members[] = {
        "format", "files", "target_windows", "diagnostics", "warnings", "functions", NULL};
    if (!cJSON_IsObject(root))
        return rd_fail(rd, NULL, "expected a JSON object at the top level");
    if (read_format(rd, root) < 0 || rd_members(rd, root, members) < 0 ||
        read_files(rd, root) < 0 ||
        rd_bool(rd, root, "target_windows", true, &rd->facts->target_windows) < 0 ||
        read_each(rd, root, "diagnostics", true, read_diag) < 0 ||
        read_each(rd, root, "warnings", false, read_warning) < 0 ||
        read_each(rd, root, "functions", true, read_function_at_end) < 0)
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- reading: syntax */

static bool is_json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A syntax error at offset pos, as a 1-based line and column. */
static void fail_syntax(struct sc_error *err, const char *text, size_t pos, const char *what)
{
    unsigned line = 1, col = 1;
    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    sc_error_set(err, SC_ERROR_FACTS, NULL, line, "JSON syntax error at line %u, column %u: %s",
                 line, col, what);
}

/* The document, or NULL with err filled. Text after the value is an error: a truncated
 * concatenation of two files must not pass as the first. */
static cJSON *parse_document(const char *text, size_t len, struct sc_error *err)
{
    size_t start = 0;
    while (start < len && is_json_space(text[start]))
        start++;
    if (start == len) {
        sc_error_set(err, SC_ERROR_FACTS, NULL, 0, "no JSON document (the input is empty)");
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    size_t pos = end && end >= text && end <= text + len ? (size_t)(end - text) : len;
    if (!root) {
        fail_syntax(err, text, pos, "not valid JSON here");
        return NULL;
    }
    while (pos < len && is_json_space(text[pos]))
        pos++;
    if (pos < len) {
        cJSON_Delete(root);
        fail_syntax(err, text, pos, "unexpected text after the document");
        return NULL;
    }
    return root;
}

struct facts *facts_from_json(const char *text, size_t len, struct sc_error *err)
{
    if (!text) {
        sc_error_set(err, SC_ERROR_FACTS, NULL, 0, "no JSON document (no input)");
        return NULL;
    }
    cJSON *root = parse_document(text, len, err);
    if (!root)
        return NULL;
    struct rd rd;
    memset(&rd, 0, sizeof rd);
    rd.err = err;
    rd.facts = facts_new();
    if (read_facts(&rd, root) < 0) {
        facts_free(rd.facts);
        rd.facts = NULL;
    }
    cJSON_Delete(root);
    return rd.facts;
}
