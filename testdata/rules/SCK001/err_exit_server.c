/*
 * Everything happens in main(), and every failure ends the program with err(3) from
 * <err.h>, a call that does not return. The only path that reaches listen() goes through a
 * successful bind() without SO_REUSEADDR, so SCK001 must fire at the bind().
 */
#include <err.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        err(1, "socket");
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(7070);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) == -1) /* expect: SCK001 */
        err(1, "bind");
    if (listen(fd, 10) == -1)
        err(1, "listen");
    for (;;) {
        int c = accept(fd, NULL, NULL);
        if (c == -1) {
            warn("accept");
            continue;
        }
        close(c);
    }
}
