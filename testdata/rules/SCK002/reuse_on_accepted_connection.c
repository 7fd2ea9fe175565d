/*
 * SO_REUSEADDR enabled on the socket accept() returned. That socket is connected, and the
 * option does nothing for it; but it was never bound by this program, so it is SCK003's
 * "reuse on a client-side/accepted socket", not SCK002's "too late". SCK003 fires, SCK002
 * must stay silent; the listener itself is correct (reuse before bind).
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void serve(int conn)
{
    char buf[512];
    ssize_t n;
    while ((n = read(conn, buf, sizeof buf)) > 0)
        if (write(conn, buf, (size_t)n) != n)
            break;
}

int echo_server(unsigned short port)
{
    struct sockaddr_in sa;
    int one = 1;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);

    if (lfd < 0)
        return -1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* expect: SCK006 */
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(lfd, 16) < 0) {
        close(lfd);
        return -1;
    }
    for (;;) {
        int conn = accept(lfd, NULL, NULL);
        if (conn < 0)
            continue;
        setsockopt(conn, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* expect: SCK003, SCK006 */
        serve(conn);
        close(conn);
    }
}
