/*
 * The local address is filled through a pointer (p->sin_port = htons(LOCAL_PORT), with the
 * port a macro) and passed to bind() as that pointer; the socket then connects. The port is a
 * constant non-zero one whatever the spelling: SCK007 must fire at the bind().
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LOCAL_PORT 7001

int link_to_peer(const struct sockaddr_in *peer)
{
    struct sockaddr_in local;
    struct sockaddr_in *p = &local;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(p, 0, sizeof *p);
    p->sin_family = AF_INET;
    p->sin_addr.s_addr = htonl(INADDR_ANY);
    p->sin_port = htons(LOCAL_PORT);
    if (bind(fd, (struct sockaddr *)p, sizeof *p) < 0 || /* expect: SCK007 */
        connect(fd, (const struct sockaddr *)peer, sizeof *peer) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
