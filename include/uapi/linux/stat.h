/*
 * include/uapi/linux/stat.h - the file type and permission bits of
 * st_mode, and statx's request and attribute masks (Linux: the same path;
 * struct statx itself is in fs/stat.c).  Mode values are octal, as in
 * Linux.
 */
#ifndef _UAPI_LINUX_STAT_H
#define _UAPI_LINUX_STAT_H

#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISUID 0004000
#define S_ISGID 0002000
#define S_ISVTX 0001000

#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100

#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010

#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001

/* statx's mask: what is asked for (request) and what came back (stx_mask) */
#define STATX_TYPE 0x00000001U		/* stx_mode & S_IFMT */
#define STATX_MODE 0x00000002U		/* stx_mode & ~S_IFMT */
#define STATX_NLINK 0x00000004U		/* stx_nlink */
#define STATX_UID 0x00000008U		/* stx_uid */
#define STATX_GID 0x00000010U		/* stx_gid */
#define STATX_ATIME 0x00000020U		/* stx_atime */
#define STATX_MTIME 0x00000040U		/* stx_mtime */
#define STATX_CTIME 0x00000080U		/* stx_ctime */
#define STATX_INO 0x00000100U		/* stx_ino */
#define STATX_SIZE 0x00000200U		/* stx_size */
#define STATX_BLOCKS 0x00000400U	/* stx_blocks */
#define STATX_BASIC_STATS 0x000007ffU	/* what struct stat has */
#define STATX_BTIME 0x00000800U		/* stx_btime */
#define STATX_MNT_ID 0x00001000U	/* stx_mnt_id */
#define STATX_DIOALIGN 0x00002000U	/* direct I/O alignment */
#define STATX__RESERVED 0x80000000U	/* reserved for future struct statx expansion */
#define STATX_ALL 0x00000fffU		/* deprecated: basic stats and btime */

/* stx_attributes */
#define STATX_ATTR_COMPRESSED 0x00000004	/* file is compressed by the fs */
#define STATX_ATTR_IMMUTABLE 0x00000010		/* file is marked immutable */
#define STATX_ATTR_APPEND 0x00000020		/* file is append-only */
#define STATX_ATTR_NODUMP 0x00000040		/* file is not to be dumped */
#define STATX_ATTR_ENCRYPTED 0x00000800		/* file requires a key to decrypt */
#define STATX_ATTR_AUTOMOUNT 0x00001000		/* dir: automount trigger */
#define STATX_ATTR_MOUNT_ROOT 0x00002000	/* root of a mount */
#define STATX_ATTR_VERITY 0x00100000		/* verity protected file */
#define STATX_ATTR_DAX 0x00200000		/* file is currently in DAX state */

#endif
