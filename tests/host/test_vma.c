/*
 * tests/host/test_vma.c - mm/vma.c and lib/rbtree.c on the host, as Linux
 * tests mm/vma.c in tools/testing/vma: the kernel's own source, built with
 * the kernel's headers, linked with tests/host/vma_shim.c (kzalloc/kfree on
 * calloc/free, panic, current) and run under ASan and UBSan.
 *
 * Usage: test_vma   (run by tests/host/run.sh)
 * Expectation: find_vma returns the first VMA with vm_end > addr (below all,
 * inside, at vm_end exactly, in a gap, above all) whatever the cache holds;
 * after every insertion and removal, in random order, the tree is a valid
 * red-black tree (root black, no red node with a red child, equal black
 * height on every path, parent pointers right) whose in-order sequence is
 * the address-ordered list; split_vma, vma_merge_neighbours and
 * expand_stack behave as in the kernel's ktests; 100,000 VMAs keep a height
 * within 2*log2(n+1).  Prints "ok name" / "not ok name"; run.sh numbers them.
 */
#include <mm_types.h>
#include <sched.h>
#include <mman.h>
#include <errno.h>
#include <printk.h>
#include "vma_shim.h"

#define P PAGE_SIZE
#define BASE 0x10000000UL

static int failures;

static void check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(bool ok, const char *fmt, ...)
{
	char buf[300];
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "%s", ok ? "ok " : "not ok ");

	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(1, buf, n) != n)          /* unbuffered: lines before a crash survive */
		abort();
	failures += !ok;
}

/* xorshift64*: the same "random" sequence on every run. */
static u64 rng_state = 0x9e3779b97f4a7c15UL;
static u64 rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dUL;
}

