/* The server binds and listens what net_tcp_socket() gives it: reuse is doing its job. */
#include "net.h"

#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int server_start(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = net_tcp_socket(AF_INET);
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 128) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
