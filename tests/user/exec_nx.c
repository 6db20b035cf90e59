/*
 * Call into a PROT_READ|PROT_WRITE page holding a `ret` byte: the fetch hits
 * the NX bit, giving SIGSEGV SEGV_ACCERR with si_addr == REG_RIP == the
 * call target and REG_ERR 0x15 (P|U|INSTR, docs/linux-abi.md §5, §12).
 * A never-touched page of a PROT_READ mapping also gives 0x15, not 0x14:
 * Linux maps the page first, then the fetch fails on NX (§0.4).
 * Control: after mprotect(PROT_READ|PROT_EXEC) the same call returns.
 */
#include "ftest.h"

#define RET_OPCODE 0xc3
#define OFF_RET 0x40			/* the `ret` byte in the RW page */
#define OFF_UNTOUCHED (PAGE_SIZE + 0x80)	/* in page 1 of a PROT_READ map */

typedef void (*fn_t)(void);

static int try_call(uintptr_t target)
{
	fault.signo = 0;
	if (sigsetjmp(fault_jmp, 1))
		return fault.signo;
	((fn_t)target)();
	return 0;
}

static void call_and_report(const char *label, uintptr_t target, uintptr_t base)
{
	int sig = try_call(target);

	report(label, sig, base);
	if (sig)
		printf("  si_addr_is_target %d rip_is_target %d\n",
		       fault.addr == target, (uintptr_t)fault.rip == target);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	uintptr_t rw = map_anon(1, PROT_READ | PROT_WRITE);
	*(volatile unsigned char *)(rw + OFF_RET) = RET_OPCODE;
	call_and_report("call RW page", rw + OFF_RET, rw);

	uintptr_t ro = map_anon(2, PROT_READ);
	call_and_report("call untouched PROT_READ page", ro + OFF_UNTOUCHED, ro);

	mprotect((void *)rw, PAGE_SIZE, PROT_READ | PROT_EXEC);
	call_and_report("call after mprotect RX", rw + OFF_RET, rw);
	return 0;
}
