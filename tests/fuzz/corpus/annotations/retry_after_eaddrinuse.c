/*
 * The retry pattern: try bind() plainly; if it fails with EADDRINUSE, enable SO_REUSEADDR in
 * the failure branch and bind again. SPEC section 2 calls this correct: the first bind() is a
 * deliberate attempt without reuse, and the second one is protected. SCK001 must stay silent
 * on both bind() calls.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int bind_with_fallback(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        int one = 1;
        if (errno != EADDRINUSE) {
            perror("bind");
            close(fd);
            return -1;
        }
        fprintf(stderr, "port %u in use, retrying with SO_REUSEADDR\n", (unsigned)port);
        if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
            bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
            perror("bind");
            close(fd);
            return -1;
        }
    }
    if (listen(fd, SOMAXCONN) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
