#include "reuse_common.h"

#include "strbuf.h"
#include "xalloc.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

bool reuse_is_reuse_setsockopt(const struct ir_event *ev)
{
    return ev->kind == IR_SETSOCKOPT &&
           (ev->sockopt.option == IR_OPTION_REUSEADDR || ev->sockopt.option == IR_OPTION_REUSEPORT);
}

bool reuse_enables(const struct ir_event *ev)
{
    return ev->sockopt.value != IR_OPTVAL_ZERO;
}

const char *reuse_option_spelling(enum ir_option option)
{
    switch (option) {
    case IR_OPTION_REUSEADDR:
        return "SO_REUSEADDR";
    case IR_OPTION_REUSEPORT:
        return "SO_REUSEPORT";
    case IR_OPTION_EXCLUSIVEADDRUSE:
        return "SO_EXCLUSIVEADDRUSE";
    case IR_OPTION_UNKNOWN:
    case IR_OPTION_OTHER:
        break;
    }
    return "the option";
}

const char *reuse_level_spelling(long long level)
{
    static const struct {
        long long value;
        const char *name;
    } levels[] = {
        {0, "IPPROTO_IP"},    {6, "IPPROTO_TCP"},    {17, "IPPROTO_UDP"},
        {41, "IPPROTO_IPV6"}, {132, "IPPROTO_SCTP"},
    };
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
        if (levels[i].value == level)
            return levels[i].name;
    return NULL;
}

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

void reuse_report_site(const struct rule_context *ctx, const struct analysis_object *obj,
                       const struct analysis_reuse *reuse, const char *noun,
                       const char *message_fmt)
{
    const struct ir_event *at = rule_function(ctx)->events[reuse->event];
    const char *path = reuse_object_path(ctx, obj);
    char *who = reuse_socket_phrase(noun, path);
    struct strbuf message;
    strbuf_init(&message);
    strbuf_printf(&message, message_fmt, who);
    struct finding *f = rule_report(ctx, at, message.data, path);
    rule_relate(ctx, f, obj->origin, "socket created here");
    strbuf_fini(&message);
    free(who);
}
