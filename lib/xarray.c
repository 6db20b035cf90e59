/*
 * lib/xarray.c - a radix tree of pointers indexed by u64 (the idea of Linux's
 * lib/xarray.c, much smaller: no locks, no multi-index entries, no value
 * entries, no single entry kept in the head).
 *
 * The tree.  An index is cut into 6-bit digits, most significant first; each
 * node spends one digit to choose one of its 64 slots:
 *
 *     index 0x1043 = binary  000001 000001 000011
 *                            bits 17-12  11-6   5-0
 *
 *     xa_head --> [shift 12 | slot 1 ]          the top node
 *                               |
 *                               v
 *                 [shift 6  | slot 1 ]
 *                               |
 *                               v
 *                 [shift 0  | slot 3 ] --> the entry   (a leaf)
 *
 *     struct xa_node (include/xarray.h):  parent, offset (our slot in
 *     it), shift, count, marks[2] (64-bit maps), slots[64]
 *
 * A node's shift says which digit it uses: slot (index >> shift) & 63.  In a
 * leaf (shift 0) the slots hold the entries; above that they hold child
 * nodes whose shift is 6 less.  NULL slots are empty, and an empty subtree is
 * never kept: a node exists only while count, its non-NULL slots, is > 0.
 *
 * Height is the number of levels, (top shift / 6) + 1.  It is as small as the
 * largest index needs: 1 level for indices below 64, 2 below 4096, ... 11 for
 * the whole 64-bit range (the top node then uses only slots 0-15).  Storing a
 * larger index grows the tree by adding new tops, each with the old top in
 * slot 0; erasing shrinks it again whenever the top node has only slot 0 in
 * use.  Every operation walks one path from the top, so costs O(height).
 *
 * Why 64 slots: a digit of 6 bits gives a height of at most 3 for a file of
 * 1 GiB of 4 KiB pages and 11 for any index, and a mark map per node is one
 * u64.  Wider nodes would waste more memory on sparse files; narrower ones
 * would make the walks longer.  A node is 544 bytes (a kmalloc-1024 object).
 *
 * Marks: bit i of a leaf's marks[m] says slot i's entry has mark m; bit i of
 * an inner node's marks[m] says the child in slot i has some entry with mark
 * m below it.  Setting a mark sets the bits up to the top; clearing one
 * clears them upwards while a node has no other bit left.  A search for
 * marked entries then descends only into subtrees whose bit is set.
 */
#include <xarray.h>
#include <errno.h>
#include <mm.h>

#define XA_INDEX_BITS 64		/* bits in a u64 index */
#define XA_PRESENT XA_MAX_MARKS		/* search filter: any entry, marked or not */

/* ------------------------------------------------------------ index arithmetic */

/* A mask of the low @bits bits (all 64 for @bits >= 64). */
static u64 low_bits(unsigned int bits)
{
	return bits >= XA_INDEX_BITS ? ~(u64)0 : ((u64)1 << bits) - 1;
}

/* The slot that @index takes in a node of @shift. */
static unsigned int slot_of(u64 index, unsigned int shift)
{
	return (index >> shift) & XA_CHUNK_MASK;
}

/* Does a node of @shift, at the top, cover @index? */
static bool covers(unsigned int shift, u64 index)
{
	return (index & ~low_bits(shift + XA_CHUNK_SHIFT)) == 0;
}

/* The shift of the smallest top node that covers @index. */
static unsigned int shift_for(u64 index)
{
	unsigned int shift = 0;

	while (!covers(shift, index))
		shift += XA_CHUNK_SHIFT;
	return shift;
}

/* The first index of slot @off in the node of @shift that holds @index. */
static u64 slot_start(u64 index, unsigned int shift, unsigned int off)
{
	return (index & ~low_bits(shift + XA_CHUNK_SHIFT)) | ((u64)off << shift);
}

static u64 bit(unsigned int off)
{
	return (u64)1 << off;
}

/* ------------------------------------------------------------ nodes */

static struct xa_node *node_alloc(struct xa_node *parent, unsigned int off,
				  unsigned int shift)
{
	struct xa_node *node = kzalloc(sizeof(*node));

	if (node) {
		node->parent = parent;
		node->offset = off;
		node->shift = shift;
	}
	return node;
}

static bool node_marked(const struct xa_node *node, unsigned int off, xa_mark_t mark)
{
	return node->marks[mark] & bit(off);
}

