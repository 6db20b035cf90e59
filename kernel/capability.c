/*
 * kernel/capability.c - capabilities: the checks, how uid changes move
 * them, what exec gives, capget and capset (Linux: kernel/capability.c,
 * security/commoncap.c).
 *
 * Linux's default rules, without file capabilities, ambient sets or
 * securebits:
 *  - a task whose euid is 0 has every capability in its effective set;
 *  - when none of uid, euid and suid is 0 any more, the permitted and
 *    effective sets are emptied; euid leaving 0 empties the effective set,
 *    euid coming back to 0 refills it from the permitted set
 *    (cap_emulate_setxuid);
 *  - fsuid leaving 0 drops the file-system capabilities from the effective
 *    set, coming back raises them from the permitted set;
 *  - exec gives permitted = bounding set when uid or euid is 0, effective =
 *    permitted when euid is 0, and nothing otherwise.
 */
#include <syscalls.h>
#include <cred.h>
#include <sched.h>
#include <uaccess.h>
#include <errno.h>

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

/* Linux cap_emulate_setxuid: capabilities follow uid 0 in and out. */
static void cap_emulate_setxuid(struct cred *new, const struct cred *old)
{
	bool old_root = !old->uid || !old->euid || !old->suid;
	bool new_root = !new->uid || !new->euid || !new->suid;

	if (old_root && !new_root) {
		new->cap_permitted = 0;
		new->cap_effective = 0;
	}
	if (!old->euid && new->euid)
		new->cap_effective = 0;
	if (old->euid && !new->euid)
		new->cap_effective = new->cap_permitted;
}

/* Linux cap_task_fix_setuid: LSM_SETID_FS (@fs_only) moves only the file-system set. */
void cap_task_fix_setuid(struct cred *new, const struct cred *old, bool fs_only)
{
	if (!fs_only) {
		cap_emulate_setxuid(new, old);
		return;
	}
	if (!old->fsuid && new->fsuid)
		new->cap_effective &= ~CAP_FS_SET;
	if (old->fsuid && !new->fsuid)
		new->cap_effective |= new->cap_permitted & CAP_FS_SET;
}

/* Linux cap_bprm_creds_from_file for a file without capabilities (handle_privileged_root). */
void cap_bprm_creds(struct cred *new)
{
	new->cap_permitted = 0;
	if (!new->euid || !new->uid)
		new->cap_permitted = new->cap_bset | new->cap_inheritable;
	new->cap_effective = !new->euid ? new->cap_permitted : 0;
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
