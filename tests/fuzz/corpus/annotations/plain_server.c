/*
 * The textbook TCP server that forgets SO_REUSEADDR: socket(AF_INET, SOCK_STREAM), bind()
 * to a fixed port, listen(). Restarted while connections of the previous process sit in
 * TIME_WAIT, its bind() fails with EADDRINUSE, so SCK001 must fire at the bind().
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int open_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0) {
        perror("socket");
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { /* expect: SCK001 */
        perror("bind");
        close(fd);
        return -1;
    }
    if (listen(fd, SOMAXCONN) < 0) {
        perror("listen");
        close(fd);
        return -1;
    }
    return fd;
}

int main(void)
{
    int fd = open_listener(8080);

    if (fd < 0)
        return 1;
    for (;;) {
        int client = accept(fd, NULL, NULL);
        if (client < 0) {
            perror("accept");
            continue;
        }
        if (write(client, "hello\n", 6) < 0)
            perror("write");
        close(client);
    }
}
