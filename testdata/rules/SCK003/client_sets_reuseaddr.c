/*
 * A client that enables SO_REUSEADDR "against TIME_WAIT" before connect(). It never binds: the
 * kernel picks an ephemeral local port at connect(), and SO_REUSEADDR only affects bind(), so
 * the option does nothing. Client-side TIME_WAIT pressure is net.ipv4.tcp_tw_reuse's business.
 * SCK003 must fire at the setsockopt().
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int fetch_status(const char *ip, unsigned short port, char *buf, size_t len)
{
    struct sockaddr_in sa;
    int one = 1;
    ssize_t n;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) { /* expect: SCK003 */
        close(fd);
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        perror("connect");
        close(fd);
        return -1;
    }
    n = read(fd, buf, len - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = '\0';
    return 0;
}
