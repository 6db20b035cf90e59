#ifndef _FAULTLINE_KALLSYMS_H
#define _FAULTLINE_KALLSYMS_H
#include "types.h"

/* Find the function containing addr: name, offset into it and its size. */
const char *kallsyms_lookup(u64 addr, u64 *size, u64 *offset);
/* "func+0x1cd/0x1f0", or "0xffffffff81001234" when no function holds addr. */
void sprint_symbol(char *buf, size_t len, u64 addr);
void sprint_backtrace(char *buf, size_t len, u64 addr);
/* Address of a function by name, 0 if absent (used by tests). */
u64 kallsyms_lookup_name(const char *name);

#endif
