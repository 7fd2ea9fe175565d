/* The web listener sets reuse before handing its socket to bind_any(); the metrics listener
 * forgets: the finding is at its call of bind_any(). */
#include <sys/socket.h>
#include <unistd.h>

int bind_any(int fd, unsigned short port);

int start_web(void)
{
    int one = 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 || bind_any(fd, 80) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int start_metrics(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0); /* related: SCK001 */
    if (fd < 0)
        return -1;
    if (bind_any(fd, 9100) < 0) { /* expect: SCK001 */
        close(fd);
        return -1;
    }
    return fd;
}

int main(void)
{
    return start_web() < 0 || start_metrics() < 0;
}
