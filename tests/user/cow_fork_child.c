/*
 * fork shares the parent's pages copy-on-write (Linux mm/memory.c
 * copy_page_range and do_wp_page; docs/labs/cow.md): the child's first
 * write to each of PAGES pages the parent had written is one page fault
 * (ru_minflt +1 a page: the page was shared read-only and is copied now),
 * a second write costs none, and the parent never sees the child's
 * values.  An eager copy at fork would show +0 faults.  The counts allow
 * SLACK faults for the stack and stdio along the way.
 */
#include "ftest.h"
#include <sys/resource.h>

#define PAGES 64
#define SLACK 8

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static int about(long delta, long want)
{
	return delta >= want && delta <= want + SLACK;
}

static long write_all(uintptr_t m, int base)
{
	long before = minflt();

	for (int i = 0; i < PAGES; i++)
		poke32(m + i * PAGE_SIZE, base + i);
	return minflt() - before;
}

static int all_are(uintptr_t m, int base)
{
	for (int i = 0; i < PAGES; i++)
		if (peek32(m + i * PAGE_SIZE) != base + i)
			return 0;
	return 1;
}

int main(void)
{
	int status;
	uintptr_t m = map_anon(PAGES, PROT_READ | PROT_WRITE);

	setvbuf(stdout, NULL, _IONBF, 0);
	madvise((void *)m, PAGES * PAGE_SIZE, MADV_NOHUGEPAGE);
	write_all(m, 100);
	pid_t pid = fork();
	if (pid == 0) {
		printf("child: reads the parent's values: %d\n", all_are(m, 100));
		printf("child: first writes fault once a page: %d\n", about(write_all(m, 200), PAGES));
		printf("child: second writes do not fault: %d\n", about(write_all(m, 300), 0));
		printf("child: reads its own values: %d\n", all_are(m, 300));
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("parent: child", status);
	printf("parent: still has its values: %d\n", all_are(m, 100));
	return 0;
}
