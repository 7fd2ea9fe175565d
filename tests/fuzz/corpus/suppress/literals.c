const char *s = "// sockcheck: ignore[SCK001]";
char c = '\'';
const char *t = "/* sockcheck: ignore[SCK001] */\" "; // sockcheck: ignore[SCK002,SCK003]
/* unterminated sockcheck: ignore[SCK001, SCK006]