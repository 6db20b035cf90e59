/*
 * fs/proc/task_mmu.c - /proc/PID/maps, smaps and pagemap, and the memory
 * figures of status and statm (Linux: fs/proc/task_mmu.c).
 *
 * Everything here is read from the VMAs and the page tables as they are
 * now: a present PTE's page is anonymous (no page->mapping), a file's
 * (a page-cache page of a file system) or shmem's (a page-cache page of an
 * inode without address_space_operations). The shared zero page is not
 * counted, as Linux's vm_normal_page leaves it out.
 *
 * A maps line, byte for byte as Linux's show_map_vma:
 *   "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " then spaces to column 73
 *   and the name: the file's path, [heap], [stack], or nothing.
 */
#include <mm.h>
#include <uaccess.h>
#include <string.h>
#include <printk.h>
#include <errno.h>
#include "internal.h"

#define MAPS_NAME_COLUMN 72		/* Linux: seq_setwidth(m, 25 + sizeof(void *) * 6 - 1) */
#define SHMEM_DEV_MINOR 1		/* Linux: shared anonymous memory is on the internal shmem mount, 00:01 */
#define PSS_SHIFT 12			/* Linux: Pss is summed in 1/4096ths of a byte */
#define PM_ENTRY_BYTES 8
#define PM_PFRAME_MASK ((1ULL << 55) - 1)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define PM_FILE (1ULL << 61)
#define PM_PRESENT (1ULL << 63)
#define PAGEMAP_BATCH 128		/* entries copied out per step (1 KiB of stack) */

/* What one walk of a VMA's page tables counts, in pages (Pss in PAGE_SIZE << PSS_SHIFT units). */
struct mem_size_stats {
	u64 resident, anon, file, shmem, locked, referenced;
	u64 shared_clean, shared_dirty, private_clean, private_dirty;
	u64 pss, pss_dirty, pss_anon, pss_file, pss_shmem;
	u64 pte_tables;			/* PTE tables first met in this walk (VmPTE counts only these) */
	u64 last_table;			/* the 2 MiB region of the last table counted, + 1 (0: none) */
};

/* The page a user PTE maps, or NULL for the zero page. */
static struct page *vm_normal_page(pteval_t pte)
{
	struct page *pg = pfn_to_page(pte_pfn(pte));

	return pg == zero_page ? NULL : pg;
}

static void account_page(struct mem_size_stats *s, struct vm_area_struct *v, pteval_t pte)
{
	struct page *pg = vm_normal_page(pte);
	bool dirty = pte & _PAGE_DIRTY;
	int mapcount;
	u64 pss;

	if (!pg)
		return;
	mapcount = pg->mapcount > 0 ? pg->mapcount : 1;
	pss = (PAGE_SIZE << PSS_SHIFT) / mapcount;
	s->resident++;
	if (!pg->mapping) {
		s->anon++;
		s->pss_anon += pss;
	} else if (pg->mapping->a_ops) {
		s->file++;
		s->pss_file += pss;
	} else {
		s->shmem++;
		s->pss_shmem += pss;
	}
	if (v->vm_flags & VM_LOCKED)
		s->locked++;
	if (pte & _PAGE_ACCESSED)
		s->referenced++;
	if (mapcount > 1)
		*(dirty ? &s->shared_dirty : &s->shared_clean) += 1;
	else
		*(dirty ? &s->private_dirty : &s->private_clean) += 1;
	s->pss += pss;
	if (dirty)
		s->pss_dirty += pss;
}

/* Every present PTE of @v; a missing page table skips its whole 2 MiB. */
static void smaps_walk(struct vm_area_struct *v, struct mem_size_stats *s)
{
	u64 addr = v->vm_start;

	while (addr < v->vm_end) {
		pteval_t *pte = pt_walk(v->vm_mm->pgd, addr, PT_PTE, false, 0);

		if (!pte) {
			addr = (addr + PMD_SIZE) & ~(PMD_SIZE - 1);
			continue;
		}
		if (addr / PMD_SIZE + 1 != s->last_table) {
			s->last_table = addr / PMD_SIZE + 1;
			s->pte_tables++;
		}
		if (pte_present(*pte))
			account_page(s, v, *pte);
		addr += PAGE_SIZE;
	}
}

