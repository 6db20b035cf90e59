/*
 * include/uapi/asm-generic/mman-common.h - mmap, mprotect, msync, mlock and
 * madvise numbers shared by every architecture, Linux x86-64 among them
 * (Linux: the same path).  MAP_SHARED, MAP_PRIVATE and the other map types
 * are in linux/mman.h, MAP_GROWSDOWN to MAP_NORESERVE in asm-generic/mman.h,
 * as Linux splits them.
 */
#ifndef _UAPI_ASM_GENERIC_MMAN_COMMON_H
#define _UAPI_ASM_GENERIC_MMAN_COMMON_H

#define PROT_READ 0x1			/* page can be read */
#define PROT_WRITE 0x2			/* page can be written */
#define PROT_EXEC 0x4			/* page can be executed */
#define PROT_SEM 0x8			/* page may be used for atomic ops */
#define PROT_NONE 0x0			/* page can not be accessed */
#define PROT_GROWSDOWN 0x01000000	/* mprotect: extend the change to the start of a growsdown VMA */
#define PROT_GROWSUP 0x02000000		/* mprotect: extend the change to the end of a growsup VMA */

/* 0x01 - 0x03 (and 0x08) are the map types, in linux/mman.h */
#define MAP_TYPE 0x0f			/* mask for the type of mapping */
#define MAP_FIXED 0x10			/* interpret addr exactly */
#define MAP_ANONYMOUS 0x20		/* don't use a file */

/* 0x0100 - 0x4000 are in asm-generic/mman.h */
#define MAP_POPULATE 0x008000		/* populate (prefault) page tables */
#define MAP_NONBLOCK 0x010000		/* do not block on IO */
#define MAP_STACK 0x020000		/* an address suited to process/thread stacks */
#define MAP_HUGETLB 0x040000		/* create a huge page mapping */
#define MAP_SYNC 0x080000		/* synchronous page faults for the mapping (DAX) */
#define MAP_FIXED_NOREPLACE 0x100000	/* MAP_FIXED which doesn't unmap an underlying mapping */

#define MAP_UNINITIALIZED 0x4000000	/* anonymous memory may be uninitialized */

/* mlock2 flags */
#define MLOCK_ONFAULT 0x01		/* lock pages after they are faulted in, do not prefault */

/* msync flags */
#define MS_ASYNC 1			/* sync memory asynchronously */
#define MS_INVALIDATE 2			/* invalidate the caches */
#define MS_SYNC 4			/* synchronous memory sync */

/* madvise advice */
#define MADV_NORMAL 0			/* no further special treatment */
#define MADV_RANDOM 1			/* expect random page references */
#define MADV_SEQUENTIAL 2		/* expect sequential page references */
#define MADV_WILLNEED 3			/* will need these pages */
#define MADV_DONTNEED 4			/* don't need these pages */

#define MADV_FREE 8			/* free pages only if memory pressure */
#define MADV_REMOVE 9			/* remove these pages & resources */
#define MADV_DONTFORK 10		/* don't inherit across fork */
#define MADV_DOFORK 11			/* do inherit across fork */
#define MADV_HWPOISON 100		/* poison a page for testing */
#define MADV_SOFT_OFFLINE 101		/* soft offline page for testing */

#define MADV_MERGEABLE 12		/* KSM may merge identical pages */
#define MADV_UNMERGEABLE 13		/* KSM may not merge identical pages */

#define MADV_HUGEPAGE 14		/* worth backing with hugepages */
#define MADV_NOHUGEPAGE 15		/* not worth backing with hugepages */

#define MADV_DONTDUMP 16		/* exclude from the core dump */
#define MADV_DODUMP 17			/* clear the MADV_DONTDUMP flag */

#define MADV_WIPEONFORK 18		/* zero memory on fork, child only */
#define MADV_KEEPONFORK 19		/* undo MADV_WIPEONFORK */

#define MADV_COLD 20			/* deactivate these pages */
#define MADV_PAGEOUT 21			/* reclaim these pages */

#define MADV_POPULATE_READ 22		/* populate (prefault) page tables readable */
#define MADV_POPULATE_WRITE 23		/* populate (prefault) page tables writable */

#define MADV_DONTNEED_LOCKED 24		/* like DONTNEED, but drop locked pages too */

#define MADV_COLLAPSE 25		/* synchronous hugepage collapse */

#define MADV_GUARD_INSTALL 102		/* fatal signal on access to the range (Linux 6.13) */
#define MADV_GUARD_REMOVE 103		/* unguard the range (Linux 6.13) */

/* compatibility flags */
#define MAP_FILE 0

/* pkey_alloc access rights */
#define PKEY_DISABLE_ACCESS 0x1
#define PKEY_DISABLE_WRITE 0x2
#define PKEY_ACCESS_MASK (PKEY_DISABLE_ACCESS | PKEY_DISABLE_WRITE)

#endif
