/*
 * The family is a variable, so socket() alone does not tell what this is; but the address
 * given to bind() is a struct sockaddr_un, which makes it a unix-domain socket (SPEC section
 * 2: "the type of the address passed to bind()"). No TIME_WAIT, no reuse needed: SCK001 must
 * stay silent.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int local_listener(int domain, const char *path)
{
    struct sockaddr_un addr;
    size_t len = strlen(path);
    int fd = socket(domain, SOCK_STREAM, 0);

    if (fd < 0 || len >= sizeof addr.sun_path) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_LOCAL;
    memcpy(addr.sun_path, path, len + 1);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror(path);
        close(fd);
        return -1;
    }
    if (listen(fd, 4) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
