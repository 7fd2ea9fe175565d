/* The owner of the socket never sets reuse: the finding is at its call, two helpers above the
 * bind(), with the path through both in the code flow. */
#include <sys/socket.h>

int outer_setup(int sock, unsigned short port);

int main(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 1;
    return outer_setup(fd, 4000) < 0; /* expect: SCK001 */
}
