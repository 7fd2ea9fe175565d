#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

int prepare_socket(int fd, bool reuse);

int main(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || prepare_socket(fd, true) < 0)
        return 1;
    memset(&sa, 0, sizeof sa);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return 1;
    return listen(fd, 4) < 0;
}
