/*
 * include/uapi/linux/sem.h - System V semaphores (Linux: the same path,
 * and arch/x86/include/uapi/asm/sembuf.h for struct semid64_ds on x86-64).
 */
#ifndef _UAPI_LINUX_SEM_H
#define _UAPI_LINUX_SEM_H

#include "ipc.h"

/* semop's flag */
#define SEM_UNDO 0x1000		/* undo the operation on exit */

/* semctl's own commands */
#define GETPID 11		/* get sempid */
#define GETVAL 12		/* get semval */
#define GETALL 13		/* get all semval's */
#define GETNCNT 14		/* get semncnt */
#define GETZCNT 15		/* get semzcnt */
#define SETVAL 16		/* set semval */
#define SETALL 17		/* set all semval's */
#define SEM_STAT 18
#define SEM_INFO 19
#define SEM_STAT_ANY 20

#define SEMMNI 32000		/* <= IPCMNI: max # of semaphore identifiers */
#define SEMMSL 32000		/* <= INT_MAX: max num of semaphores per id */
#define SEMMNS (SEMMNI * SEMMSL)	/* <= INT_MAX: max # of semaphores in system */
#define SEMOPM 500		/* <= 1 000: max num of ops per semop call */
#define SEMVMX 32767		/* <= 32767: semaphore maximum value */
#define SEMAEM SEMVMX		/* adjust on exit max value */
#define SEMUME SEMOPM		/* max num of undo entries per process */
#define SEMMNU SEMMNS		/* num of undo structures system wide */
#define SEMMAP SEMMNS		/* # of entries in semaphore map */
#define SEMUSZ 20		/* sizeof struct sem_undo */

struct sembuf {
	unsigned short sem_num;	/* semaphore index in array */
	short sem_op;		/* semaphore operation */
	short sem_flg;		/* operation flags */
};

struct semid64_ds {
	struct ipc64_perm sem_perm;
	long sem_otime;		/* last semop time */
	unsigned long __unused1;
	long sem_ctime;		/* last change time */
	unsigned long __unused2;
	unsigned long sem_nsems;	/* no. of semaphores in array */
	unsigned long __unused3, __unused4;
};

struct seminfo {
	int semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};

#endif
