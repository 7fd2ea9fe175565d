/*
 * A client that deliberately binds a local address before connecting (a multi-homed host
 * choosing its source interface and a configured source port, as an FTP active-mode data
 * connection or a firewall-pinned client does), with SO_REUSEADDR so that the bind() succeeds
 * over old TIME_WAIT connections. The socket binds, so the option is doing its job: SCK003
 * must stay silent, and the port comes from a variable, so SCK007 says nothing either.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int connect_from(struct in_addr source, unsigned short source_port,
                 const struct sockaddr_in *server)
{
    struct sockaddr_in local;
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        goto fail;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_addr = source;
    local.sin_port = htons(source_port);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0)
        goto fail;
    if (connect(fd, (const struct sockaddr *)server, sizeof *server) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
