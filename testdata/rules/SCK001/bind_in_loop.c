/*
 * The "wait until the port is free" workaround: retry bind() every second instead of setting
 * SO_REUSEADDR. It turns a restart into up to a minute of downtime while TIME_WAIT drains; the
 * fix is still SO_REUSEADDR before the bind, so SCK001 must fire at the bind() in the loop.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int wait_for_port(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(PF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    while (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { /* expect: SCK001 */
        if (errno != EADDRINUSE) {
            perror("bind");
            close(fd);
            return -1;
        }
        fprintf(stderr, "port %u busy, retrying\n", (unsigned)port);
        sleep(1);
    }
    if (listen(fd, 16) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
