/*
 * SO_REUSEADDR is enabled, but only after bind(): the kernel checks the option at bind time,
 * so setting it afterwards does nothing and the restart still fails with EADDRINUSE. No path
 * reaching the bind() enabled reuse, so SCK001 must fire at the bind(), and SCK002 at the late
 * setsockopt() itself: one finding never hides the other.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int late_reuse_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) { /* expect: SCK002 */
        close(fd);
        return -1;
    }
    if (listen(fd, SOMAXCONN) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
