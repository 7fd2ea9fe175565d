#include "listening.h"

int main(void)
{
    struct listening ls[4] = {{0}};
    struct listening admin[1] = {{0}};
    return open_listening_sockets(ls, 4) < 0 || open_admin_sockets(admin, 1) < 0;
}
