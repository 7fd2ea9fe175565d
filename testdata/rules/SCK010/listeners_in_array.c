/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * A listener in a loop over its configured ports, each one given SO_REUSEADDR on Windows. The
 * listening sockets live in an array of structs; every one of them can be hijacked: SCK010 must
 * fire at the setsockopt().
 */
#include <winsock2.h>

struct listener {
    SOCKET s;
    unsigned short port;
};

int open_all(struct listener *ls, int n)
{
    for (int i = 0; i < n; i++) {
        struct sockaddr_in sa;
        BOOL on = TRUE;
        ls[i].s = socket(AF_INET, SOCK_STREAM, 0);
        if (ls[i].s == INVALID_SOCKET)
            return -1;
        /* expect-next-line: SCK010 */
        setsockopt(ls[i].s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof on); /* expect: SCK006 */
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons(ls[i].port);
        if (bind(ls[i].s, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(ls[i].s, 16) != 0)
            return -1;
    }
    return 0;
}
