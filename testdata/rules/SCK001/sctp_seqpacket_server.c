/*
 * A one-to-many SCTP server: socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP), bind(), listen().
 * SCK001 is about TCP stream sockets (stream or unknown type, SPEC section 2); a seqpacket
 * socket is outside it, so SCK001 must stay silent.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int sctp_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);

    if (fd < 0) {
        perror("socket(SCTP)");
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 5) < 0) {
        perror("sctp_listener");
        close(fd);
        return -1;
    }
    return fd;
}
