/* The project's socket helpers (net.c). */
#ifndef NET_H
#define NET_H
int net_tcp_socket(int family);
#endif
