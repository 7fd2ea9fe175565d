/*
 * The retry pattern (SPEC section 2): bind() plainly, and only if that fails with EADDRINUSE
 * enable SO_REUSEADDR and bind again. The setsockopt() sits after a bind() in the source, but
 * on the only path reaching it that bind() failed, so the socket is still unbound and the
 * option does its job for the second bind(). SCK002 must stay silent (and SCK001 too).
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int listen_with_fallback(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
        int on = 1;
        if (errno != EADDRINUSE)
            goto fail;
        fprintf(stderr, "port %u busy, retrying with SO_REUSEADDR\n", (unsigned)port);
        if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == -1)
            goto fail;
        if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1)
            goto fail;
    }
    if (listen(fd, SOMAXCONN) == -1)
        goto fail;
    return fd;
fail:
    perror("listen_with_fallback");
    close(fd);
    return -1;
}
