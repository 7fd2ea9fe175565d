/*
 * SO_REUSEADDR is set before bind(), but with the value 0: that switches reuse off (it is
 * already off by default), so the bind() is unprotected. A known zero value does not count as
 * enabling reuse (SPEC section 2), and SCK001 must fire at the bind().
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int strict_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int off = 0;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &off, sizeof off) < 0) {
        perror("setsockopt");
        close(fd);
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
        close(fd);
        return -1;
    }
    return fd;
}
