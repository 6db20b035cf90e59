/*
 * Linux has no %rsp check for stack growth (removed in 4.20; docs/linux-abi.md
 * §0.8, §9): any fault between the stack VMA and the VMA below it grows the
 * stack, as long as RLIMIT_STACK (8 MiB) and the 1 MiB guard gap allow.  So
 * writing 1 MiB and 4 MiB below the current %rsp works and reads back.  (The
 * old rule, "more than 64 KiB + 256 bytes below %rsp is SIGSEGV", would make
 * these report a fault.)
 */
#include "ftest.h"

#define MiB (1024UL * 1024)
#define VALUE 0x5a5a

static void probe(const char *label, uintptr_t distance)
{
	uintptr_t rsp;
	int v = -1;

	asm volatile("movq %%rsp, %0" : "=r"(rsp));
	uintptr_t addr = rsp - distance;
	int sig = try_write32(addr, VALUE);
	if (!sig)
		sig = try_read32(addr, &v);
	report(label, sig, rsp);
	printf("  reads back 0x%x\n", v);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	probe("1 MiB below rsp", 1 * MiB);
	probe("4 MiB below rsp", 4 * MiB);
	return 0;
}
