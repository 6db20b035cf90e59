/*
 * include/uapi/linux/shm.h - System V shared memory (Linux: the same path,
 * and asm-generic/shmbuf.h for struct shmid64_ds on a 64-bit machine).
 */
#ifndef _UAPI_LINUX_SHM_H
#define _UAPI_LINUX_SHM_H

#include "ipc.h"

#define SHMMIN 1				/* min shared seg size (bytes) */
#define SHMMNI 4096				/* max num of segs system wide */
#define SHMMAX (~0UL - (1UL << 24))		/* max shared seg size (bytes) */
#define SHMALL (~0UL - (1UL << 24))		/* max shm system wide (pages) */
#define SHMSEG SHMMNI				/* max shared segs per process */
#define SHMLBA 4096				/* x86: attach addresses are page aligned */

/* shmget's */
#define SHM_HUGETLB 04000			/* segment will use huge TLB pages */
#define SHM_NORESERVE 010000			/* don't check for reservations */

/* shmat's */
#define SHM_RDONLY 010000			/* read-only access */
#define SHM_RND 020000				/* round attach address to SHMLBA boundary */
#define SHM_REMAP 040000			/* take-over region on attach */
#define SHM_EXEC 0100000			/* execution access */

/* shmctl's own commands */
#define SHM_LOCK 11
#define SHM_UNLOCK 12
#define SHM_STAT 13
#define SHM_INFO 14
#define SHM_STAT_ANY 15

/* shm_perm.mode's kernel bits */
#define SHM_DEST 01000				/* segment will be destroyed on last detach */
#define SHM_LOCKED 02000			/* segment will not be swapped */

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	unsigned long shm_segsz;
	long shm_atime, shm_dtime, shm_ctime;
	int shm_cpid, shm_lpid;
	unsigned long shm_nattch;
	unsigned long __unused4, __unused5;
};

struct shminfo64 {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot;			/* total allocated shm (pages) */
	unsigned long shm_rss;			/* total resident shm (pages) */
	unsigned long shm_swp;			/* total swapped shm (pages) */
	unsigned long swap_attempts, swap_successes;
};

#endif
