/* Skipping (issue 7): reuse is enabled in config.c, which names no socket function. */
#include <sys/socket.h>

extern int g_listen_fd;
void configure(int verbose);
int net_listen(unsigned short port);

int main(void)
{
    g_listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    configure(0);
    return net_listen(8080) < 0;
}
