/*
 * A user access to a canonical kernel address is a #PF, not a #GP
 * (docs/linux-abi.md §0.2, §5): SIGSEGV SEGV_MAPERR, si_addr exactly the address,
 * trapno 14, and REG_ERR with X86_PF_PROT forced on (Linux hides the kernel
 * page-table layout): 0x5 for a read, 0x7 for a write.  The same holds for
 * the top user page 0x7ffffffff000, which is never mapped (TASK_SIZE_MAX,
 * §12).  si_addr is printed raw: these are constants, not placements.
 */
#include "ftest.h"

#define DIRECT_MAP	0xffff888000000000UL	/* page_offset_base, nokaslr */
#define KERNEL_TEXT	0xffffffff81000000UL	/* start of the kernel image */
#define TOP_USER_PAGE	0x7ffffffff000UL	/* TASK_SIZE_MAX */

static void probe(const char *label, uintptr_t addr, int write)
{
	int sig = write ? try_write32(addr, 1) : try_read32(addr, NULL);

	report(label, sig, 0);
	if (sig)
		printf("  si_addr_exact %d\n", fault.addr == addr);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	probe("read direct map", DIRECT_MAP, 0);
	probe("read kernel text", KERNEL_TEXT, 0);
	probe("write direct map", DIRECT_MAP, 1);
	probe("write kernel text", KERNEL_TEXT, 1);
	probe("read top user page", TOP_USER_PAGE, 0);
	return 0;
}
