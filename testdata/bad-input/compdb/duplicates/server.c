/* Listed three times: the first entry's flags are used, and the unit is analysed once. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#ifdef SECOND_ENTRY
#error "a later entry's flags were used"
#endif

int serve(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, BACKLOG);
}
