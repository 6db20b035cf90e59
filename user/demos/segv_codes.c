/*
 * segv_codes - the two reasons do_page_fault sends SIGSEGV
 * (docs/scenarios/segv-codes-and-exception-table.md).
 *   SEGV_MAPERR  no VMA covers the address   (find_vma -> bad_area)
 *   SEGV_ACCERR  a VMA covers it but forbids the access (access_error)
 * and the error-code bits the CPU reported for each (docs/linux-abi.md §12).
 */
#include "ftest.h"

int main(void)
{
	char *ro, *none;
	int v;
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	ro = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("read NULL (no VMA at all):\n");
	try_read32(0, &v);
	report("  fault", fault.signo, 0);
	printf("write a PROT_READ page (VMA without VM_WRITE):\n");
	try_write32((uintptr_t)ro + 8, 1);
	report("  fault", fault.signo, (uintptr_t)ro);
	printf("read a PROT_NONE page (VMA without any access):\n");
	try_read32((uintptr_t)none, &v);
	report("  fault", fault.signo, (uintptr_t)none);
	printf("error code bits: 0x1 PROT (else not-present), 0x2 WRITE, 0x4 USER, 0x10 INSTR\n");
	return 0;
}
