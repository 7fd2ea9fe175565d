/*
 * Suppression comments a linter must survive (SPEC §5, §6; issue 8): unknown and empty rule
 * ids beside a known one, a comment opener inside a block comment, a marker inside a string,
 * an escape sequence in a rule id, and a list that never closes. Two servers: the first
 * finding is suppressed, the second is not.
 */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

static const char *banner = "// sockcheck: ignore[SCK001] (in a string: not a comment)";

int suppressed(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    /* outer /* sockcheck: ignore[SCK999, , SCK001, missing-reuseaddr] nested opener */
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return listen(fd, 5);
}

int reported(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    (void)banner;
    // sockcheck: ignore[SCK001 the list never closes
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) // sockcheck: ignore[[2J]
        return -1;
    return listen(fd, 5);
}
