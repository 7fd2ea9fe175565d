/* SO_REUSEADDR passed at IPPROTO_TCP: on Linux that is TCP_MAXSEG with value 1, which the
 * kernel refuses; reuse is never enabled, so the bind() is also missing it (SCK001). */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int open_listener(unsigned short port)
{
    int one = 1;
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, IPPROTO_TCP, SO_REUSEADDR, &one, sizeof one) < 0) /* expect: SCK004 */
        perror("setsockopt");
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    if (listen(fd, SOMAXCONN) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
