/*
 * An IPv6 (dual-stack) TCP server. It does call setsockopt() before bind(), but only to clear
 * IPV6_V6ONLY at IPPROTO_IPV6 level: that is not an address-reuse option, so the bind() is
 * still unprotected against TIME_WAIT and SCK001 must fire at it.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int open_dual_stack(unsigned short port)
{
    struct sockaddr_in6 sa6;
    int v6only = 0;
    int fd = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);

    if (fd < 0) {
        perror("socket");
        return -1;
    }
    if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only) < 0) {
        perror("setsockopt(IPV6_V6ONLY)");
        close(fd);
        return -1;
    }
    memset(&sa6, 0, sizeof sa6);
    sa6.sin6_family = AF_INET6;
    sa6.sin6_addr = in6addr_any;
    sa6.sin6_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa6, sizeof sa6) < 0) { /* expect: SCK001 */
        perror("bind");
        close(fd);
        return -1;
    }
    if (listen(fd, 128) < 0) {
        perror("listen");
        close(fd);
        return -1;
    }
    return fd;
}