static void shuffle(u64 *a, u64 n)
{
	for (u64 i = n - 1; i > 0; i--) {
		u64 j = rnd() % (i + 1), t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

static u64 *iota(u64 n)
{
	u64 *a = calloc(n, sizeof(*a));
	for (u64 i = 0; i < n; i++)
		a[i] = i;
	return a;
}

/* ---------------------------------------------------------------- helpers */

static struct mm_struct *new_mm(void)
{
	struct mm_struct *mm = calloc(1, sizeof(*mm));
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_rb = RB_ROOT;
	return mm;
}

static struct vm_area_struct *add(struct mm_struct *mm, u64 start, u64 end, u64 flags)
{
	struct vm_area_struct *v = vm_area_alloc(mm);
	v->vm_start = start;
	v->vm_end = end;
	v->vm_flags = flags;
	if (insert_vm_struct(mm, v)) {
		vm_area_free(v);
		return NULL;
	}
	return v;
}

static void drop(struct mm_struct *mm, struct vm_area_struct *v)
{
	remove_vm_struct(mm, v);
	vm_area_free(v);
}

static void free_mm(struct mm_struct *mm)
{
	while (!list_empty(&mm->mmap))
		drop(mm, list_first_entry(&mm->mmap, struct vm_area_struct, vm_list));
	free(mm);
}

static struct vm_area_struct *rb_vma(const struct rb_node *n)
{
	return n ? rb_entry(n, struct vm_area_struct, vm_rb) : NULL;
}

/* The answer find_vma must give, by scanning the list. */
static struct vm_area_struct *slow_find_vma(struct mm_struct *mm, u64 addr)
{
	struct list_head *p;
	list_for_each(p, &mm->mmap) {
		struct vm_area_struct *v = list_entry(p, struct vm_area_struct, vm_list);
		if (v->vm_end > addr)
			return v;
	}
	return NULL;
}

/* ---------------------------------------------------------------- invariants */

static char why[256];
static int max_depth;

static bool fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return false;
}

/* Black height of the subtree at n (NULL leaves count 1), or -1 if broken. */
static int black_height(const struct rb_node *n, const struct rb_node *parent, int depth)
{
	int l, r;
	if (!n)
		return 1;
	if (depth > max_depth)
		max_depth = depth;
	if (rb_parent(n) != parent) {
		fail("node %#lx: wrong parent pointer", rb_vma(n)->vm_start);
		return -1;
	}
	if (rb_is_red(n) && parent && rb_is_red(parent)) {
		fail("red node %#lx has a red parent", rb_vma(n)->vm_start);
		return -1;
	}
	l = black_height(n->rb_left, n, depth + 1);
	r = l < 0 ? -1 : black_height(n->rb_right, n, depth + 1);
	if (l < 0 || r < 0)
		return -1;
	if (l != r) {
		fail("node %#lx: black heights %d left, %d right", rb_vma(n)->vm_start, l, r);
		return -1;
	}
	return l + rb_is_black(n);
}

/*
 * The whole state of mm: a valid red-black tree; its in-order sequence,
 * forwards (rb_first/rb_next) and backwards (rb_last/rb_prev), is the list;
 * the list is sorted and free of overlaps; map_count counts it; the cache
 * is NULL or one of the VMAs.  O(n).
 */
static bool mm_valid(struct mm_struct *mm)
{
	struct rb_node *n;
	struct list_head *p;
	bool cache_found = !mm->vmacache;
	u64 prev_end = 0;
	int count = 0;

	max_depth = 0;
	*why = 0;
	if (mm->mm_rb.rb_node && !rb_is_black(mm->mm_rb.rb_node))
		return fail("the root is red");
	if (black_height(mm->mm_rb.rb_node, NULL, 1) < 0)
		return false;
	n = rb_first(&mm->mm_rb);
	list_for_each(p, &mm->mmap) {
		struct vm_area_struct *v = list_entry(p, struct vm_area_struct, vm_list);
		if (rb_vma(n) != v)
			return fail("in-order node %d is not list entry %d (%#lx)", count, count, v->vm_start);
		if (v->vm_start >= v->vm_end || v->vm_start < prev_end)
			return fail("list entry %d [%#lx, %#lx) is empty or overlaps", count, v->vm_start, v->vm_end);
		if (v->vm_mm != mm)
			return fail("list entry %d has the wrong vm_mm", count);
		cache_found |= v == mm->vmacache;
		prev_end = v->vm_end;
		n = rb_next(n);
		count++;
	}
	if (n)
		return fail("the tree has more nodes than the list (%d)", count);
	n = rb_last(&mm->mm_rb);
	for (p = mm->mmap.prev; p != &mm->mmap; p = p->prev) {
		if (rb_vma(n) != list_entry(p, struct vm_area_struct, vm_list))
			return fail("rb_last/rb_prev disagree with the list");
		n = rb_prev(n);
	}
	if (n)
		return fail("rb_prev walks past the first VMA");
	if (count != mm->map_count)
		return fail("map_count %d, list %d", mm->map_count, count);
	if (!cache_found)
		return fail("vmacache points at no VMA of the mm");
	return true;
}

/* 2 * log2(n + 1), the red-black height bound (in nodes), rounded down:
 * the largest h with 2^h <= (n + 1)^2. */
static int height_bound(u64 n)
{
	int h = 0;
	while ((2UL << h) <= (n + 1) * (n + 1))
		h++;
	return h;
}

/* ---------------------------------------------------------------- find_vma */

static void test_empty(void)
{
	struct mm_struct *mm = new_mm();
	struct vm_area_struct *prev = (void *)1;
	check(find_vma(mm, 0) == NULL && find_vma(mm, BASE) == NULL, "find_vma on an empty mm is NULL");
	check(find_vma_prev(mm, BASE, &prev) == NULL && prev == NULL, "find_vma_prev on an empty mm: NULL, prev NULL");
	check(mm_valid(mm), "an empty mm is valid");
	free_mm(mm);
}

static void test_find_vma_boundaries(void)
{
	struct mm_struct *mm = new_mm();
	struct vm_area_struct *a = add(mm, BASE, BASE + 2 * P, VM_READ);
	struct vm_area_struct *b = add(mm, BASE + 4 * P, BASE + 5 * P, VM_READ | VM_WRITE);
	struct vm_area_struct *prev;

	/* each with a cold cache, then with the cache on the other VMA */
	for (int warm = 0; warm < 2; warm++) {
		const char *how = warm ? "cache elsewhere" : "cold cache";
#define LOOK(addr, other) (mm->vmacache = warm ? (other) : NULL, find_vma(mm, (addr)))
		check(LOOK(0, b) == a && LOOK(BASE - 1, b) == a, "find_vma below all VMAs is the first (%s)", how);
		check(LOOK(BASE, b) == a, "find_vma at vm_start (%s)", how);
		check(LOOK(BASE + P + 5, b) == a, "find_vma inside (%s)", how);
		check(LOOK(BASE + 2 * P - 1, b) == a, "find_vma at vm_end - 1 (%s)", how);
		check(LOOK(BASE + 2 * P, b) == b, "find_vma at vm_end exactly is the next VMA (%s)", how);
		check(LOOK(BASE + 3 * P, a) == b, "find_vma in the gap is the next VMA (%s)", how);
		check(LOOK(BASE + 5 * P - 1, a) == b, "find_vma at the last VMA's vm_end - 1 (%s)", how);
		check(LOOK(BASE + 5 * P, a) == NULL && LOOK(~0UL, a) == NULL, "find_vma above all VMAs is NULL (%s)", how);
#undef LOOK
	}
	mm->vmacache = NULL;
	check(find_vma_prev(mm, BASE + 3 * P, &prev) == b && prev == a, "find_vma_prev in the gap: next and prev");
	check(find_vma_prev(mm, BASE + 4 * P, &prev) == b && prev == a, "find_vma_prev at vm_start");
	check(find_vma_prev(mm, BASE + 9 * P, &prev) == NULL && prev == b, "find_vma_prev above all: prev is the last");
	check(find_vma_prev(mm, BASE - P, &prev) == a && prev == NULL, "find_vma_prev below all: prev NULL");
	free_mm(mm);
}

/* Random layout, random addresses, every possible cache state: find_vma and
 * find_vma_prev agree with a scan of the list. */
static void test_find_vma_random(void)
{
	struct mm_struct *mm = new_mm();
	struct vm_area_struct *vmas[300], *prev;
	u64 addr = BASE, bad = 0, lookups = 0;
	int n = 0;
	bool ok;

	while (n < 300) {
		addr += (rnd() % 3) * P;                /* gaps of 0, 1 or 2 pages */
		u64 len = (1 + rnd() % 4) * P;
		vmas[n] = add(mm, addr, addr + len, n & 1 ? VM_READ : VM_READ | VM_WRITE);
		addr += len;
		n++;
	}
	for (int i = 0; i < 200000; i++) {
		u64 a = BASE - 2 * P + rnd() % (addr - BASE + 4 * P);
		struct vm_area_struct *want;
		if (i % 4 == 0)
			a = (a & ~(P - 1)) - (rnd() & 1);  /* page edges, and just below them */
		want = slow_find_vma(mm, a);
		mm->vmacache = rnd() % 8 ? vmas[rnd() % n] : NULL;
		bad += find_vma(mm, a) != want;
		mm->vmacache = rnd() % 8 ? vmas[rnd() % n] : NULL;
		bad += find_vma_prev(mm, a, &prev) != want ||
		       prev != (want ? vma_prev(want) : list_entry(mm->mmap.prev, struct vm_area_struct, vm_list));
		lookups += 2;
	}
	check(!bad, "find_vma/find_vma_prev = list scan for %lu random lookups and cache states (%lu wrong)", lookups, bad);
	ok = mm_valid(mm);
	check(ok, "the mm is still valid after the lookups%s%s", ok ? "" : ": ", why);
	free_mm(mm);
}

/* ---------------------------------------------------------------- insert/remove */

/* Insert n one-page VMAs (every other page) in random order, then remove
 * them in another random order; check everything after each step. */
static void test_random_insert_remove(u64 n)
{
	struct mm_struct *mm = new_mm();
	struct vm_area_struct **v = calloc(n, sizeof(*v));
	u64 *order = iota(n), step;
	bool ok = true;

	shuffle(order, n);
	for (step = 0; ok && step < n; step++) {
		u64 i = order[step];
		v[i] = add(mm, BASE + 2 * i * P, BASE + (2 * i + 1) * P, VM_READ);
		if (rnd() % 4 == 0)
			(void)find_vma(mm, BASE + 2 * (rnd() % n) * P);   /* move the cache about */
		ok = mm_valid(mm);
	}
	check(ok, "%lu insertions in random order: red-black and list invariants after each%s%s",
	      n, ok ? "" : ": ", why);
	shuffle(order, n);
	for (step = 0; ok && step < n; step++) {
		drop(mm, v[order[step]]);
		if (rnd() % 4 == 0)
			(void)find_vma(mm, BASE + 2 * (rnd() % n) * P);
		ok = mm_valid(mm);
	}
	check(ok && mm->map_count == 0 && RB_EMPTY_ROOT(&mm->mm_rb) && list_empty(&mm->mmap),
	      "%lu removals in random order: invariants after each, empty at the end%s%s", n, ok ? "" : ": ", why);
	free(order);
	free(v);
	free_mm(mm);
}

/* Interleaved insertions and removals at random slots. */
static void test_mixed(void)
{
	enum { SLOTS = 512, STEPS = 20000 };
	struct mm_struct *mm = new_mm();
	struct vm_area_struct *v[SLOTS] = { 0 };
	bool ok = true;
	int step;

	for (step = 0; ok && step < STEPS; step++) {
		u64 i = rnd() % SLOTS;
		if (v[i]) {
			drop(mm, v[i]);
			v[i] = NULL;
		} else {
			v[i] = add(mm, BASE + 2 * i * P, BASE + (2 * i + 1) * P, VM_READ);
		}
		ok = mm_valid(mm);
		for (int k = 0; ok && k < 4; k++) {
			u64 a = BASE + rnd() % (2 * SLOTS * P);
			ok = find_vma(mm, a) == slow_find_vma(mm, a) || !fail("find_vma(%#lx) wrong", a);
		}
	}
	check(ok, "%d interleaved random insertions and removals: invariants and lookups after each%s%s",
	      STEPS, ok ? "" : ": ", why);
	free_mm(mm);
}

/* ---------------------------------------------------------------- split, merge */

static void test_split_merge(void)
{
	struct mm_struct *mm = new_mm();
	struct vm_area_struct *v = add(mm, BASE, BASE + 8 * P, VM_READ | VM_WRITE), *lo, *hi;
	bool ok;

	v->vm_pgoff = 10;
	check(split_vma(mm, v, BASE + 2 * P, 1) == 0, "split_vma new_below succeeds");
	lo = find_vma(mm, BASE);
	check(lo != v && lo->vm_start == BASE && lo->vm_end == BASE + 2 * P && lo->vm_pgoff == 10 &&
	      v->vm_start == BASE + 2 * P && v->vm_end == BASE + 8 * P && v->vm_pgoff == 12,
	      "split_vma new_below: the new VMA is the lower part, pgoff follows");
	check(split_vma(mm, v, BASE + 6 * P, 0) == 0, "split_vma above succeeds");
	hi = find_vma(mm, BASE + 6 * P);
	check(hi != v && hi->vm_start == BASE + 6 * P && hi->vm_end == BASE + 8 * P && hi->vm_pgoff == 16 &&
	      v->vm_end == BASE + 6 * P && vma_prev(hi) == v && vma_next(lo) == v,
	      "split_vma above: the new VMA is the upper part, list order kept");
	ok = mm_valid(mm);
	check(ok && mm->map_count == 3, "three VMAs after two splits, tree valid%s%s", ok ? "" : ": ", why);

	v->vm_flags = VM_READ;
	vma_merge_neighbours(mm, v);
	check(mm->map_count == 3 && mm_valid(mm), "vma_merge_neighbours leaves different flags apart");
	v->vm_flags = VM_READ | VM_WRITE;
	vma_merge_neighbours(mm, v);                 /* frees v and hi, keeps lo */
	check(mm->map_count == 1 && lo->vm_start == BASE && lo->vm_end == BASE + 8 * P && mm_valid(mm) &&
	      find_vma(mm, BASE + 7 * P) == lo && rb_vma(mm->mm_rb.rb_node) == lo,
	      "vma_merge_neighbours folds equal neighbours back into one VMA");

	/* Split one of many, deep in a big tree: the tree stays valid. */
	for (u64 i = 1; i <= 1000; i++)
		add(mm, BASE + (8 + 4 * i) * P, BASE + (11 + 4 * i) * P, i & 1 ? VM_READ : VM_READ | VM_WRITE);
	for (u64 i = 1; i <= 1000; i += 3) {
		v = find_vma(mm, BASE + (8 + 4 * i) * P);
		split_vma(mm, v, v->vm_start + P, i & 2);
	}
	ok = mm_valid(mm);
	check(ok && mm->map_count == 1 + 1000 + 334, "334 splits among 1,000 VMAs keep the tree valid%s%s",
	      ok ? "" : ": ", why);
	free_mm(mm);
}

/* ---------------------------------------------------------------- expand_stack */

static void test_expand_stack(void)
{
	struct mm_struct *mm = new_mm();
	u64 top = BASE + 0x10000000UL;
	struct vm_area_struct *stack = add(mm, top - P, top, VM_READ | VM_WRITE | VM_GROWSDOWN), *below;

	current->signal->rlim[RLIMIT_STACK].rlim_cur = 1UL << 20;
	check(expand_stack(stack, top - (1UL << 20)) == 0 && stack->vm_start == top - (1UL << 20),
	      "expand_stack to exactly RLIMIT_STACK");
	check(expand_stack(stack, top - (1UL << 20) - 1) == -ENOMEM, "expand_stack one byte past RLIMIT_STACK: -ENOMEM");
	current->signal->rlim[RLIMIT_STACK].rlim_cur = 64UL << 20;
	below = add(mm, top - (4UL << 20), top - (4UL << 20) + P, VM_READ);
	check(expand_stack(stack, top - (4UL << 20) + P + stack_guard_gap) == 0,
	      "expand_stack down to stack_guard_gap above an accessible VMA");
	check(expand_stack(stack, top - (4UL << 20) + stack_guard_gap) == -ENOMEM,
	      "expand_stack into the guard gap: -ENOMEM");
	below->vm_flags = VM_NONE;                   /* PROT_NONE: no gap needed */
	check(expand_stack(stack, top - (4UL << 20) + P) == 0, "expand_stack right onto a PROT_NONE VMA");
	check(expand_stack(stack, top - (4UL << 20)) == -ENOMEM, "expand_stack over a PROT_NONE VMA: -ENOMEM");
	current->signal->rlim[RLIMIT_STACK].rlim_cur = RLIM_INFINITY;
	drop(mm, below);
	check(expand_stack(stack, MMAP_MIN_ADDR - 1) == -EPERM, "expand_stack below mmap_min_addr: -EPERM");
	check(mm_valid(mm) && find_vma(mm, top - (4UL << 20)) == stack, "the grown stack is found at its new start");
	free_mm(mm);
}

/* ---------------------------------------------------------------- 100,000 VMAs */

static void test_many(u64 n, bool random_order)
{
	struct mm_struct *mm = new_mm();
	struct vm_area_struct **v = calloc(n, sizeof(*v));
	u64 *order = iota(n), bad = 0, lookups = 0;
	const char *how = random_order ? "random" : "ascending";
	bool ok;

	if (random_order)
		shuffle(order, n);
	for (u64 k = 0; k < n; k++) {
		u64 i = order[k];
		v[i] = add(mm, BASE + 2 * i * P, BASE + (2 * i + 1) * P, i & 1 ? VM_READ : VM_READ | VM_WRITE);
	}
	ok = mm_valid(mm);
	check(ok && mm->map_count == (int)n, "%lu VMAs inserted in %s order: a valid tree%s%s", n, how,
	      ok ? "" : ": ", why);
	check(max_depth <= height_bound(n), "%lu VMAs (%s): height %d <= 2*log2(n+1) (%d)", n, how,
	      max_depth, height_bound(n));
	for (u64 i = 0; i < n; i += 1 + rnd() % 7) {
		u64 a = BASE + 2 * i * P + (rnd() % (2 * P));
		mm->vmacache = NULL;
		bad += find_vma(mm, a) != (a < v[i]->vm_end ? v[i] : i + 1 < n ? v[i + 1] : NULL);
		lookups++;
	}
	check(!bad, "%lu VMAs (%s): %lu uncached lookups exact (%lu wrong)", n, how, lookups, bad);
	shuffle(order, n);
	for (u64 k = 0; ok && k < n; k++) {
		drop(mm, v[order[k]]);
		if (k % 10007 == 0)
			ok = mm_valid(mm);
	}
	ok = ok && mm_valid(mm);
	check(ok && mm->map_count == 0 && RB_EMPTY_ROOT(&mm->mm_rb),
	      "%lu VMAs removed in random order: valid throughout, empty at the end%s%s", n, ok ? "" : ": ", why);
	free(order);
	free(v);
	free_mm(mm);
}

int main(void)
{
	test_empty();
	test_find_vma_boundaries();
	test_find_vma_random();
	test_random_insert_remove(1000);
	test_mixed();
	test_split_merge();
	test_expand_stack();
	test_many(100000, false);
	test_many(100000, true);
	return failures ? 1 : 0;
}
