/*
 * The socket comes from make_tcp_socket(), a function of another file whose body is not
 * visible. It may already carry SO_REUSEADDR (many projects create sockets in one helper), so
 * a socket not created by socket() in this function is not reported: SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern int make_tcp_socket(int family);

int open_from_factory(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = make_tcp_socket(AF_INET);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 50) < 0) {
        perror("open_from_factory");
        close(fd);
        return -1;
    }
    return fd;
}
