/*
 * mm/memory.c - resolving a fault once policy has allowed it
 * (Linux: mm/memory.c).
 *
 *   handle_mm_fault      find or make the PTE slot, pick the handler:
 *     do_anonymous_page  not present, anonymous VMA: the shared zero page for
 *                        a read, a fresh zeroed page for a write
 *     do_fault           not present, file VMA: vma->vm_ops->fault
 *                        (filemap_fault) finds the page-cache page, then
 *       do_read_fault      a read: map it read-only (and the cached pages
 *                          around it: do_fault_around)
 *       do_cow_fault       a write to MAP_PRIVATE: map a private copy
 *       do_shared_fault    a write to MAP_SHARED: map it writable, dirty
 *     do_wp_page         present but read-only, write allowed by the VMA:
 *                        copy-on-write, or reuse if we hold the only reference
 *
 * PTE software bit _PAGE_PROTNONE keeps a page attached to a PTE that has no
 * access at all (mprotect PROT_NONE): P is clear, so every access faults and
 * access_error() refuses it, but munmap and mprotect still find the page.
 * (Linux uses the same trick, with the same name.)
 *
 * Contract: called with a VMA that covers address and allows the access;
 * returns 0 or VM_FAULT_* bits; never sends signals (arch/x86/mm/fault.c does).
 */
#include <mm_types.h>
#include <pftrace.h>
#include <mm.h>
#include <fs.h>
#include <sched.h>
#include <printk.h>
#include <string.h>
#include <cmdline.h>
#include <asm/processor.h>



struct page *zero_page;

void memory_init(void)
{
	zero_page = alloc_page(__GFP_ZERO);
	zero_page->flags |= PG_reserved;     /* shared by all: never freed */
}

static bool pte_has_page(pteval_t e) { return e & (_PAGE_PRESENT | _PAGE_PROTNONE); }

/* The PTE bits a VMA's pages get; RW is added by the caller where allowed. */
pteval_t vm_get_page_prot(u64 vm_flags)
{
	pteval_t prot = _PAGE_USER | _PAGE_ACCESSED;
	if (!(vm_flags & VM_ACCESS_FLAGS))
		return prot | _PAGE_PROTNONE | _PAGE_NX;
	prot |= _PAGE_PRESENT;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}

/*
 * The fault path looks at a PTE, then allocates or reads without a lock
 * (either may take a while), then takes the mm's page_table_lock and
 * installs its page only if the PTE still holds what it saw: on SMP
 * another thread may have faulted the same page in meanwhile, and then
 * this one gives its page back (Linux: pte_offset_map_lock and pte_same in
 * do_anonymous_page, do_wp_page, finish_fault).  With one CPU the check
 * always passes; it is where an SMP kernel needs it.
 */
static bool pte_lock_same(struct vm_fault *vmf)
{
	spin_lock(&vmf->vma->vm_mm->page_table_lock);
	if (*vmf->pte == vmf->orig_pte)
		return true;
	spin_unlock(&vmf->vma->vm_mm->page_table_lock);
	return false;
}

static void pte_unlock(struct vm_fault *vmf) { spin_unlock(&vmf->vma->vm_mm->page_table_lock); }

/* Under page_table_lock (pte_lock_same). */
static void set_pte(struct vm_fault *vmf, pteval_t val)
{
	*vmf->pte = val;
	invlpg(vmf->address);
}

static noinline_for_gdb vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	pteval_t prot = vm_get_page_prot(vma->vm_flags);
	struct page *pg;

	/* LAB lazy: BEGIN zero_page */
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		trace_fault_step("do_anonymous_page (zero page)");
		if (pte_lock_same(vmf)) {
			set_pte(vmf, page_to_phys(zero_page) | prot);
			pte_unlock(vmf);
		}
		return 0;
	}
	/* LAB lazy: END zero_page */
	pg = alloc_page(__GFP_ZERO | __GFP_USER);
	if (!pg)
		return VM_FAULT_OOM;
	if (!pte_lock_same(vmf)) {
		put_page(pg);
		return 0;
	}
	page_add_rmap(pg);
	mm_rss_add(vma->vm_mm, 1);
	trace_fault_step("do_anonymous_page");
	set_pte(vmf, page_to_phys(pg) | prot | _PAGE_RW | _PAGE_DIRTY);
	pte_unlock(vmf);
	return 0;
}

