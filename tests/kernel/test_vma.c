/*
 * In-kernel tests of the VMA layer (mm/vma.c, mm/mmap.c): find_vma's
 * "first VMA with vm_end > addr" rule (docs/scenarios/find-vma-and-stack-growth.md), split and merge,
 * stack growth limits, lookups among 10,000 VMAs, and the red-black tree
 * after mmap/mprotect/munmap/fork.  tests/host/test_vma.c tests mm/vma.c
 * and lib/rbtree.c further on the host.
 */
#include <ktest.h>
#include <mm_types.h>
#include <mman.h>
#include <sched.h>
#include <errno.h>

#define BASE 0x10000000UL
#define P PAGE_SIZE

static long map(struct mm_struct *mm, u64 addr, u64 pages, u64 prot)
{
	return do_mmap(mm, addr, pages * P, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
}

KTEST(find_vma_semantics)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *v;
	map(mm, BASE, 2, PROT_READ);
	map(mm, BASE + 4 * P, 1, PROT_READ | PROT_WRITE);
	v = find_vma(mm, BASE - 1);                 /* below everything: the first VMA */
	KTEST_EXPECT(v && v->vm_start == BASE);
	v = find_vma(mm, BASE + P);                 /* inside */
	KTEST_EXPECT(v && v->vm_start == BASE && v->vm_end == BASE + 2 * P);
	v = find_vma(mm, BASE + 2 * P);             /* vm_end is exclusive: the next VMA */
	KTEST_EXPECT(v && v->vm_start == BASE + 4 * P);
	KTEST_EXPECT(find_vma(mm, BASE + 5 * P) == NULL);
	mmput(mm);
}

KTEST(mprotect_splits_and_merges)
{
	struct mm_struct *mm = mm_alloc();
	map(mm, BASE, 3, PROT_READ | PROT_WRITE);
	KTEST_EXPECT(mm->map_count == 1);
	KTEST_EXPECT(do_mprotect(mm, BASE + P, P, PROT_READ) == 0);
	KTEST_EXPECT(mm->map_count == 3);
	KTEST_EXPECT(find_vma(mm, BASE + P)->vm_flags & VM_READ);
	KTEST_EXPECT(!(find_vma(mm, BASE + P)->vm_flags & VM_WRITE));
	KTEST_EXPECT(do_mprotect(mm, BASE + P, P, PROT_READ | PROT_WRITE) == 0);
	KTEST_EXPECT(mm->map_count == 1);           /* equal neighbours merged back */
	KTEST_EXPECT(do_mprotect(mm, BASE + 5 * P, P, PROT_READ) == -ENOMEM);   /* a hole */
	KTEST_EXPECT(do_munmap(mm, BASE + P, P) == 0);
	KTEST_EXPECT(mm->map_count == 2);
	KTEST_EXPECT(find_vma(mm, BASE + P)->vm_start == BASE + 2 * P);
	KTEST_EXPECT(do_munmap(mm, BASE + 1, P) == -EINVAL);
	mmput(mm);
}

KTEST(mmap_argument_errors)
{
	struct mm_struct *mm = mm_alloc();
	KTEST_EXPECT(do_mmap(mm, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0) == -EINVAL);
	KTEST_EXPECT(do_mmap(mm, BASE + 1, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == -EINVAL);
	KTEST_EXPECT(do_mmap(mm, 0, P, PROT_READ, MAP_ANONYMOUS, NULL, 0) == -EINVAL);
	KTEST_EXPECT(do_mmap(mm, 0, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) == -EPERM);
	map(mm, BASE, 1, PROT_READ);
	KTEST_EXPECT(do_mmap(mm, BASE, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, NULL, 0) == -EEXIST);
	mmput(mm);
}

/* Linux: growth stops at RLIMIT_STACK and keeps stack_guard_gap from an
 * accessible VMA below (docs/linux-abi.md §9). */
KTEST(expand_stack_limits)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *stack;
	u64 top = BASE + 0x10000000UL, saved = current->signal->rlim[RLIMIT_STACK].rlim_cur;
	current->signal->rlim[RLIMIT_STACK].rlim_cur = 1UL << 20;
	do_mmap(mm, top - P, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, NULL, 0);
	stack = find_vma(mm, top - P);
	KTEST_EXPECT(expand_stack(stack, top - (1UL << 20)) == 0);       /* exactly the limit */
	KTEST_EXPECT(expand_stack(stack, top - (1UL << 20) - 1) == -ENOMEM);
	current->signal->rlim[RLIMIT_STACK].rlim_cur = 64UL << 20;
	map(mm, top - (4UL << 20), 1, PROT_READ);                        /* a neighbour 4 MiB down */
	KTEST_EXPECT(expand_stack(stack, top - (4UL << 20) + P + stack_guard_gap) == 0);
	KTEST_EXPECT(expand_stack(stack, top - (4UL << 20) + P + stack_guard_gap - P) == -ENOMEM);
	current->signal->rlim[RLIMIT_STACK].rlim_cur = saved;
	mmput(mm);
}

