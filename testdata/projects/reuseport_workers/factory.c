/*
 * A factory that creates, enables SO_REUSEPORT, binds and listens, all in one function:
 * everything that decides SCK009 is here, so the note belongs at this setsockopt(), once, and
 * not again at the callers in main.c.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int open_shared_listener(unsigned short port)
{
    struct sockaddr_in6 sa;
    int on = 1;
    int fd = socket(AF_INET6, SOCK_STREAM, 0); /* related: SCK009 */
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) < 0) /* expect: SCK009 */
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin6_family = AF_INET6;
    sa.sin6_addr = in6addr_any;
    sa.sin6_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 128) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
