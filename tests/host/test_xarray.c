/*
 * tests/host/test_xarray.c - lib/xarray.c on the host, the way Linux tests
 * its own in tools/testing/radix-tree.
 *
 * Usage: test_xarray   (run by tests/host/run.sh, linked with lib/xarray.c
 * built with the kernel's flags)
 * Expectation: loads, stores, erases, searches and marks agree with a simple
 * sorted-array model under thousands of random operations (fixed seed);
 * after every few operations the tree itself is checked (counts, parent
 * links, shifts, marks propagated, height as small as it can be), and every
 * node ever allocated is either in the tree or freed.  Allocation failures
 * are injected: a store that fails with -ENOMEM leaves the array as it was.
 * Prints "ok xarray: name" / "not ok xarray: name"; run.sh numbers them.
 */
#include "xarray.h"
#include "errno.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x5eed0f1a7c0ffeeull
#define RANDOM_OPS 200000
#define PHASE_OPS 20000			/* the random test alternates filling and draining */
#define CHECK_EVERY 2000		/* random ops between full tree checks */
#define DENSE_RANGE 512			/* random indices: many in a small range... */
#define MEDIUM_RANGE (1u << 16)		/* ...some in a larger one... */
#define POOL_SIZE 32			/* ...some from a few anywhere in 64 bits... */
#define TOP_RANGE 200			/* ...and some just below UINT64_MAX */
#define SPAN_MAX 1000			/* length of a random find range */
/* Room for every index random_index() can make. */
#define MODEL_MAX (DENSE_RANGE + MEDIUM_RANGE + POOL_SIZE + 3 * 64 + TOP_RANGE + 16)
#define SPARSE_COUNT 100000
#define SPARSE_STRIDE 7
#define SPARSE_MARK_EVERY 10
#define MAX_HEIGHT 11			/* 64 index bits in 6-bit digits */
#define REPORTED_MAX 10			/* failure details printed per test */

/* ------------------------------------------------------------ kernel shim */

/* As include/mm.h declares them (it pulls in asm/ headers the test cannot see). */
void *kzalloc(size_t size);
void kfree(const void *p);

static long live_nodes;			/* kzalloc'd and not yet kfree'd */
static long fail_in = -1;		/* >= 0: allocations left before they all fail */

void *kzalloc(size_t size)
{
	if (fail_in == 0)
		return NULL;
	if (fail_in > 0)
		fail_in--;
	live_nodes++;
	return calloc(1, size);
}

void kfree(const void *p)
{
	if (p)
		live_nodes--;
	free((void *)p);
}

/* ------------------------------------------------------------ reporting */

static int test_failures;

#define EXPECT(cond) expect((cond), #cond, __LINE__)

static bool expect(bool ok, const char *what, int line)
{
	if (!ok && test_failures++ < REPORTED_MAX)
		printf("#   line %d: %s\n", line, what);
	return ok;
}

static void report(const char *name)
{
	printf("%sxarray: %s\n", test_failures ? "not ok " : "ok ", name);
	test_failures = 0;
}

/* ------------------------------------------------------------ helpers */

static u64 rng_state = SEED;

static u64 rnd(void)			/* xorshift64*: the same numbers on every host */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* A distinct, never-NULL entry for each index; entries are opaque pointers. */
static void *entry_for(u64 index)
{
	return (void *)(uintptr_t)(index << 1 | 1);
}

static unsigned int height_for(u64 index)
{
	unsigned int height = 1;

	while (height < MAX_HEIGHT && index >> (XA_CHUNK_SHIFT * height))
		height++;
	return height;
}

/*
 * Check everything lib/xarray.c promises about one subtree; returns its
 * number of nodes and says, per mark, whether anything in it is marked.
 */
