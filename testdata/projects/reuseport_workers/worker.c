/*
 * Two listeners built on net.c. The worker listener calls net_share_port() and never
 * net_fast_restart(): SO_REUSEPORT stands in for SO_REUSEADDR, so SCK009 notes the call (and
 * SCK001 is satisfied). The balanced listener calls both helpers: nothing to say.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int net_share_port(int fd);
int net_fast_restart(int fd);

static int bind_listen(int fd, unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 1024);
}

int worker_listener(unsigned short port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0); /* related: SCK009 */
    if (fd < 0)
        return -1;
    if (net_share_port(fd) < 0 || bind_listen(fd, port) < 0) { /* expect: SCK009 */
        close(fd);
        return -1;
    }
    return fd;
}

int balanced_listener(unsigned short port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (net_fast_restart(fd) < 0 || net_share_port(fd) < 0 || bind_listen(fd, port) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
