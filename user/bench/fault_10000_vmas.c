/* Instructions per anonymous write fault in a process with 10,000 extra VMAs
 * (alternating PROT_READ / PROT_READ|PROT_WRITE pages, unmergeable). */
#include "bench.h"

int main(void)
{
	bench_make_vmas("fault_10000_vmas", 10000);
	bench_write_faults("fault_10000_vmas", 256, 15);
	return 0;
}
