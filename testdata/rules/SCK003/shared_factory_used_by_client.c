/*
 * A shared factory, new_tcp_socket(), enables SO_REUSEADDR on every socket it creates. That
 * is right for the server that binds and listens what it gets (clean) and useless for the
 * client that only connects. SPEC section 2: the finding goes where the fix belongs, the
 * client's call to the factory, not the factory's setsockopt().
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int new_tcp_socket(void)
{
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0 && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int server_open(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = new_tcp_socket();
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 128) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int client_send(const char *ip, unsigned short port, const char *msg, size_t len)
{
    struct sockaddr_in sa;
    ssize_t n;
    int fd = new_tcp_socket(); /* expect: SCK003 */
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        close(fd);
        return -1;
    }
    n = write(fd, msg, len);
    close(fd);
    return n == (ssize_t)len ? 0 : -1;
}
