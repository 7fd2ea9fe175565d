/* café sockcheck: ignore[SCK001, SCKé] résumé */
bind(fd);
