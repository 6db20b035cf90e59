/*
 * madvise(MADV_DONTNEED) and MADV_FREE refuse a locked range with EINVAL
 * and leave its pages in place (Linux mm/madvise.c
 * madvise_dontneed_free_valid_vma: VM_LOCKED is forbidden, only
 * MADV_DONTNEED_LOCKED may drop locked pages). After munlock the same
 * call works and the anonymous page reads back as zero.
 *   mlock: 0; DONTNEED locked: EINVAL, data kept; FREE locked: EINVAL;
 *   a range half locked: EINVAL; munlock then DONTNEED: 0, reads 0.
 * build: musl glibc
 */
#include "ftest.h"

static void try(const char *what, void *p, size_t len, int advice)
{
	errno = 0;
	int r = madvise(p, len, advice);
	printf("%s: %d %s\n", what, r, r < 0 ? errno_name(errno) : "");
}

int main(void)
{
	char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 1;
	p[0] = 'x';
	p[PAGE_SIZE] = 'y';
	printf("mlock first page: %d\n", mlock(p, PAGE_SIZE));
	try("DONTNEED locked page", p, PAGE_SIZE, MADV_DONTNEED);
	printf("locked page still holds: %c\n", p[0]);
	try("FREE locked page", p, PAGE_SIZE, MADV_FREE);
	try("DONTNEED both pages (first locked)", p, 2 * PAGE_SIZE, MADV_DONTNEED);
	printf("locked page still holds: %c\n", p[0]);
	printf("munlock: %d\n", munlock(p, PAGE_SIZE));
	try("DONTNEED after munlock", p, PAGE_SIZE, MADV_DONTNEED);
	printf("page reads back: %d\n", p[0]);
	return 0;
}
