/*
 * mm/memblock.c - physical memory before the buddy allocator exists.
 *
 * The multiboot2 memory map says which ranges are RAM.  We reserve the
 * kernel image, the boot information, the modules (the RAM disk) and the
 * first MiB (BIOS data, real-mode IVT), carve early allocations (struct page
 * array, the first page tables) out of what is left, then hand every
 * remaining page to the buddy allocator (Linux: mm/memblock.c,
 * memblock_free_all()).
 */
#include <asm/sections.h>
#include <mm.h>
#include <asm/multiboot2.h>
#include <printk.h>
#include <string.h>

#define MAX_REGIONS 64
#define LOW_MEMORY_END 0x100000UL        /* first MiB: firmware's */
#define EARLY_MAPPED_END (4UL << 30)     /* arch/x86/boot/head.asm maps the first 4 GiB */

struct region { u64 start, end; };
static struct region memory[MAX_REGIONS], reserved[MAX_REGIONS];
static int nr_memory, nr_reserved;

#define KERNEL_PHYS_START 0x1000000UL

static const char *e820_type_name(u32 type)
{
	switch (type) {
	case MB2_MEMORY_AVAILABLE: return "usable";
	case MB2_MEMORY_ACPI_RECLAIMABLE: return "ACPI data";
	case MB2_MEMORY_NVS: return "ACPI NVS";
	case MB2_MEMORY_BADRAM: return "unusable";
	default: return "reserved";
	}
}

/* Keep reserved[] sorted by start so memblock_free_all can sweep once. */
void memblock_reserve(u64 base, u64 size)
{
	int i;
	if (!size)
		return;
	BUG_ON(nr_reserved >= MAX_REGIONS);
	for (i = nr_reserved; i > 0 && reserved[i - 1].start > base; i--)
		reserved[i] = reserved[i - 1];
	reserved[i].start = ALIGN_DOWN(base, PAGE_SIZE);
	reserved[i].end = PAGE_ALIGN(base + size);
	nr_reserved++;
}

static const struct region *overlapping_reserved(u64 start, u64 end)
{
	for (int i = 0; i < nr_reserved; i++)
		if (reserved[i].start < end && start < reserved[i].end)
			return &reserved[i];
	return NULL;
}

static void add_memory(u64 start, u64 end)
{
	start = PAGE_ALIGN(start);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	if (start >= end || nr_memory >= MAX_REGIONS)
		return;
	memory[nr_memory].start = start;
	memory[nr_memory].end = end;
	nr_memory++;
}

void memblock_init(void)
{
	pr_info("BIOS-provided physical RAM map (multiboot2):\n");
	for (int i = 0; i < boot_params.nr_memmap; i++) {
		const struct mb2_mmap_entry *e = &boot_params.memmap[i];
		pr_info("BIOS-e820: [mem 0x%016lx-0x%016lx] %s\n", e->addr, e->addr + e->len - 1,
			e820_type_name(e->type));
		if (e->type == MB2_MEMORY_AVAILABLE)
			add_memory(e->addr, e->addr + e->len);
	}
	memblock_reserve(0, LOW_MEMORY_END);
	memblock_reserve(KERNEL_PHYS_START, __pa_symbol(_end) - KERNEL_PHYS_START);
	memblock_reserve(boot_params.info_start, boot_params.info_end - boot_params.info_start);
	for (int i = 0; i < boot_params.nr_modules; i++)
		memblock_reserve(boot_params.modules[i].start,
				 boot_params.modules[i].end - boot_params.modules[i].start);
}

/* Top-down first fit below the early-mapped 4 GiB, so __va() works at once. */
u64 memblock_alloc(u64 size, u64 align)
{
	size = PAGE_ALIGN(size);
	for (int i = nr_memory - 1; i >= 0; i--) {
		u64 lo = memory[i].start, hi = MIN(memory[i].end, EARLY_MAPPED_END);
		u64 cand = hi >= size ? ALIGN_DOWN(hi - size, align) : 0;
		while (cand >= lo && cand + size <= hi) {
			const struct region *r = overlapping_reserved(cand, cand + size);
			if (!r) {
				memblock_reserve(cand, size);
				memset(__va(cand), 0, size);
				return cand;
			}
			if (r->start < size)
				break;
			cand = ALIGN_DOWN(r->start - size, align);
		}
	}
	panic("memblock: out of memory allocating %lu bytes", size);
}

u64 memblock_end_of_ram(void)
{
	u64 end = 0;
	for (int i = 0; i < nr_memory; i++)
		end = MAX(end, memory[i].end);
	return end;
}

void memblock_for_each_ram(memblock_range_fn fn, void *arg)
{
	for (int i = 0; i < nr_memory; i++)
		fn(memory[i].start, memory[i].end, arg);
}

/* Free [start,end) minus every reserved range. */
static void free_unreserved(u64 start, u64 end)
{
	for (int i = 0; i < nr_reserved && start < end; i++) {
		if (reserved[i].end <= start || reserved[i].start >= end)
			continue;
		if (reserved[i].start > start)
			free_page_range(start >> PAGE_SHIFT, reserved[i].start >> PAGE_SHIFT);
		start = MAX(start, reserved[i].end);
	}
	if (start < end)
		free_page_range(start >> PAGE_SHIFT, end >> PAGE_SHIFT);
}

void memblock_free_all(void)
{
	for (int i = 0; i < nr_memory; i++)
		free_unreserved(memory[i].start, memory[i].end);
}
