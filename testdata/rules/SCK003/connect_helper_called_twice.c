/*
 * The tcp_connect() helper of connect_helper_returns_socket.c, now with two callers. Everything
 * that decides the finding happens inside tcp_connect(): it creates the socket, enables
 * SO_REUSEADDR and connects it, and no caller can bind it afterwards. SPEC section 2 wants
 * that reported once, at the helper's own setsockopt(), and not again at each caller.
 */
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

static int tcp_connect(const struct addrinfo *ai)
{
    int on = 1;
    int fd = socket(ai->ai_family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); /* expect: SCK003, SCK006 */
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int send_ping(const struct addrinfo *ai)
{
    int fd = tcp_connect(ai);
    if (fd < 0)
        return -1;
    (void)write(fd, "PING\n", 5);
    close(fd);
    return 0;
}

int send_quit(const struct addrinfo *ai)
{
    int fd = tcp_connect(ai);
    if (fd < 0)
        return -1;
    (void)write(fd, "QUIT\n", 5);
    close(fd);
    return 0;
}
