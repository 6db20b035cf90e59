/*
 * ru_minflt counts minor page faults (docs/linux-abi.md §8, §11):
 *   writing 64 fresh anonymous pages:  +64 (one fault per page)
 *   writing them again:                +0  (already present)
 *   reading 64 fresh anonymous pages:  +64 (each maps the shared zero page)
 *   reading them again:                +0
 *   then writing those same 64 pages:  +64 (copy-on-write of the zero page)
 * The deltas are checked as booleans with SLACK extra faults allowed, since
 * code or stack pages may be faulted in along the way; SLACK is far smaller
 * than 64, so "no fault per page" or "two per page" still fails.
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

static long touch(uintptr_t base, int write)
{
	long before = minflt();
	for (int i = 0; i < PAGES; i++) {
		if (write)
			poke32(base + i * PAGE_SIZE, i);
		else
			(void)peek32(base + i * PAGE_SIZE);
	}
	return minflt() - before;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	uintptr_t a = map_anon(PAGES, PROT_READ | PROT_WRITE);
	uintptr_t b = map_anon(PAGES, PROT_READ | PROT_WRITE);

	printf("write 64 fresh pages: +64 %d\n", about(touch(a, 1), PAGES));
	printf("write them again: +0 %d\n", about(touch(a, 1), 0));
	printf("read 64 fresh pages: +64 %d\n", about(touch(b, 0), PAGES));
	printf("read them again: +0 %d\n", about(touch(b, 0), 0));
	printf("then write them: +64 %d\n", about(touch(b, 1), PAGES));
	return 0;
}
