/*
 * mm/vma.c - the VMAs of an address space: lookup, insertion, split, merge,
 * and stack growth.
 *
 * VMAs are kept twice, as Linux 2.6-6.0 did (vm_next list + vm_rb rbtree):
 *   mm->mmap     a list in address order (vm_list), for walking neighbours:
 *                vma_next()/vma_prev() are O(1);
 *   mm->mm_rb    a red-black tree of the same VMAs keyed by address (vm_rb,
 *                lib/rbtree.c), so find_vma(), insert_vm_struct() and
 *                remove_vm_struct() are O(log n) whatever the number of VMAs.
 * VMAs never overlap, so ordering by vm_start and by vm_end is the same
 * order; a VMA's bounds may change in place (split, merge, stack growth)
 * as long as it does not pass a neighbour, without touching the tree.
 * mm->vmacache holds the VMA last found or inserted (like Linux 2.6's
 * mm->mmap_cache; see find_vma() for how it is used here), so repeated
 * faults in one VMA, and an mmap+munmap next to the last one, skip the
 * tree walk; a miss costs one walk.
 *
 * find_vma(mm, addr) returns the first VMA with vm_end > addr: either the
 * VMA containing addr, or the next one above it (docs/scenarios/find-vma-and-stack-growth.md:
 * the caller checks vm_start <= addr, and otherwise may grow a stack down).
 *
 * The file uses nothing but kzalloc/kfree, panic (BUG_ON) and current's
 * rlimits from the rest of the kernel: tests/host/test_vma.c builds it on
 * the host (as Linux's tools/testing/vma does with mm/vma.c).
 */
#include <mm_types.h>
#include <mm.h>
#include <sched.h>
#include <printk.h>
#include <errno.h>
#include <mman.h>
#include <fs.h>

/* Linux: stack_guard_gap is 256 pages (mm/mmap.c), settable on the command line. */
u64 stack_guard_gap = 256UL << PAGE_SHIFT;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *v = kzalloc(sizeof(*v));
	if (v) {
		v->vm_mm = mm;
		INIT_LIST_HEAD(&v->vm_list);
		INIT_LIST_HEAD(&v->shared);
		RB_CLEAR_NODE(&v->vm_rb);
	}
	return v;
}

/*
 * Linux unlink_file_vma: the VMA leaves its file's reverse map.  This must
 * come before the VMA's fput(): the i_mmap list head lives in the inode,
 * which the last fput frees (slub_debug caught exactly that ordering bug).
 */
void unlink_file_vma(struct vm_area_struct *vma)
{
	if (!list_empty(&vma->shared))
		list_del(&vma->shared);
}

void vm_area_free(struct vm_area_struct *vma)
{
	if (vma)
		unlink_file_vma(vma);
	kfree(vma);
}

/*
 * Linux vma_link_file: a file VMA joins its file's i_mmap list, so truncate
 * and writeback find every mapping of a page (mm/rmap.c). Copies (split,
 * fork) carry a stale list node, so it is always set afresh.
 */
void vma_link_file(struct vm_area_struct *vma)
{
	INIT_LIST_HEAD(&vma->shared);
	if (vma->vm_file)
		list_add(&vma->shared, &vma->vm_file->f_inode->i_mapping.i_mmap);
}

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

/* The first VMA with vm_end > addr, or NULL: one walk down the tree. */
static struct vm_area_struct *rb_find_vma(struct mm_struct *mm, u64 addr)
{
	struct rb_node *n = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;
	while (n) {
		struct vm_area_struct *v = rb_entry(n, struct vm_area_struct, vm_rb);
		if (v->vm_end > addr) {
			found = v;              /* a candidate; a lower one may follow */
			if (v->vm_start <= addr)
				break;          /* addr is inside v: nothing lower qualifies */
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

/*
 * The cache: mm->vmacache is the VMA that the last lookup returned or that
 * was last inserted (or the neighbour of the last one removed).  The answer
 * for addr is checked against it and its two list neighbours first; v is
 * the answer exactly when v->vm_end > addr and the VMA before it ends at or
 * below addr, which the list tells in O(1).  Consecutive operations mostly
 * stay in one place (faults in one VMA; mmap next to the last mmap; munmap's
 * splits and removal), so they skip the tree walk.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, u64 addr)
{
	struct vm_area_struct *c = mm->vmacache, *v;
	if (c) {
		if (addr < c->vm_end) {
			if (c->vm_start <= addr)
				return c;                       /* inside the cached VMA */
			v = vma_prev(c);
			if (!v || v->vm_end <= addr) {
				v = c;                          /* in the gap just below it */
				goto hit;
			}
			if (v->vm_start <= addr)
				goto hit;                       /* inside the VMA before it */
		} else {
			v = vma_next(c);
			if (!v || v->vm_end > addr)
				goto hit;                       /* above it, up to the next one's end */
		}
	}
	v = rb_find_vma(mm, addr);
hit:
	if (v)
		mm->vmacache = v;
	return v;
}

