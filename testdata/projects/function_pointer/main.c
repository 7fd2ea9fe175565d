/*
 * The option set-up goes through a function pointer chosen at run time: nothing is known about
 * the call, so the socket may have reuse enabled there and nothing is reported (no crash either).
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*setup_fn)(int fd);

static int set_reuse(int fd)
{
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
}

static int set_nothing(int fd)
{
    return fd < 0;
}

int main(int argc, char **argv)
{
    setup_fn setup = argc > 1 ? set_nothing : set_reuse;
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    (void)argv;
    if (fd < 0 || setup(fd) < 0)
        return 1;
    memset(&sa, 0, sizeof sa);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return 1;
    return listen(fd, 1) < 0;
}
