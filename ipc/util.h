/*
 * ipc/util.h - what System V's three kinds of object share (Linux:
 * ipc/util.h): the permission record, the table of ids, the key lookup of
 * the get calls and the permission checks.
 */
#ifndef _IPC_UTIL_H
#define _IPC_UTIL_H

#include <types.h>
#include "uapi/linux/ipc.h"
#include <fs.h>				/* S_IRWXUGO: the mode bits get and IPC_SET may set */

#define IPCMNI_SHIFT 15			/* Linux: id = seq << 15 | index */
#define IPCMNI (1 << IPCMNI_SHIFT)	/* the most objects of one kind kernel.*mni may allow */
#define IPC_SEQ_MAX ((1 << 16) - 1)
#define S_IRUGO 0444			/* ipcperms' requests: read, write, both as mode bits */
#define S_IWUGO 0222

/* Linux struct kern_ipc_perm: the first member of every object, so an
 * object is container_of its perm. */
struct kern_ipc_perm {
	int id;
	bool deleted;			/* IPC_RMID came while someone slept on it */
	int key;
	unsigned int uid, gid, cuid, cgid;
	unsigned int mode;		/* the nine rwx bits, and shm's SHM_DEST, SHM_LOCKED */
	unsigned short seq;
};

/* One kind of object's ids (Linux struct ipc_ids). */
struct ipc_ids {
	struct kern_ipc_perm *slot[IPCMNI];
	int in_use;
	unsigned short seq;		/* the next object's sequence number */
	long next_id;			/* kernel.*_next_id: the next object's id, or -1 */
};

/* What a get call asks for (Linux struct ipc_params); @arg is shm's size or sem's nsems. */
struct ipc_params {
	int key, flg;
	unsigned long arg;
};

/* Linux struct ipc_ops: make a new object, and check an existing one against @p. */
struct ipc_ops {
	int (*getnew)(struct ipc_ids *ids, const struct ipc_params *p);
	int (*more_checks)(struct kern_ipc_perm *perm, const struct ipc_params *p);
};

int ipcget(struct ipc_ids *ids, const struct ipc_ops *ops, const struct ipc_params *p);
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *perm, int limit);
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm);
struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id);
struct kern_ipc_perm *ipc_obtain_object_idx(struct ipc_ids *ids, int idx);
int ipc_get_maxidx(const struct ipc_ids *ids);
bool ipcperms(const struct kern_ipc_perm *perm, int flag);
bool ipc_owner(const struct kern_ipc_perm *perm);
void ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *out);
void kernel_to_ipc64_perm(const struct kern_ipc_perm *in, struct ipc64_perm *out);
int ipc_next_id_write(struct ipc_ids *ids, const char *buf);
s64 ipc_now(void);

#endif
