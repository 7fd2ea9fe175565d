/*
 * Two listening sockets in one function: the public HTTP socket gets SO_REUSEADDR before its
 * bind(), the admin socket does not. Sockets are tracked separately, so exactly one SCK001
 * finding is expected, at the admin socket's bind(); the HTTP bind() must stay clean.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct listeners {
    int http_fd;
    int admin_fd;
};

static void fill_any(struct sockaddr_in *sa, unsigned short port)
{
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    sa->sin_addr.s_addr = htonl(INADDR_ANY);
    sa->sin_port = htons(port);
}

int listeners_open(struct listeners *ls, unsigned short http_port, unsigned short admin_port)
{
    struct sockaddr_in http_addr, admin_addr;
    int one = 1;
    int http_fd = socket(AF_INET, SOCK_STREAM, 0);
    int admin_fd = socket(AF_INET, SOCK_STREAM, 0);

    if (http_fd < 0 || admin_fd < 0)
        goto fail;
    if (setsockopt(http_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
        goto fail;
    fill_any(&http_addr, http_port);
    fill_any(&admin_addr, admin_port);
    if (bind(http_fd, (struct sockaddr *)&http_addr, sizeof http_addr) < 0)
        goto fail;
    if (bind(admin_fd, (struct sockaddr *)&admin_addr, sizeof admin_addr) < 0) /* expect: SCK001 */
        goto fail;
    if (listen(http_fd, 256) < 0 || listen(admin_fd, 4) < 0)
        goto fail;
    ls->http_fd = http_fd;
    ls->admin_fd = admin_fd;
    return 0;
fail:
    perror("listeners_open");
    if (http_fd >= 0)
        close(http_fd);
    if (admin_fd >= 0)
        close(admin_fd);
    return -1;
}
