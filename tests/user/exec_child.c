/*
 * fork + execve + wait4 (docs/linux-abi.md §11).  Run with no arguments, the
 * program forks; the child execve()s argv[0] again with the arguments
 * "child" and its own pid as the parent saw it.  In child mode it prints its
 * argc and argv[1], checks that exec kept the pid, and exits 7; the parent
 * prints WEXITSTATUS 7.  argv[0] must be a path execve can open (the harness
 * passes one).  If execve fails the child prints the errno and exits 127.
 */
#include "ftest.h"
#include <stdlib.h>

#define CHILD_EXIT 7
#define EXEC_FAILED 127

extern char **environ;

static int child_mode(int argc, char **argv)
{
	printf("child mode: argc %d argv[1] %s\n", argc, argv[1]);
	printf("child mode: pid kept across exec %d\n",
	       getpid() == (pid_t)atol(argv[2]));
	return CHILD_EXIT;
}

int main(int argc, char **argv)
{
	char pidbuf[24];
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child_mode(argc, argv);

	printf("parent: forking\n");
	pid_t pid = fork();
	if (pid == 0) {
		snprintf(pidbuf, sizeof pidbuf, "%ld", (long)getpid());
		char *args[] = { argv[0], "child", pidbuf, NULL };
		execve(argv[0], args, environ);
		printf("child: execve failed %s\n", errno_name(errno));
		_exit(EXEC_FAILED);
	}
	pid_t got = wait4(pid, &status, 0, NULL);
	printf("parent: wait4 returned the child %d\n", got == pid);
	print_wait_status("parent", status);
	return 0;
}
