/*
 * A helper that enables SO_REUSEADDR on the socket it is given, called by a health-check
 * client before connect(). The helper is fine for servers; for this client the call is what is
 * wrong, so SCK003 fires at the call to set_reuseaddr(), not inside the helper.
 */
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int set_reuseaddr(int fd)
{
    int v = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
}

bool backend_alive(const struct sockaddr_in *backend)
{
    bool ok;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    if (set_reuseaddr(fd) < 0) { /* expect: SCK003 */
        close(fd);
        return false;
    }
    ok = connect(fd, (const struct sockaddr *)backend, sizeof *backend) == 0;
    close(fd);
    return ok;
}
