/*
 * SO_REUSEADDR is enabled, the socket is handed to proxy_prepare(), a function of another
 * library whose body sockcheck does not see and that has no API model, and then connected.
 * That function may well bind the socket (to a source address from the proxy configuration),
 * in which case the option is useful. Without knowing, SCK003 must stay silent.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

/* From the proxy library: may bind the socket to the configured source address. */
int proxy_prepare(int fd, const char *profile);

int open_upstream(const struct sockaddr_in *upstream)
{
    int on = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); /* expect: SCK006 */
    if (proxy_prepare(fd, "upstream") < 0 ||
        connect(fd, (const struct sockaddr *)upstream, sizeof *upstream) < 0) {
        close(fd);
        return -1;
    }
    (void)write(fd, "HELLO\n", 6);
    close(fd);
    return 0;
}
