/* Instructions per anonymous write fault in the last 256 pages of a 1 GiB
 * mapping: the fault's cost must not depend on how big the VMA is (compare
 * anon_write_fault, whose mapping is those 256 pages alone).  The pages
 * get new page tables, as anon_write_fault's do.  MAP_NORESERVE: Linux's
 * overcommit heuristic refuses 1 GiB of private writable memory in a
 * 256 MiB guest without it (faultline does no accounting). */
#include "bench.h"

#define NAME "fault_1g_mapping"
#define MAPPING (1UL << 30)
#define PAGES 256
#define ROUNDS 15

int main(void)
{
	uint64_t d[ROUNDS];
	for (int r = -1; r < ROUNDS; r++) {
		char *base = mmap(NULL, MAPPING, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (base == MAP_FAILED)
			bench_die(NAME, "mmap");
		(void)madvise(base, MAPPING, MADV_NOHUGEPAGE);
		volatile char *p = base + MAPPING - PAGES * PAGE;
		uint64_t t0 = rdtsc();
		for (unsigned long i = 0; i < PAGES; i++)
			p[i * PAGE] = 1;
		uint64_t t1 = rdtsc();
		munmap(base, MAPPING);
		if (r >= 0)
			d[r] = t1 - t0;
	}
	bench_report(NAME, PAGES, d, ROUNDS);
	return 0;
}
