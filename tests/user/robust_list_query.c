/*
 * robust_list_query - set_robust_list / get_robust_list (Linux
 * kernel/futex/syscalls.c): a thread's head is what it last set; the
 * length must be sizeof(struct robust_list_head) (24) or EINVAL; pid 0 is
 * the caller, an unknown pid ESRCH, a bad pointer EFAULT; and another
 * process's list is readable only by who may ptrace it
 * (PTRACE_MODE_READ_REALCREDS): a root child's reads while the parent is
 * root too, and is EPERM once the parent has become uid 1, while the
 * parent's own still reads.
 */
#include "ftest.h"
#include <signal.h>
#include <sys/wait.h>

struct robust_head { void *list; long futex_offset; void *pending; };

int main(void)
{
	static struct robust_head head = { &head, 0, NULL };
	void *got = NULL;
	size_t len = 0;
	pid_t child;
	int hold[2];
	long r;

	printf("set, len 24: %ld\n", syscall(SYS_set_robust_list, &head, sizeof head));
	r = syscall(SYS_set_robust_list, &head, 23);
	printf("set, len 23: %ld %s\n", r, r ? errno_name(errno) : "");
	r = syscall(SYS_get_robust_list, 0, &got, &len);
	printf("get, pid 0: %ld, head is ours %s, len %zu\n", r, got == &head ? "yes" : "no", len);
	r = syscall(SYS_get_robust_list, 999999, &got, &len);
	printf("get, no such pid: %ld %s\n", r, r ? errno_name(errno) : "");
	r = syscall(SYS_get_robust_list, 0, (void *)8, &len);
	printf("get, bad head pointer: %ld %s\n", r, r ? errno_name(errno) : "");
	pipe(hold);
	child = fork();
	if (child == 0) {
		close(hold[1]);
		read(hold[0], &r, 1);	/* until the parent closes its end: a uid 1 parent cannot kill it */
		_exit(0);
	}
	close(hold[0]);
	r = syscall(SYS_get_robust_list, child, &got, &len);
	printf("get, root child as root: %ld\n", r);
	if (setuid(1))
		return 1;
	r = syscall(SYS_get_robust_list, child, &got, &len);
	printf("get, root child as uid 1: %ld %s\n", r, r ? errno_name(errno) : "");
	r = syscall(SYS_get_robust_list, getpid(), &got, &len);
	printf("get, own pid as uid 1: %ld\n", r);
	close(hold[1]);
	waitpid(child, NULL, 0);
	return 0;
}