/* 10,000 VMAs that cannot merge: lookups stay exact (the tree is mm->mm_rb). */
KTEST(ten_thousand_vmas)
{
	u64 before = nr_free_pages();
	struct mm_struct *mm = mm_alloc();
	bool ok = true;
	for (u64 i = 0; i < 10000; i++)
		ok &= map(mm, BASE + 2 * i * P, 1, (i & 1) ? PROT_READ : PROT_READ | PROT_WRITE) > 0;
	KTEST_EXPECT(ok && mm->map_count == 10000);
	for (u64 i = 0; i < 10000; i += 7) {
		struct vm_area_struct *v = find_vma(mm, BASE + 2 * i * P + P);   /* in the gap */
		ok &= v && v->vm_start == BASE + 2 * (i + 1) * P;
	}
	KTEST_EXPECT(ok);
	mmput(mm);
	KTEST_EXPECT(nr_free_pages() == before);     /* every VMA, table and index page back */
}

/* Top-down placement: adjacent, going down, and a freed hole is reused. */
KTEST(mmap_top_down_placement)
{
	struct mm_struct *mm = mm_alloc();
	long a, b, c, d;
	mm->mmap_base = 0x7ffff7fff000UL;
	a = do_mmap(mm, 0, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	b = do_mmap(mm, 0, P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	c = do_mmap(mm, 0, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	KTEST_EXPECT(a == (long)(mm->mmap_base - P) && b == a - (long)P && c == b - (long)P);
	KTEST_EXPECT(do_munmap(mm, b, P) == 0);
	d = do_mmap(mm, 0, P, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	KTEST_EXPECT(d == b);                       /* the hole is the highest gap */
	mmput(mm);
}

/* Black height of the subtree at n, or -1 if a red node has a red child,
 * a parent pointer is wrong or two paths differ. */
static int rb_black_height(struct rb_node *n, struct rb_node *parent)
{
	int l, r;
	if (!n)
		return 1;
	if (rb_parent(n) != parent || (rb_is_red(n) && parent && rb_is_red(parent)))
		return -1;
	l = rb_black_height(n->rb_left, n);
	r = rb_black_height(n->rb_right, n);
	return l < 0 || l != r ? -1 : l + rb_is_black(n);
}

/* mm->mm_rb is a red-black tree whose in-order walk is the list mm->mmap. */
static bool vma_tree_ok(struct mm_struct *mm)
{
	struct rb_node *n = rb_first(&mm->mm_rb);
	struct list_head *p;
	int count = 0;
	if (mm->mm_rb.rb_node && rb_is_red(mm->mm_rb.rb_node))
		return false;
	if (rb_black_height(mm->mm_rb.rb_node, NULL) < 0)
		return false;
	list_for_each(p, &mm->mmap) {
		if (!n || rb_entry(n, struct vm_area_struct, vm_rb) != list_entry(p, struct vm_area_struct, vm_list))
			return false;
		n = rb_next(n);
		count++;
	}
	return !n && count == mm->map_count;
}

/* The tree through the real paths: mprotect splits, munmap holes, merges
 * back, and fork's copy (dup_mm inserts every VMA in address order). */
KTEST(vma_rbtree_after_mmap_ops)
{
	u64 before = nr_free_pages(), seed = 12345;
	struct mm_struct *mm = mm_alloc(), *copy;
	struct list_head *p, *q;
	bool same = true;
	KTEST_EXPECT(map(mm, BASE, 3000, PROT_READ | PROT_WRITE) == (long)BASE);
	for (u64 i = 0; i < 3000; i += 2)
		do_mprotect(mm, BASE + i * P, P, PROT_READ);
	KTEST_EXPECT(mm->map_count == 3000 && vma_tree_ok(mm));
	for (int k = 0; k < 500; k++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		u64 page = (seed >> 33) % 3000;
		if (k & 1)
			do_munmap(mm, BASE + page * P, P);
		else
			do_mprotect(mm, BASE + page * P, MIN(8, 3000 - page) * P, PROT_READ | PROT_WRITE);
	}
	KTEST_EXPECT(vma_tree_ok(mm));
	copy = dup_mm(mm);
	KTEST_EXPECT(copy && vma_tree_ok(copy) && copy->map_count == mm->map_count);
	if (!copy) {
		mmput(mm);
		return;
	}
	for (p = mm->mmap.next, q = copy->mmap.next; same && p != &mm->mmap && q != &copy->mmap;
	     p = p->next, q = q->next) {
		struct vm_area_struct *a = list_entry(p, struct vm_area_struct, vm_list);
		struct vm_area_struct *b = list_entry(q, struct vm_area_struct, vm_list);
		same = a->vm_start == b->vm_start && a->vm_end == b->vm_end && a->vm_flags == b->vm_flags &&
		       find_vma(copy, a->vm_start) == b;
	}
	KTEST_EXPECT(same);
	KTEST_EXPECT(do_munmap(mm, BASE, 3000 * P) == 0 && mm->map_count == 0 && RB_EMPTY_ROOT(&mm->mm_rb));
	mmput(copy);
	mmput(mm);
	KTEST_EXPECT(nr_free_pages() == before);
}
