/* Found only through the entry's -Iinclude, relative to its relative "directory". */
#define SERVER_PORT 8080
