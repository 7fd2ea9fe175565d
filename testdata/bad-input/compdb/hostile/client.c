/* The same, through a "command" string: split like a shell would, then filtered. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#ifdef FROM_RESPONSE_FILE
#error "a response file (@bad.rsp) was read"
#endif

int serve_too(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 5);
}
