/* Instructions per anonymous write fault in a process with 100,000 extra VMAs
 * (alternating PROT_READ / PROT_READ|PROT_WRITE pages, unmergeable).  Linux
 * needs vm.max_map_count raised above its default 65530 (linux_init does). */
#include "bench.h"

int main(void)
{
	bench_make_vmas("fault_100000_vmas", 100000);
	bench_write_faults("fault_100000_vmas", 256, 15);
	return 0;
}