static long check_subtree(const struct xa_node *node, const struct xa_node *parent,
			  unsigned int offset, unsigned int shift, bool marked[XA_MAX_MARKS])
{
	long nodes = 1;
	unsigned int off, count = 0;
	xa_mark_t m;

	if (!EXPECT(node->parent == parent) | !EXPECT(node->offset == offset) |
	    !EXPECT(node->shift == shift))
		return nodes;
	for (off = 0; off < XA_CHUNK_SIZE; off++) {
		bool below[XA_MAX_MARKS] = { false };

		count += node->slots[off] != NULL;
		if (node->slots[off] && shift)
			nodes += check_subtree(node->slots[off], node, off,
					       shift - XA_CHUNK_SHIFT, below);
		for (m = 0; m < XA_MAX_MARKS; m++) {
			bool bit = node->marks[m] >> off & 1;

			EXPECT(!bit || node->slots[off]);
			EXPECT(!shift || bit == below[m]);
		}
	}
	EXPECT(count == node->count);
	EXPECT(count > 0);
	for (m = 0; m < XA_MAX_MARKS; m++)
		marked[m] = node->marks[m] != 0;
	return nodes;
}

/* The whole tree is sound, as short as it can be, and holds every live node. */
static void check_tree(const struct xarray *xa)
{
	const struct xa_node *top = xa->xa_head;
	bool marked[XA_MAX_MARKS];

	if (!top) {
		EXPECT(live_nodes == 0);
		return;
	}
	EXPECT(top->shift % XA_CHUNK_SHIFT == 0 && top->shift / XA_CHUNK_SHIFT < MAX_HEIGHT);
	EXPECT(top->shift == 0 || top->count > 1 || !top->slots[0]);
	EXPECT(check_subtree(top, NULL, 0, top->shift, marked) == live_nodes);
}

/* ------------------------------------------------------------ fixed cases */

static void test_empty(void)
{
	DEFINE_XARRAY(xa);
	u64 index = 5;
	void *entry;

	EXPECT(xa_empty(&xa));
	EXPECT(!xa_load(&xa, 0) && !xa_load(&xa, UINT64_MAX));
	EXPECT(!xa_erase(&xa, 0));
	EXPECT(!xa_find(&xa, &index, UINT64_MAX) && index == 5);
	EXPECT(!xa_find_marked(&xa, &index, UINT64_MAX, XA_MARK_0));
	xa_set_mark(&xa, 0, XA_MARK_0);
	xa_clear_mark(&xa, 0, XA_MARK_0);
	EXPECT(!xa_get_mark(&xa, 0, XA_MARK_0));
	xa_for_each(&xa, index, entry)
		EXPECT(!"xa_for_each on an empty array");
	EXPECT(xa_store(&xa, 7, NULL) == 0 && xa_empty(&xa));
	xa_destroy(&xa);
	EXPECT(xa_empty(&xa) && live_nodes == 0);
	report("empty array");
}

static const u64 edges[] = {
	0, 1, 63, 64, 4095, 4096, (u64)1 << 32, (u64)1 << 63, UINT64_MAX,
};

/* Each edge index alone: the right height, nothing around it, all freed. */
static void test_edges_alone(void)
{
	struct xarray xa;
	unsigned int i;

	xa_init(&xa);
	for (i = 0; i < ARRAY_SIZE(edges); i++) {
		u64 idx = edges[i], found = 0;

		EXPECT(xa_store(&xa, idx, entry_for(idx)) == 0);
		EXPECT(xa_load(&xa, idx) == entry_for(idx));
		EXPECT(idx == 0 || !xa_load(&xa, idx - 1));
		EXPECT(idx == UINT64_MAX || !xa_load(&xa, idx + 1));
		EXPECT(live_nodes == (long)height_for(idx));
		EXPECT(xa_find(&xa, &found, UINT64_MAX) == entry_for(idx) && found == idx);
		check_tree(&xa);
		EXPECT(xa_erase(&xa, idx) == entry_for(idx));
		EXPECT(!xa_load(&xa, idx) && !xa_erase(&xa, idx));
		EXPECT(xa_empty(&xa) && live_nodes == 0);
	}
	report("store/load/erase each of 0 1 63 64 4095 4096 2^32 2^63 2^64-1 alone");
}

