/*
 * Starts the listeners of worker.c and factory.c. Nothing is decided here, so nothing should
 * be reported here (SPEC section 2: each situation is reported once, at one place). The callees
 * listened on the sockets they hand back, so their own findings say it all.
 */
#include <unistd.h>

int worker_listener(unsigned short port);
int balanced_listener(unsigned short port);
int open_shared_listener(unsigned short port);

int main(void)
{
    int a = worker_listener(8000);
    int b = balanced_listener(8001);
    int c = open_shared_listener(8002);
    int d = open_shared_listener(8003);
    pause();
    return a < 0 || b < 0 || c < 0 || d < 0;
}
