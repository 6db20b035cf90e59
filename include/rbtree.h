/*
 * Intrusive red-black trees with Linux's interface (include/linux/rbtree.h):
 * the caller embeds a struct rb_node in its own structure, walks down from
 * root->rb_node to find the empty slot itself (it knows the key), links the
 * node there with rb_link_node() and then calls rb_insert_color() to
 * rebalance.  rb_erase() unlinks any node.  rb_entry() gets back from the
 * node to the structure.  The implementation is lib/rbtree.c.
 *
 * Properties kept (CLRS ch. 13): every node is red or black; the root is
 * black; a red node has no red child; every path from a node down to an
 * empty (NULL) leaf passes through the same number of black nodes.  So the
 * height is at most 2*log2(n+1), and lookup, insertion and removal are
 * O(log n); rebalancing after an insertion or removal is O(1) rotations.
 *
 * As in Linux, the parent pointer and the colour share one word: nodes are
 * at least 4-byte aligned, so bit 0 of the parent's address holds the
 * colour (0 red, 1 black).
 */
#ifndef _FAULTLINE_RBTREE_H
#define _FAULTLINE_RBTREE_H
#include "types.h"

struct rb_node {
	unsigned long __rb_parent_color;    /* parent address | colour bit */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_RED 0
#define RB_BLACK 1

#define RB_ROOT ((struct rb_root){ NULL })
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) ((ptr) ? rb_entry(ptr, type, member) : NULL)

#define rb_parent(n) ((struct rb_node *)((n)->__rb_parent_color & ~3UL))
#define rb_color(n) ((int)((n)->__rb_parent_color & 1))
#define rb_is_red(n) (rb_color(n) == RB_RED)
#define rb_is_black(n) (rb_color(n) == RB_BLACK)

#define RB_EMPTY_ROOT(root) ((root)->rb_node == NULL)
/* A node that is in no tree points to itself (set by RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(n) ((n)->__rb_parent_color == (unsigned long)(n))
#define RB_CLEAR_NODE(n) ((n)->__rb_parent_color = (unsigned long)(n))

/* Put node into the empty slot *link below parent (NULL for the root), red. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **link)
{
	node->__rb_parent_color = (unsigned long)parent;    /* red */
	node->rb_left = node->rb_right = NULL;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order traversal; NULL past either end.  O(log n) worst case, O(1) amortised. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

#endif