/* All edges together, replaced, then erased from the top down. */
static void test_edges_together(void)
{
	DEFINE_XARRAY(xa);
	unsigned int i, n = 0;
	u64 index;
	void *entry;

	for (i = 0; i < ARRAY_SIZE(edges); i++)
		EXPECT(xa_store(&xa, edges[i], entry_for(i)) == 0);
	for (i = 0; i < ARRAY_SIZE(edges); i++)
		EXPECT(xa_store(&xa, edges[i], entry_for(edges[i])) == 0);
	check_tree(&xa);
	xa_for_each(&xa, index, entry) {
		EXPECT(n < ARRAY_SIZE(edges) && index == edges[n] && entry == entry_for(index));
		n++;
	}
	EXPECT(n == ARRAY_SIZE(edges));
	for (i = ARRAY_SIZE(edges); i-- > 0;) {
		EXPECT(xa_erase(&xa, edges[i]) == entry_for(edges[i]));
		check_tree(&xa);		/* shrinks as the top entries go */
		EXPECT(i == 0 || live_nodes >= (long)height_for(edges[i - 1]));
	}
	EXPECT(xa_empty(&xa) && live_nodes == 0);
	report("all edge indices together: replace, order, erase shrinks the height");
}

/* Node counts for a few shapes: growth, shrinking, storing NULL. */
static void test_shape(void)
{
	DEFINE_XARRAY(xa);

	xa_store(&xa, 0, entry_for(0));
	EXPECT(live_nodes == 1);
	xa_store(&xa, 64, entry_for(64));
	EXPECT(live_nodes == 3);			/* a top and two leaves */
	xa_store(&xa, (u64)1 << 63, entry_for(1));
	EXPECT(live_nodes == 3 + 9 + 10);		/* 9 new tops, 10 nodes down to a leaf */
	xa_erase(&xa, (u64)1 << 63);
	EXPECT(live_nodes == 3);
	EXPECT(xa_store(&xa, 64, NULL) == 0);		/* storing NULL erases */
	EXPECT(!xa_load(&xa, 64) && live_nodes == 1);
	check_tree(&xa);
	xa_erase(&xa, 0);
	EXPECT(xa_empty(&xa) && live_nodes == 0);
	report("node counts: growth, shrinking, NULL store");
}

static void test_find_ranges(void)
{
	static const u64 keys[] = { 5, 63, 64, 100, 4096, (u64)1 << 40, UINT64_MAX };
	DEFINE_XARRAY(xa);
	u64 index, want[ARRAY_SIZE(keys)];
	unsigned int i, n;
	void *entry;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		xa_store(&xa, keys[i], entry_for(keys[i]));

	n = 0;
	xa_for_each_range(&xa, index, entry, 64, 4096)
		want[n++] = index;
	EXPECT(n == 3 && want[0] == 64 && want[1] == 100 && want[2] == 4096);
	n = 0;
	xa_for_each_range(&xa, index, entry, 65, 99)
		n++;
	EXPECT(n == 0);
	n = 0;
	xa_for_each_start(&xa, index, entry, UINT64_MAX)
		want[n++] = index;
	EXPECT(n == 1 && want[0] == UINT64_MAX);	/* and no wrap to 0 after it */

	index = 6;
	EXPECT(xa_find(&xa, &index, UINT64_MAX) == entry_for(63) && index == 63);
	index = 101;
	EXPECT(!xa_find(&xa, &index, 4095) && index == 101);	/* unchanged on a miss */
	index = 200;
	EXPECT(!xa_find(&xa, &index, 100) && index == 200);	/* start beyond max */
	index = 4097;
	EXPECT(xa_find(&xa, &index, (u64)1 << 40) == entry_for((u64)1 << 40));
	index = UINT64_MAX;
	EXPECT(!xa_find_after(&xa, &index, UINT64_MAX) && index == UINT64_MAX);
	index = 100;
	EXPECT(xa_find_after(&xa, &index, UINT64_MAX) == entry_for(4096) && index == 4096);

	n = 0;
	xa_for_each(&xa, index, entry) {		/* erasing as we go is allowed */
		EXPECT(xa_erase(&xa, index) == entry);
		n++;
	}
	EXPECT(n == ARRAY_SIZE(keys) && xa_empty(&xa) && live_nodes == 0);
	report("xa_find and xa_for_each: order, range bounds, no wrap, erase while iterating");
}