/* Write to a present read-only page of a writable VMA. */
static noinline_for_gdb vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	pteval_t old = *vmf->pte;
	struct page *oldpg = phys_to_page(pte_phys(old)), *pg;
	bool shared = vmf->vma->vm_flags & VM_SHARED;

	/* The zero page is never written, even in a shared mapping (MAP_NOFAULT). */
	if (oldpg != zero_page && (shared || oldpg->refcount == 1)) {
		trace_fault_step("do_wp_page (reuse)");
		if (!pte_lock_same(vmf))
			return 0;
		if (shared && oldpg->mapping)
			set_page_dirty(oldpg);	/* writeback cleaned it: it must go to the disk again */
		set_pte(vmf, old | _PAGE_RW | _PAGE_DIRTY);
		pte_unlock(vmf);
		return 0;
	}
	pg = alloc_page(__GFP_USER);
	if (!pg)
		return VM_FAULT_OOM;
	if (oldpg == zero_page)
		clear_page(page_address(pg));
	else
		copy_page(page_address(pg), page_address(oldpg));
	if (!pte_lock_same(vmf)) {
		put_page(pg);
		return 0;
	}
	page_add_rmap(pg);
	if (oldpg == zero_page)
		mm_rss_add(vmf->vma->vm_mm, 1);     /* a real page replaces the shared zero page */
	trace_fault_step(oldpg == zero_page ? "do_wp_page (copy of zero page)" : "do_wp_page (copy)");
	set_pte(vmf, page_to_phys(pg) | (old & PTE_FLAGS_MASK) | _PAGE_RW | _PAGE_DIRTY);
	if (oldpg != zero_page)
		page_remove_rmap(oldpg);
	pte_unlock(vmf);
	if (oldpg != zero_page)
		put_page(oldpg);
	return 0;
}

/* ---------------------------------------------------------------- file pages */

/* Linux: fault_around_bytes is 64 KiB (16 pages), settable; 4096 turns it off. */
static u64 fault_around_bytes = 16 * PAGE_SIZE;

static int set_fault_around_bytes(const char *v)
{
	long n;
	if (cmdline_parse_long(v, &n) || n < (long)PAGE_SIZE)
		return -1;
	n = MIN(n, (long)PMD_SIZE);	/* Linux: at most one PTE table's worth (PTRS_PER_PTE pages) */
	fault_around_bytes = 1UL << (63 - __builtin_clzl(n));	/* Linux rounds down to a power of two */
	return 0;
}
__setup("fault_around_bytes", set_fault_around_bytes);

/*
 * Linux finish_fault / set_pte_range: a page-cache page, with the
 * caller's reference, into an empty PTE (the cache keeps its own).  Under
 * page_table_lock; if the PTE was filled meanwhile (SMP: another thread's
 * fault), the reference goes back and false says so.
 */
static bool map_file_page(struct vm_fault *vmf, struct page *pg, pteval_t *pte, u64 addr, pteval_t val)
{
	spinlock_t *ptl = &vmf->vma->vm_mm->page_table_lock;

	spin_lock(ptl);
	if (pte_has_page(*pte)) {
		spin_unlock(ptl);
		put_page(pg);
		return false;
	}
	page_add_rmap(pg);
	mm_rss_add(vmf->vma->vm_mm, 1);
	*pte = page_to_phys(pg) | val;
	spin_unlock(ptl);
	invlpg(addr);
	return true;
}

/*
 * Linux do_fault_around / filemap_map_pages: a read fault also maps the
 * pages around it that are already in the page cache and up to date, in
 * the aligned fault_around_bytes window, inside the VMA and below EOF, all
 * read-only, so the next touches of a file being read cost no fault. Never
 * reads the disk. Returns whether the faulting page itself got mapped.
 */
