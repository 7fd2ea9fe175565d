/*
 * A UDP syslog receiver that enables SO_REUSEADDR after bind(). UDP has no TIME_WAIT, but the
 * option still only matters to a bind() that follows it (for example a second receiver on the
 * same multicast port): set after the socket's own bind() it does nothing. SCK002 does not
 * depend on the socket type and must fire; SCK001 is for TCP listeners and stays silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int open_syslog_receiver(void)
{
    struct sockaddr_in sa;
    int on = 1;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(514);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        perror("bind 514/udp");
        close(fd);
        return -1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on); /* expect: SCK002 */
    return fd;
}
