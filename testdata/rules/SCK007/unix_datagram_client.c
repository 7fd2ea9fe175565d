/*
 * A unix datagram client (as syslog and systemd-notify clients do) binds its own socket path
 * and connects to the server's path. Unix sockets have no ports and no TIME_WAIT: SCK007 must
 * stay silent.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int open_log_client(const char *server_path)
{
    struct sockaddr_un local, server;
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

    if (fd < 0)
        return -1;
    memset(&local, 0, sizeof local);
    local.sun_family = AF_UNIX;
    snprintf(local.sun_path, sizeof local.sun_path, "/tmp/logclient.%ld", (long)getpid());
    unlink(local.sun_path);
    memset(&server, 0, sizeof server);
    server.sun_family = AF_UNIX;
    snprintf(server.sun_path, sizeof server.sun_path, "%s", server_path);
    if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0 ||
        connect(fd, (struct sockaddr *)&server, sizeof server) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}