static void test_marks(void)
{
	DEFINE_XARRAY(xa);
	u64 big = (u64)1 << 40, index;
	unsigned int n;
	void *entry;

	xa_set_mark(&xa, 5, XA_MARK_0);			/* absent: nothing happens */
	EXPECT(xa_empty(&xa) && !xa_get_mark(&xa, 5, XA_MARK_0));
	xa_store(&xa, 5, entry_for(5));
	xa_store(&xa, 6, entry_for(6));
	xa_store(&xa, big, entry_for(big));
	xa_set_mark(&xa, 7, XA_MARK_0);			/* absent in a present leaf */
	EXPECT(!xa_get_mark(&xa, 7, XA_MARK_0));
	xa_set_mark(&xa, 5, XA_MARK_0);
	xa_set_mark(&xa, big, XA_MARK_0);
	xa_set_mark(&xa, 6, XA_MARK_1);
	EXPECT(xa_get_mark(&xa, 5, XA_MARK_0) && !xa_get_mark(&xa, 5, XA_MARK_1));
	EXPECT(xa_get_mark(&xa, 6, XA_MARK_1) && !xa_get_mark(&xa, 6, XA_MARK_0));
	check_tree(&xa);

	index = 6;
	EXPECT(xa_find_marked(&xa, &index, UINT64_MAX, XA_MARK_0) == entry_for(big) && index == big);
	index = 0;
	EXPECT(xa_find_marked(&xa, &index, UINT64_MAX, XA_MARK_1) == entry_for(6) && index == 6);
	n = 0;
	xa_for_each_marked(&xa, index, entry, XA_MARK_0)
		n++;
	EXPECT(n == 2);

	xa_store(&xa, 5, entry_for(55));		/* replacing keeps the marks */
	EXPECT(xa_get_mark(&xa, 5, XA_MARK_0));
	xa_clear_mark(&xa, big, XA_MARK_0);
	check_tree(&xa);
	index = 6;
	EXPECT(!xa_find_marked(&xa, &index, UINT64_MAX, XA_MARK_0));
	xa_erase(&xa, 5);				/* erasing clears them */
	xa_store(&xa, 5, entry_for(5));
	EXPECT(!xa_get_mark(&xa, 5, XA_MARK_0));
	index = 0;
	EXPECT(!xa_find_marked(&xa, &index, UINT64_MAX, XA_MARK_0));
	check_tree(&xa);
	xa_destroy(&xa);
	EXPECT(xa_empty(&xa) && live_nodes == 0);
	report("marks: set, clear, get, find_marked, kept on replace, cleared on erase");
}

/* Every allocation that can fail, failing: the array is left as it was. */
static void test_enomem(void)
{
	DEFINE_XARRAY(xa);
	long k;

	for (k = 0; k < MAX_HEIGHT; k++) {
		fail_in = k;
		EXPECT(xa_store(&xa, UINT64_MAX, entry_for(1)) == -ENOMEM);
		EXPECT(xa_empty(&xa) && live_nodes == 0);
	}
	fail_in = -1;
	xa_store(&xa, 0, entry_for(0));
	xa_set_mark(&xa, 0, XA_MARK_1);
	for (k = 0; k < MAX_HEIGHT; k++) {
		fail_in = k;
		EXPECT(xa_store(&xa, (u64)1 << 63, entry_for(1)) == -ENOMEM);
		fail_in = -1;
		check_tree(&xa);
		EXPECT(live_nodes == 1 && xa_load(&xa, 0) == entry_for(0));
		EXPECT(xa_get_mark(&xa, 0, XA_MARK_1));
	}
	EXPECT(xa_store(&xa, (u64)1 << 63, entry_for(1)) == 0);
	xa_destroy(&xa);
	EXPECT(live_nodes == 0);
	report("-ENOMEM at every allocation leaves the array unchanged");
}

