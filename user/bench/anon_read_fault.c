/* Instructions per read fault on an untouched anonymous page (Linux maps
 * its shared zero page read-only; so does faultline). */
#include "bench.h"

#define PAGES 256
#define ROUNDS 15

int main(void)
{
	uint64_t d[ROUNDS];
	unsigned long sum = 0;
	for (int r = -1; r < ROUNDS; r++) {
		volatile char *p = bench_fresh_region("anon_read_fault", PAGES);
		uint64_t t0 = rdtsc();
		for (unsigned long i = 0; i < PAGES; i++)
			sum += p[i * PAGE];
		uint64_t t1 = rdtsc();
		munmap((void *)p, PAGES * PAGE);
		if (r >= 0)
			d[r] = t1 - t0;
	}
	if (sum)
		bench_die("anon_read_fault", "zero fill");
	bench_report("anon_read_fault", PAGES, d, ROUNDS);
	return 0;
}
