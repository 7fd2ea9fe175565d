/*
 * A fix test (with fix_tabs_no_stdio.fixed.c): a server indented with tabs, whose bind() sits
 * inside a loop over ports, in a file that defines _GNU_SOURCE and does not include
 * <stdio.h>. The SCK001 fix must insert the checked setsockopt() before the if holding the
 * bind(), one tab deeper for the perror() line, and #include <stdio.h> after _GNU_SOURCE and
 * before the first #include, so that the feature macro still comes first.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int listen_first_free(unsigned short first, unsigned short last)
{
	for (unsigned short port = first; port <= last; port++) {
		struct sockaddr_in addr;
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (fd < 0)
			return -1;
		memset(&addr, 0, sizeof addr);
		addr.sin_family = AF_INET;
		addr.sin_port = htons(port);
		if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &(int){1}, sizeof(int)) < 0)
			perror("setsockopt(SO_REUSEADDR)");
		if (bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 && /* expect: SCK001 */
		    listen(fd, 16) == 0)
			return fd;
		close(fd);
	}
	return -1;
}
