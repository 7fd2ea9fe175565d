/*
 * bind() is called through a function-like macro defined in this file. The expansion is what
 * counts, and the finding is reported where the macro is used (SPEC section 2: "for a call
 * written through a macro, the line where the macro is used"), not on the #define line. No
 * reuse is set, so SCK001 must fire at the SOCK_BIND() use.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SOCK_BIND(fd, sa) bind((fd), (const struct sockaddr *)(sa), sizeof *(sa))

int make_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (SOCK_BIND(fd, &addr) < 0) { /* expect: SCK001 */
        perror("bind");
        close(fd);
        return -1;
    }
    if (listen(fd, 32) < 0) {
        perror("listen");
        close(fd);
        return -1;
    }
    return fd;
}