static bool do_fault_around(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct inode *inode = vma->vm_file->f_inode;
	u64 eof_pages = DIV_ROUND_UP(inode->i_size, PAGE_SIZE);
	u64 start = MAX(ALIGN_DOWN(vmf->address, fault_around_bytes), vma->vm_start);
	u64 end = MIN(ALIGN_DOWN(vmf->address, fault_around_bytes) + fault_around_bytes, vma->vm_end);
	pteval_t prot = vm_get_page_prot(vma->vm_flags) & ~(pteval_t)_PAGE_RW;
	/* The window is aligned and smaller than a PMD: one PTE table holds it,
	 * the one handle_mm_fault made for the fault. */
	pteval_t *pte = pt_walk(vma->vm_mm->pgd, start, PT_PTE, false, 0);
	bool mapped = false;
	int count = 0;

	if (!vma->vm_file->f_inode->i_mapping.a_ops || !pte)
		return false;			/* shmem: no fault-around (Linux: shmem has no map_pages either) */
	for (u64 addr = start; addr < end; addr += PAGE_SIZE, pte++) {
		u64 pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
		struct page *pg;

		if (pgoff >= eof_pages)
			break;
		pg = find_get_page(&inode->i_mapping, pgoff);
		if (pte_has_page(*pte) || !pg || !(pg->flags & PG_uptodate))
			continue;
		get_page(pg);
		if (!map_file_page(vmf, pg, pte, addr, prot))
			continue;
		mapped |= addr == vmf->address;
		count++;
	}
	if (mapped)
		trace_fault_step("do_fault_around (page cache, %d page%s mapped)", count, count == 1 ? "" : "s");
	return mapped;
}

/* Linux __do_fault: the VMA's ->fault (filemap_fault, shmem_fault) finds the page and takes a reference. */
static vm_fault_t __do_fault(struct vm_fault *vmf)
{
	return vmf->vma->vm_ops->fault(vmf);
}

/* A read: the page-cache page itself, read-only (a later write goes through do_wp_page). */
static noinline_for_gdb vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;

	trace_fault_step("do_read_fault");
	if (fault_around_bytes > PAGE_SIZE && do_fault_around(vmf))
		return 0;
	ret = __do_fault(vmf);
	if (ret & VM_FAULT_ERROR)
		return ret;
	map_file_page(vmf, vmf->page, vmf->pte, vmf->address,
		      vm_get_page_prot(vmf->vma->vm_flags) & ~(pteval_t)_PAGE_RW);
	return ret;
}

/* A write to a MAP_PRIVATE file page: a private copy; the file never changes. */
static noinline_for_gdb vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;
	struct page *copy;

	trace_fault_step("do_cow_fault");
	ret = __do_fault(vmf);
	if (ret & VM_FAULT_ERROR)
		return ret;
	copy = alloc_page(__GFP_USER);
	if (!copy) {
		put_page(vmf->page);
		return VM_FAULT_OOM;
	}
	copy_page(page_address(copy), page_address(vmf->page));
	put_page(vmf->page);			/* only the copy is mapped */
	if (!pte_lock_same(vmf)) {
		put_page(copy);
		return ret;
	}
	page_add_rmap(copy);
	mm_rss_add(vmf->vma->vm_mm, 1);
	set_pte(vmf, page_to_phys(copy) | vm_get_page_prot(vmf->vma->vm_flags) | _PAGE_RW | _PAGE_DIRTY);
	pte_unlock(vmf);
	return ret;
}

/* A write to a MAP_SHARED file page: the page-cache page itself, writable and dirty. */
static noinline_for_gdb vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;

	trace_fault_step("do_shared_fault");
	ret = __do_fault(vmf);
	if (ret & VM_FAULT_ERROR)
		return ret;
	set_page_dirty(vmf->page);
	map_file_page(vmf, vmf->page, vmf->pte, vmf->address,
		      vm_get_page_prot(vmf->vma->vm_flags) | _PAGE_RW | _PAGE_DIRTY);
	return ret;
}

