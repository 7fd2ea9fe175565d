/* Socket helpers shared by the servers of this project. */
#ifndef NET_H
#define NET_H
int net_set_reuse(int fd);
int net_set_nonblocking(int fd);
#endif
