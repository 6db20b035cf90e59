/*
 * include/uapi/linux/msg.h - System V message queues (Linux: the same
 * path, and asm-generic/msgbuf.h for struct msqid64_ds on a 64-bit machine).
 */
#ifndef _UAPI_LINUX_MSG_H
#define _UAPI_LINUX_MSG_H

#include "ipc.h"

/* msgctl's own commands */
#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_STAT_ANY 13

/* msgrcv's flags */
#define MSG_NOERROR 010000	/* no error if message is too big: cut it */
#define MSG_EXCEPT 020000	/* recv any msg except of specified type */
#define MSG_COPY 040000		/* copy (not remove) the msgtyp'th message */

#define MSGMNI 32000		/* <= IPCMNI: max # of msg queue identifiers */
#define MSGMAX 8192		/* <= INT_MAX: max size of message (bytes) */
#define MSGMNB 16384		/* <= INT_MAX: default max size of a message queue */
#define MSGPOOL (MSGMNI * MSGMNB / 1024)	/* size in kbytes of message pool */
#define MSGTQL MSGMNB		/* number of system message headers */
#define MSGMAP MSGMNB		/* number of entries in message map */
#define MSGSSZ 16		/* message segment size */
#define __MSGSEG ((MSGPOOL * 1024) / MSGSSZ)
#define MSGSEG (__MSGSEG <= 0xffff ? __MSGSEG : 0xffff)

struct msqid64_ds {
	struct ipc64_perm msg_perm;
	long msg_stime;			/* last msgsnd time */
	long msg_rtime;			/* last msgrcv time */
	long msg_ctime;			/* last change time */
	unsigned long msg_cbytes;	/* current number of bytes on queue */
	unsigned long msg_qnum;		/* number of messages in queue */
	unsigned long msg_qbytes;	/* max number of bytes on queue */
	int msg_lspid;			/* pid of last msgsnd */
	int msg_lrpid;			/* last receive pid */
	unsigned long __unused4, __unused5;
};

struct msginfo {
	int msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	unsigned short msgseg;
};

#endif
