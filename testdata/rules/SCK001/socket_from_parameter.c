/*
 * bind_and_listen() binds and listens a socket it is given as an int parameter; it did not
 * create the socket and cannot know whether the caller enabled reuse, so SCK001 must stay
 * silent inside it. Its only caller here does enable SO_REUSEADDR before handing the socket
 * over, so with cross-function analysis there is nothing to report either.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int bind_and_listen(int fd, unsigned short port, int backlog)
{
    struct sockaddr_in addr;

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        return -1;
    return listen(fd, backlog);
}

int open_server(unsigned short port)
{
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind_and_listen(fd, port, 128) < 0) {
        perror("open_server");
        close(fd);
        return -1;
    }
    return fd;
}
