/*
 * A listener that enables SO_REUSEPORT (and not SO_REUSEADDR) before bind(). For SCK001 that
 * is enough: SO_REUSEPORT also lets the bind() succeed over TIME_WAIT connections, so
 * SCK001 must stay silent; SCK009 notes that SO_REUSEPORT alone is more than a restart needs.
 */
#define _DEFAULT_SOURCE /* SO_REUSEPORT is not POSIX */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int worker_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) { /* expect: SCK009 */
        perror("setsockopt(SO_REUSEPORT)");
        close(fd);
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, SOMAXCONN) < 0) {
        perror("worker_listener");
        close(fd);
        return -1;
    }
    return fd;
}
