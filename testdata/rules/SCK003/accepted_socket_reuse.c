/*
 * A server that enables SO_REUSEADDR on its listener (correct) and again on every connection
 * accept() returns. An accepted socket is already bound and connected; the option does
 * nothing there. SCK003 must fire at the second setsockopt() only.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void handle(int conn)
{
    static const char reply[] = "HTTP/1.0 204 No Content\r\n\r\n";
    if (write(conn, reply, sizeof reply - 1) < 0)
        perror("write");
}

int run_server(unsigned short port)
{
    struct sockaddr_in sa;
    int on = 1;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);

    if (lfd < 0)
        return -1;
    if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0)
        goto fail;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(lfd, 64) < 0)
        goto fail;
    for (;;) {
        struct sockaddr_in peer;
        socklen_t plen = sizeof peer;
        int conn = accept(lfd, (struct sockaddr *)&peer, &plen);
        if (conn < 0) {
            perror("accept");
            continue;
        }
        if (setsockopt(conn, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) < 0) /* expect: SCK003 */
            perror("setsockopt");
        handle(conn);
        close(conn);
    }
fail:
    close(lfd);
    return -1;
}
