/* sockcheck: ignored, see the README */
/* notsockcheck: ignore[SCK001] */
a; // sockcheck: ignore
b; /* sockcheck: ignore because */
c; // sockcheck: ignore[SCK001
d; // sockcheck: ignore[SCK999, SCK001] x
e; // sockcheck: ignore[]
f; // sockcheck: ignore[SCK000]
