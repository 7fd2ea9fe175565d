/*
 * A statement macro that wraps bind() together with its error handling (including a return)
 * in do { ... } while (0). The bind() is spelled inside the #define, so the finding belongs to
 * the line where the macro is used; no reuse is set, so SCK001 must fire there.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BIND_OR_RETURN(fd, addr)                                                  \
    do {                                                                          \
        if (bind((fd), (struct sockaddr *)&(addr), sizeof(addr)) < 0) {           \
            perror("bind");                                                       \
            close(fd);                                                            \
            return -1;                                                            \
        }                                                                         \
    } while (0)

int control_port_open(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    BIND_OR_RETURN(fd, addr); /* expect: SCK001 */
    if (listen(fd, 8) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
