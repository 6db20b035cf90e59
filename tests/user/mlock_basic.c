/*
 * mlock_basic - mlock, mlock2, munlock, mlockall, munlockall, and what a
 * lock shows from user space: the pages are resident at once (mincore;
 * MLOCK_ONFAULT leaves them to be faulted in), msync(MS_INVALIDATE) on a
 * locked range is EBUSY, a range with a hole is ENOMEM (and nothing gets
 * locked by halves), bad flags are EINVAL, and a fork child does not
 * inherit the locks (its msync(MS_INVALIDATE) succeeds).  Run as root, so
 * RLIMIT_MEMLOCK does not apply.
 */
#include "ftest.h"

#define PAGES 4

static void show(const char *what, long r)
{
	printf("%-52s = %ld %s\n", what, r < 0 ? -1 : r, r < 0 ? errno_name(errno) : "");
}

static int resident(char *p, int pages)
{
	unsigned char vec[PAGES];
	int n = 0;
	if (mincore(p, pages * PAGE_SIZE, vec))
		return -1;
	for (int i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

int main(void)
{
	char *p = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *q = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("resident before mlock: %d\n", resident(p, PAGES));
	show("mlock(all 4 pages)", mlock(p, PAGES * PAGE_SIZE));
	printf("resident after mlock: %d\n", resident(p, PAGES));
	show("msync(MS_INVALIDATE) on the locked range", msync(p, PAGE_SIZE, MS_INVALIDATE));
	pid_t pid = fork();
	if (pid == 0)
		_exit(msync(p, PAGE_SIZE, MS_INVALIDATE) == 0 ? 0 : 1);
	waitpid(pid, &status, 0);
	printf("the fork child's copy is not locked: %d\n", WIFEXITED(status) && WEXITSTATUS(status) == 0);
	show("munlock(page 1)", munlock(p + PAGE_SIZE, PAGE_SIZE));
	show("msync(MS_INVALIDATE) on page 1", msync(p + PAGE_SIZE, PAGE_SIZE, MS_INVALIDATE));
	show("msync(MS_INVALIDATE) on page 2, still locked", msync(p + 2 * PAGE_SIZE, PAGE_SIZE, MS_INVALIDATE));
	munmap(q + PAGE_SIZE, PAGE_SIZE);
	show("mlock over a hole", mlock(q, 3 * PAGE_SIZE));
	show("  then msync(MS_INVALIDATE) before the hole", msync(q, PAGE_SIZE, MS_INVALIDATE));
	show("mlock2(flags 2)", syscall(SYS_mlock2, q, PAGE_SIZE, 2));
	show("mlock2(MLOCK_ONFAULT)", syscall(SYS_mlock2, q, PAGE_SIZE, 1));
	printf("resident after mlock2(MLOCK_ONFAULT): %d\n", resident(q, 1));
	show("mlockall(0)", mlockall(0));
	show("mlockall(MCL_ONFAULT)", mlockall(MCL_ONFAULT));
	show("mlockall(8)", mlockall(8));
	show("mlockall(MCL_CURRENT | MCL_FUTURE)", mlockall(MCL_CURRENT | MCL_FUTURE));
	char *r = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	show("msync(MS_INVALIDATE) on a mapping made after MCL_FUTURE", msync(r, PAGE_SIZE, MS_INVALIDATE));
	show("munlockall()", munlockall());
	show("msync(MS_INVALIDATE) on it after munlockall", msync(r, PAGE_SIZE, MS_INVALIDATE));
	show("mlock(unaligned start, 1 byte)", mlock(p + 100, 1));
	show("munlock(p, 0)", munlock(p, 0));
	return 0;
}
