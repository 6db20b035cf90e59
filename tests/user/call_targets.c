/*
 * call_targets - instruction fetches that fault (docs/linux-abi.md §5 table):
 * calling NULL is SEGV_MAPERR with REG_ERR 0x14 (user fetch, not present);
 * calling into PROT_NONE is SEGV_ACCERR 0x14 (access_error: no access at
 * all); calling into a touched PROT_READ page is SEGV_ACCERR 0x15 (present
 * but NX).  (Reading a PROT_EXEC-only page is left out: with PKU, Linux
 * makes such pages unreadable, so the answer depends on the CPU.)
 */
#include "ftest.h"

typedef void (*fn_t)(void);

static void call(const char *label, uintptr_t target, uintptr_t base)
{
	if (!sigsetjmp(fault_jmp, 1))
		((fn_t)target)();
	report(label, fault.signo, base);
}

int main(void)
{
	char *none = mmap(NULL, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *ro = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char touch;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	call("call NULL", 0, 0);
	call("call PROT_NONE", (uintptr_t)none, (uintptr_t)none);
	touch = ro[0];
	(void)touch;
	call("call touched PROT_READ", (uintptr_t)ro, (uintptr_t)ro);
	return 0;
}
