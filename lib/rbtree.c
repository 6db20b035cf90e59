/*
 * lib/rbtree.c - red-black tree rebalancing (interface: include/rbtree.h).
 *
 * Written from the algorithm in Cormen, Leiserson, Rivest and Stein,
 * "Introduction to Algorithms", chapter 13 (RB-INSERT-FIXUP, RB-DELETE,
 * RB-DELETE-FIXUP), with the case numbering used there.  Two differences
 * from the book: the leaves are NULL pointers rather than a shared sentinel
 * node (so the deletion fix-up carries the parent of the possibly-NULL node
 * x along explicitly), and each case is written once for "x is a left
 * child" with the direction as a variable, where the book spells out the
 * mirror image.
 *
 * Needs no libc: the same file is built into the kernel (freestanding) and
 * into the host tests (tests/host/test_vma.c).
 */
#include <rbtree.h>

enum { LEFT, RIGHT };

/* The child slot of n on side dir. */
static inline struct rb_node **child(struct rb_node *n, int dir)
{
	return dir == LEFT ? &n->rb_left : &n->rb_right;
}

static inline void set_parent(struct rb_node *n, struct rb_node *p)
{
	n->__rb_parent_color = (unsigned long)p | (n->__rb_parent_color & 1);
}

static inline void set_color(struct rb_node *n, int color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | color;
}

/* NULL leaves count as black. */
static inline bool is_red(const struct rb_node *n) { return n && rb_is_red(n); }

/* Make new take old's place below old's parent p (or as the root). */
static inline void replace_child(struct rb_node *p, struct rb_node *old, struct rb_node *new,
				 struct rb_root *root)
{
	if (!p)
		root->rb_node = new;
	else if (p->rb_left == old)
		p->rb_left = new;
	else
		p->rb_right = new;
}

/*
 * Rotate around x towards dir: x's child on the other side, y, takes x's
 * place and x becomes y's child on side dir; y's inner subtree b moves
 * across to x.  In-order sequence and colours are unchanged.
 *
 *        x                 y            (dir == LEFT; RIGHT is the mirror)
 *       / \               / \
 *      a   y     ==>     x   c
 *         / \           / \
 *        b   c         a   b
 */
static void rotate(struct rb_node *x, int dir, struct rb_root *root)
{
	struct rb_node *y = *child(x, !dir);
	struct rb_node *b = *child(y, dir);
	struct rb_node *p = rb_parent(x);

	*child(x, !dir) = b;
	if (b)
		set_parent(b, x);
	*child(y, dir) = x;
	set_parent(x, y);
	set_parent(y, p);
	replace_child(p, x, y, root);
}

/*
 * After rb_link_node() put node, red, in a leaf slot: the only property
 * that can be broken is "no red node has a red child", between node and
 * its parent.  Walk up until it holds (CLRS RB-INSERT-FIXUP).
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	for (;;) {
		struct rb_node *parent = rb_parent(node), *gparent, *uncle;
		int dir;

		if (!parent) {
			/* node is the root: colour it black (adds one to every
			 * path's black count, which keeps them equal). */
			set_color(node, RB_BLACK);
			return;
		}
		if (rb_is_black(parent))
			return;                 /* no red-red pair: done */
		/* parent is red, so it is not the root: gparent exists (black). */
		gparent = rb_parent(parent);
		dir = parent == gparent->rb_left ? LEFT : RIGHT;
		uncle = *child(gparent, !dir);

		if (is_red(uncle)) {
			/*
			 * Case 1: the uncle is red too.  Recolour: parent and
			 * uncle black, grandparent red.  Black counts through
			 * gparent are unchanged, but gparent may now be a red
			 * child of a red node: continue from there.
			 */
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (node == *child(parent, !dir)) {
			/*
			 * Case 2: uncle black, node is the inner grandchild
			 * (parent's child on the side away from dir).  Rotate
			 * at parent so that the old parent becomes the outer
			 * grandchild; the pair is still red-red, now in the
			 * shape of case 3.
			 */
			rotate(parent, dir, root);
			node = parent;
			parent = rb_parent(node);
		}
		/*
		 * Case 3: uncle black, node is the outer grandchild.  Rotate
		 * at gparent the other way, so parent takes its place, and
		 * swap their colours: parent black on top, gparent red below
		 * it.  Every path keeps its black count and no red-red pair
		 * remains: done.
		 */
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		rotate(gparent, !dir, root);
		return;
	}
}

/*
 * Restore the black counts after a black node was removed from above x
 * (CLRS RB-DELETE-FIXUP): every path through x is one black short.  x may
 * be NULL (an empty leaf), so its parent comes separately.
 */