/* The file behind a VMA for pftrace: the path it was opened by, or the shmem name ("memfd:x"). */
static const char *vma_file_name(const struct vm_area_struct *vma)
{
	if (vma->vm_file && vma->vm_file->f_path)
		return vma->vm_file->f_path;
	return vma->vm_name ? vma->vm_name : "?";
}

/* Linux do_fault: a not-present page of a file VMA, one handler per kind of access. */
static noinline_for_gdb vm_fault_t do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	vm_fault_t ret;

	vmf->pgoff = vma->vm_pgoff + ((vmf->address - vma->vm_start) >> PAGE_SHIFT);
	trace_fault_step("do_fault (%s pgoff %lu)", vma_file_name(vma), vmf->pgoff);
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		ret = do_read_fault(vmf);
	else if (!(vma->vm_flags & VM_SHARED))
		ret = do_cow_fault(vmf);
	else
		ret = do_shared_fault(vmf);
	if ((ret & VM_FAULT_SIGBUS) && (vma->vm_flags & VM_NOFAULT)) {
		/* OpenBSD's __MAP_NOFAULT (docs/scenarios/nofault.md): a page the file cannot back
		 * becomes a private zero-filled page instead of a SIGBUS. */
		trace_fault_step("MAP_NOFAULT: anonymous page");
		return do_anonymous_page(vmf);
	}
	return ret;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, u64 address, unsigned flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = ALIGN_DOWN(address, PAGE_SIZE),
		.real_address = address,
		.flags = flags,
	};
	trace_fault_step("handle_mm_fault");
	reclaim_if_low();
	/* A write the VMA could never allow: the arch's access_error() should
	 * have refused it already (Linux: sanitize_fault_flags, the same answer). */
	if ((flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_MAYWRITE))
		return VM_FAULT_SIGSEGV;
	vmf.pte = pt_walk(vma->vm_mm->pgd, vmf.address, PT_PTE, true, _PAGE_TABLE);
	if (!vmf.pte)
		return VM_FAULT_OOM;
	vmf.orig_pte = *vmf.pte;
	if (!pte_has_page(*vmf.pte))
		return vma->vm_ops ? do_fault(&vmf) : do_anonymous_page(&vmf);
	if ((flags & FAULT_FLAG_WRITE) && !(*vmf.pte & _PAGE_RW))
		return do_wp_page(&vmf);
	return 0;     /* spurious: another path already mapped it (TLB was stale) */
}

/* ---------------------------------------------------------------- ranges */
typedef void (*pte_fn)(struct vm_area_struct *vma, u64 addr, pteval_t *pte, void *arg);

/* Call fn on every PTE slot holding a page in [start, end): one walk
 * down per PTE table, whose slots are then taken in turn, and a missing
 * table skipped whole (Linux: the pmd loop around zap_pte_range and
 * copy_pte_range). */
static void walk_ptes(struct vm_area_struct *vma, u64 start, u64 end, pte_fn fn, void *arg)
{
	u64 addr = start;

	spin_lock(&vma->vm_mm->page_table_lock);	/* fn changes PTEs: zap, mprotect, fork's copy */
	while (addr < end) {
		u64 next = MIN(ALIGN_DOWN(addr, PMD_SIZE) + PMD_SIZE, end);	/* this table's end */
		pteval_t *pte = pt_walk(vma->vm_mm->pgd, addr, PT_PTE, false, 0);

		for (; pte && addr < next; addr += PAGE_SIZE, pte++)
			if (pte_has_page(*pte))
				fn(vma, addr, pte, arg);
		addr = next;
	}
	spin_unlock(&vma->vm_mm->page_table_lock);
}

/* A page-cache page written through a shared mapping stays dirty once its PTE goes
 * (Linux zap_pte_range: the PTE's dirty bit moves to the page). */