/* Detach @node from its parent (or from the head) and free it. */
static void node_unlink(struct xarray *xa, struct xa_node *node)
{
	if (node->parent) {
		node->parent->slots[node->offset] = NULL;
		node->parent->count--;
	} else {
		xa->xa_head = NULL;
	}
	kfree(node);
}

/* Drop top nodes that have only slot 0 in use: the child covers it all. */
static void xa_shrink(struct xarray *xa)
{
	struct xa_node *top = xa->xa_head;

	while (top && top->shift && top->count == 1 && top->slots[0]) {
		struct xa_node *child = top->slots[0];

		child->parent = NULL;
		xa->xa_head = child;
		kfree(top);
		top = child;
	}
}

/* Free @node and its ancestors while they are empty, then shrink the tree. */
static void delete_empty(struct xarray *xa, struct xa_node *node)
{
	while (node && node->count == 0) {
		struct xa_node *parent = node->parent;

		node_unlink(xa, node);
		node = parent;
	}
	xa_shrink(xa);
}

/* Put a new top node above the old one, which becomes its slot 0. */
static int xa_grow(struct xarray *xa)
{
	struct xa_node *old = xa->xa_head;
	struct xa_node *top = node_alloc(NULL, 0, old->shift + XA_CHUNK_SHIFT);
	xa_mark_t mark;

	if (!top)
		return -ENOMEM;
	top->slots[0] = old;
	top->count = 1;
	for (mark = 0; mark < XA_MAX_MARKS; mark++)
		if (old->marks[mark])
			top->marks[mark] = bit(0);
	old->parent = top;
	xa->xa_head = top;
	return 0;
}

/* Make the tree tall enough for @index; on -ENOMEM it is left as it was. */
static int xa_expand(struct xarray *xa, u64 index)
{
	if (!xa->xa_head) {
		xa->xa_head = node_alloc(NULL, 0, shift_for(index));
		return xa->xa_head ? 0 : -ENOMEM;
	}
	while (!covers(xa->xa_head->shift, index)) {
		if (xa_grow(xa)) {
			xa_shrink(xa);
			return -ENOMEM;
		}
	}
	return 0;
}

/* The child of @node on the way to @index, allocated if missing. */
static struct xa_node *child_get(struct xa_node *node, u64 index)
{
	unsigned int off = slot_of(index, node->shift);

	if (!node->slots[off]) {
		node->slots[off] = node_alloc(node, off, node->shift - XA_CHUNK_SHIFT);
		node->count += node->slots[off] != NULL;
	}
	return node->slots[off];
}

/* The leaf whose slots hold @index, or NULL if there is none. */
static struct xa_node *leaf_of(const struct xarray *xa, u64 index)
{
	struct xa_node *node = xa->xa_head;

	if (!node || !covers(node->shift, index))
		return NULL;
	while (node && node->shift)
		node = node->slots[slot_of(index, node->shift)];
	return node;
}

/* ------------------------------------------------------------ marks */

/* Clear @mark on slot @off of @node, and upwards while nothing else holds it. */
static void clear_mark_up(struct xa_node *node, unsigned int off, xa_mark_t mark)
{
	while (node) {
		node->marks[mark] &= ~bit(off);
		if (node->marks[mark])
			break;			/* a sibling keeps the parent's bit */
		off = node->offset;
		node = node->parent;
	}
}

void xa_set_mark(struct xarray *xa, u64 index, xa_mark_t mark)
{
	struct xa_node *node = leaf_of(xa, index);
	unsigned int off = slot_of(index, 0);

	if (!node || !node->slots[off])
		return;
	for (; node; off = node->offset, node = node->parent)
		node->marks[mark] |= bit(off);
}

void xa_clear_mark(struct xarray *xa, u64 index, xa_mark_t mark)
{
	struct xa_node *node = leaf_of(xa, index);

	if (node)
		clear_mark_up(node, slot_of(index, 0), mark);
}

bool xa_get_mark(const struct xarray *xa, u64 index, xa_mark_t mark)
{
	struct xa_node *node = leaf_of(xa, index);

	return node && node_marked(node, slot_of(index, 0), mark);
}

/* ------------------------------------------------------------ the array */

void xa_init(struct xarray *xa)
{
	xa->xa_head = NULL;
}

bool xa_empty(const struct xarray *xa)
{
	return xa->xa_head == NULL;
}

void *xa_load(const struct xarray *xa, u64 index)
{
	struct xa_node *leaf = leaf_of(xa, index);

	return leaf ? leaf->slots[slot_of(index, 0)] : NULL;
}

