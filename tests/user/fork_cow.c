/*
 * fork gives the child a copy-on-write copy of memory (docs/linux-abi.md §11):
 * the child's writes to a global and to an anonymous page are invisible to
 * the parent, and the parent's writes after the child exited only change the
 * parent's copy.  The page is written before fork, so it is present and
 * shared read-only by both until one of them writes.
 */
#include "ftest.h"

#define BEFORE 1
#define CHILD_VALUE 2
#define PARENT_VALUE 3

static volatile int global = BEFORE;

int main(void)
{
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	uintptr_t page = map_anon(1, PROT_READ | PROT_WRITE);
	poke32(page, BEFORE);

	pid_t pid = fork();
	if (pid == 0) {
		global = CHILD_VALUE;
		poke32(page, CHILD_VALUE);
		printf("child: global %d page %d\n", global, peek32(page));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("parent: child", status);
	printf("parent: global %d page %d\n", global, peek32(page));

	global = PARENT_VALUE;
	poke32(page, PARENT_VALUE);
	printf("parent after write: global %d page %d\n", global, peek32(page));
	return 0;
}
