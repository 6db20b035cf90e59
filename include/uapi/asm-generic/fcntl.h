/*
 * include/uapi/asm-generic/fcntl.h - open flags, fcntl commands and lock
 * types, as Linux x86-64 has them (x86 uses the asm-generic values; Linux:
 * the same path).  The O_ flags are octal, as in Linux.  The commands
 * above F_LINUX_SPECIFIC_BASE and the AT_ flags are in linux/fcntl.h.
 * F_GETLK64, F_SETLK64 and F_SETLKW64 (12-14) exist only on 32-bit
 * architectures and are left out.
 */
#ifndef _UAPI_ASM_GENERIC_FCNTL_H
#define _UAPI_ASM_GENERIC_FCNTL_H

#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100		/* not fcntl */
#define O_EXCL 00000200			/* not fcntl */
#define O_NOCTTY 00000400		/* not fcntl */
#define O_TRUNC 00001000		/* not fcntl */
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DSYNC 00010000		/* used to be O_SYNC, see below */
#define FASYNC 00020000			/* fcntl, for BSD compatibility */
#define O_DIRECT 00040000		/* direct disk access hint */
#define O_LARGEFILE 00100000		/* a 64-bit kernel sets it itself; glibc's is 0 there */
#define O_DIRECTORY 00200000		/* must be a directory */
#define O_NOFOLLOW 00400000		/* don't follow links */
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000		/* set close_on_exec */
#define __O_SYNC 04000000
#define O_SYNC (__O_SYNC | O_DSYNC)
#define O_PATH 010000000
#define __O_TMPFILE 020000000
#define O_TMPFILE (__O_TMPFILE | O_DIRECTORY)
#define O_NDELAY O_NONBLOCK

#define F_DUPFD 0			/* dup */
#define F_GETFD 1			/* get close_on_exec */
#define F_SETFD 2			/* set/clear close_on_exec */
#define F_GETFL 3			/* get file->f_flags */
#define F_SETFL 4			/* set file->f_flags */
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_SETOWN 8			/* for sockets */
#define F_GETOWN 9			/* for sockets */
#define F_SETSIG 10			/* for sockets */
#define F_GETSIG 11			/* for sockets */
#define F_SETOWN_EX 15
#define F_GETOWN_EX 16
#define F_GETOWNER_UIDS 17

/* open file description locks */
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38

/* struct f_owner_ex's type */
#define F_OWNER_TID 0
#define F_OWNER_PID 1
#define F_OWNER_PGRP 2

#define FD_CLOEXEC 1			/* actually anything with the low bit set goes */

/* struct flock's l_type */
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define F_EXLCK 4			/* or 3 */
#define F_SHLCK 8			/* or 4 */

/* flock operations */
#define LOCK_SH 1			/* shared lock */
#define LOCK_EX 2			/* exclusive lock */
#define LOCK_NB 4			/* or'd with one of the above to prevent blocking */
#define LOCK_UN 8			/* remove lock */
#define LOCK_MAND 32			/* a mandatory flock (no longer supported) */
#define LOCK_READ 64			/* ... which allows concurrent read operations */
#define LOCK_WRITE 128			/* ... which allows concurrent write operations */
#define LOCK_RW 192			/* ... which allows concurrent read & write operations */

#define F_LINUX_SPECIFIC_BASE 1024

/*
 * fcntl F_GETLK, F_SETLK, F_SETLKW and the F_OFD_ ones: a byte range and
 * a lock type.  x86-64's layout, 32 bytes with padding after l_whence and
 * l_pid (Linux: struct flock; struct flock64 is the same on 64-bit).
 */
struct flock {
	short l_type;			/* F_RDLCK, F_WRLCK, F_UNLCK */
	short l_whence;			/* SEEK_SET, SEEK_CUR, SEEK_END: where l_start counts from */
	long long l_start;
	long long l_len;		/* 0: to the end of the file, however far; < 0: before l_start */
	int l_pid;			/* F_GETLK: the holder's process (-1 for an OFD lock); F_OFD_*: 0 */
};

#endif
