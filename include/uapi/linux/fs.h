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

#define RENAME_NOREPLACE (1 << 0)	/* don't overwrite target */
#define RENAME_EXCHANGE (1 << 1)	/* exchange source and dest */
#define RENAME_WHITEOUT (1 << 2)	/* whiteout source */

#endif
