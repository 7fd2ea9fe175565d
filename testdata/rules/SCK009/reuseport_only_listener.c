/*
 * A listener that enables SO_REUSEPORT (and not SO_REUSEADDR) before bind(), only to restart
 * quickly. SO_REUSEPORT also lets the bind() succeed over TIME_WAIT connections, so SCK001 is
 * satisfied and must stay silent; but it also lets any other process of the same user bind the
 * same port and take a share of the connections. SCK009 notes it at the setsockopt().
 */
#define _DEFAULT_SOURCE /* SO_REUSEPORT is not POSIX */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int api_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) { /* expect: SCK009 */
        perror("SO_REUSEPORT");
        goto fail;
    }
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
