/*
 * kernel/capability.c - capabilities: the checks, how uid changes move
 * them, what exec gives, capget and capset, and the prctl options that
 * belong to them (Linux: kernel/capability.c, security/commoncap.c).
 *
 * Linux's default rules, without file capabilities:
 *  - a task whose euid is 0 has every capability in its effective set;
 *  - when none of uid, euid and suid is 0 any more, the permitted and
 *    effective sets are emptied (kept with SECBIT_KEEP_CAPS); euid leaving
 *    0 empties the effective set, euid coming back to 0 refills it from
 *    the permitted set (cap_emulate_setxuid);
 *  - fsuid leaving 0 drops the file-system capabilities from the effective
 *    set, coming back raises them from the permitted set;
 *  - SECBIT_NO_SETUID_FIXUP turns both of these off;
 *  - exec gives permitted = bounding set | inheritable when uid or euid is
 *    0 (not under SECBIT_NOROOT), effective = permitted when euid is 0,
 *    and nothing otherwise; it clears SECBIT_KEEP_CAPS.  Under
 *    no_new_privs a program gains nothing: a set-user-ID bit is ignored
 *    (fs/exec.c) and the new permitted set stays within the old one;
 *  - the ambient set (PR_CAP_AMBIENT) holds capabilities that are both
 *    permitted and inheritable; an exec that changes no ids adds it to
 *    the new permitted and effective sets (that is its point: a non-root
 *    program keeps them); a set-id exec, leaving uid 0, or a capset that
 *    takes one out of permitted or inheritable removes them;
 *  - the bounding set only shrinks (PR_CAPBSET_DROP needs CAP_SETPCAP);
 *  - securebits change only with CAP_SETPCAP, and a locked bit never.
 */
#include <syscalls.h>
#include <cred.h>
#include <sched.h>
#include <uaccess.h>
#include <errno.h>
#include <uapi/linux/prctl.h>
#include <uapi/linux/securebits.h>

#define _LINUX_CAPABILITY_VERSION_1 0x19980330	/* one 32-bit word per set */
#define _LINUX_CAPABILITY_VERSION_2 0x20071026	/* two words (deprecated) */
#define _LINUX_CAPABILITY_VERSION_3 0x20080522	/* two words */
#define _KERNEL_CAPABILITY_VERSION _LINUX_CAPABILITY_VERSION_3
#define _KERNEL_CAPABILITY_U32S 2

struct __user_cap_header_struct {
	u32 version;
	int pid;
};

struct __user_cap_data_struct {
	u32 effective, permitted, inheritable;
};

bool has_capability(const struct task_struct *t, int cap)
{
	return t->cred->cap_effective & CAP_TO_MASK(cap);
}

bool capable(int cap)
{
	return has_capability(current, cap);
}

/* Linux issecure: a securebit of the caller's credentials. */
static bool issecure(int bit)
{
	return current_cred()->securebits & issecure_mask(bit);
}

/* Linux cap_emulate_setxuid: capabilities follow uid 0 in and out. */
static void cap_emulate_setxuid(struct cred *new, const struct cred *old)
{
	bool old_root = !old->uid || !old->euid || !old->suid;
	bool new_root = !new->uid || !new->euid || !new->suid;

	if (old_root && !new_root) {
		if (!issecure(SECURE_KEEP_CAPS)) {
			new->cap_permitted = 0;
			new->cap_effective = 0;
		}
		new->cap_ambient = 0;	/* Linux: even with KEEP_CAPS */
	}
	if (!old->euid && new->euid)
		new->cap_effective = 0;
	if (old->euid && !new->euid)
		new->cap_effective = new->cap_permitted;
}

/* Linux cap_task_fix_setuid: LSM_SETID_FS (@fs_only) moves only the file-system set. */
void cap_task_fix_setuid(struct cred *new, const struct cred *old, bool fs_only)
{
	if (issecure(SECURE_NO_SETUID_FIXUP))
		return;
	if (!fs_only) {
		cap_emulate_setxuid(new, old);
		return;
	}
	if (!old->fsuid && new->fsuid)
		new->cap_effective &= ~CAP_FS_SET;
	if (old->fsuid && !new->fsuid)
		new->cap_effective |= new->cap_permitted & CAP_FS_SET;
}

/*
 * Linux cap_bprm_creds_from_file for a file without capabilities, after
 * fs/exec.c set euid/egid from the file's set-id bits: root's privileges
 * (handle_privileged_root), then under no_new_privs the downgrade that
 * keeps a set-id or capability-gaining exec from gaining anything, then
 * the saved and fs ids follow the effective ones.
 */