/* Linux's VmData, VmStk, VmExe: writable private, stack, and executable read-only mappings. */
static bool is_stack(const struct vm_area_struct *v) { return v->vm_flags & VM_GROWSDOWN; }
static bool is_data(const struct vm_area_struct *v)
{
	return (v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE && !is_stack(v);
}
static bool is_exec(const struct vm_area_struct *v)
{
	return (v->vm_flags & (VM_EXEC | VM_WRITE)) == VM_EXEC && !is_stack(v);
}

void task_mem_counts(struct mm_struct *mm, struct mem_counts *c)
{
	struct vm_area_struct *v;
	u64 last_table = 0;		/* VMAs in address order: a table two of them share is counted once */

	memset(c, 0, sizeof(*c));
	list_for_each_entry(v, &mm->mmap, vm_list) {
		struct mem_size_stats s = { .last_table = last_table };
		u64 pages = vma_pages(v);

		smaps_walk(v, &s);
		last_table = s.last_table;
		c->size += pages;
		c->rss_anon += s.anon;
		c->rss_file += s.file;
		c->rss_shmem += s.shmem;
		c->locked += (v->vm_flags & VM_LOCKED) ? pages : 0;
		c->data += is_data(v) ? pages : 0;
		c->stack += is_stack(v) ? pages : 0;
		c->pte += s.pte_tables;
		if (is_exec(v) && mm->exe_file && v->vm_file && v->vm_file->f_inode == mm->exe_file->f_inode)
			c->exec += pages;
		else if (is_exec(v))
			c->lib += pages;
	}
}

/* ------------------------------------------------------------ maps */

static void vma_dev_ino(struct vm_area_struct *v, int *major, int *minor, u64 *ino)
{
	struct inode *inode = v->vm_file ? v->vm_file->f_inode : NULL;

	*major = *minor = 0;
	*ino = 0;
	if (!inode)
		return;
	*ino = inode->i_ino;
	if (inode->i_sb) {
		*major = inode->i_sb->s_dev >> MINORBITS;
		*minor = inode->i_sb->s_dev & ((1u << MINORBITS) - 1);
	} else {
		*minor = SHMEM_DEV_MINOR;
	}
}

/*
 * Linux names an anonymous mapping by where it lies, not by how it was made
 * (fs/proc/task_mmu.c get_vma_name): "[heap]" for any that overlaps the
 * initial heap (vma_is_initial_heap: musl's malloc puts a PROT_NONE guard
 * page over the heap's first page with mmap, and that is "[heap]" too),
 * "[stack]" for the one holding the initial stack pointer (vma_is_initial_stack).
 */
static bool vma_is_initial_heap(const struct vm_area_struct *v)
{
	return v->vm_start < v->vm_mm->brk && v->vm_end > v->vm_mm->start_brk;
}

static bool vma_is_initial_stack(const struct vm_area_struct *v)
{
	return v->vm_start <= v->vm_mm->start_stack && v->vm_end >= v->vm_mm->start_stack;
}

static const char *anon_vma_label(const struct vm_area_struct *v)
{
	if (vma_is_initial_heap(v))
		return "[heap]";
	if (vma_is_initial_stack(v))
		return "[stack]";
	if (v->vm_name && v->vm_name[0] != '[')
		return v->vm_name;		/* "/dev/zero (deleted)", a memfd's name */
	return NULL;
}

static void show_vma_name(struct seq_file *m, struct vm_area_struct *v)
{
	struct file *f = v->vm_file;
	const char *label;

	if (f && f->f_path) {
		seq_pad(m, MAPS_NAME_COLUMN, ' ');
		seq_puts(m, f->f_path);
		if (!f->f_inode->i_nlink)
			seq_puts(m, " (deleted)");
	} else if ((label = f ? v->vm_name : anon_vma_label(v))) {
		seq_pad(m, MAPS_NAME_COLUMN, ' ');
		seq_puts(m, label);
	}
}

static void show_map_vma(struct seq_file *m, struct vm_area_struct *v)
{
	u64 flags = v->vm_flags, ino;
	int major, minor;

	vma_dev_ino(v, &major, &minor, &ino);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", v->vm_start, v->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-', flags & VM_EXEC ? 'x' : '-',
		   flags & VM_MAYSHARE ? 's' : 'p', v->vm_file ? v->vm_pgoff << PAGE_SHIFT : 0, major, minor, ino);
	show_vma_name(m, v);
	seq_putc(m, '\n');
}

