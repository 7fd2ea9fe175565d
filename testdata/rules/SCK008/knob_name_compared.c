/* A configuration check compares names against a list of obsolete knobs: the helper
 * compares, it writes nothing. */
#include <string.h>

static int is_obsolete(const char *name)
{
    return strcmp(name, "net.ipv4.tcp_tw_recycle") == 0;
}

int validate_sysctl_name(const char *name)
{
    if (is_obsolete("net.ipv4.tcp_tw_recycle") && is_obsolete(name))
        return -1;
    return 0;
}