void cap_bprm_creds(struct cred *new, const struct cred *old, bool no_new_privs)
{
	bool effective = false, is_setid;

	new->cap_permitted = 0;
	if (!issecure(SECURE_NOROOT)) {
		if (!new->euid || !new->uid)
			new->cap_permitted = old->cap_bset | old->cap_inheritable;
		effective = !new->euid;
	}
	is_setid = new->euid != old->uid || new->egid != old->gid;
	if (no_new_privs && (is_setid || (new->cap_permitted & ~old->cap_permitted))) {
		new->euid = new->uid;
		new->egid = new->gid;
		new->cap_permitted &= old->cap_permitted;
	}
	new->suid = new->fsuid = new->euid;
	new->sgid = new->fsgid = new->egid;
	if (is_setid)
		new->cap_ambient = 0;
	new->cap_permitted |= new->cap_ambient;
	new->cap_effective = effective ? new->cap_permitted : new->cap_ambient;
	new->securebits &= ~issecure_mask(SECURE_KEEP_CAPS);
}

/*
 * Linux cap_validate_magic: how many 32-bit words each set has. An unknown
 * version is EINVAL, and the version the kernel speaks is written back.
 */
static int cap_validate_magic(struct __user_cap_header_struct __user *header, int *tocopy)
{
	u32 version;

	if (copy_from_user(&version, &header->version, sizeof(version)))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*tocopy = 1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*tocopy = _KERNEL_CAPABILITY_U32S;
		return 0;
	}
	version = _KERNEL_CAPABILITY_VERSION;
	if (copy_to_user(&header->version, &version, sizeof(version)))
		return -EFAULT;
	return -EINVAL;
}

/* Linux sys_capget: a NULL data pointer only probes the version (0 even for a bad one). */
SYSCALL_DEFINE2(capget, struct __user_cap_header_struct __user *, header, struct __user_cap_data_struct __user *,
		dataptr)
{
	struct __user_cap_data_struct kdata[_KERNEL_CAPABILITY_U32S];
	const struct task_struct *t = current;
	int tocopy, pid, ret = cap_validate_magic(header, &tocopy);

	if (!dataptr || ret)
		return (!dataptr && ret == -EINVAL) ? 0 : ret;
	if (copy_from_user(&pid, &header->pid, sizeof(pid)))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	if (pid && pid != current->pid && !(t = find_task(pid)))
		return -ESRCH;
	for (int i = 0; i < _KERNEL_CAPABILITY_U32S; i++) {
		kdata[i].effective = t->cred->cap_effective >> (32 * i);
		kdata[i].permitted = t->cred->cap_permitted >> (32 * i);
		kdata[i].inheritable = t->cred->cap_inheritable >> (32 * i);
	}
	return copy_to_user(dataptr, kdata, tocopy * sizeof(kdata[0])) ? -EFAULT : 0;
}

/*
 * Linux cap_capset: a task may only set its own; the inheritable set stays
 * within old inheritable | permitted (unless CAP_SETPCAP) and within the
 * bounding set, the permitted set can only shrink, and the effective set
 * must lie within the new permitted set. Each violation is EPERM.
 */
static int cap_capset(struct cred *new, const struct cred *old, kernel_cap_t e, kernel_cap_t in, kernel_cap_t p)
{
	bool inh_capped = !(old->cap_effective & CAP_TO_MASK(CAP_SETPCAP));

	if (inh_capped && (in & ~(old->cap_inheritable | old->cap_permitted)))
		return -EPERM;
	if (in & ~(old->cap_inheritable | old->cap_bset))
		return -EPERM;
	if (p & ~old->cap_permitted)
		return -EPERM;
	if (e & ~p)
		return -EPERM;
	new->cap_effective = e;
	new->cap_inheritable = in;
	new->cap_permitted = p;
	new->cap_ambient &= in & p;	/* Linux: the ambient set stays within both */
	return 0;
}

SYSCALL_DEFINE2(capset, struct __user_cap_header_struct __user *, header,
		const struct __user_cap_data_struct __user *, data)
{
	struct __user_cap_data_struct kdata[_KERNEL_CAPABILITY_U32S] = { 0 };
	kernel_cap_t e, in, p;
	struct cred *new;
	int tocopy, pid, ret = cap_validate_magic(header, &tocopy);

	if (ret)
		return ret;
	if (copy_from_user(&pid, &header->pid, sizeof(pid)))
		return -EFAULT;
	if (pid && pid != current->pid)
		return -EPERM;		/* Linux: may only affect current now */
	if (copy_from_user(kdata, data, tocopy * sizeof(kdata[0])))
		return -EFAULT;
	e = (kdata[0].effective | (u64)kdata[1].effective << 32) & CAP_VALID_MASK;
	in = (kdata[0].inheritable | (u64)kdata[1].inheritable << 32) & CAP_VALID_MASK;
	p = (kdata[0].permitted | (u64)kdata[1].permitted << 32) & CAP_VALID_MASK;
	if (!(new = prepare_creds()))
		return -ENOMEM;
	if ((ret = cap_capset(new, current_cred(), e, in, p))) {
		abort_creds(new);
		return ret;
	}
	return commit_creds(new);
}

