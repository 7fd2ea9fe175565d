#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int tcp_socket(void);
int tcp_socket_reusable(void);
int tcp_socket_out(int *out);

static int serve(int fd, unsigned short port)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 10);
}

int main(void)
{
    struct sockaddr_in sa;
    int plain = tcp_socket();
    int reusable = tcp_socket_reusable();
    int out = -1;
    memset(&sa, 0, sizeof sa);
    if (bind(plain, (struct sockaddr *)&sa, sizeof sa) < 0) /* expect: SCK001 */
        return 1;
    listen(plain, 5);
    if (serve(reusable, 8001) < 0)
        return 1;
    if (tcp_socket_out(&out) < 0)
        return 1;
    if (serve(out, 8002) < 0) /* expect: SCK001 */
        return 1;
    return 0;
}
