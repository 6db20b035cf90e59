/* include/uapi/linux/close_range.h - close_range(2)'s flags (Linux: the same path). */
#ifndef _UAPI_LINUX_CLOSE_RANGE_H
#define _UAPI_LINUX_CLOSE_RANGE_H

#define CLOSE_RANGE_UNSHARE (1U << 1)	/* unshare the descriptor table first */
#define CLOSE_RANGE_CLOEXEC (1U << 2)	/* set FD_CLOEXEC instead of closing */

#endif