/* ---------------------------------------------------------------- prctl */
/*
 * Linux cap_task_prctl, PR_SET_SECUREBITS: EPERM to change a locked bit,
 * to clear a lock, to set a bit Linux 6.1 does not know, or without
 * CAP_SETPCAP (even to write the same value).
 */
static int set_securebits(unsigned long bits)
{
	const struct cred *old = current_cred();
	unsigned int locked = (old->securebits & SECURE_ALL_LOCKS) >> 1;
	struct cred *new;

	if ((locked & (old->securebits ^ bits)) || (old->securebits & SECURE_ALL_LOCKS & ~bits) ||
	    (bits & ~(unsigned long)(SECURE_ALL_LOCKS | SECURE_ALL_BITS)) || !capable(CAP_SETPCAP))
		return -EPERM;
	if (!(new = prepare_creds()))
		return -ENOMEM;
	new->securebits = bits;
	return commit_creds(new);
}

/* Linux PR_SET_KEEPCAPS: the one securebit anyone may flip, unless it is locked. */
static int set_keepcaps(unsigned long on)
{
	struct cred *new;

	if (on > 1)
		return -EINVAL;
	if (issecure(SECURE_KEEP_CAPS_LOCKED))
		return -EPERM;
	if (!(new = prepare_creds()))
		return -ENOMEM;
	if (on)
		new->securebits |= issecure_mask(SECURE_KEEP_CAPS);
	else
		new->securebits &= ~issecure_mask(SECURE_KEEP_CAPS);
	return commit_creds(new);
}

/* Linux cap_prctl_drop: the privilege check comes before the number's. */
static int capbset_drop(unsigned long cap)
{
	struct cred *new;

	if (!capable(CAP_SETPCAP))
		return -EPERM;
	if (cap > CAP_LAST_CAP)
		return -EINVAL;
	if (!(new = prepare_creds()))
		return -ENOMEM;
	new->cap_bset &= ~CAP_TO_MASK(cap);
	return commit_creds(new);
}

/* Linux PR_CAP_AMBIENT: raise needs the capability permitted and
 * inheritable (and no SECBIT_NO_CAP_AMBIENT_RAISE); no privilege otherwise. */
static int cap_ambient(unsigned long op, unsigned long cap, unsigned long arg4, unsigned long arg5)
{
	const struct cred *old = current_cred();
	struct cred *new;

	if (op == PR_CAP_AMBIENT_CLEAR_ALL && (cap || arg4 || arg5))
		return -EINVAL;
	if (op != PR_CAP_AMBIENT_CLEAR_ALL && (cap > CAP_LAST_CAP || arg4 || arg5))
		return -EINVAL;
	if (op == PR_CAP_AMBIENT_IS_SET)
		return !!(old->cap_ambient & CAP_TO_MASK(cap));
	if (op != PR_CAP_AMBIENT_RAISE && op != PR_CAP_AMBIENT_LOWER && op != PR_CAP_AMBIENT_CLEAR_ALL)
		return -EINVAL;
	if (op == PR_CAP_AMBIENT_RAISE && (!(old->cap_permitted & old->cap_inheritable & CAP_TO_MASK(cap)) ||
					   issecure(SECURE_NO_CAP_AMBIENT_RAISE)))
		return -EPERM;
	if (!(new = prepare_creds()))
		return -ENOMEM;
	if (op == PR_CAP_AMBIENT_CLEAR_ALL)
		new->cap_ambient = 0;
	else if (op == PR_CAP_AMBIENT_RAISE)
		new->cap_ambient |= CAP_TO_MASK(cap);
	else
		new->cap_ambient &= ~CAP_TO_MASK(cap);
	return commit_creds(new);
}

/* The prctl options about capabilities; -ENOSYS for any other (Linux:
 * security_task_prctl, which kernel/sys.c asks first). */
int cap_task_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)
{
	switch (option) {
	case PR_CAPBSET_READ:
		return arg2 > CAP_LAST_CAP ? -EINVAL : !!(current_cred()->cap_bset & CAP_TO_MASK(arg2));
	case PR_CAPBSET_DROP:
		return capbset_drop(arg2);
	case PR_GET_SECUREBITS:
		return current_cred()->securebits;
	case PR_SET_SECUREBITS:
		return set_securebits(arg2);
	case PR_GET_KEEPCAPS:
		return issecure(SECURE_KEEP_CAPS);
	case PR_SET_KEEPCAPS:
		return set_keepcaps(arg2);
	case PR_CAP_AMBIENT:
		return cap_ambient(arg2, arg3, arg4, arg5);
	default:
		return -ENOSYS;
	}
}
