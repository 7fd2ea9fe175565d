/*
 * Binds the socket it is given to the source port the upstream firewall allows (a constant).
 * Right for nothing that reconnects: every connection from this port to the same peer has the
 * same 4-tuple.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int bind_source_port(int fd)
{
    struct sockaddr_in local;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    local.sin_port = htons(4100);
    return bind(fd, (struct sockaddr *)&local, sizeof local);
}
