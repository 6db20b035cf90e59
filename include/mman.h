/*
 * include/mman.h - mmap inside the kernel: the numbers user space passes
 * come from include/uapi/ (Linux's in linux/mman.h, faultline's own
 * MAP_NOFAULT in faultline/mman.h); here is what only the kernel uses
 * (Linux: include/linux/mman.h).
 */
#ifndef _FAULTLINE_MMAN_H
#define _FAULTLINE_MMAN_H

#include "uapi/linux/mman.h"
#include "uapi/faultline/mman.h"

/* The flags mmap has always accepted: MAP_SHARED_VALIDATE refuses any other
 * bit it does not know (Linux: include/linux/mman.h). */
#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | \
	MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | \
	MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT | \
	((unsigned long)MAP_HUGE_MASK << MAP_HUGE_SHIFT))

#define MMAP_MIN_ADDR 65536UL      /* Linux's default vm.mmap_min_addr */

#endif
