/*
 * mm/vma.c - the VMAs of an address space: lookup, insertion, split, merge,
 * and stack growth.
 *
 * VMAs are kept twice, as Linux 2.6-6.0 did (vm_next list + rbtree):
 *   mm->mmap        a list in address order, for walking neighbours;
 *   mm->vma_index   an array of the same VMAs sorted by vm_start, for
 *                   binary search, so find_vma() is O(log n) with 10,000 VMAs.
 * Insert/remove shift the array (a memmove of pointers: cheap next to the
 * page-table work that accompanies every mmap/munmap).
 *
 * find_vma(mm, addr) returns the first VMA with vm_end > addr: either the
 * VMA containing addr, or the next one above it (seed 002/003 semantics:
 * the caller checks vm_start <= addr, and otherwise may grow a stack down).
 */
#include <mm_types.h>
#include <mm.h>
#include <sched.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <mman.h>

/* Linux: stack_guard_gap is 256 pages (mm/mmap.c), settable on the command line. */
u64 stack_guard_gap = 256UL << PAGE_SHIFT;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *v = kzalloc(sizeof(*v));
	if (v) {
		v->vm_mm = mm;
		INIT_LIST_HEAD(&v->vm_list);
	}
	return v;
}

void vm_area_free(struct vm_area_struct *vma) { kfree(vma); }

struct vm_area_struct *vma_next(struct vm_area_struct *vma)
{
	if (vma->vm_list.next == &vma->vm_mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

struct vm_area_struct *vma_prev(struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &vma->vm_mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

/* Index of the first VMA with vm_end > addr (== map_count if none). */
static int index_lookup(struct mm_struct *mm, u64 addr)
{
	int lo = 0, hi = mm->map_count;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (mm->vma_index[mid]->vm_end > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Index of the last VMA that starts below addr, or -1. */
int vma_index_below(struct mm_struct *mm, u64 addr)
{
	int i = index_lookup(mm, addr);
	return i < mm->map_count && mm->vma_index[i]->vm_start < addr ? i : i - 1;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, u64 addr)
{
	struct vm_area_struct *v = mm->vmacache;
	int i;
	if (v && v->vm_start <= addr && addr < v->vm_end)
		return v;
	i = index_lookup(mm, addr);
	if (i == mm->map_count)
		return NULL;
	v = mm->vma_index[i];
	mm->vmacache = v;
	return v;
}

/* find_vma, and the VMA before addr (NULL if none). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, u64 addr, struct vm_area_struct **prev)
{
	int i = index_lookup(mm, addr);
	*prev = i > 0 ? mm->vma_index[i - 1] : NULL;
	return i < mm->map_count ? mm->vma_index[i] : NULL;
}

static int index_grow(struct mm_struct *mm)
{
	int cap = mm->index_cap ? mm->index_cap * 2 : 64;
	struct vm_area_struct **n = kmalloc(cap * sizeof(*n), 0);
	if (!n)
		return -ENOMEM;
	if (mm->map_count)
		memcpy(n, mm->vma_index, mm->map_count * sizeof(*n));
	kfree(mm->vma_index);
	mm->vma_index = n;
	mm->index_cap = cap;
	return 0;
}

/* Link a VMA that overlaps nothing into the list and the index. */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i;
	if (mm->map_count == mm->index_cap && index_grow(mm))
		return -ENOMEM;
	i = index_lookup(mm, vma->vm_start);
	memmove(&mm->vma_index[i + 1], &mm->vma_index[i], (mm->map_count - i) * sizeof(vma));
	mm->vma_index[i] = vma;
	mm->map_count++;
	if (i + 1 < mm->map_count)
		list_add_tail(&vma->vm_list, &mm->vma_index[i + 1]->vm_list);
	else
		list_add_tail(&vma->vm_list, &mm->mmap);
	vma->vm_mm = mm;
	return 0;
}

void remove_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	int i = index_lookup(mm, vma->vm_start);
	BUG_ON(i >= mm->map_count || mm->vma_index[i] != vma);
	memmove(&mm->vma_index[i], &mm->vma_index[i + 1], (mm->map_count - i - 1) * sizeof(vma));
	mm->map_count--;
	list_del(&vma->vm_list);
	if (mm->vmacache == vma)
		mm->vmacache = NULL;
}

/*
 * Split vma at addr (page aligned, strictly inside).  The new VMA takes the
 * lower part if new_below, else the upper part.  The page tables are not
 * touched: both halves keep mapping the same pages.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, u64 addr, int new_below)
{
	struct vm_area_struct *n = vm_area_alloc(mm);
	if (!n)
		return -ENOMEM;
	*n = *vma;
	INIT_LIST_HEAD(&n->vm_list);
	if (new_below) {
		n->vm_end = addr;
		vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_start = addr;        /* index order is unchanged: n goes before */
	} else {
		n->vm_start = addr;
		n->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_end = addr;
	}
	if (insert_vm_struct(mm, n)) {
		vm_area_free(n);
		return -ENOMEM;
	}
	return 0;
}

/* Two adjacent VMAs can become one if nothing observable differs. */
static bool can_merge(struct vm_area_struct *a, struct vm_area_struct *b)
{
	if (a->vm_end != b->vm_start || a->vm_flags != b->vm_flags || a->vm_file != b->vm_file ||
	    a->vm_ops != b->vm_ops || a->vm_name != b->vm_name)
		return false;
	return !a->vm_file || a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

static void merge_into_prev(struct mm_struct *mm, struct vm_area_struct *prev, struct vm_area_struct *vma)
{
	remove_vm_struct(mm, vma);
	prev->vm_end = vma->vm_end;
	vm_area_free(vma);
}

/* After a change to vma, fold it into equal neighbours (Linux: vma_merge). */
void vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(vma), *next = vma_next(vma);
	if (next && can_merge(vma, next))
		merge_into_prev(mm, vma, next);
	if (prev && can_merge(prev, vma))
		merge_into_prev(mm, prev, vma);
}

/*
 * Grow a VM_GROWSDOWN VMA down to cover address (Linux: expand_downwards).
 * Refused when the stack would exceed RLIMIT_STACK, measured from the VMA's
 * top, or come within stack_guard_gap of an accessible VMA below, or go
 * below mmap_min_addr (linux-abi.md §9).  There is no %rsp check (Linux >= 4.20).
 */


static bool stack_guard_ok(struct vm_area_struct *vma, u64 new_start)
{
	struct vm_area_struct *prev = vma_prev(vma);
	u64 gap_start;
	/* A PROT_NONE neighbour or another stack does not need the gap. */
	if (!prev || !(prev->vm_flags & VM_ACCESS_FLAGS) || (prev->vm_flags & VM_GROWSDOWN))
		return !prev || new_start >= prev->vm_end;
	gap_start = prev->vm_end + stack_guard_gap;
	return gap_start >= prev->vm_end && new_start >= gap_start;
}

int expand_stack(struct vm_area_struct *vma, u64 address)
{
	u64 new_start = ALIGN_DOWN(address, PAGE_SIZE);
	u64 limit = current->rlim[RLIMIT_STACK].rlim_cur;

	if (new_start < MMAP_MIN_ADDR)
		return -EPERM;
	if (limit != RLIM_INFINITY && vma->vm_end - new_start > limit)
		return -ENOMEM;
	if (!stack_guard_ok(vma, new_start))
		return -ENOMEM;
	vma->vm_start = new_start;    /* vm_start only moves down: the index stays sorted */
	if (vma->vm_file)
		vma->vm_pgoff = 0;
	return 0;
}
