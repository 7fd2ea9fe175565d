/*
 * A server that "tunes" its listening socket after listen(): SO_REUSEADDR is enabled once the
 * socket is already bound and listening, where the kernel no longer looks at it. SCK002 must
 * fire at that setsockopt(); SCK001 fires too, at the bind() that ran without reuse: the two
 * findings say different things and one never hides the other.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int tune_listener(int fd)
{
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
}

int start_server(unsigned short port)
{
    struct sockaddr_in addr;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0) {
        perror("socket");
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { /* expect: SCK001 */
        perror("bind");
        goto fail;
    }
    if (listen(fd, SOMAXCONN) < 0) {
        perror("listen");
        goto fail;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 || /* expect: SCK002 */
        tune_listener(fd) < 0) {
        perror("setsockopt");
        goto fail;
    }
    return fd;
fail:
    close(fd);
    return -1;
}
