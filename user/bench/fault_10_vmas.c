/* Instructions per anonymous write fault in a process with 10 extra VMAs
 * (alternating PROT_READ / PROT_READ|PROT_WRITE pages, unmergeable). */
#include "bench.h"

int main(void)
{
	bench_make_vmas("fault_10_vmas", 10);
	bench_write_faults("fault_10_vmas", 256, 15);
	return 0;
}
