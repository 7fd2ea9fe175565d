/* The classic echo server: reuse is asked for but a failure would go unnoticed, and show up
 * only at the next restart as "Address already in use". */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int one = 1;
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        perror("socket");
        return 1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* expect: SCK006 */
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons(7);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 5) < 0) {
        perror("bind/listen");
        return 1;
    }
    for (;;) {
        char buf[512];
        ssize_t n;
        int c = accept(fd, NULL, NULL);
        if (c < 0)
            continue;
        while ((n = read(c, buf, sizeof buf)) > 0)
            write(c, buf, (size_t)n);
        close(c);
    }
}
