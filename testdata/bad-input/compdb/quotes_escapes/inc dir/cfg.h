/* Found only if -I"inc dir" is split as one word. */
#define CFG_BACKLOG 5
