/*
 * mlock_rlimit - RLIMIT_MEMLOCK for a caller without CAP_IPC_LOCK (Linux
 * mm/mlock.c: can_do_mlock and do_mlock).  A zero limit makes mlock, mlock2
 * and mlockall EPERM; otherwise the locked bytes after the call (the range
 * plus what is locked elsewhere; relocking a locked range adds nothing)
 * must fit the limit or the call is ENOMEM, and mlockall(MCL_CURRENT) is
 * ENOMEM when the whole address space does not fit.  The checks run in a
 * child with euid nobody, so no capability lifts the limit.
 */
#include "ftest.h"
#include <sys/resource.h>

static void show(const char *what, long r)
{
	printf("%-44s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

static void set_limit(rlim_t bytes)
{
	struct rlimit rl = { bytes, bytes };
	if (setrlimit(RLIMIT_MEMLOCK, &rl))
		printf("setrlimit failed: %s\n", errno_name(errno));
}

static void child(void)
{
	char *p = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	set_limit(2 * PAGE_SIZE);
	if (seteuid(65534))
		printf("seteuid failed: %s\n", errno_name(errno));
	show("limit 2 pages: mlock(3 pages)", mlock(p, 3 * PAGE_SIZE));
	show("mlock(2 pages)", mlock(p, 2 * PAGE_SIZE));
	show("mlock(the same 2 pages again)", mlock(p, 2 * PAGE_SIZE));
	show("mlock(1 more page)", mlock(p + 2 * PAGE_SIZE, PAGE_SIZE));
	show("mlock2(1 more page, MLOCK_ONFAULT)", syscall(SYS_mlock2, p + 2 * PAGE_SIZE, PAGE_SIZE, 1));
	show("munlock(page 0)", munlock(p, PAGE_SIZE));
	show("mlock(pages 1-2, page 1 still locked)", mlock(p + PAGE_SIZE, 2 * PAGE_SIZE));
	show("mlockall(MCL_CURRENT)", mlockall(MCL_CURRENT));
	show("mlockall(MCL_FUTURE)", mlockall(MCL_FUTURE));
	show("munlockall()", munlockall());
	if (seteuid(0))
		printf("seteuid(0) failed\n");
	set_limit(0);
	if (seteuid(65534))
		printf("seteuid failed\n");
	show("limit 0: mlock(1 page)", mlock(p, PAGE_SIZE));
	show("mlock2(1 page, 0)", syscall(SYS_mlock2, p, PAGE_SIZE, 0));
	show("mlockall(MCL_FUTURE)", mlockall(MCL_FUTURE));
	show("munlock(1 page)", munlock(p, PAGE_SIZE));
}

int main(void)
{
	int status;
	setvbuf(stdout, NULL, _IONBF, 0);
	pid_t pid = fork();
	if (pid == 0) {
		child();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("child exit %d\n", WEXITSTATUS(status));
	return 0;
}
