/*
 * The local address is written as a designated initializer, .sin_port = htons(5060), then
 * bound and connected: the same fixed-port client as client_fixed_source_port.c, and SCK007
 * should fire at the bind(). The front end only sees ports assigned by statements
 * (sa.sin_port = ..., p->sin_port = ...), not in initializers: a known miss.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int sip_trunk_connect(const struct sockaddr_in *proxy)
{
    struct sockaddr_in local = {
        .sin_family = AF_INET,
        .sin_port = htons(5060),
        .sin_addr = {.s_addr = htonl(INADDR_ANY)},
    };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0 || /* todo-expect: SCK007 */
        connect(fd, (const struct sockaddr *)proxy, sizeof *proxy) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
