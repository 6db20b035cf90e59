/*
 * mm/slab.h - what mm/slab.c and mm/slub_debug.c share (Linux: mm/slab.h).
 *
 * A kmalloc slot is just the object, unless "slub_debug" is on; then
 *
 *   | left red zone | object (S bytes) | right red zone | free ptr | track[2] |
 *
 * The red zones hold SLUB_RED_ACTIVE while the object is allocated and
 * SLUB_RED_INACTIVE while it is free; a free object is filled with
 * POISON_FREE, its last byte POISON_END (Linux: include/linux/poison.h).
 * The free pointer sits outside the object so all of it can be poisoned;
 * track[] records who allocated and who freed the object.
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H
#include <mm.h>

#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE 0xcc
#define POISON_FREE 0x6b
#define POISON_END 0xa5
#define SLAB_REDZONE 8			/* bytes on each side of the object */

struct slab_track {
	void *addr;			/* the caller of kmalloc or kfree */
	int pid;
	u64 when;			/* jiffies */
};

enum track_item { TRACK_ALLOC, TRACK_FREE };

#define SLAB_DEBUG_META (SLAB_REDZONE + sizeof(void *) + 2 * sizeof(struct slab_track))

extern bool slub_debug;

static inline size_t slot_size(size_t objsz)
{
	return slub_debug ? SLAB_REDZONE + objsz + SLAB_DEBUG_META : objsz;
}

static inline size_t object_offset(void) { return slub_debug ? SLAB_REDZONE : 0; }

static inline size_t freeptr_offset(size_t objsz)
{
	return slub_debug ? objsz + SLAB_REDZONE : 0;
}

void init_object_debug(void *obj, size_t objsz);
void alloc_debug_processing(void *obj, size_t objsz, void *caller);
bool free_debug_processing(struct page *pg, void *obj, size_t objsz, void *caller);

#endif
