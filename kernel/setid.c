/*
 * kernel/setid.c - the get*id and set*id system calls (Linux: kernel/sys.c,
 * with the rules of POSIX and of Linux's saved set-user-ID).
 *
 * Every set*id call builds a new cred with prepare_creds and commits it,
 * so a failed call changes nothing. Without CAP_SETUID (CAP_SETGID for
 * groups) a task may only move its ids among the values it already has:
 *
 *   setuid(u)            u must be the real or saved uid; sets euid (and fsuid).
 *                        With CAP_SETUID: sets real, effective and saved.
 *   setreuid(r, e)       r among {uid, euid}; e among {uid, euid, suid}.
 *                        The saved uid becomes the new euid when r is given,
 *                        or e is given and differs from the old real uid.
 *   setresuid(r, e, s)   each one given among {uid, euid, suid}.
 *   setfsuid(f)          f among {uid, euid, suid, fsuid}; returns the old
 *                        fsuid whether or not it changed anything.
 *
 * -1 means "leave it" in setre* and setres*; setuid(-1) is EINVAL.
 * Changing euid moves fsuid with it. Linux's set_user (RLIMIT_NPROC
 * accounting when the real uid changes) is not done: faultline does not
 * count processes per user.
 */
#include <syscalls.h>
#include <cred.h>
#include <sched.h>
#include <uaccess.h>
#include <errno.h>

#define SETID_KEEP ((u32)-1)		/* the -1 argument: leave this id */

SYSCALL_DEFINE0(getuid) { return current_cred()->uid; }
SYSCALL_DEFINE0(geteuid) { return current_cred()->euid; }
SYSCALL_DEFINE0(getgid) { return current_cred()->gid; }
SYSCALL_DEFINE0(getegid) { return current_cred()->egid; }

/* Is @id one of the @n values in @ids? */
static bool id_among(u32 id, const u32 *ids, int n)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* The ids of one kind (uids or gids) of a cred, as four slots one function can edit. */
struct idset {
	u32 *r, *e, *s, *fs;
};

static struct idset uids(struct cred *c) { return (struct idset){ &c->uid, &c->euid, &c->suid, &c->fsuid }; }
static struct idset gids(struct cred *c) { return (struct idset){ &c->gid, &c->egid, &c->sgid, &c->fsgid }; }

/* Install @new after the capability fix-up uid changes need (Linux security_task_fix_setuid). */
static long commit_setid(struct cred *new, bool is_uid)
{
	if (is_uid)
		cap_task_fix_setuid(new, current_cred(), false);
	return commit_creds(new);
}

/* Linux sys_setuid / sys_setgid. */
static long do_setid(u32 id, bool is_uid)
{
	struct cred *new;
	struct idset n;
	u32 r, s;

	if (id == SETID_KEEP)
		return -EINVAL;			/* make_kuid(-1) is not a valid id */
	if (!(new = prepare_creds()))
		return -ENOMEM;
	n = is_uid ? uids(new) : gids(new);
	r = *n.r;
	s = *n.s;
	if (capable(is_uid ? CAP_SETUID : CAP_SETGID)) {
		*n.r = *n.s = id;
	} else if (id != r && id != s) {
		abort_creds(new);
		return -EPERM;
	}
	*n.e = *n.fs = id;
	return commit_setid(new, is_uid);
}

SYSCALL_DEFINE1(setuid, uid_t, uid) { return do_setid(uid, true); }
SYSCALL_DEFINE1(setgid, gid_t, gid) { return do_setid(gid, false); }

/* Linux sys_setreuid / sys_setregid. */
static long do_setreid(u32 rid, u32 eid, bool is_uid)
{
	struct cred *new = prepare_creds();
	bool priv = capable(is_uid ? CAP_SETUID : CAP_SETGID);
	struct idset n;
	u32 old[3];

	if (!new)
		return -ENOMEM;
	n = is_uid ? uids(new) : gids(new);
	old[0] = *n.r, old[1] = *n.e, old[2] = *n.s;
	if ((rid != SETID_KEEP && !priv && !id_among(rid, old, 2)) ||
	    (eid != SETID_KEEP && !priv && !id_among(eid, old, 3))) {
		abort_creds(new);
		return -EPERM;
	}
	if (rid != SETID_KEEP)
		*n.r = rid;
	if (eid != SETID_KEEP)
		*n.e = eid;
	if (rid != SETID_KEEP || (eid != SETID_KEEP && eid != old[0]))
		*n.s = *n.e;
	*n.fs = *n.e;
	return commit_setid(new, is_uid);
}

