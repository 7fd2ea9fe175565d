/*
 * The whole setsockopt() call is hidden in a project macro, SET_REUSEADDR(fd), used between
 * socket() and bind(). The expansion is what counts (SPEC section 2, "Macros"): reuse is
 * enabled with the constant 1 at SOL_SOCKET level, so SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SET_REUSEADDR(fd) setsockopt((fd), SOL_SOCKET, SO_REUSEADDR, &(int){1}, sizeof(int))

int macro_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0 || SET_REUSEADDR(fd) < 0) {
        perror("socket");
        if (fd >= 0)
            close(fd);
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 64) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
