/*
 * The rsh/rlogin style: a client binds a privileged source port (IPPORT_RESERVED - 1, a folded
 * constant) with SO_REUSEADDR, then connects. SO_REUSEADDR lets the bind() succeed, but the
 * reconnect to the same server still reuses the 4-tuple held in TIME_WAIT and connect() fails
 * with EADDRINUSE. SCK007 must fire at the bind(); the socket binds, so SCK003 stays silent.
 */
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int connect_privileged(const struct sockaddr_in *server)
{
    struct sockaddr_in local;
    int on = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    local.sin_port = htons(IPPORT_RESERVED - 1);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) /* expect: SCK007 */
        goto fail;
    if (connect(fd, (const struct sockaddr *)server, sizeof *server) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
