/*
 * kernel/kallsyms.c - address -> "function+0xoff/0xsize", as in an oops's
 * RIP line and call trace.  The table is produced at link time by
 * tools/kallsyms.py (two-pass link, like Linux's scripts/link-vmlinux.sh).
 */
#include <kallsyms.h>
#include <printk.h>
#include <string.h>
#include "kallsyms_internal.h"

/* Binary search for the last symbol starting at or below addr. */
static long symbol_index(u64 addr)
{
	long lo = 0, hi = (long)kallsyms_num - 1, found = -1;
	while (lo <= hi) {
		long mid = (lo + hi) / 2;
		if (kallsyms_addrs[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *kallsyms_lookup(u64 addr, u64 *size, u64 *offset)
{
	long i = symbol_index(addr);
	if (i < 0 || addr >= kallsyms_addrs[i] + kallsyms_sizes[i])
		return NULL;
	*size = kallsyms_sizes[i];
	*offset = addr - kallsyms_addrs[i];
	return kallsyms_strtab + kallsyms_name_off[i];
}

void sprint_symbol(char *buf, size_t len, u64 addr)
{
	u64 size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);
	if (name)
		snprintf(buf, len, "%s+0x%lx/0x%lx", name, off, size);
	else
		snprintf(buf, len, "0x%lx", addr);
}

/*
 * For a return address: look up addr - 1, so that a call that is the last
 * instruction of a function is named after that function, not the next one
 * (Linux: %pB, sprint_backtrace()).  The printed offset is still addr's.
 */
void sprint_backtrace(char *buf, size_t len, u64 addr)
{
	u64 size, off;
	const char *name = kallsyms_lookup(addr - 1, &size, &off);
	if (name)
		snprintf(buf, len, "%s+0x%lx/0x%lx", name, off + 1, size);
	else
		snprintf(buf, len, "0x%lx", addr);
}

u64 kallsyms_lookup_name(const char *name)
{
	for (u64 i = 0; i < kallsyms_num; i++)
		if (!strcmp(kallsyms_strtab + kallsyms_name_off[i], name))
			return kallsyms_addrs[i];
	return 0;
}
