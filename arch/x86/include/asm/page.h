/*
 * Virtual memory layout, as Linux x86-64 with 4-level paging
 * (Documentation/arch/x86/x86_64/mm.rst):
 *
 *   0000000000000000 - 00007fffffffffff   user space (TASK_SIZE_MAX below)
 *   ffff888000000000 - ...                 direct map of all RAM (PAGE_OFFSET)
 *   ffffc90000000000 - ffffe8ffffffffff   vmalloc: kernel stacks with guard pages
 *   ffffffff80000000 - ffffffff9fffffff   the kernel image (__START_KERNEL_map + phys)
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H
#include <types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PMD_SHIFT 21
#define PMD_SIZE (1UL << PMD_SHIFT)
#define PUD_SHIFT 30
#define PUD_SIZE (1UL << PUD_SHIFT)
#define P4D_SHIFT 39
#define PGDIR_SHIFT 39
#define PTRS_PER_TABLE 512

#define PAGE_OFFSET 0xffff888000000000UL
#define VMALLOC_START 0xffffc90000000000UL
#define VMALLOC_END 0xffffe8ffffffffffUL
#define __START_KERNEL_map 0xffffffff80000000UL
#define TASK_SIZE_MAX 0x7ffffffff000UL   /* 2^47 - 4096: the top page stays a guard */
#define STACK_TOP TASK_SIZE_MAX

/* [addr, addr + len) lies in user space, written so that addr + len cannot
 * wrap past 2^64 (Linux: "TASK_SIZE - len < addr" in get_unmapped_area). */
static inline bool range_in_user(u64 addr, u64 len)
{
	return len <= TASK_SIZE_MAX && addr <= TASK_SIZE_MAX - len;
}

#define PAGE_ALIGN(x) ALIGN_UP((u64)(x), PAGE_SIZE)

static inline void *__va(u64 phys) { return (void *)(phys + PAGE_OFFSET); }
/* Physical address of a direct-map or kernel-image address. */
static inline u64 __pa(const void *v)
{
	u64 x = (u64)v;
	return x >= __START_KERNEL_map ? x - __START_KERNEL_map : x - PAGE_OFFSET;
}
/* Whole-page clear with 16-byte SSE stores (arch/x86/lib/clear_page_64.c). */
void clear_page(void *page);

/* Whole-page copy with 8-byte string moves: 512 iterations (Linux: copy_page
 * without ERMS).  memcpy's byte-wise rep movsb would be 4096 - and QEMU's
 * -icount counts each iteration as an instruction.  Wider SSE moves would not
 * help here: each 16 bytes is one load and one store, the same 512 steps. */
static inline void copy_page(void *to, const void *from)
{
	u64 n = PAGE_SIZE / 8;
	asm volatile("rep movsq" : "+D"(to), "+S"(from), "+c"(n) : : "memory");
}

static inline u64 __pa_symbol(const void *v) { return (u64)v - __START_KERNEL_map; }

#endif
