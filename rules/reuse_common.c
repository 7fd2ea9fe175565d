#include "reuse_common.h"

#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

char *reuse_display_name(const char *path)
{
    if (!path)
        return NULL;
    if (strncmp(path, "::", 2) == 0)
        path += 2;
    const char *hash = strchr(path, '#');
    return hash ? xstrndup(path, (size_t)(hash - path)) : xstrdup(path);
}

bool reuse_is_plain_expression(const char *path)
{
    return path && !strchr(path, '[') && !strchr(path, '#') && strncmp(path, "::", 2) != 0 &&
           path[0] != '%';
}

const char *reuse_object_path(const struct rule_context *ctx, const struct analysis_object *obj)
{
    const struct ir_event *ev = rule_site_event(ctx, (struct site){ctx->function, obj->made_at});
    return ev && ev->dst && ev->dst[0] != '%' ? ev->dst : NULL;
}

const char *reuse_option_name(bool reuseaddr, bool reuseport)
{
    if (reuseaddr && reuseport)
        return "SO_REUSEADDR and SO_REUSEPORT";
    return reuseport ? "SO_REUSEPORT" : "SO_REUSEADDR";
}

char *reuse_socket_phrase(const char *noun, const char *path)
{
    char *name = reuse_display_name(path);
    char *phrase = name ? xasprintf("%s '%s'", noun, name) : xasprintf("a %s", noun);
    free(name);
    return phrase;
}
