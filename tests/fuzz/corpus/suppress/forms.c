int a;
    bind(fd, 0, 0); // sockcheck: ignore[SCK001] tests need a fixed port
/* sockcheck: ignore[SCK001, missing-reuseaddr] reason: demo */
bind(fd);
x; // sockcheck: ignore[sck001]
y; // sockcheck:ignore [ missing-reuseaddr ]
/*
 * sockcheck: ignore[SCK001] the port is
 * given by inetd
 */
bind(fd);
bind(fd); // sockcheck: ignore[SCK001, missing-reuseaddr,SCK001] reason
