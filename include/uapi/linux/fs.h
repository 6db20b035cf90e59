/*
 * include/uapi/linux/fs.h - the lseek whence values and renameat2 flags
 * (Linux: the same path, which also holds the file system ioctls faultline
 * does not have).
 */
#ifndef _UAPI_LINUX_FS_H
#define _UAPI_LINUX_FS_H

#define SEEK_SET 0			/* seek relative to beginning of file */
#define SEEK_CUR 1			/* seek relative to current file position */
#define SEEK_END 2			/* seek relative to end of file */
#define SEEK_DATA 3			/* seek to the next data */
#define SEEK_HOLE 4			/* seek to the next hole */
#define SEEK_MAX SEEK_HOLE

#define INR_OPEN_CUR 1024		/* initial RLIMIT_NOFILE soft limit */
#define INR_OPEN_MAX 4096		/* and hard limit */

#define RENAME_NOREPLACE (1 << 0)	/* don't overwrite target */
#define RENAME_EXCHANGE (1 << 1)	/* exchange source and dest */
#define RENAME_WHITEOUT (1 << 2)	/* whiteout source */

/* Inode attribute flags (chattr), FS_IOC_GETFLAGS/SETFLAGS; the ioctls take a long but use an int. */
#define FS_IOC_GETFLAGS 0x80086601	/* _IOR('f', 1, long) */
#define FS_IOC_SETFLAGS 0x40086602	/* _IOW('f', 2, long) */
#define FS_SECRM_FL 0x00000001
#define FS_UNRM_FL 0x00000002
#define FS_COMPR_FL 0x00000004
#define FS_SYNC_FL 0x00000008
#define FS_IMMUTABLE_FL 0x00000010	/* no change at all: no write, unlink, rename, link, chmod */
#define FS_APPEND_FL 0x00000020		/* writes only at the end: no truncate, unlink, rename, link */
#define FS_NODUMP_FL 0x00000040
#define FS_NOATIME_FL 0x00000080

#endif