int xa_store(struct xarray *xa, u64 index, void *entry)
{
	struct xa_node *node, *child;
	unsigned int off = slot_of(index, 0);

	if (!entry) {
		xa_erase(xa, index);
		return 0;
	}
	if (xa_expand(xa, index))
		return -ENOMEM;
	for (node = xa->xa_head; node->shift; node = child) {
		child = child_get(node, index);
		if (!child) {
			delete_empty(xa, node);	/* undo what this store built */
			return -ENOMEM;
		}
	}
	node->count += node->slots[off] == NULL;
	node->slots[off] = entry;
	return 0;
}

void *xa_erase(struct xarray *xa, u64 index)
{
	struct xa_node *leaf = leaf_of(xa, index);
	unsigned int off = slot_of(index, 0);
	void *old = leaf ? leaf->slots[off] : NULL;
	xa_mark_t mark;

	if (!old)
		return NULL;
	for (mark = 0; mark < XA_MAX_MARKS; mark++)
		clear_mark_up(leaf, off, mark);
	leaf->slots[off] = NULL;
	leaf->count--;
	delete_empty(xa, leaf);
	return old;
}

/* Free @node and the nodes below it; a leaf's slots are entries, not ours. */
static void free_subtree(struct xa_node *node)
{
	unsigned int off;

	for (off = 0; off < XA_CHUNK_SIZE && node->shift; off++) {
		if (node->slots[off])
			free_subtree(node->slots[off]);
	}
	kfree(node);
}

void xa_destroy(struct xarray *xa)
{
	if (xa->xa_head)
		free_subtree(xa->xa_head);
	xa->xa_head = NULL;
}

/* ------------------------------------------------------------ searching */

/* Is slot @off of @node worth descending into for @filter? */
static bool slot_matches(const struct xa_node *node, unsigned int off, xa_mark_t filter)
{
	if (filter == XA_PRESENT)
		return node->slots[off] != NULL;
	return node_marked(node, off, filter);
}

/* The first slot at or after @off that matches @filter, or XA_CHUNK_SIZE. */
static unsigned int next_match(const struct xa_node *node, unsigned int off,
			       xa_mark_t filter)
{
	while (off < XA_CHUNK_SIZE && !slot_matches(node, off, filter))
		off++;
	return off;
}

/*
 * The first entry matching @filter in @node's subtree at an index >= *index
 * (which @node covers); *index is moved to it.  Only the first slot can come
 * back empty-handed (we may enter it in the middle, past its entries): a
 * later slot is entered at its start, and a matching slot holds a match.
 * So this visits at most two paths, one node per level on each.
 */
static void *find_in(const struct xa_node *node, u64 *index, xa_mark_t filter)
{
	unsigned int off = next_match(node, slot_of(*index, node->shift), filter);
	void *entry = NULL;

	for (; off < XA_CHUNK_SIZE && !entry; off = next_match(node, off + 1, filter)) {
		*index = MAX(*index, slot_start(*index, node->shift, off));
		entry = node->shift ? find_in(node->slots[off], index, filter)
				    : node->slots[off];
	}
	return entry;
}

static void *find(const struct xarray *xa, u64 *indexp, u64 max, xa_mark_t filter)
{
	struct xa_node *top = xa->xa_head;
	u64 index = *indexp;
	void *entry;

	if (!top || !covers(top->shift, index))
		return NULL;
	entry = find_in(top, &index, filter);
	if (!entry || index > max)
		return NULL;
	*indexp = index;
	return entry;
}

/* find() from *index + 1, which must not wrap past the end. */
static void *find_after(const struct xarray *xa, u64 *indexp, u64 max, xa_mark_t filter)
{
	u64 index = *indexp + 1;
	void *entry;

	if (*indexp >= max)
		return NULL;
	entry = find(xa, &index, max, filter);
	if (entry)
		*indexp = index;
	return entry;
}

void *xa_find(const struct xarray *xa, u64 *index, u64 max)
{
	return find(xa, index, max, XA_PRESENT);
}

void *xa_find_after(const struct xarray *xa, u64 *index, u64 max)
{
	return find_after(xa, index, max, XA_PRESENT);
}

void *xa_find_marked(const struct xarray *xa, u64 *index, u64 max, xa_mark_t mark)
{
	return find(xa, index, max, mark);
}

void *xa_find_after_marked(const struct xarray *xa, u64 *index, u64 max, xa_mark_t mark)
{
	return find_after(xa, index, max, mark);
}