/* find_vma, and the VMA before addr (NULL if none): the list gives it. */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, u64 addr, struct vm_area_struct **prev)
{
	struct vm_area_struct *v = find_vma(mm, addr);
	if (v)
		*prev = vma_prev(v);
	else
		*prev = list_empty(&mm->mmap) ? NULL :
			list_entry(mm->mmap.prev, struct vm_area_struct, vm_list);
	return v;
}

/*
 * Link a VMA that overlaps nothing into the tree and the list.  Its
 * neighbours in address order come from find_vma (next: the first VMA
 * above it) and the list (the one before next), and the empty slot is next
 * to one of them: next's left child if next has none, otherwise the right
 * child of next's in-order predecessor, the rightmost node of next's left
 * subtree (which therefore has no right child); with no next, the right
 * child of the last VMA.  So no second walk down the tree is needed.
 * Cannot fail (nothing is allocated); the int result is kept for callers.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start), *prev;
	struct rb_node *parent = NULL, **link = &mm->mm_rb.rb_node;

	if (next) {
		prev = vma_prev(next);
		list_add_tail(&vma->vm_list, &next->vm_list);
	} else {
		prev = list_empty(&mm->mmap) ? NULL :
			list_entry(mm->mmap.prev, struct vm_area_struct, vm_list);
		list_add_tail(&vma->vm_list, &mm->mmap);
	}
	if (next && !next->vm_rb.rb_left) {
		parent = &next->vm_rb;
		link = &parent->rb_left;
	} else if (prev) {
		parent = &prev->vm_rb;
		link = &parent->rb_right;
	}
	BUG_ON(*link);
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	mm->map_count++;
	vma->vm_mm = mm;
	mm->vmacache = vma;
	vma_link_file(vma);
	return 0;
}

void remove_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	BUG_ON(vma->vm_mm != mm || RB_EMPTY_NODE(&vma->vm_rb));
	if (mm->vmacache == vma)
		mm->vmacache = vma_next(vma) ? vma_next(vma) : vma_prev(vma);
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	RB_CLEAR_NODE(&vma->vm_rb);
	mm->map_count--;
	list_del(&vma->vm_list);
}

/*
 * Split vma at addr (page aligned, strictly inside).  The new VMA takes the
 * lower part if new_below, else the upper part.  The page tables are not
 * touched: both halves keep mapping the same pages.
 */
