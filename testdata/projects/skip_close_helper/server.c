/* Skipping (issue 7): hold() is in hold.c, drop() in drop.c. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

void hold(int fd, int failed);

int serve(unsigned short port, int failed)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    hold(fd, failed);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 16);
}
