/*
 * Reuse is enabled by a project helper, enable_reuse(fd), declared extern and defined in
 * another file. Its body is not visible here, so the call may well have set SO_REUSEADDR:
 * a socket handed to a function that is not a well-known libc call before bind() counts as
 * "may have enabled reuse", and SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern int enable_reuse(int fd);

int service_listen(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (enable_reuse(fd) < 0) {
        close(fd);
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 64) < 0) {
        perror("service_listen");
        close(fd);
        return -1;
    }
    return fd;
}
