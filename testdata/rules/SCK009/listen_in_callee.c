/*
 * The socket is created and given SO_REUSEPORT here, and bound and put in listen by a helper,
 * bind_and_listen(). It is a listening socket all the same (listen() reached in a callee), with
 * SO_REUSEPORT only: SCK009 notes it at the setsockopt(); no SCK001.
 */
#define _DEFAULT_SOURCE
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int bind_and_listen(int fd, unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 128);
}

int worker_start(unsigned short port)
{
    int on = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) < 0 || /* expect: SCK009 */
        bind_and_listen(fd, port) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
