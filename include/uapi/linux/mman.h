/*
 * include/uapi/linux/mman.h - the mmap map types, the hugetlb size field,
 * mremap flags and the overcommit modes, and through asm-generic/mman.h
 * every other mmap-family number (Linux: the same path, with the sizes
 * of include/uapi/asm-generic/hugetlb_encode.h written out).  faultline's
 * own MAP_NOFAULT is not Linux's: it is in faultline/mman.h.
 */
#ifndef _UAPI_LINUX_MMAN_H
#define _UAPI_LINUX_MMAN_H
#include "../asm-generic/mman.h"

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

#define OVERCOMMIT_GUESS 0
#define OVERCOMMIT_ALWAYS 1
#define OVERCOMMIT_NEVER 2

/* map types, under MAP_TYPE */
#define MAP_SHARED 0x01			/* share changes */
#define MAP_PRIVATE 0x02		/* changes are private */
#define MAP_SHARED_VALIDATE 0x03	/* share + validate extension flags */
#define MAP_DROPPABLE 0x08		/* zero memory under memory pressure (Linux 6.11) */

/*
 * With MAP_HUGETLB, bits 26-31 may give log2 of the huge page size
 * (Linux: HUGETLB_FLAG_ENCODE_SHIFT, _MASK and _<size>).
 */
#define MAP_HUGE_SHIFT 26
#define MAP_HUGE_MASK 0x3f		/* of the field, before the shift */

#define MAP_HUGE_16KB (14U << MAP_HUGE_SHIFT)
#define MAP_HUGE_64KB (16U << MAP_HUGE_SHIFT)
#define MAP_HUGE_512KB (19U << MAP_HUGE_SHIFT)
#define MAP_HUGE_1MB (20U << MAP_HUGE_SHIFT)
#define MAP_HUGE_2MB (21U << MAP_HUGE_SHIFT)
#define MAP_HUGE_8MB (23U << MAP_HUGE_SHIFT)
#define MAP_HUGE_16MB (24U << MAP_HUGE_SHIFT)
#define MAP_HUGE_32MB (25U << MAP_HUGE_SHIFT)
#define MAP_HUGE_256MB (28U << MAP_HUGE_SHIFT)
#define MAP_HUGE_512MB (29U << MAP_HUGE_SHIFT)
#define MAP_HUGE_1GB (30U << MAP_HUGE_SHIFT)
#define MAP_HUGE_2GB (31U << MAP_HUGE_SHIFT)
#define MAP_HUGE_16GB (34U << MAP_HUGE_SHIFT)

#endif
