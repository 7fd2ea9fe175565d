/*
 * A client that binds the constant local port 5000 before connecting to its server. When the
 * client reconnects to the same server, the new connection has the same 4-tuple as the
 * previous one, which is still in TIME_WAIT on the side that closed first: connect() (or the
 * bind(), without SO_REUSEADDR) fails with EADDRINUSE. SCK007 must fire at the bind().
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int report_metrics(const char *collector_ip, const char *line, size_t len)
{
    struct sockaddr_in local, remote;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    local.sin_port = htons(5000);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) /* expect: SCK007 */
        goto fail;
    memset(&remote, 0, sizeof remote);
    remote.sin_family = AF_INET;
    remote.sin_port = htons(2003);
    if (inet_pton(AF_INET, collector_ip, &remote.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&remote, sizeof remote) < 0)
        goto fail;
    if (write(fd, line, len) != (ssize_t)len)
        goto fail;
    close(fd);
    return 0;
fail:
    close(fd);
    return -1;
}
