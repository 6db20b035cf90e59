/*
 * include/uapi/linux/fcntl.h - Linux's own fcntl commands, file seals,
 * directory notification, and the AT_ flags of the *at() calls, and
 * through asm-generic/fcntl.h the O_ flags and the classic commands
 * (Linux: the same path).
 */
#ifndef _UAPI_LINUX_FCNTL_H
#define _UAPI_LINUX_FCNTL_H
#include "../asm-generic/fcntl.h"

#define F_SETLEASE (F_LINUX_SPECIFIC_BASE + 0)
#define F_GETLEASE (F_LINUX_SPECIFIC_BASE + 1)
#define F_NOTIFY (F_LINUX_SPECIFIC_BASE + 2)	/* directory notification: DN_* */
#define F_CANCELLK (F_LINUX_SPECIFIC_BASE + 5)	/* cancel a blocking lease break */
#define F_DUPFD_CLOEXEC (F_LINUX_SPECIFIC_BASE + 6)
#define F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)
#define F_GETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 8)
#define F_ADD_SEALS (F_LINUX_SPECIFIC_BASE + 9)
#define F_GET_SEALS (F_LINUX_SPECIFIC_BASE + 10)
#define F_GET_RW_HINT (F_LINUX_SPECIFIC_BASE + 11)
#define F_SET_RW_HINT (F_LINUX_SPECIFIC_BASE + 12)
#define F_GET_FILE_RW_HINT (F_LINUX_SPECIFIC_BASE + 13)
#define F_SET_FILE_RW_HINT (F_LINUX_SPECIFIC_BASE + 14)

/* seals (F_ADD_SEALS, F_GET_SEALS) */
#define F_SEAL_SEAL 0x0001		/* prevent further seals from being set */
#define F_SEAL_SHRINK 0x0002		/* prevent file from shrinking */
#define F_SEAL_GROW 0x0004		/* prevent file from growing */
#define F_SEAL_WRITE 0x0008		/* prevent writes */
#define F_SEAL_FUTURE_WRITE 0x0010	/* prevent future writes while mapped */

/* write lifetime hints (F_SET_RW_HINT) */
#define RWH_WRITE_LIFE_NOT_SET 0
#define RWH_WRITE_LIFE_NONE 1
#define RWH_WRITE_LIFE_SHORT 2
#define RWH_WRITE_LIFE_MEDIUM 3
#define RWH_WRITE_LIFE_LONG 4
#define RWH_WRITE_LIFE_EXTREME 5
#define RWF_WRITE_LIFE_NOT_SET RWH_WRITE_LIFE_NOT_SET

/* F_NOTIFY events */
#define DN_ACCESS 0x00000001		/* file accessed */
#define DN_MODIFY 0x00000002		/* file modified */
#define DN_CREATE 0x00000004		/* file created */
#define DN_DELETE 0x00000008		/* file removed */
#define DN_RENAME 0x00000010		/* file renamed */
#define DN_ATTRIB 0x00000020		/* file changed attributes */
#define DN_MULTISHOT 0x80000000		/* don't remove notifier */

/* the *at() calls */
#define AT_FDCWD (-100)			/* dirfd: the current working directory */
#define AT_SYMLINK_NOFOLLOW 0x100	/* do not follow symbolic links */
#define AT_EACCESS 0x200		/* faccessat: test for effective IDs, not real IDs */
#define AT_REMOVEDIR 0x200		/* unlinkat: remove a directory instead of a file */
#define AT_SYMLINK_FOLLOW 0x400		/* follow symbolic links */
#define AT_NO_AUTOMOUNT 0x800		/* suppress terminal automount traversal */
#define AT_EMPTY_PATH 0x1000		/* allow an empty relative pathname: dirfd itself */

#define AT_STATX_SYNC_TYPE 0x6000	/* statx: type of synchronisation required */
#define AT_STATX_SYNC_AS_STAT 0x0000	/* - do whatever stat() does */
#define AT_STATX_FORCE_SYNC 0x2000	/* - force the attributes to be synced with the server */
#define AT_STATX_DONT_SYNC 0x4000	/* - don't sync attributes with the server */

#define AT_RECURSIVE 0x8000		/* apply to the entire subtree */

#endif
