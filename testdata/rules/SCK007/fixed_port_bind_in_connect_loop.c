/*
 * A reconnecting client: every turn of the loop creates a socket, binds the same constant
 * source port and connects to the same server. This is exactly the reconnect that collides
 * with the previous turn's connection in TIME_WAIT. SCK007 must fire at the bind().
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void keep_connected(const struct sockaddr_in *server)
{
    for (;;) {
        struct sockaddr_in local;
        char buf[256];
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) {
            sleep(1);
            continue;
        }
        memset(&local, 0, sizeof local);
        local.sin_family = AF_INET;
        local.sin_port = htons(40000 + 1);
        if (bind(fd, (struct sockaddr *)&local, sizeof local) == 0 && /* expect: SCK007 */
            connect(fd, (const struct sockaddr *)server, sizeof *server) == 0) {
            while (read(fd, buf, sizeof buf) > 0)
                continue;
        }
        close(fd);
        sleep(1);
    }
}
