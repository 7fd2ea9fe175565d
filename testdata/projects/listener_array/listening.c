/*
 * The nginx loop: every listener of the array gets SO_REUSEADDR before bind() (clean), while the
 * admin loop forgets it (one finding: the array element is one access path, ls[].fd).
 */
#include "listening.h"

#include <sys/socket.h>
#include <unistd.h>

int open_listening_sockets(struct listening *ls, int n)
{
    for (int i = 0; i < n; i++) {
        int one = 1;
        ls[i].fd = socket(AF_INET, SOCK_STREAM, 0);
        if (ls[i].fd == -1)
            return -1;
        if (setsockopt(ls[i].fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == -1)
            return -1;
        if (bind(ls[i].fd, (struct sockaddr *)&ls[i].addr, sizeof ls[i].addr) == -1) {
            close(ls[i].fd);
            return -1;
        }
        if (listen(ls[i].fd, ls[i].backlog) == -1)
            return -1;
    }
    return 0;
}

int open_admin_sockets(struct listening *ls, int n)
{
    for (int i = 0; i < n; i++) {
        ls[i].fd = socket(AF_INET, SOCK_STREAM, 0);
        if (ls[i].fd == -1)
            return -1;
        if (bind(ls[i].fd, (struct sockaddr *)&ls[i].addr, sizeof ls[i].addr) == -1) /* expect: SCK001 */
            return -1;
        if (listen(ls[i].fd, ls[i].backlog) == -1)
            return -1;
    }
    return 0;
}
