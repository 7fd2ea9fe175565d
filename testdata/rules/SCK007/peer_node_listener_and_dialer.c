/*
 * A peer-to-peer node: one socket is bound to the node's fixed port 9735 and listens, another
 * one dials a peer without binding. The constant port and the connect() belong to two
 * different sockets: nobody reconnects from a fixed port. SCK007 must stay silent.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct node {
    int listener;
    int peer;
};

int node_start(struct node *n, const struct sockaddr_in *seed)
{
    struct sockaddr_in sa;
    int one = 1;

    n->listener = socket(AF_INET, SOCK_STREAM, 0);
    if (n->listener < 0)
        return -1;
    setsockopt(n->listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* expect: SCK006 */
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(9735);
    if (bind(n->listener, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(n->listener, 32) < 0)
        return -1;
    n->peer = socket(AF_INET, SOCK_STREAM, 0);
    if (n->peer < 0)
        return -1;
    return connect(n->peer, (const struct sockaddr *)seed, sizeof *seed);
}