static void test_sparse(void)
{
	DEFINE_XARRAY(xa);
	u64 i, index, last = 0;
	unsigned int n = 0, marked = 0, bad = 0;
	void *entry;

	for (i = 0; i < SPARSE_COUNT; i++)
		bad += xa_store(&xa, i * SPARSE_STRIDE, entry_for(i * SPARSE_STRIDE)) != 0;
	EXPECT(bad == 0);
	check_tree(&xa);
	for (i = 0; i < SPARSE_COUNT * SPARSE_STRIDE; i++)
		bad += xa_load(&xa, i) != (i % SPARSE_STRIDE ? NULL : entry_for(i));
	EXPECT(bad == 0);
	xa_for_each(&xa, index, entry) {
		bad += index != (u64)n * SPARSE_STRIDE || entry != entry_for(index);
		n++;
	}
	EXPECT(bad == 0 && n == SPARSE_COUNT);
	for (i = 0; i < SPARSE_COUNT; i += SPARSE_MARK_EVERY)
		xa_set_mark(&xa, i * SPARSE_STRIDE, XA_MARK_0);
	xa_for_each_marked(&xa, index, entry, XA_MARK_0) {
		bad += index % (SPARSE_STRIDE * SPARSE_MARK_EVERY) != 0 || (marked && index <= last);
		last = index;
		marked++;
	}
	EXPECT(bad == 0 && marked == SPARSE_COUNT / SPARSE_MARK_EVERY);
	check_tree(&xa);
	for (i = 0; i < SPARSE_COUNT; i++)
		bad += xa_erase(&xa, i * SPARSE_STRIDE) != entry_for(i * SPARSE_STRIDE);
	EXPECT(bad == 0 && xa_empty(&xa) && live_nodes == 0);
	report("100000 sparse entries (every 7th index): stored, found, marked, erased");
}

/* ------------------------------------------------------------ random vs a model */

/* The reference: a sorted array of indices, with their entries and marks. */
static struct model_item {
	u64 index;
	void *entry;
	bool marks[XA_MAX_MARKS];
} model[MODEL_MAX];
static unsigned int model_len;
static u64 pool[POOL_SIZE];
static unsigned int enomem_count;		/* random stores that failed */

