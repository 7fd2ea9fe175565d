/*
 * An NTP client in symmetric mode binds UDP port 123 and connect()s the socket to its server
 * (to receive only that server's replies). UDP has no connection state and no TIME_WAIT, so
 * the fixed port cannot collide with an earlier 4-tuple. SPEC section 2 words SCK007 in
 * TIME_WAIT terms, which only exist for TCP: SCK007 must stay silent on datagram sockets.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int ntp_open(const struct sockaddr_in *server)
{
    struct sockaddr_in local;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_ANY);
    local.sin_port = htons(123);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) {
        close(fd);
        return -1;
    }
    if (connect(fd, (const struct sockaddr *)server, sizeof *server) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
