/* Instructions per write fault on a fresh anonymous page. */
#include "bench.h"

int main(void)
{
	bench_write_faults("anon_write_fault", 256, 15);
	return 0;
}
