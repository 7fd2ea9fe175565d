/*
 * Starts the listeners of worker.c and factory.c. Nothing is decided here, so nothing should
 * be reported here (SPEC section 2: each situation is reported once, at one place). The engine
 * notes SCK009 again at every call that hands back a listening socket with SO_REUSEPORT
 * (analysis.c apply_created: a socket that comes back with reuse on "got it at this call"),
 * although the callee already listened on it: known duplicates, marked todo-clean.
 */
#include <unistd.h>

int worker_listener(unsigned short port);
int balanced_listener(unsigned short port);
int open_shared_listener(unsigned short port);

int main(void)
{
    int a = worker_listener(8000); /* todo-clean: SCK009 */
    int b = balanced_listener(8001);
    int c = open_shared_listener(8002); /* todo-clean: SCK009 */
    int d = open_shared_listener(8003); /* todo-clean: SCK009 */
    pause();
    return a < 0 || b < 0 || c < 0 || d < 0;
}
