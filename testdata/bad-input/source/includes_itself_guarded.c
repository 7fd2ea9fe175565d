/* A unit that includes itself, behind an include guard: read twice, analysed once. */
#ifndef INCLUDES_ITSELF_GUARDED
#define INCLUDES_ITSELF_GUARDED
#include __FILE__
#include <sys/socket.h>

int serve(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    bind(fd, 0, 0);
    return listen(fd, 1);
}
#endif
