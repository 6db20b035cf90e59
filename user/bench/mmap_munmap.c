/* Instructions per mmap(4096, anonymous) + munmap() pair, page untouched. */
#include "bench.h"

#define ITERS 256
#define ROUNDS 15

int main(void)
{
	uint64_t d[ROUNDS];
	for (int r = -1; r < ROUNDS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < ITERS; i++) {
			void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED || munmap(p, PAGE))
				bench_die("mmap_munmap", "mmap/munmap");
		}
		uint64_t t1 = rdtsc();
		if (r >= 0)
			d[r] = t1 - t0;
	}
	bench_report("mmap_munmap", ITERS, d, ROUNDS);
	return 0;
}
