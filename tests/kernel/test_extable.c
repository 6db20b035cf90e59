/*
 * In-kernel tests of the exception table
 * (docs/scenarios/segv-codes-and-exception-table.md): a kernel access to a
 * bad user or kernel address inside copy_*_user returns an error through
 * search_exception_tables()/fixup_exception() instead of oopsing.
 */
#include <ktest.h>
#include <uaccess.h>
#include <asm/traps.h>
#include <mm.h>

KTEST(copy_from_user_bad_address_is_efault)
{
	u64 v = 0x1234;
	/* 0x10000 is unmapped here (no user mm during boot): a #PF fixed up. */
	KTEST_EXPECT(copy_from_user(&v, (void *)0x10000, sizeof(v)) == sizeof(v));
	KTEST_EXPECT(v == 0x1234);
	KTEST_EXPECT(get_user(v, (u64 *)0x20000) == -EFAULT);
}

KTEST(copy_to_user_rejects_kernel_address)
{
	u64 v = 1;
	/* access_ok refuses it before any access is tried */
	KTEST_EXPECT(copy_to_user((void *)PAGE_OFFSET, &v, sizeof(v)) == sizeof(v));
	KTEST_EXPECT(put_user(v, (u64 *)0xffffffff81000000UL) == -EFAULT);
}

KTEST(nofault_read_of_unmapped_kernel_address)
{
	u64 v;
	/* A hole in the kernel half: the copy faults and the fixup answers. */
	KTEST_EXPECT(copy_from_kernel_nofault(&v, (void *)0xffffc88000000000UL, sizeof(v)) == -EFAULT);
	KTEST_EXPECT(copy_from_kernel_nofault(&v, &v, sizeof(v)) == 0);
}

KTEST(exception_table_lookup)
{
	extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];
	KTEST_EXPECT(__stop___ex_table - __start___ex_table > 0);
	KTEST_EXPECT(search_exception_tables(__start___ex_table->insn) == __start___ex_table);
	KTEST_EXPECT(search_exception_tables((u64)ktest_fail) == NULL);
}