/* Linux: vm.max_map_count, DEFAULT_MAX_MAP_COUNT = USHRT_MAX - 5 VMAs per mm. */
long sysctl_max_map_count = 65530;

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, u64 addr, int new_below)
{
	struct vm_area_struct *n;
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;		/* Linux split_vma: one VMA more would pass the limit */
	n = vm_area_alloc(mm);
	if (!n)
		return -ENOMEM;
	*n = *vma;
	INIT_LIST_HEAD(&n->vm_list);
	RB_CLEAR_NODE(&n->vm_rb);
	if (n->vm_file)
		get_file(n->vm_file);	/* each VMA holds its own reference: munmap of one half fput()s it */
	if (new_below) {
		n->vm_end = addr;
		vma->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
		vma->vm_start = addr;        /* tree order is unchanged: n goes before */
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

/*
 * Make vma cover exactly [start, end) of itself, splitting off what lies
 * outside, so that a change of flags touches only the range (Linux:
 * vma_modify, used by mprotect, madvise and mlock alike).
 */
int split_vma_to(struct mm_struct *mm, struct vm_area_struct *vma, u64 start, u64 end)
{
	if (vma->vm_start < start && split_vma(mm, vma, start, 1))
		return -ENOMEM;
	if (vma->vm_end > end && split_vma(mm, vma, end, 0))
		return -ENOMEM;
	return 0;
}

/* Pages in every VMA of @mm (Linux keeps this as mm->total_vm: VmSize). */
u64 mm_total_vm(struct mm_struct *mm)
{
	u64 pages = 0;
	struct list_head *p;

	list_for_each(p, &mm->mmap)
		pages += vma_pages(list_entry(p, struct vm_area_struct, vm_list));
	return pages;
}

/* Pages of @mm's VMAs inside [start, end) (Linux count_vma_pages_range). */
u64 vma_pages_in_range(struct mm_struct *mm, u64 start, u64 end)
{
	u64 pages = 0;

	for (struct vm_area_struct *v = find_vma(mm, start); v && v->vm_start < end; v = vma_next(v))
		pages += (MIN(end, v->vm_end) - MAX(start, v->vm_start)) >> PAGE_SHIFT;
	return pages;
}

/* Private writable memory that is not a stack (Linux is_data_mapping). */
static bool is_data_mapping(u64 vm_flags)
{
	return (vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

static u64 mm_data_vm(struct mm_struct *mm)
{
	u64 pages = 0;
	struct list_head *p;

	list_for_each(p, &mm->mmap) {
		struct vm_area_struct *v = list_entry(p, struct vm_area_struct, vm_list);

		if (is_data_mapping(v->vm_flags))
			pages += vma_pages(v);
	}
	return pages;
}

/*
 * May @mm grow by @npages of a mapping with @vm_flags (Linux may_expand_vm)?
 * Not past RLIMIT_AS in all, nor past RLIMIT_DATA in data mappings (Linux
 * 4.7 on; a zero RLIMIT_DATA soft limit falls back to the hard one, the
 * "workaround for Valgrind").  The totals are counted only when a limit is set.
 */
bool may_expand_vm(struct mm_struct *mm, u64 vm_flags, u64 npages)
{
	const struct rlimit *as = &current->signal->rlim[RLIMIT_AS], *data = &current->signal->rlim[RLIMIT_DATA];
	u64 data_vm;

	if (as->rlim_cur != RLIM_INFINITY && mm_total_vm(mm) + npages > as->rlim_cur >> PAGE_SHIFT)
		return false;
	if (!is_data_mapping(vm_flags) || data->rlim_cur == RLIM_INFINITY)
		return true;
	data_vm = mm_data_vm(mm) + npages;
	if (data_vm <= data->rlim_cur >> PAGE_SHIFT)
		return true;
	return data->rlim_cur == 0 && (data->rlim_max == RLIM_INFINITY || data_vm <= data->rlim_max >> PAGE_SHIFT);
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
	unlink_file_vma(vma);
	if (vma->vm_file)
		fput(vma->vm_file);	/* prev keeps its own reference to the same file */
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
 * below mmap_min_addr (docs/linux-abi.md §9).  There is no %rsp check (Linux >= 4.20).
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
	u64 limit = current->signal->rlim[RLIMIT_STACK].rlim_cur;

	if (new_start < MMAP_MIN_ADDR)
		return -EPERM;
	if (limit != RLIM_INFINITY && vma->vm_end - new_start > limit)
		return -ENOMEM;
	if (!stack_guard_ok(vma, new_start))
		return -ENOMEM;
	if (!may_expand_vm(vma->vm_mm, vma->vm_flags, (vma->vm_start - new_start) >> PAGE_SHIFT))
		return -ENOMEM;
	/* Linux acct_stack_growth: the growth is committed last, once nothing else refuses it. */
	if ((vma->vm_flags & VM_ACCOUNT) && vm_enough_memory(vma->vm_mm, (vma->vm_start - new_start) >> PAGE_SHIFT))
		return -ENOMEM;
	vma->vm_start = new_start;    /* vm_start only moves down: the tree stays sorted */
	if (vma->vm_file)
		vma->vm_pgoff = 0;
	return 0;
}
