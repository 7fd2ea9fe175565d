/*
 * A server that waits for its port: each turn of the loop enables SO_REUSEADDR and tries to
 * bind, sleeping after a failure. From the second turn on, the setsockopt() follows a bind()
 * in the control flow, but only a failed one, so the socket is still unbound: the option is
 * set in time. SCK002 must stay silent; SCK001 too (reuse precedes every bind).
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int wait_for_port(unsigned short port, int attempts)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(port);
    for (;;) {
        int one = 1;
        if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
            break;
        if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
            if (listen(fd, 16) < 0)
                break;
            return fd;
        }
        if (--attempts <= 0)
            break;
        perror("bind, retrying in 1 s");
        sleep(1);
    }
    close(fd);
    return -1;
}
