/*
 * The corrected version of examples/server.c: a complete TCP echo server with an accept loop
 * that sets SO_REUSEADDR before bind(). The accepted sockets are handed to a local function,
 * which neither binds nor listens them. SCK001 must stay silent.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

static void echo_client(int client)
{
    char buf[4096];
    ssize_t n;

    while ((n = read(client, buf, sizeof buf)) > 0) {
        if (write(client, buf, (size_t)n) != n)
            break;
    }
    close(client);
}

int main(void)
{
    struct sockaddr_in addr;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0) {
        perror("socket");
        return EXIT_FAILURE;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
        perror("setsockopt");
        return EXIT_FAILURE;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(8080);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return EXIT_FAILURE;
    }
    if (listen(fd, SOMAXCONN) < 0) {
        perror("listen");
        return EXIT_FAILURE;
    }
    for (;;) {
        int client = accept(fd, NULL, NULL);
        if (client < 0) {
            if (errno == EINTR)
                continue;
            perror("accept");
            break;
        }
        echo_client(client);
    }
    close(fd);
    return EXIT_FAILURE;
}
