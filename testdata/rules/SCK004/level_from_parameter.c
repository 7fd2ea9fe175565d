/* A generic option setter: the level is whatever the caller passes, which the checker cannot
 * see here, so the call is not judged. Its callers pass SOL_SOCKET. */
#include <sys/socket.h>

static int set_int_option(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof value);
}

int enable_reuse(int fd)
{
    return set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1);
}
