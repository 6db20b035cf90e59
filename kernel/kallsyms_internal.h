/*
 * kernel/kallsyms_internal.h - the symbol table tools/kallsyms.py generates
 * at link time (Linux: kernel/kallsyms_internal.h).
 */
#ifndef _KERNEL_KALLSYMS_INTERNAL_H
#define _KERNEL_KALLSYMS_INTERNAL_H
#include <types.h>

extern const u64 kallsyms_num;
extern const u64 kallsyms_addrs[];
extern const u64 kallsyms_sizes[];
extern const u32 kallsyms_name_off[];
extern const char kallsyms_strtab[];

#endif
