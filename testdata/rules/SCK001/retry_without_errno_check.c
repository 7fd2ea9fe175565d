/*
 * A variant of the retry pattern that branches with != 0 and does not look at errno: on any
 * bind() failure it enables SO_REUSEADDR and tries once more, exiting if that fails too. The
 * failure branch still enables reuse before binding again, so SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in addr;
    int yes = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0) {
        perror("socket");
        exit(EXIT_FAILURE);
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(9000);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) != 0)
            abort();
        if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
            perror("bind");
            exit(EXIT_FAILURE);
        }
    }
    if (listen(fd, 16) != 0) {
        perror("listen");
        exit(EXIT_FAILURE);
    }
    for (;;) {
        int c = accept(fd, NULL, NULL);
        if (c >= 0)
            close(c);
    }
}
