/* The parts of libevent 2's event2/listener.h and event2/util.h this test uses, declared as the
 * library declares them (the real headers are not needed: the API model describes the calls). */
#ifndef EVENT2_LISTENER_H_INCLUDED_
#define EVENT2_LISTENER_H_INCLUDED_
#include <sys/socket.h>

struct event_base;
struct evconnlistener;
typedef int evutil_socket_t;
typedef void (*evconnlistener_cb)(struct evconnlistener *, evutil_socket_t, struct sockaddr *,
                                  int socklen, void *);

#define LEV_OPT_LEAVE_SOCKETS_BLOCKING (1u << 0)
#define LEV_OPT_CLOSE_ON_FREE (1u << 1)
#define LEV_OPT_CLOSE_ON_EXEC (1u << 2)
#define LEV_OPT_REUSEABLE (1u << 3)

struct evconnlistener *evconnlistener_new_bind(struct event_base *base, evconnlistener_cb cb,
                                               void *ptr, unsigned flags, int backlog,
                                               const struct sockaddr *sa, int socklen);
int evutil_make_listen_socket_reuseable(evutil_socket_t sock);
#endif
