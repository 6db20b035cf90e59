/*
 * include/uapi/linux/ipc.h - System V IPC's common part (Linux: the same
 * path, and asm-generic/ipcbuf.h for struct ipc64_perm on x86-64).
 */
#ifndef _UAPI_LINUX_IPC_H
#define _UAPI_LINUX_IPC_H

#define IPC_PRIVATE 0

/* The get calls' flags, above the nine permission bits. */
#define IPC_CREAT 00001000	/* create if key is nonexistent */
#define IPC_EXCL 00002000	/* fail if key exists */
#define IPC_NOWAIT 00004000	/* return error on wait (msgsnd, msgrcv, semop) */

/* Control commands; IPC_64 may be or'ed in (glibc and musl always do). */
#define IPC_RMID 0		/* remove resource */
#define IPC_SET 1		/* set ipc_perm options */
#define IPC_STAT 2		/* get ipc_perm options */
#define IPC_INFO 3		/* see ipcs */
#define IPC_64 0x0100		/* the 64-bit structures (the only ones here) */

struct ipc64_perm {
	int key;
	unsigned int uid, gid, cuid, cgid;
	unsigned int mode;	/* x86-64: __kernel_mode_t is 32 bits, no padding after it */
	unsigned short seq;
	unsigned short __pad2;
	unsigned long __unused1, __unused2;
};

#endif
