#include "reuse_common.h"

#include <stddef.h>

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
