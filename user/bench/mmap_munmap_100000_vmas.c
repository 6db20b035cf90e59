/* Instructions per mmap(4096, anonymous) + munmap() pair, page untouched, in
 * a process with 100,000 extra VMAs (alternating PROT_READ /
 * PROT_READ|PROT_WRITE pages, unmergeable).  Linux needs vm.max_map_count
 * raised above its default 65530 (linux_init does). */
#include "bench.h"

int main(void)
{
	bench_make_vmas("mmap_munmap_100000_vmas", 100000);
	bench_mmap_munmap("mmap_munmap_100000_vmas", 256, 15);
	return 0;
}
