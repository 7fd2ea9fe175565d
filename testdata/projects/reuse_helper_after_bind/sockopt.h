/* Socket option helpers (sockopt.c). */
#ifndef SOCKOPT_H
#define SOCKOPT_H
int sockopt_reuse(int fd);
#endif
