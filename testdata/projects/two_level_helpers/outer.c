/* The middle helper only passes the socket on. */
int inner_bind_listen(int s, unsigned short port);

int outer_setup(int sock, unsigned short port)
{
    return inner_bind_listen(sock, port); /* related: SCK001 */
}
