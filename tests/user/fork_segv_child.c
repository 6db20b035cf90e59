/*
 * fork; the child writes to NULL with no handler and is killed by SIGSEGV;
 * the parent's wait4 reports WIFSIGNALED with WTERMSIG 11 and the parent
 * itself is unaffected (docs/linux-abi.md §4, §11).  The raw status and
 * WCOREDUMP are never printed: the 0x80 core flag depends on RLIMIT_CORE
 * and core_pattern (§0.1).
 */
#include "ftest.h"

int main(void)
{
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("parent: forking\n");
	pid_t pid = fork();
	if (pid == 0) {
		printf("child: writing to NULL\n");
		poke32(0, 1);
		printf("child: survived\n");
		_exit(0);
	}
	pid_t got = wait4(pid, &status, 0, NULL);
	printf("parent: wait4 returned the child %d\n", got == pid);
	print_wait_status("parent", status);
	return 0;
}
