/*
 * pipe + fork + dup2 (docs/linux-abi.md §11): the child dup2()s the pipe's write
 * end onto fd 1 and prints a message with printf; the parent closes its
 * copy of the write end, reads until EOF (read returns 0 once the child's
 * end is closed), and prints what it got and the child's exit status.
 */
#include "ftest.h"

#define MSG "message through the pipe\n"

int main(void)
{
	int p[2], status;
	char buf[128];
	size_t got = 0;
	ssize_t n;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("pipe: %d\n", pipe(p));
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);		/* stdout is now the pipe */
		close(p[1]);
		printf(MSG);
		_exit(0);
	}
	close(p[1]);
	while ((n = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
		got += n;
	buf[got] = '\0';
	printf("parent: read %zu bytes, last read %zd\n", got, n);
	printf("parent got: %s", buf);
	waitpid(pid, &status, 0);
	print_wait_status("parent: child", status);
	return 0;
}
