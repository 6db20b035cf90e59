/* Instructions per mmap(4096, anonymous) + munmap() pair, page untouched, in
 * a process with 10 extra VMAs (alternating PROT_READ / PROT_READ|PROT_WRITE
 * pages, unmergeable): the baseline for mmap_munmap_100000_vmas. */
#include "bench.h"

int main(void)
{
	bench_make_vmas("mmap_munmap_10_vmas", 10);
	bench_mmap_munmap("mmap_munmap_10_vmas", 256, 15);
	return 0;
}
