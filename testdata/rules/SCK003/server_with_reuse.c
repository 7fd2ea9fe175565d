/*
 * The correct use: a TCP server enables SO_REUSEADDR between socket() and bind(), then
 * listens and accepts. The listening socket is bound and listening, not a client, and the
 * accepted connections get no option: SCK003 must stay silent, as every other rule.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int serve_once(unsigned short port)
{
    struct sockaddr_in sa;
    int yes = 1, conn;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) < 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0)
        goto fail;
    conn = accept(fd, NULL, NULL);
    if (conn >= 0) {
        (void)write(conn, "hi\n", 3);
        close(conn);
    }
    close(fd);
    return 0;
fail:
    close(fd);
    return -1;
}
