/*
 * SO_REUSEADDR is set correctly before bind(), so SCK001 is satisfied; but SO_REUSEPORT, meant
 * to let several worker processes share the port, is only enabled after bind(). The kernel
 * checks SO_REUSEPORT when the *other* workers bind, against the options this socket had when
 * it bound: set late, it does nothing and the second worker gets EADDRINUSE. SCK002 must fire
 * at the SO_REUSEPORT setsockopt() only, not at the correct SO_REUSEADDR one.
 */
#define _DEFAULT_SOURCE /* SO_REUSEPORT is not POSIX */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int worker_socket(unsigned short port)
{
    struct sockaddr_in6 addr;
    int one = 1;
    int fd = socket(AF_INET6, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        goto fail;
    memset(&addr, 0, sizeof addr);
    addr.sin6_family = AF_INET6;
    addr.sin6_addr = in6addr_any;
    addr.sin6_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        goto fail;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) /* expect: SCK002 */
        goto fail;
    if (listen(fd, 511) < 0)
        goto fail;
    return fd;
fail:
    perror("worker_socket");
    close(fd);
    return -1;
}
