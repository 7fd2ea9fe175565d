/*
 * A small TCP echo server, as found in many tutorials, with the classic mistake sockcheck
 * exists for: it never sets SO_REUSEADDR before bind(). Stop it while a client is connected
 * and start it again: bind() fails with "Address already in use" for up to a minute, until
 * the old connections leave TIME_WAIT. sockcheck reports that bind() as SCK001.
 *
 * Build and run:  cc -Wall -Wextra -o server server.c && ./server 8080
 * Try it:         printf 'hello\n' | nc localhost 8080
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#define DEFAULT_PORT 8080

/* The port from argv[1], or DEFAULT_PORT; 0 when the argument is not a valid port. */
static unsigned short parse_port(int argc, char **argv)
{
    char *end;
    long port;

    if (argc < 2)
        return DEFAULT_PORT;
    errno = 0;
    port = strtol(argv[1], &end, 10);
    if (errno != 0 || end == argv[1] || *end != '\0' || port < 1 || port > 65535)
        return 0;
    return (unsigned short)port;
}

/* Sends back everything the client writes, until it closes its side. */
static void echo_client(int client)
{
    char buf[4096];
    ssize_t n;

    while ((n = read(client, buf, sizeof buf)) > 0) {
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = write(client, buf + off, (size_t)(n - off));
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                perror("write");
                return;
            }
            off += w;
        }
    }
    if (n < 0)
        perror("read");
}

/* A socket listening on port on every IPv4 address, or -1 (the reason is printed). */
static int open_listener(unsigned short port)
{
    struct sockaddr_in addr;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0) {
        perror("socket");
        return -1;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    /* Missing here: setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one). */
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        close(fd);
        return -1;
    }
    if (listen(fd, SOMAXCONN) < 0) {
        perror("listen");
        close(fd);
        return -1;
    }
    return fd;
}

int main(int argc, char **argv)
{
    unsigned short port = parse_port(argc, argv);
    int fd;

    if (port == 0) {
        fprintf(stderr, "usage: %s [PORT]\n", argv[0]);
        return EXIT_FAILURE;
    }
    fd = open_listener(port);
    if (fd < 0)
        return EXIT_FAILURE;
    printf("echo server listening on port %u\n", (unsigned)port);
    fflush(stdout);
    for (;;) {
        int client = accept(fd, NULL, NULL);
        if (client < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            perror("accept");
            break;
        }
        echo_client(client);
        close(client);
    }
    close(fd);
    return EXIT_FAILURE;
}
