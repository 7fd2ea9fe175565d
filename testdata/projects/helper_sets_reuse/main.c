/*
 * Two servers: the main one gets reuse through net_set_reuse() in net.c (clean); the admin one
 * only calls net_set_nonblocking(), which does not touch reuse: SCK001 at its bind.
 */
#include "net.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int open_server(unsigned short port, int reuse)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (reuse && net_set_reuse(fd) < 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        goto fail;
    if (listen(fd, 64) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}

static int open_admin(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || net_set_nonblocking(fd) < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) /* expect: SCK001 */
        return -1;
    return listen(fd, 8) < 0 ? -1 : fd;
}

int main(void)
{
    int a = open_server(8080, 1);
    int b = open_admin(8081);
    return a < 0 || b < 0;
}
