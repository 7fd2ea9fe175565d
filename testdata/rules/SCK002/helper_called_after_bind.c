/*
 * A helper that enables SO_REUSEADDR on the socket it is given is right when called between
 * socket() and bind() (the admin listener below, clean) and useless when called after bind()
 * (the main listener). SPEC section 2 reports the situation where the fix belongs: SCK002 at
 * the late call to set_reuse(), not inside the helper; SCK001 at the main listener's bind().
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int set_reuse(int fd)
{
    int yes = 1;
    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

static void fill_any(struct sockaddr_in *sa, unsigned short port)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_addr.s_addr = htonl(INADDR_ANY);
    sa->sin_port = htons(port);
}

int open_main_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    fill_any(&sa, port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) /* expect: SCK001 */
        goto fail;
    if (set_reuse(fd) < 0) /* expect: SCK002 */
        goto fail;
    if (listen(fd, 128) < 0)
        goto fail;
    return fd;
fail:
    perror("open_main_listener");
    close(fd);
    return -1;
}

int open_admin_listener(unsigned short port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0)
        return -1;
    if (set_reuse(fd) < 0)
        goto fail;
    fill_any(&sa, port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 8) < 0)
        goto fail;
    return fd;
fail:
    close(fd);
    return -1;
}
