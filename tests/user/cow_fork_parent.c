/*
 * After fork the parent's private pages are read-only too (Linux
 * copy_page_range write-protects both sides; docs/labs/cow.md).  Once the
 * child has exited, the parent's first write to each of PAGES pages is
 * still one page fault (ru_minflt +1 a page; do_wp_page finds it the last
 * user and writes in place), a second write costs none, and the child's
 * writes before it exited never show.  With an eager copy at fork the
 * parent's pages would stay writable: +0 faults.  SLACK as in
 * cow_fork_child.
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
		write_all(m, 200);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	print_wait_status("parent: child", status);
	printf("parent: child's writes not seen: %d\n", all_are(m, 100));
	printf("parent: first writes after fork fault once a page: %d\n", about(write_all(m, 300), PAGES));
	printf("parent: second writes do not fault: %d\n", about(write_all(m, 400), 0));
	printf("parent: reads its new values: %d\n", all_are(m, 400));
	return 0;
}
