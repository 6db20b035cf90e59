/*
 * ipc/util.c - ids, keys and permissions, shared by shm.c, msg.c and sem.c
 * (Linux: ipc/util.c).
 *
 * An object's id is its slot's index with a sequence number above it
 * (seq << IPCMNI_SHIFT | index), so an id whose object was removed and
 * whose slot was reused names nothing: EINVAL, as Linux's ipc_checkid.
 * The get calls share one set of rules (Linux ipcget): IPC_PRIVATE always
 * makes a new object; a key nobody has is ENOENT unless IPC_CREAT; a key
 * in use is EEXIST with IPC_CREAT|IPC_EXCL, else the kind's own checks
 * (more_checks: a bigger size, more semaphores: EINVAL), then the
 * permissions (EACCES).
 */
#include <cred.h>
#include <sched.h>
#include <time.h>
#include <errno.h>
#include <proc_fs.h>
#include "util.h"

s64 ipc_now(void) { return (s64)ktime_get_real_seconds(); }

static int ipc_buildid(int idx, unsigned short seq) { return (seq << IPCMNI_SHIFT) | idx; }

/* The object an id names, or NULL (EINVAL: no such slot, or a stale id). */
struct kern_ipc_perm *ipc_obtain_object_check(struct ipc_ids *ids, int id)
{
	int idx = id & (IPCMNI - 1);

	if (id < 0 || !ids->slot[idx] || ids->slot[idx]->id != id)
		return NULL;
	return ids->slot[idx];
}

/* The object in slot @idx: the *_STAT commands take an index, not an id
 * (an id works too: Linux ipc_obtain_object_idr keeps only its index bits). */
struct kern_ipc_perm *ipc_obtain_object_idx(struct ipc_ids *ids, int idx)
{
	return idx >= 0 ? ids->slot[idx & (IPCMNI - 1)] : NULL;
}

/* The highest slot in use, or -1 (what IPC_INFO and *_INFO return). */
int ipc_get_maxidx(const struct ipc_ids *ids)
{
	int m = -1;

	for (int i = 0; i < IPCMNI && ids->in_use; i++)
		if (ids->slot[i])
			m = i;
	return m;
}

/* Linux ipc_addid: the lowest free slot (from kernel.*_next_id's, once, if
 * set), the creator's ids as owner and creator; the new id, or -ENOSPC
 * past @limit (kernel.*mni) objects. */
int ipc_addid(struct ipc_ids *ids, struct kern_ipc_perm *perm, int limit)
{
	unsigned short seq = ids->seq;
	int idx = 0;

	if (ids->in_use >= limit)
		return -ENOSPC;
	if (ids->next_id >= 0) {
		idx = ids->next_id & (IPCMNI - 1);
		seq = ids->next_id >> IPCMNI_SHIFT;
	}
	while (idx < IPCMNI && ids->slot[idx])
		idx++;
	if (idx == IPCMNI)
		return -ENOSPC;
	if (ids->next_id >= 0)
		ids->next_id = -1;		/* used once */
	else
		ids->seq = ids->seq == IPC_SEQ_MAX ? 0 : ids->seq + 1;
	perm->seq = seq;
	perm->id = ipc_buildid(idx, seq);
	perm->uid = perm->cuid = current_cred()->euid;
	perm->gid = perm->cgid = current_cred()->egid;
	perm->deleted = false;
	ids->slot[idx] = perm;
	ids->in_use++;
	return perm->id;
}

/* The object leaves the table; its id and key name nothing any more. */
void ipc_rmid(struct ipc_ids *ids, struct kern_ipc_perm *perm)
{
	ids->slot[perm->id & (IPCMNI - 1)] = NULL;
	ids->in_use--;
	perm->deleted = true;
}

static struct kern_ipc_perm *ipc_findkey(struct ipc_ids *ids, int key)
{
	for (int i = 0, seen = 0; i < IPCMNI && seen < ids->in_use; i++) {
		if (!ids->slot[i])
			continue;
		seen++;
		if (ids->slot[i]->key == key)
			return ids->slot[i];
	}
	return NULL;
}

/* Linux ipcperms: @flag's rwx bits (in any of the three places, as a get
 * call's mode or S_IRUGO/S_IWUGO) against the owner's, the group's or
 * everyone's bits; CAP_IPC_OWNER may do anything. */
bool ipcperms(const struct kern_ipc_perm *perm, int flag)
{
	const struct cred *c = current_cred();
	int requested = (flag >> 6) | (flag >> 3) | flag;
	unsigned granted = perm->mode;

	if (c->euid == perm->cuid || c->euid == perm->uid)
		granted >>= 6;
	else if (in_egroup_p(perm->cgid) || in_egroup_p(perm->gid))
		granted >>= 3;
	return (requested & ~granted & 7) == 0 || capable(CAP_IPC_OWNER);
}

/* Owner or creator (or CAP_SYS_ADMIN): who may IPC_SET and IPC_RMID (Linux ipcctl_obtain_check). */
bool ipc_owner(const struct kern_ipc_perm *perm)
{
	const struct cred *c = current_cred();

	return c->euid == perm->cuid || c->euid == perm->uid || capable(CAP_SYS_ADMIN);
}

/* IPC_SET: the owner and the nine mode bits (Linux ipc_update_perm). */
void ipc_update_perm(const struct ipc64_perm *in, struct kern_ipc_perm *out)
{
	out->uid = in->uid;
	out->gid = in->gid;
	out->mode = (out->mode & ~S_IRWXUGO) | (in->mode & S_IRWXUGO);
}

void kernel_to_ipc64_perm(const struct kern_ipc_perm *in, struct ipc64_perm *out)
{
	*out = (struct ipc64_perm){ .key = in->key, .uid = in->uid, .gid = in->gid, .cuid = in->cuid,
				    .cgid = in->cgid, .mode = in->mode, .seq = in->seq };
}

/* Linux ipcget: ipcget_new for IPC_PRIVATE, else ipcget_public. */
int ipcget(struct ipc_ids *ids, const struct ipc_ops *ops, const struct ipc_params *p)
{
	struct kern_ipc_perm *perm;
	int err;

	if (p->key == IPC_PRIVATE)
		return ops->getnew(ids, p);
	if (!(perm = ipc_findkey(ids, p->key)))
		return (p->flg & IPC_CREAT) ? ops->getnew(ids, p) : -ENOENT;
	if ((p->flg & IPC_CREAT) && (p->flg & IPC_EXCL))
		return -EEXIST;
	if (ops->more_checks && (err = ops->more_checks(perm, p)))
		return err;
	return ipcperms(perm, p->flg) ? perm->id : -EACCES;
}

/* A write to /proc/sys/kernel/{shm,msg,sem}_next_id: -1 .. INT_MAX. */
int ipc_next_id_write(struct ipc_ids *ids, const char *buf)
{
	unsigned long v;
	int err = proc_parse_ulong_or_minus_one(buf, 0, 0x7fffffff, &v);

	if (!err)
		ids->next_id = (long)v;
	return err;
}
