/* Macro-heavy socket code: calls and constants behind layers of object-like, function-like,
 * variadic and token-pasting macros, X-macros and a macro that expands to a whole statement. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CAT_(a, b) a##b
#define CAT(a, b)  CAT_(a, b)
#define CALL(f, ...) f(__VA_ARGS__)
#define SYS(name)    CAT(name, )
#define LEVEL        CAT(SOL_, SOCKET)
#define OPT          CAT(SO_, REUSEADDR)
#define ONE          (1 ? 1 : 0)
#define SET_REUSE(fd)                                                                              \
    do {                                                                                           \
        int on_ = ONE;                                                                             \
        (void)CALL(setsockopt, fd, LEVEL, OPT, &on_, sizeof on_);                                  \
    } while (0)
#define BIND(fd, sa) CALL(SYS(bind), fd, (struct sockaddr *)&(sa), sizeof(sa))
#define LISTEN(fd)   CALL(listen, fd, CAT(SOMAX, CONN))
#define TCP_SOCKET() CALL(socket, AF_INET, CAT(SOCK_, STREAM), 0)

#define SERVERS(X) X(good, SET_REUSE(fd);) X(bad, )
#define DEFINE_SERVER(name, set_reuse)                                                             \
    static int name##_server(struct sockaddr_in sa)                                                \
    {                                                                                              \
        int fd = TCP_SOCKET();                                                                     \
        set_reuse                                                                                  \
        if (BIND(fd, sa) < 0)                                                                      \
            return -1;                                                                             \
        return LISTEN(fd);                                                                         \
    }
SERVERS(DEFINE_SERVER)

static int plain_server(struct sockaddr_in sa)
{
    int fd = TCP_SOCKET();
    SET_REUSE(fd);
    if (BIND(fd, sa) < 0)
        return -1;
    return LISTEN(fd);
}

static int forgetful_server(struct sockaddr_in sa)
{
    int fd = TCP_SOCKET();
    if (BIND(fd, sa) < 0)
        return -1;
    return LISTEN(fd);
}

int main(void)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    return good_server(sa) + bad_server(sa) + plain_server(sa) + forgetful_server(sa);
}
