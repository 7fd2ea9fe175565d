/*
 * A prefork server that deliberately shares its port among workers: SO_REUSEADDR for restarts
 * and SO_REUSEPORT for the load balancing, both before bind(). Nothing to say: SCK009 only
 * notes SO_REUSEPORT used *instead of* SO_REUSEADDR, and SCK001 is satisfied.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int worker_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, SOMAXCONN) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