SYSCALL_DEFINE2(setreuid, uid_t, ruid, uid_t, euid) { return do_setreid(ruid, euid, true); }
SYSCALL_DEFINE2(setregid, gid_t, rgid, gid_t, egid) { return do_setreid(rgid, egid, false); }

/* Linux sys_setresuid / sys_setresgid: a call that changes nothing succeeds before any check. */
static long do_setresid(u32 rid, u32 eid, u32 sid, bool is_uid)
{
	struct cred *new = prepare_creds();
	const u32 want[3] = { rid, eid, sid };
	struct idset n;
	u32 old[3];

	if (!new)
		return -ENOMEM;
	n = is_uid ? uids(new) : gids(new);
	old[0] = *n.r, old[1] = *n.e, old[2] = *n.s;
	if ((rid == SETID_KEEP || rid == old[0]) && (eid == SETID_KEEP || (eid == old[1] && eid == *n.fs)) &&
	    (sid == SETID_KEEP || sid == old[2])) {
		abort_creds(new);
		return 0;
	}
	for (int i = 0; i < 3; i++)
		if (want[i] != SETID_KEEP && !id_among(want[i], old, 3) && !capable(is_uid ? CAP_SETUID : CAP_SETGID)) {
			abort_creds(new);
			return -EPERM;
		}
	if (rid != SETID_KEEP)
		*n.r = rid;
	if (eid != SETID_KEEP)
		*n.e = eid;
	if (sid != SETID_KEEP)
		*n.s = sid;
	*n.fs = *n.e;
	return commit_setid(new, is_uid);
}

SYSCALL_DEFINE3(setresuid, uid_t, ruid, uid_t, euid, uid_t, suid) { return do_setresid(ruid, euid, suid, true); }
SYSCALL_DEFINE3(setresgid, gid_t, rgid, gid_t, egid, gid_t, sgid) { return do_setresid(rgid, egid, sgid, false); }

/* Linux sys_getresuid: each id is stored in turn, stopping at the first fault. */
static long put_resid(u32 r, u32 e, u32 s, u32 __user *rp, u32 __user *ep, u32 __user *sp)
{
	if (copy_to_user(rp, &r, sizeof(r)) || copy_to_user(ep, &e, sizeof(e)) || copy_to_user(sp, &s, sizeof(s)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, uid_t __user *, ruidp, uid_t __user *, euidp, uid_t __user *, suidp)
{
	const struct cred *c = current_cred();

	return put_resid(c->uid, c->euid, c->suid, ruidp, euidp, suidp);
}

SYSCALL_DEFINE3(getresgid, gid_t __user *, rgidp, gid_t __user *, egidp, gid_t __user *, sgidp)
{
	const struct cred *c = current_cred();

	return put_resid(c->gid, c->egid, c->sgid, rgidp, egidp, sgidp);
}

/*
 * Linux sys_setfsuid / sys_setfsgid: the old value is the answer, success
 * or not (so setfsuid(-1) is how to read it); a new fsuid moves the
 * file-system capabilities (cap_task_fix_setuid, LSM_SETID_FS).
 */
static long do_setfsid(u32 id, bool is_uid)
{
	struct cred *new = prepare_creds();
	struct idset n;
	u32 old[4], prev;

	if (!new)
		return is_uid ? current_cred()->fsuid : current_cred()->fsgid;
	n = is_uid ? uids(new) : gids(new);
	old[0] = *n.r, old[1] = *n.e, old[2] = *n.s, old[3] = *n.fs;
	prev = old[3];
	if (id == SETID_KEEP || id == prev ||
	    (!id_among(id, old, 4) && !capable(is_uid ? CAP_SETUID : CAP_SETGID))) {
		abort_creds(new);
		return prev;
	}
	*n.fs = id;
	if (is_uid)
		cap_task_fix_setuid(new, current_cred(), true);
	commit_creds(new);
	return prev;
}

SYSCALL_DEFINE1(setfsuid, uid_t, uid) { return do_setfsid(uid, true); }
SYSCALL_DEFINE1(setfsgid, gid_t, gid) { return do_setfsid(gid, false); }
