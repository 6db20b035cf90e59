/*
 * ud2 is the defined invalid opcode: #UD (vector 6) gives SIGILL with
 * si_code ILL_ILLOPN, si_addr == REG_RIP == the address of the ud2,
 * REG_TRAPNO 6, REG_ERR 0 (docs/linux-abi.md §5, §12).
 */
#include "ftest.h"

asm(".text\n"
    ".globl do_ud2, ud2_insn\n"
    "do_ud2:\n"
    "ud2_insn:\n"
    "	ud2\n"
    "	ret\n");
void do_ud2(void);
extern const char ud2_insn[];

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();

	if (sigsetjmp(fault_jmp, 1) == 0) {
		do_ud2();
		printf("ud2: no signal\n");
		return 1;
	}
	printf("ud2: %s %s trapno %ld err %ld\n", sig_name(fault.signo),
	       code_name(fault.signo, fault.code), fault.trapno, fault.err);
	printf("si_addr_is_ud2 %d rip_is_ud2 %d\n",
	       fault.addr == (uintptr_t)ud2_insn, fault.rip == (long)ud2_insn);
	return 0;
}