static void erase_fixup(struct rb_node *x, struct rb_node *parent, struct rb_root *root)
{
	for (;;) {
		struct rb_node *w, *near, *far;
		int dir;

		if (is_red(x)) {
			/* A red x absorbs the missing black: colour it black. */
			set_color(x, RB_BLACK);
			return;
		}
		if (!parent)
			return;                 /* x is the root: every path lost one black alike */
		dir = x == parent->rb_left ? LEFT : RIGHT;
		/* The sibling subtree has one black more than x's: w is not NULL. */
		w = *child(parent, !dir);

		if (rb_is_red(w)) {
			/*
			 * Case 1: red sibling (so parent is black).  Rotate at
			 * parent towards x and swap the colours of parent and
			 * w: x's new sibling is w's old child, which is black.
			 * Go on with case 2, 3 or 4.
			 */
			set_color(w, RB_BLACK);
			set_color(parent, RB_RED);
			rotate(parent, dir, root);
			w = *child(parent, !dir);
		}
		near = *child(w, dir);          /* w's child on x's side */
		far = *child(w, !dir);
		if (!is_red(near) && !is_red(far)) {
			/*
			 * Case 2: black sibling with two black children.
			 * Colour w red: now both of parent's sides are one
			 * black short, so the shortage moves up to parent.
			 */
			set_color(w, RB_RED);
			x = parent;
			parent = rb_parent(x);
			continue;
		}
		if (!is_red(far)) {
			/*
			 * Case 3: black sibling, near child red, far child
			 * black.  Rotate at w away from x and swap the colours
			 * of w and near: near becomes x's black sibling with a
			 * red far child, which is case 4.
			 */
			set_color(near, RB_BLACK);
			set_color(w, RB_RED);
			rotate(w, !dir, root);
			far = w;
			w = near;
		}
		/*
		 * Case 4: black sibling with a red far child.  Rotate at parent
		 * towards x: w takes parent's place and colour, parent (now
		 * black) gets x's side one extra black, and the far child
		 * turns black to keep w's other side as it was.  Done.
		 */
		set_color(w, rb_color(parent));
		set_color(parent, RB_BLACK);
		set_color(far, RB_BLACK);
		rotate(parent, dir, root);
		return;
	}
}

/*
 * Unlink node (CLRS RB-DELETE).  With at most one child, the child takes
 * node's place.  With two, node's successor y (leftmost in the right
 * subtree, so it has no left child) takes node's place and colour, and y's
 * right child x takes y's old place.  If the node that left its place (node
 * or y) was black, the paths through x are one black short: fix up.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *x, *parent, *p = rb_parent(node);
	int removed;

	if (!node->rb_left || !node->rb_right) {
		x = node->rb_left ? node->rb_left : node->rb_right;
		parent = p;
		removed = rb_color(node);
		replace_child(p, node, x, root);
		if (x)
			set_parent(x, p);
	} else {
		struct rb_node *y = node->rb_right;

		while (y->rb_left)
			y = y->rb_left;
		removed = rb_color(y);
		x = y->rb_right;
		if (rb_parent(y) == node) {
			parent = y;             /* y is node's right child: x stays below it */
		} else {
			parent = rb_parent(y);
			parent->rb_left = x;    /* x takes y's place */
			if (x)
				set_parent(x, parent);
			y->rb_right = node->rb_right;
			set_parent(y->rb_right, y);
		}
		y->rb_left = node->rb_left;
		set_parent(y->rb_left, y);
		y->__rb_parent_color = node->__rb_parent_color;  /* node's parent and colour */
		replace_child(p, node, y, root);
	}
	if (removed == RB_BLACK)
		erase_fixup(x, parent, root);
}

/* ---------------------------------------------------------------- traversal */

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (n)
		while (n->rb_left)
			n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (n)
		while (n->rb_right)
			n = n->rb_right;
	return n;
}

/* The next node in order: the leftmost of the right subtree, or else the
 * first ancestor that we reach from its left side. */
static struct rb_node *step(const struct rb_node *n, int dir)
{
	struct rb_node *p, *c = *child((struct rb_node *)n, dir);

	if (c) {
		while (*child(c, !dir))
			c = *child(c, !dir);
		return c;
	}
	while ((p = rb_parent(n)) && n == *child(p, dir))
		n = p;
	return p;
}

struct rb_node *rb_next(const struct rb_node *node) { return step(node, RIGHT); }
struct rb_node *rb_prev(const struct rb_node *node) { return step(node, LEFT); }
