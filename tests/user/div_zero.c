/*
 * Integer division by zero raises #DE (vector 0): SIGFPE with si_code
 * FPE_INTDIV, si_addr == REG_RIP == the address of the div instruction
 * (a fault: RIP is not advanced), REG_TRAPNO 0, REG_ERR 0 (docs/linux-abi.md §5,
 * §12).  The quotient overflow LONG_MIN / -1 is the same #DE and Linux
 * reports it the same way: FPE_INTDIV, not FPE_INTOVF.  10 / 3 works.
 */
#include "ftest.h"
#include <limits.h>

/* long do_div(long a, long b) = a / b, with a label on the idiv. */
asm(".text\n"
    ".globl do_div, div_insn\n"
    "do_div:\n"
    "	movq %rdi, %rax\n"
    "	cqto\n"
    "div_insn:\n"
    "	idivq %rsi\n"
    "	ret\n");
long do_div(long a, long b);
extern const char div_insn[];

static void try_div(const char *label, long a, long b)
{
	fault.signo = 0;
	if (sigsetjmp(fault_jmp, 1) == 0) {
		printf("%s: ok, %ld\n", label, do_div(a, b));
		return;
	}
	printf("%s: %s %s trapno %ld err %ld si_addr_is_div %d rip_is_div %d\n",
	       label, sig_name(fault.signo), code_name(fault.signo, fault.code),
	       fault.trapno, fault.err, fault.addr == (uintptr_t)div_insn,
	       fault.rip == (long)div_insn);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	try_div("10 / 3", 10, 3);
	try_div("1 / 0", 1, 0);
	try_div("LONG_MIN / -1", LONG_MIN, -1);
	return 0;
}
