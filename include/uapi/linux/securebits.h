/*
 * include/uapi/linux/securebits.h - the securebits of a task's credentials
 * (Linux: the same path, as of 6.1).  Each bit has a "locked" twin one
 * above it: once the lock is set, neither bit can change again.
 */
#ifndef _UAPI_LINUX_SECUREBITS_H
#define _UAPI_LINUX_SECUREBITS_H

#define issecure_mask(X) (1 << (X))

#define SECURE_NOROOT 0			/* uid 0 gets no capabilities at exec */
#define SECURE_NO_SETUID_FIXUP 2	/* uid changes leave the capabilities alone */
#define SECURE_KEEP_CAPS 4		/* leaving uid 0 keeps the permitted set (cleared by exec) */
#define SECURE_KEEP_CAPS_LOCKED 5
#define SECURE_NO_CAP_AMBIENT_RAISE 6	/* PR_CAP_AMBIENT_RAISE is refused */

#define SECURE_ALL_BITS (issecure_mask(SECURE_NOROOT) | issecure_mask(SECURE_NO_SETUID_FIXUP) | \
			 issecure_mask(SECURE_KEEP_CAPS) | issecure_mask(SECURE_NO_CAP_AMBIENT_RAISE))
#define SECURE_ALL_LOCKS (SECURE_ALL_BITS << 1)

#endif
