/*
 * The classic tcp_connect() helper: socket(), SO_REUSEADDR "to avoid TIME_WAIT", connect(),
 * and the connected socket is returned to the caller. The option has no effect (the socket is
 * never bound: the kernel picks an ephemeral port), and nothing the caller does can change
 * that: a connected socket can no longer be bound nor put in listen. SCK003 should fire at the
 * setsockopt(): returning a socket that every path has connected does not make it a
 * server.
 */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int tcp_connect(const struct addrinfo *ai)
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
