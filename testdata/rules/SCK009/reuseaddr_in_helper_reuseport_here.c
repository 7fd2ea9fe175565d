/*
 * SO_REUSEADDR is enabled by a helper in this file and SO_REUSEPORT directly, before bind().
 * The listener has both options, only spread over two places: SCK009 must stay silent.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int enable_fast_restart(int fd)
{
    int on = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
}

int balanced_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int on = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (enable_fast_restart(fd) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) < 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 64) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
