/*
 * The level is written as the SOL_SOCKET macro, but the option goes through a project-local
 * alias, #define OPT_REUSE_ADDR SO_REUSEADDR. Constants are judged by what the macros expand
 * to, so this is SO_REUSEADDR at SOL_SOCKET level before bind() and SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define OPT_REUSE_ADDR SO_REUSEADDR
#define OPT_ON 1

int aliased_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int value = OPT_ON;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, OPT_REUSE_ADDR, &value, sizeof value) < 0) {
        close(fd);
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 20) < 0) {
        perror("aliased_listener");
        close(fd);
        return -1;
    }
    return fd;
}
