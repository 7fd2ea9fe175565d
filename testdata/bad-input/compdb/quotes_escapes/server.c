/* Each flag of the entry's "command" must reach the parser as the shell would split it:
 * any other split breaks one of these assertions, and the compile error shows. */
#include "cfg.h"
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

_Static_assert(sizeof GREETING == sizeof "hello, world", "single quotes around double quotes");
_Static_assert(sizeof WHO == sizeof "o'brien", "escaped double quotes inside double quotes");
_Static_assert(SUM == 2, "backslash-escaped spaces join a word");
_Static_assert(sizeof((int[]){EMPTY 0}) == sizeof(int), "an empty value");

int serve(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, CFG_BACKLOG);
}