static void zap_one(struct vm_area_struct *vma, u64 addr, pteval_t *pte, void *arg)
{
	struct page *pg = phys_to_page(pte_phys(*pte));
	if ((*pte & _PAGE_DIRTY) && pg->mapping && (vma->vm_flags & VM_SHARED))
		set_page_dirty(pg);
	*pte = 0;
	if (current && current->mm == vma->vm_mm)
		invlpg(addr);
	if (!(pg->flags & PG_reserved)) {
		vma->vm_mm->rss--;
		page_remove_rmap(pg);
		put_page(pg);
	}
}

void zap_page_range(struct vm_area_struct *vma, u64 start, u64 end)
{
	walk_ptes(vma, start, end, zap_one, NULL);
}

/*
 * Linux unmap_mapping_range: take every page of @m from page index @first
 * on out of every process that maps it, through the file's reverse map
 * (i_mmap). Truncate calls it, so a later touch faults and finds EOF.
 */
void unmap_mapping_range(struct address_space *m, u64 first)
{
	struct list_head *p;

	list_for_each(p, &m->i_mmap) {
		struct vm_area_struct *vma = list_entry(p, struct vm_area_struct, shared);
		u64 vma_last = vma->vm_pgoff + vma_pages(vma);
		u64 start = MAX(first, vma->vm_pgoff);

		if (start < vma_last)
			zap_page_range(vma, vma->vm_start + ((start - vma->vm_pgoff) << PAGE_SHIFT), vma->vm_end);
	}
}

/* mprotect: rewrite the protection bits, keeping RW only where it is safe
 * (an exclusive anonymous page or a shared writable mapping). */
static void change_one(struct vm_area_struct *vma, u64 addr, pteval_t *pte, void *arg)
{
	struct page *pg = phys_to_page(pte_phys(*pte));
	pteval_t val = pte_phys(*pte) | vm_get_page_prot(vma->vm_flags) | (*pte & _PAGE_DIRTY);
	bool exclusive = !(pg->flags & PG_reserved) && pg->refcount == 1 && !pg->mapping;
	if ((val & _PAGE_PRESENT) && (vma->vm_flags & VM_WRITE) && ((vma->vm_flags & VM_SHARED) || exclusive))
		val |= _PAGE_RW;
	*pte = val;
	if (current && current->mm == vma->vm_mm)
		invlpg(addr);
}

void change_protection(struct vm_area_struct *vma, u64 start, u64 end)
{
	walk_ptes(vma, start, end, change_one, NULL);
}

/* fork: share every page; private ones become copy-on-write in both. */
struct copy_ctx {
	struct mm_struct *dst;
	int err;		/* -ENOMEM once a page table could not be had */
};

static void copy_one(struct vm_area_struct *vma, u64 addr, pteval_t *pte, void *arg)
{
	struct copy_ctx *c = arg;
	pteval_t *dpte;
	struct page *pg = phys_to_page(pte_phys(*pte));
	if (c->err)
		return;
	dpte = pt_walk(c->dst->pgd, addr, PT_PTE, true, _PAGE_TABLE);
	if (!dpte) {
		c->err = -ENOMEM;
		return;
	}
	/* LAB cow: BEGIN share */
	if (!(vma->vm_flags & VM_SHARED) && (*pte & _PAGE_RW)) {
		*pte &= ~_PAGE_RW;
		invlpg(addr);
	}
	/* LAB cow: END share */
	*dpte = *pte;
	if (!(pg->flags & PG_reserved)) {
		get_page(pg);
		page_add_rmap(pg);
		mm_rss_add(c->dst, 1);
	}
}

/*
 * Linux copy_page_range: -ENOMEM when a page table cannot be allocated.
 * The caller must then fail the fork (Linux dup_mmap returns the error and
 * fork gives ENOMEM); skipping the page instead would leave the child a
 * hole that later reads as zeroes: silent data loss.
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	struct copy_ctx c = { dst, 0 };
	walk_ptes(vma, vma->vm_start, vma->vm_end, copy_one, &c);
	return c.err;
}
