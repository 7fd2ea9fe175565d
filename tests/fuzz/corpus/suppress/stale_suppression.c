/*
 * A suppression that outlived its finding: the server was switched to UDP, which SCK001
 * does not apply to, but the comment that silenced SCK001 stayed. SCK000 must report the
 * comment so that it does not hide a future finding on this line.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int open_udp(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    /* sockcheck: ignore[SCK001] restarts are rare */ /* expect: SCK000 */
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        close(fd);
        return -1;
    }
    return fd;
}
