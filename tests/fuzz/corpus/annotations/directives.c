/* test-args: -D_WIN32 -I include/win "-DQ=a b" */
int a; /* expect: SCK001 */
int b; /* expect: SCK001, SCK006 x2 "reuse" */
// expect-next-line: SCK003
int c;
int d; /* related: SCK001 */ /* todo-expect: SCK004 */ // todo-clean: SCK005
int e; /* expect: SCK999 */ /* expect: */ /* expect SCK001 */ /* Expect: sck001 */
int f; /* expect: SCK001 x0 */ /* expect: SCK001 "unterminated */
char *s = "/* expect: SCK001 */"; char c2 = '"'; /* expect-next-line: SCK002 x3 "a\"b" */
