/* Latin-1 text (not UTF-8): a comment "café, naïve", a string with bytes above 0x7f and a
 * socket name in a comment. Compilers accept it; the output must still be valid UTF-8. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static const char greeting[] = "¡Olé! señor";

int serve(void)
{
    struct sockaddr_in sa; /* dirección */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) /* ¡falla! */
        return -1;
    return listen(fd, (int)sizeof greeting);
}
