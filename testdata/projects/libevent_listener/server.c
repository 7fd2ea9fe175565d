/*
 * libevent listeners: evconnlistener_new_bind() binds and listens inside the library, and sets
 * SO_REUSEADDR only when LEV_OPT_REUSEABLE is in its flags. The API model (rules/models) says so:
 * the call without the flag is the finding; a hand-made listener made reusable through
 * evutil_make_listen_socket_reuseable() is clean.
 */
#include <event2/listener.h>
#include <netinet/in.h>
#include <string.h>

static void on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa, int len,
                      void *arg)
{
    (void)l, (void)fd, (void)sa, (void)len, (void)arg;
}

int start(struct event_base *base)
{
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(8080);
    struct evconnlistener *good =
        evconnlistener_new_bind(base, on_accept, NULL, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE,
                                -1, (struct sockaddr *)&sin, sizeof sin);
    sin.sin_port = htons(8081);
    struct evconnlistener *bad = evconnlistener_new_bind( /* expect: SCK001 */
        base, on_accept, NULL, LEV_OPT_CLOSE_ON_FREE, -1, (struct sockaddr *)&sin, sizeof sin);
    return good && bad ? 0 : -1;
}

int start_raw(void)
{
    struct sockaddr_in sin;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || evutil_make_listen_socket_reuseable(fd) < 0)
        return -1;
    memset(&sin, 0, sizeof sin);
    if (bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0)
        return -1;
    return listen(fd, 16);
}