void proc_pid_maps(struct seq_file *m, struct task_struct *task)
{
	struct vm_area_struct *v;

	if (!task->mm)
		return;
	list_for_each_entry(v, &task->mm->mmap, vm_list)
		show_map_vma(m, v);
}

/* ------------------------------------------------------------ smaps */

static void smaps_kb(struct seq_file *m, const char *name, u64 pages)
{
	seq_put_kb(m, name, pages * (PAGE_SIZE / 1024));
}

/* Linux show_smap_vma_flags: two letters per flag, in bit order. */
static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *v)
{
	static const struct { u64 flag; const char *name; } mnemonics[] = {
		{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" }, { VM_SHARED, "sh" },
		{ VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" }, { VM_MAYEXEC, "me" }, { VM_MAYSHARE, "ms" },
		{ VM_GROWSDOWN, "gd" }, { VM_LOCKED, "lo" }, { VM_DONTCOPY, "dc" }, { VM_WIPEONFORK, "wf" },
		{ VM_DONTDUMP, "dd" },
	};

	seq_puts(m, "VmFlags: ");
	for (unsigned i = 0; i < sizeof(mnemonics) / sizeof(mnemonics[0]); i++)
		if (v->vm_flags & mnemonics[i].flag)
			seq_printf(m, "%s ", mnemonics[i].name);
	seq_putc(m, '\n');
}

static void pss_kb(struct seq_file *m, const char *name, u64 pss)
{
	seq_put_kb(m, name, pss >> PSS_SHIFT >> 10);
}

/* Linux __show_smap: the counts of one VMA, or with @rollup of them all. */
static void show_smap_counts(struct seq_file *m, const struct mem_size_stats *s, bool rollup)
{
	smaps_kb(m, "Rss:", s->resident);
	pss_kb(m, "Pss:", s->pss);
	pss_kb(m, "Pss_Dirty:", s->pss_dirty);
	if (rollup) {
		pss_kb(m, "Pss_Anon:", s->pss_anon);
		pss_kb(m, "Pss_File:", s->pss_file);
		pss_kb(m, "Pss_Shmem:", s->pss_shmem);
	}
	smaps_kb(m, "Shared_Clean:", s->shared_clean);
	smaps_kb(m, "Shared_Dirty:", s->shared_dirty);
	smaps_kb(m, "Private_Clean:", s->private_clean);
	smaps_kb(m, "Private_Dirty:", s->private_dirty);
	smaps_kb(m, "Referenced:", s->referenced);
	smaps_kb(m, "Anonymous:", s->anon);
	static const char *const zero_lines[] = {
		"KSM:", "LazyFree:", "AnonHugePages:", "ShmemPmdMapped:", "FilePmdMapped:", "Shared_Hugetlb:",
		"Private_Hugetlb:", "Swap:", "SwapPss:",
	};
	for (unsigned i = 0; i < sizeof(zero_lines) / sizeof(zero_lines[0]); i++)
		smaps_kb(m, zero_lines[i], 0);
	smaps_kb(m, "Locked:", s->locked);
}

static void show_smap(struct seq_file *m, struct vm_area_struct *v)
{
	struct mem_size_stats s = { 0 };

	smaps_walk(v, &s);
	show_map_vma(m, v);
	smaps_kb(m, "Size:", vma_pages(v));
	smaps_kb(m, "KernelPageSize:", 1);
	smaps_kb(m, "MMUPageSize:", 1);
	show_smap_counts(m, &s, false);
	seq_printf(m, "%-16s%8d\n", "THPeligible:", 0);
	show_smap_vma_flags(m, v);
}

void proc_pid_smaps(struct seq_file *m, struct task_struct *task)
{
	struct vm_area_struct *v;

	if (!task->mm)
		return;
	list_for_each_entry(v, &task->mm->mmap, vm_list)
		show_smap(m, v);
}

/*
 * /proc/PID/smaps_rollup (Linux show_smaps_rollup): every VMA's counts
 * summed, under one header spanning the first VMA's start to the last
 * one's end, with the Pss split by kind of page.
 */
void proc_pid_smaps_rollup(struct seq_file *m, struct task_struct *task)
{
	struct mem_size_stats s = { 0 };
	struct vm_area_struct *v;
	u64 start = 0, end = 0;

	if (!task->mm)
		return;
	list_for_each_entry(v, &task->mm->mmap, vm_list) {
		if (!end)
			start = v->vm_start;
		end = v->vm_end;
		smaps_walk(v, &s);
	}
	seq_printf(m, "%08lx-%08lx ---p %08x %02x:%02x %u ", start, end, 0, 0, 0, 0);
	seq_pad(m, MAPS_NAME_COLUMN, ' ');
	seq_puts(m, "[rollup]\n");
	show_smap_counts(m, &s, true);
}

/* ------------------------------------------------------------ numa_maps */

/* What Linux gather_stats counts of one VMA's present pages, on faultline's one node. */
struct numa_maps {
	u64 pages, anon, active, dirty, mapcount_max;
};

/*
 * faultline keeps no active/inactive lists; a fresh page reads as this
 * host's Linux 6.18 reads it (multi-generational LRU): a page-cache page
 * active, an anonymous one not.
 */
static void numa_gather(struct numa_maps *md, pteval_t pte)
{
	struct page *pg = vm_normal_page(pte);

	if (!pg)
		return;
	md->pages++;
	if (pte & _PAGE_DIRTY)
		md->dirty++;
	if (pg->mapping)
		md->active++;
	else
		md->anon++;
	if ((u64)pg->mapcount > md->mapcount_max)
		md->mapcount_max = pg->mapcount;
}

/* Linux seq_file_path(m, file, "\n\t= "): those characters as octal escapes. */
static void seq_escaped(struct seq_file *m, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\t' || *s == '=' || *s == ' ')
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_putc(m, *s);
	}
}

static void show_numa_name(struct seq_file *m, struct vm_area_struct *v)
{
	struct file *f = v->vm_file;

	if (f) {
		seq_puts(m, " file=");
		seq_escaped(m, f->f_path ? f->f_path : v->vm_name ? v->vm_name : "");
		if (f->f_path && !f->f_inode->i_nlink)
			seq_escaped(m, " (deleted)");
	} else if (vma_is_initial_heap(v)) {
		seq_puts(m, " heap");
	} else if (vma_is_initial_stack(v)) {
		seq_puts(m, " stack");
	}
}

/*
 * Linux show_numa_map: the VMA's start, its memory policy (always
 * "default": faultline has no mbind), what it maps, then its present
 * pages by kind; "mapped=" only when that says more than anon= or dirty=.
 */
static void show_numa_map(struct seq_file *m, struct vm_area_struct *v)
{
	struct numa_maps md = { 0 };

	seq_printf(m, "%08lx default", v->vm_start);
	show_numa_name(m, v);
	for (u64 addr = v->vm_start; addr < v->vm_end; addr += PAGE_SIZE) {
		pteval_t *pte = pt_walk(v->vm_mm->pgd, addr, PT_PTE, false, 0);

		if (!pte) {
			addr = ((addr + PMD_SIZE) & ~(PMD_SIZE - 1)) - PAGE_SIZE;
			continue;
		}
		if (pte_present(*pte))
			numa_gather(&md, *pte);
	}
	if (md.pages) {
		if (md.anon)
			seq_printf(m, " anon=%lu", md.anon);
		if (md.dirty)
			seq_printf(m, " dirty=%lu", md.dirty);
		if (md.pages != md.anon && md.pages != md.dirty)
			seq_printf(m, " mapped=%lu", md.pages);
		if (md.mapcount_max > 1)
			seq_printf(m, " mapmax=%lu", md.mapcount_max);
		if (md.active < md.pages)
			seq_printf(m, " active=%lu", md.active);
		seq_printf(m, " N0=%lu kernelpagesize_kB=%lu", md.pages, PAGE_SIZE >> 10);
	}
	seq_putc(m, '\n');
}

void proc_pid_numa_maps(struct seq_file *m, struct task_struct *task)
{
	struct vm_area_struct *v;

	if (!task->mm)
		return;
	list_for_each_entry(v, &task->mm->mmap, vm_list)
		show_numa_map(m, v);
}

/* ------------------------------------------------------------ clear_refs */

/* Linux enum clear_refs_types */
#define CLEAR_REFS_ALL 1
#define CLEAR_REFS_ANON 2
#define CLEAR_REFS_MAPPED 3
#define CLEAR_REFS_SOFT_DIRTY 4
#define CLEAR_REFS_MM_HIWATER_RSS 5

static void clear_young(struct vm_area_struct *v)
{
	for (u64 addr = v->vm_start; addr < v->vm_end; addr += PAGE_SIZE) {
		pteval_t *pte = pt_walk(v->vm_mm->pgd, addr, PT_PTE, false, 0);

		if (!pte) {
			addr = ((addr + PMD_SIZE) & ~(PMD_SIZE - 1)) - PAGE_SIZE;
			continue;
		}
		if (pte_present(*pte) && vm_normal_page(*pte))
			*pte &= ~_PAGE_ACCESSED;
	}
}

/*
 * Linux clear_refs_write: 1, 2 or 3 clear the accessed bits of all, the
 * anonymous or the file-backed mappings' pages, so that smaps' Referenced
 * then counts only what was touched since (how a working set is measured);
 * 5 restarts the peak resident set (VmHWM) at the current one.  4 clears
 * soft-dirty bits, which faultline does not keep: accepted, nothing to do.
 */
int proc_clear_refs_write(struct task_struct *task, const char *buf)
{
	struct mm_struct *mm = task->mm;
	struct vm_area_struct *v;
	long type;

	if (proc_parse_decimal(buf, &type) || type < CLEAR_REFS_ALL || type > CLEAR_REFS_MM_HIWATER_RSS)
		return -EINVAL;
	if (!mm)
		return 0;
	if (type == CLEAR_REFS_MM_HIWATER_RSS) {
		mm->hiwater_rss = mm->rss;
		return 0;
	}
	if (type == CLEAR_REFS_SOFT_DIRTY)
		return 0;
	/*
	 * No TLB flush, as Linux does none for these types: a page whose
	 * translation is still cached is not marked again until its entry is
	 * refilled (the CPU sets the accessed bit only on a page walk), so the
	 * count is a cheap lower bound of the working set.
	 */
	list_for_each_entry(v, &mm->mmap, vm_list)
		if (type == CLEAR_REFS_ALL || (type == CLEAR_REFS_ANON) == !v->vm_file)
			clear_young(v);
	return 0;
}

/* ------------------------------------------------------------ pagemap */

/*
 * Linux pte_to_pagemap_entry: bit 63 present, 61 a file or shared-anonymous
 * page, 56 mapped by this process alone, 0-54 the page frame number (Linux
 * shows it only to CAP_SYS_ADMIN; every task here is root). Soft-dirty
 * (55) and swapped (62) stay 0: faultline tracks neither.
 */
static u64 pagemap_entry(struct mm_struct *mm, u64 addr)
{
	pteval_t *pte = find_vma(mm, addr) ? pt_walk(mm->pgd, addr, PT_PTE, false, 0) : NULL;
	struct page *pg;
	u64 e;

	if (!pte || !pte_present(*pte) || addr < find_vma(mm, addr)->vm_start)
		return 0;
	e = PM_PRESENT | (pte_pfn(*pte) & PM_PFRAME_MASK);
	if ((pg = vm_normal_page(*pte))) {
		if (pg->mapping)
			e |= PM_FILE;
		if (pg->mapcount == 1)
			e |= PM_MMAP_EXCLUSIVE;
	}
	return e;
}

ssize_t proc_pagemap_read(struct task_struct *task, char __user *ubuf, size_t n, u64 *pos)
{
	u64 buf[PAGEMAP_BATCH];
	size_t done = 0;

	if ((*pos % PM_ENTRY_BYTES) || (n % PM_ENTRY_BYTES))
		return -EINVAL;		/* Linux pagemap_read */
	if (!task->mm)
		return 0;
	while (done < n) {
		u64 first = *pos / PM_ENTRY_BYTES;
		size_t k = 0;

		while (k < PAGEMAP_BATCH && done + (k + 1) * PM_ENTRY_BYTES <= n &&
		       (first + k) << PAGE_SHIFT < TASK_SIZE_MAX) {
			buf[k] = pagemap_entry(task->mm, (first + k) << PAGE_SHIFT);
			k++;
		}
		if (!k)
			break;
		if (copy_to_user(ubuf + done, buf, k * PM_ENTRY_BYTES))
			return -EFAULT;
		done += k * PM_ENTRY_BYTES;
		*pos += k * PM_ENTRY_BYTES;
	}
	return done;
}
