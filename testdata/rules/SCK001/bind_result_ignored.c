/*
 * Quick-and-dirty server code that does not even look at bind()'s result: with no branch on
 * the result there is a single path through bind() and listen(), and no SO_REUSEADDR on it,
 * so SCK001 must fire at the bind() statement.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int quick_server(void)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(5555);
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    bind(fd, (struct sockaddr *)&addr, sizeof addr); /* expect: SCK001 */
    listen(fd, 5);
    return accept(fd, NULL, NULL);
}
