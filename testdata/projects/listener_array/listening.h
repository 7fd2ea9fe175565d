/* nginx-style listening sockets: an array of structs filled from the configuration. */
#ifndef LISTENING_H
#define LISTENING_H
#include <netinet/in.h>
struct listening {
    int fd;
    struct sockaddr_in addr;
    int backlog;
    int reuseaddr;
};
int open_listening_sockets(struct listening *ls, int n);
int open_admin_sockets(struct listening *ls, int n);
#endif
