/*
 * Two listeners share sockopt_reuse() from sockopt.c. The public one calls it before bind()
 * (clean); the metrics one calls it after bind(), where the option no longer matters: SCK002
 * at that call, and SCK001 at its bind(), which ran without reuse.
 */
#include "sockopt.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void any_addr(struct sockaddr_in *sa, unsigned short port)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_addr.s_addr = htonl(INADDR_ANY);
    sa->sin_port = htons(port);
}

int public_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    any_addr(&sa, port);
    if (sockopt_reuse(fd) < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
        listen(fd, 512) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int metrics_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    any_addr(&sa, port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    if (sockopt_reuse(fd) < 0 || listen(fd, 16) < 0) { /* expect: SCK002 */
        close(fd);
        return -1;
    }
    return fd;
}
