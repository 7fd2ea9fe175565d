/*
 * Recursion and mutual recursion: summaries of a cycle are iterated to a fixpoint and must
 * terminate. try_bind() retries itself; ping()/pong() call each other and one of them enables
 * reuse, so the socket that goes through them is clean; the other one is not.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int try_bind(int fd, unsigned short port, int attempts)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0)
        return 0;
    if (attempts <= 0)
        return -1;
    sleep(1);
    return try_bind(fd, port, attempts - 1);
}

static int pong(int fd, int depth);

static int ping(int fd, int depth)
{
    if (depth > 0)
        return pong(fd, depth - 1);
    int one = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
}

static int pong(int fd, int depth)
{
    return ping(fd, depth);
}

int main(void)
{
    int clean = socket(AF_INET, SOCK_STREAM, 0);
    int bare = socket(AF_INET, SOCK_STREAM, 0);
    if (clean < 0 || bare < 0)
        return 1;
    if (ping(clean, 3) < 0 || try_bind(clean, 6000, 3) < 0 || listen(clean, 5) < 0)
        return 1;
    if (try_bind(bare, 6001, 3) < 0) /* expect: SCK001 */
        return 1;
    return listen(bare, 5) < 0;
}
