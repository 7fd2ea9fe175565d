/*
 * The uplink client binds through bind_source_port() (bindutil.c), which binds the constant
 * port 4100, and then connects: reconnecting to the same collector collides with the previous
 * connection's TIME_WAIT. SCK007 should report it. The rule only sees a constant port assigned
 * and bound in the same function (and then connected there), so this cross-function case is a
 * known miss. Where it belongs is open: at this call (the helper is fine for a caller that
 * listens) by SPEC section 2's "where the fix belongs", or at the helper's bind() by the table.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int bind_source_port(int fd);

int uplink_send(const struct sockaddr_in *collector, const char *msg, size_t len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (bind_source_port(fd) < 0 || /* todo-expect: SCK007 */
        connect(fd, (const struct sockaddr *)collector, sizeof *collector) < 0 ||
        write(fd, msg, len) != (ssize_t)len) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}
