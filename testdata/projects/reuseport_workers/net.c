/*
 * Socket option helpers. net_share_port() enables SO_REUSEPORT only; whether that is a
 * deliberate port-sharing design or a stand-in for SO_REUSEADDR depends on the caller.
 */
#define _DEFAULT_SOURCE /* SO_REUSEPORT */
#include <sys/socket.h>

int net_share_port(int fd)
{
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
}

int net_fast_restart(int fd)
{
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
}
