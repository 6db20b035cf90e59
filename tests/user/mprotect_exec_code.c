/*
 * Running code copied into an anonymous mapping (docs/linux-abi.md §5, §7):
 * "mov $42, %eax; ret" is copied into a RW page; calling it there faults
 * (SIGSEGV SEGV_ACCERR, REG_ERR 0x15, si_addr = the page); after
 * mprotect(PROT_READ|PROT_EXEC) the call returns 42 and a write faults
 * (err 0x7); mprotect back to RW, patch the immediate to 7, mprotect R|X
 * again: the call returns 7.  mprotect with an unknown bit (0x10) -> EINVAL.
 * (A PROT_EXEC-only read is not tested: it faults on CPUs with PKU.)
 */
#include "ftest.h"

static const unsigned char code[] = { 0xb8, 42, 0, 0, 0, 0xc3 };

typedef int (*fn_t)(void);

static int try_call(uintptr_t addr, int *ret)
{
	fault.signo = 0;
	if (sigsetjmp(fault_jmp, 1))
		return fault.signo;
	*ret = ((fn_t)addr)();
	return 0;
}

int main(void)
{
	int ret = -1, sig;

	setvbuf(stdout, NULL, _IONBF, 0);
	catch_faults();
	uintptr_t page = map_anon(1, PROT_READ | PROT_WRITE);
	memcpy((void *)page, code, sizeof code);

	sig = try_call(page, &ret);
	report("call in RW page", sig, page);
	printf("mprotect R|X: %d\n", mprotect((void *)page, PAGE_SIZE,
					      PROT_READ | PROT_EXEC));
	sig = try_call(page, &ret);
	report("call in R|X page", sig, page);
	printf("  returned %d\n", ret);
	report("write R|X page", try_write32(page + 64, 1), page);

	printf("mprotect RW: %d\n", mprotect((void *)page, PAGE_SIZE,
					     PROT_READ | PROT_WRITE));
	((unsigned char *)page)[1] = 7;
	printf("mprotect R|X: %d\n", mprotect((void *)page, PAGE_SIZE,
					      PROT_READ | PROT_EXEC));
	ret = -1;
	sig = try_call(page, &ret);
	report("call patched code", sig, page);
	printf("  returned %d\n", ret);

	errno = 0;
	int r = mprotect((void *)page, PAGE_SIZE, PROT_READ | 0x10);
	printf("mprotect unknown bit 0x10: %d %s\n", r, errno_name(errno));
	return 0;
}
