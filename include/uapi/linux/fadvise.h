/*
 * include/uapi/linux/fadvise.h - posix_fadvise's advice values, as Linux's
 * (x86-64: DONTNEED is 4 and NOREUSE 5; s390 numbers them 6 and 7).
 */
#ifndef _UAPI_LINUX_FADVISE_H
#define _UAPI_LINUX_FADVISE_H

#define POSIX_FADV_NORMAL 0	/* no advice */
#define POSIX_FADV_RANDOM 1	/* no readahead */
#define POSIX_FADV_SEQUENTIAL 2	/* more readahead */
#define POSIX_FADV_WILLNEED 3	/* read it into the cache now */
#define POSIX_FADV_DONTNEED 4	/* drop its clean cached pages */
#define POSIX_FADV_NOREUSE 5	/* read once */

#endif
