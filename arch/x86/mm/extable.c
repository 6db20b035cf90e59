/*
 * arch/x86/mm/extable.c - the exception table
 * (docs/scenarios/segv-codes-and-exception-table.md): for each kernel
 * instruction allowed to fault on a user address, where to resume.
 * Entries come from _ASM_EXTABLE in include/uaccess.h and are gathered by
 * the linker into __ex_table.
 */
#include <asm/traps.h>
#include <uaccess.h>


const struct exception_table_entry *search_exception_tables(u64 addr)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

/* Resume at the fixup if the faulting instruction has one (Linux: fixup_exception). */
bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->rip);
	if (!e)
		return false;
	regs->rip = e->fixup;
	return true;
}

/* Copy a NUL-terminated string; -EFAULT on a bad address, -ENAMETOOLONG if
 * no NUL within max bytes.  Returns the length. */
long strncpy_from_user(char *dst, const char *usrc, long max)
{
	for (long i = 0; i < max; i++) {
		if (copy_from_user(&dst[i], usrc + i, 1))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return -ENAMETOOLONG;
}
