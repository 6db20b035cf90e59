/*
 * include/uapi/asm-generic/mman.h - the mmap flags and mlockall flags
 * that vary between architectures, with x86-64's values (Linux:
 * include/uapi/asm-generic/mman.h, and MAP_32BIT, MAP_ABOVE4G from
 * arch/x86/include/uapi/asm/mman.h, which includes it).
 */
#ifndef _UAPI_ASM_GENERIC_MMAN_H
#define _UAPI_ASM_GENERIC_MMAN_H
#include "mman-common.h"

/* x86 only (arch/x86/include/uapi/asm/mman.h) */
#define MAP_32BIT 0x40			/* only give out 32-bit addresses */
#define MAP_ABOVE4G 0x80		/* only map above 4 GiB (Linux 6.6) */

#define MAP_GROWSDOWN 0x0100		/* stack-like segment */
#define MAP_DENYWRITE 0x0800		/* ETXTBSY (ignored) */
#define MAP_EXECUTABLE 0x1000		/* mark it as an executable (ignored) */
#define MAP_LOCKED 0x2000		/* pages are locked */
#define MAP_NORESERVE 0x4000		/* don't check for reservations */

/* Bits 26-31 hold the hugetlb page size: MAP_HUGE_* in linux/mman.h */

/* mlockall flags */
#define MCL_CURRENT 1			/* lock all current mappings */
#define MCL_FUTURE 2			/* lock all future mappings */
#define MCL_ONFAULT 4			/* lock all pages that are faulted in */

#endif
