/*
 * include/errno.h - error numbers: the user-visible ones from
 * include/uapi/asm-generic/, and what only the kernel uses (Linux:
 * include/linux/errno.h, include/linux/err.h).
 */
#ifndef _FAULTLINE_ERRNO_H
#define _FAULTLINE_ERRNO_H

#include "uapi/asm-generic/errno.h"

#define MAX_ERRNO 4095
/* Kernel-internal: a blocking call was interrupted by a signal.  The signal
 * code turns it into -EINTR, or restarts the call for SA_RESTART handlers;
 * user space never sees it (Linux: include/linux/errno.h). */
#define ERESTARTSYS 512
/* Kernel-internal: as ERESTARTSYS, but after a handler always -EINTR, SA_RESTART
 * or not; restarted only when no handler ran (a stop, an ignored signal):
 * System V msgsnd/msgrcv (Linux: include/linux/errno.h, signal(7)). */
#define ERESTARTNOHAND 514
/* Kernel-internal: do_vfs_ioctl does not know the request; the driver may. */
#define ENOIOCTLCMD 515

#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long e) { return (void *)e; }
static inline long PTR_ERR(const void *p) { return (long)p; }
static inline int IS_ERR(const void *p) { return IS_ERR_VALUE(p); }

#endif