/* Position of the first item with index >= @index. */
static unsigned int model_pos(u64 index)
{
	unsigned int lo = 0, hi = model_len;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (model[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct model_item *model_get(u64 index)
{
	unsigned int pos = model_pos(index);

	return pos < model_len && model[pos].index == index ? &model[pos] : NULL;
}

static void model_store(u64 index, void *entry)
{
	unsigned int pos = model_pos(index);
	struct model_item *item = model_get(index);

	if (item && entry) {
		item->entry = entry;
	} else if (item) {
		memmove(&model[pos], &model[pos + 1], (model_len - pos - 1) * sizeof(*item));
		model_len--;
	} else if (entry) {
		memmove(&model[pos + 1], &model[pos], (model_len - pos) * sizeof(*item));
		model[pos] = (struct model_item){ .index = index, .entry = entry };
		model_len++;
	}
}

/* The first item at or after @index within @max, with @mark (or any if < 0). */
static struct model_item *model_find(u64 index, u64 max, int mark)
{
	unsigned int pos;

	for (pos = model_pos(index); pos < model_len && model[pos].index <= max; pos++)
		if (mark < 0 || model[pos].marks[mark])
			return &model[pos];
	return NULL;
}

static u64 random_index(void)
{
	unsigned int k = rnd() % 64;

	switch (rnd() % 10) {
	case 0: case 1: case 2: case 3:
		return rnd() % DENSE_RANGE;
	case 4: case 5:
		return rnd() % MEDIUM_RANGE;
	case 6:
		return pool[rnd() % POOL_SIZE];
	case 7:
		return ((u64)1 << k) + rnd() % 3 - 1;
	case 8:
		return UINT64_MAX - rnd() % TOP_RANGE;
	default:
		return model_len ? model[rnd() % model_len].index : 0;
	}
}

static u64 random_max(u64 start)
{
	switch (rnd() % 3) {
	case 0:
		return start + MIN(rnd() % SPAN_MAX, UINT64_MAX - start);
	case 1:
		return UINT64_MAX;
	default:
		return random_index();		/* sometimes below start */
	}
}

static void random_store(struct xarray *xa)
{
	u64 index = random_index();
	void *entry = rnd() % 16 ? (void *)(uintptr_t)(rnd() | 1) : NULL;
	int err;

	if (rnd() % 8 == 0)
		fail_in = rnd() % MAX_HEIGHT;
	err = xa_store(xa, index, entry);
	fail_in = -1;
	EXPECT(err == 0 || err == -ENOMEM);
	enomem_count += err == -ENOMEM;
	if (err == 0)
		model_store(index, entry);
}

static void random_erase(struct xarray *xa)
{
	u64 index = random_index();
	struct model_item *item = model_get(index);

	EXPECT(xa_erase(xa, index) == (item ? item->entry : NULL));
	model_store(index, NULL);
}

static void random_load(struct xarray *xa)
{
	u64 index = random_index();
	struct model_item *item = model_get(index);
	xa_mark_t m;

	EXPECT(xa_load(xa, index) == (item ? item->entry : NULL));
	for (m = 0; m < XA_MAX_MARKS; m++)
		EXPECT(xa_get_mark(xa, index, m) == (item && item->marks[m]));
}

static void random_find(struct xarray *xa, int mark)
{
	u64 start = random_index(), max = random_max(start), index = start;
	struct model_item *item = model_find(start, max, mark);
	void *entry = mark < 0 ? xa_find(xa, &index, max)
			       : xa_find_marked(xa, &index, max, (xa_mark_t)mark);

	EXPECT(entry == (item ? item->entry : NULL));
	EXPECT(index == (item ? item->index : start));
}

static void random_mark(struct xarray *xa, bool set)
{
	u64 index = random_index();
	xa_mark_t m = rnd() % XA_MAX_MARKS;
	struct model_item *item = model_get(index);

	if (set)
		xa_set_mark(xa, index, m);
	else
		xa_clear_mark(xa, index, m);
	if (item)
		item->marks[m] = set;
}

/* The array and the model hold the same entries, in the same order. */
static void compare_all(struct xarray *xa)
{
	unsigned int n = 0, bad = 0;
	u64 index;
	void *entry;

	xa_for_each(xa, index, entry) {
		bad += n >= model_len || model[n].index != index || model[n].entry != entry;
		n++;
	}
	EXPECT(bad == 0 && n == model_len);
	check_tree(xa);
}

static void random_op(struct xarray *xa, bool filling)
{
	unsigned int r = rnd() % 100;

	if (r < (filling ? 35u : 10u))
		random_store(xa);
	else if (r < 45)
		random_erase(xa);
	else if (r < 60)
		random_load(xa);
	else if (r < 72)
		random_find(xa, -1);
	else if (r < 80)
		random_mark(xa, true);
	else if (r < 88)
		random_mark(xa, false);
	else
		random_find(xa, rnd() % XA_MAX_MARKS);
}

static void test_random(void)
{
	DEFINE_XARRAY(xa);
	unsigned int i, max_len = 0;

	for (i = 0; i < POOL_SIZE; i++)
		pool[i] = rnd();
	for (i = 0; i < RANDOM_OPS; i++) {
		random_op(&xa, i / PHASE_OPS % 2 == 0);
		max_len = MAX(max_len, model_len);
		if (i % CHECK_EVERY == 0)
			compare_all(&xa);
	}
	compare_all(&xa);
	printf("#   %u entries at the end, %u at most; %u stores failed with -ENOMEM\n",
	       model_len, max_len, enomem_count);
	while (model_len) {
		u64 index = model[rnd() % model_len].index;

		EXPECT(xa_erase(&xa, index) == model_get(index)->entry);
		model_store(index, NULL);
	}
	EXPECT(xa_empty(&xa) && live_nodes == 0);
	report("200000 random operations agree with a sorted-array model (seed fixed)");
}

int main(void)
{
	test_empty();
	test_edges_alone();
	test_edges_together();
	test_shape();
	test_find_ranges();
	test_marks();
	test_enomem();
	test_sparse();
	test_random();
	return 0;
}
