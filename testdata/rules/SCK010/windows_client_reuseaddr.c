/* test-args: --target=x86_64-w64-mingw32 -isystem /usr/x86_64-w64-mingw32/include */
/*
 * A Windows client that sets SO_REUSEADDR before connect(). It never listens, so no port is
 * exposed to hijacking: SCK010 must stay silent. The option still does nothing on a socket
 * that never binds, which SCK003 reports (it is not limited to POSIX targets).
 */
#include <winsock2.h>
#include <ws2tcpip.h>

int send_hello(const struct sockaddr_in *server)
{
    BOOL on = TRUE;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof on); /* expect: SCK003, SCK006 */
    if (connect(s, (const struct sockaddr *)server, sizeof *server) != 0) {
        closesocket(s);
        return -1;
    }
    send(s, "hello", 5, 0);
    closesocket(s);
    return 0;
}
