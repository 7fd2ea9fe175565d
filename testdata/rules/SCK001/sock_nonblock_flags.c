/*
 * A non-blocking listener created with SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC (Linux).
 * The flags must be masked off before the type is judged: this is still a TCP stream socket,
 * bound and listening without SO_REUSEADDR, so SCK001 must fire at the bind().
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int event_loop_listener(unsigned short port)
{
    struct sockaddr_in sin;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

    if (fd == -1)
        return -1;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (const struct sockaddr *)&sin, sizeof sin) == -1 /* expect: SCK001 */
        || listen(fd, 511) == -1) {
        perror("listener");
        close(fd);
        return -1;
    }
    return fd;
}
