/*
 * include/uapi/linux/limits.h - the path limit (Linux: the same path):
 * the longest path a system call takes, its terminating NUL included.
 */
#ifndef _UAPI_LINUX_LIMITS_H
#define _UAPI_LINUX_LIMITS_H

#define PATH_MAX 4096			/* chars in a path name including nul */

#endif
