/* Calls the factory twice and listens again on the result: still one finding, in listener.c. */
#include <sys/socket.h>

int make_listener(unsigned short port);

int main(void)
{
    int a = make_listener(7000);
    int b = make_listener(7001);
    if (a >= 0)
        listen(a, 32);
    return a < 0 || b < 0;
}
