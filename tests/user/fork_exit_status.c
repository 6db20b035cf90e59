/*
 * Exit status through wait4 (docs/linux-abi.md §4, §11): a child's _exit(3) is seen
 * as WIFEXITED with WEXITSTATUS 3; only the low 8 bits survive, so _exit(261)
 * is seen as 5.  wait with no children left fails with ECHILD; waitpid
 * of INT_MIN fails with ESRCH first, since -INT_MIN names no process group
 * (Linux kernel_wait4; LTP waitpid04, wait403).
 */
#include "ftest.h"

static void run_child(int code)
{
	int status;
	char label[32];

	pid_t pid = fork();
	if (pid == 0)
		_exit(code);
	pid_t got = waitpid(pid, &status, 0);
	snprintf(label, sizeof label, "_exit(%d)", code);
	print_wait_status(label, status);
	printf("  waitpid returned the child %d\n", got == pid);
}

int main(void)
{
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	run_child(3);
	run_child(261);
	int r = wait(&status);
	printf("wait without children: %d %s\n", r, errno_name(errno));
	r = waitpid(-2147483647 - 1, &status, 0);
	printf("waitpid(INT_MIN): %d %s\n", r, errno_name(errno));
	return 0;
}
