/* test-args: -DLISTEN_PORT=8443 */
/*
 * The port comes from a -D flag given on the command line (test-args above), as in builds that
 * configure it. Without the flag this file does not compile, which checks that the runner
 * passes test-args through. The server never sets SO_REUSEADDR, so SCK001 must fire at bind().
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef LISTEN_PORT
#error "LISTEN_PORT must be defined by the build (-DLISTEN_PORT=...)"
#endif

int tls_listener(void)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(LISTEN_PORT);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 /* expect: SCK001 */
        || listen(fd, SOMAXCONN) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
