/*
 * The most common spelling of the fix: int one = 1; setsockopt(fd, SOL_SOCKET, SO_REUSEADDR,
 * &one, sizeof one) before bind(). The value is read through the pointer to a local known to
 * be non-zero, so reuse is enabled on every path and SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct sockaddr_in addr;
    long port = 8080;
    int one = 1;
    int fd;

    if (argc > 1)
        port = strtol(argv[1], NULL, 10);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
        perror("setsockopt");
        return 1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    if (listen(fd, 10) < 0) {
        perror("listen");
        return 1;
    }
    close(fd);
    return 0;
}
