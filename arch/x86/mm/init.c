/*
 * arch/x86/mm/init.c - the kernel's own page tables, built in C with least privilege,
 * replacing the early tables of arch/x86/boot/head.asm:
 *
 *   direct map of RAM at PAGE_OFFSET      RW + NX        (2 MiB pages where aligned)
 *   .text                                 R + X
 *   .rodata (+ __ex_table, kallsyms)      R + NX
 *   .data..ro_after_init                  RW + NX until mark_rodata_ro(), then R + NX
 *   .data, .bss                           RW + NX
 *   the page below each kernel stack      not mapped (guard)
 *
 * Linux: arch/x86/mm/init_64.c, CONFIG_STRICT_KERNEL_RWX, mark_rodata_ro().
 * Identity mappings are gone afterwards, so a NULL dereference faults.
 */
#include <asm/sections.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <asm/pgtable.h>
#include <asm/processor.h>


u64 *init_pgd;
bool cpu_has_smap;
bool cpu_has_smep;

static void map_ram_range(u64 start, u64 end, void *arg)
{
	if (map_kernel_range(init_pgd, (u64)__va(start), start, end - start, __PAGE_KERNEL))
		panic("paging_init: cannot map RAM %#lx-%#lx", start, end);
}

static void map_image(const char *start, const char *end, pteval_t prot)
{
	u64 s = ALIGN_DOWN((u64)start, PAGE_SIZE), e = PAGE_ALIGN((u64)end);
	for (u64 va = s; va < e; va += PAGE_SIZE) {
		pteval_t *pte;
		if (va == (u64)init_stack_guard)
			continue;
		pte = pt_walk(init_pgd, va, PT_PTE, true, _KERNPG_TABLE);
		if (!pte)
			panic("paging_init: cannot map the kernel image");
		*pte = (va - __START_KERNEL_map) | prot;
	}
}

/* PUD tables for the kernel half exist from the start, so every process's
 * PGD can share them by copying slots 256..511 once (Linux preallocates the
 * vmalloc PGD entries for the same reason). */
static void preallocate_kernel_pud(u64 va)
{
	if (!pt_walk(init_pgd, va, PT_PUD, true, _KERNPG_TABLE))
		panic("paging_init: no memory for kernel PUD");
}

static void enable_cpu_protections(void)
{
	u32 a, b, c, d;
	u64 cr4 = read_cr4() | X86_CR4_PGE;
	cpuid(0, 0, &a, &b, &c, &d);
	if (a >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_has_smep = b & CPUID7_EBX_SMEP;
		cpu_has_smap = b & CPUID7_EBX_SMAP;
	}
	if (cpu_has_smep)
		cr4 |= X86_CR4_SMEP;
	if (cpu_has_smap)
		cr4 |= X86_CR4_SMAP;
	write_cr4(cr4);
	write_cr0(read_cr0() | X86_CR0_WP);  /* the kernel obeys read-only PTEs too */
}

void paging_init(void)
{
	init_pgd = __va(memblock_alloc(PAGE_SIZE, PAGE_SIZE));
	memblock_for_each_ram(map_ram_range, NULL);
	map_image(_text, _etext, __PAGE_KERNEL_RX);
	map_image(__start_rodata, __end_rodata, __PAGE_KERNEL_RO);
	map_image(__start_ro_after_init, __end_ro_after_init, __PAGE_KERNEL);
	map_image(_sdata, _end, __PAGE_KERNEL);
	preallocate_kernel_pud(VMALLOC_START);
	write_cr3(__pa(init_pgd));
	enable_cpu_protections();
	flush_tlb_all();
	pr_info("paging: kernel tables at %#lx; text RX, rodata R+NX, data RW+NX; SMEP %s, SMAP %s\n",
		__pa(init_pgd), cpu_has_smep ? "on" : "absent", cpu_has_smap ? "on" : "absent");
}

/* End of init: __ro_after_init data becomes read-only (Linux: mark_rodata_ro). */
void mark_rodata_ro(void)
{
	for (u64 va = (u64)__start_ro_after_init; va < (u64)__end_ro_after_init; va += PAGE_SIZE) {
		pteval_t *pte = pt_walk(init_pgd, va, PT_PTE, false, 0);
		*pte &= ~_PAGE_RW;
	}
	flush_tlb_all();
	pr_info("Write protecting the kernel read-only data: %luk\n",
		((u64)__end_ro_after_init - (u64)__start_ro_after_init) / 1024);
}
