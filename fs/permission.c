/*
 * fs/permission.c - who may do what to an inode (Linux: generic_permission,
 * inode_permission, may_delete's sticky rule from fs/namei.c; the owner
 * checks of setattr_prepare and notify_change from fs/attr.c).
 *
 * The mode bits are read as Linux's acl_permission_check does, without
 * ACLs: the owner class if fsuid owns the file, else the group class if
 * fsgid or a supplementary group is the file's group, else "other"; the
 * one class chosen decides (an owner denied by its own bits is denied even
 * if "other" would allow). Then capabilities may override a refusal:
 *
 *                     directory                  other files
 *   read, search      CAP_DAC_READ_SEARCH        read: CAP_DAC_READ_SEARCH
 *   anything          CAP_DAC_OVERRIDE           CAP_DAC_OVERRIDE, but execute
 *                                                only if some x bit is set
 *
 * so root reads and writes every file, and still cannot run a file no one
 * may execute.
 */
#include <fs.h>
#include <cred.h>
#include <sched.h>
#include <signal.h>
#include <errno.h>

#define S_IXUGO (S_IXUSR | S_IXGRP | S_IXOTH)

/* Linux acl_permission_check: the one class of mode bits that applies to current. */
static int acl_permission_check(const struct inode *inode, int mask)
{
	unsigned mode = inode->i_mode;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (inode->i_uid == current_fsuid())
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	return (mask & ~mode) ? -EACCES : 0;
}

/* Linux generic_permission: the mode bits, then the DAC capabilities (the table above). */
int generic_permission(const struct inode *inode, int mask)
{
	int ret = acl_permission_check(inode, mask);

	if (ret != -EACCES)
		return ret;
	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE) && capable(CAP_DAC_READ_SEARCH))
			return 0;
		return capable(CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (mask == MAY_READ && capable(CAP_DAC_READ_SEARCH))
		return 0;
	if ((!(mask & MAY_EXEC) || (inode->i_mode & S_IXUGO)) && capable(CAP_DAC_OVERRIDE))
		return 0;
	return -EACCES;
}

/*
 * Linux inode_permission: a read-only file system refuses writes to its
 * files, directories and links first (sb_permission: EROFS), then the
 * mode bits decide.
 */
int inode_permission(const struct inode *inode, int mask)
{
	umode_t mode = inode->i_mode;

	if ((mask & MAY_WRITE) && IS_RDONLY(inode) && (S_ISREG(mode) || S_ISDIR(mode) || S_ISLNK(mode)))
		return -EROFS;
	if ((mask & MAY_WRITE) && IS_IMMUTABLE(inode))
		return -EPERM;		/* Linux: nobody writes to an immutable file */
	if (inode->i_op && inode->i_op->permission)	/* Linux do_inode_permission */
		return inode->i_op->permission((struct inode *)inode, mask);
	return generic_permission(inode, mask);
}

/* Linux inode_owner_or_capable: what chmod, utimes with times and O_NOATIME need. */
bool inode_owner_or_capable(const struct inode *inode)
{
	return inode->i_uid == current_fsuid() || capable(CAP_FOWNER);
}

/*
 * Linux check_sticky: in a sticky directory (/tmp) only the file's owner,
 * the directory's owner or CAP_FOWNER may remove or rename a name.
 * True means "refused" (EPERM).
 */
bool check_sticky(const struct inode *dir, const struct inode *inode)
{
	uid_t fsuid = current_fsuid();

	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (inode->i_uid == fsuid || dir->i_uid == fsuid)
		return false;
	return !capable(CAP_FOWNER);
}

/* Linux may_delete's permission part: w+x on the directory, then the sticky rule. */
int may_delete_name(const struct inode *dir, const struct inode *victim)
{
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	if (IS_APPEND(dir))
		return -EPERM;		/* Linux may_delete: an append-only directory keeps its names */
	return check_sticky(dir, victim) || IS_APPEND(victim) || IS_IMMUTABLE(victim) ? -EPERM : 0;
}

/* Linux chown_ok: the owner may "change" the owner to itself; else CAP_CHOWN. */
static bool chown_ok(const struct inode *inode, uid_t uid)
{
	return (inode->i_uid == current_fsuid() && uid == inode->i_uid) || capable(CAP_CHOWN);
}

/* Linux chgrp_ok: the owner may give the file to its own group or one of its groups; else CAP_CHOWN. */
static bool chgrp_ok(const struct inode *inode, gid_t gid)
{
	if (inode->i_uid == current_fsuid() && (gid == inode->i_gid || in_group_p(gid)))
		return true;
	return capable(CAP_CHOWN);
}

/*
 * Linux notify_change's ATTR_TOUCH check: setting both times to now
 * (utimes(NULL)) needs ownership or write permission.
 */
int may_touch(const struct inode *inode)
{
	return inode_owner_or_capable(inode) ? 0 : inode_permission(inode, MAY_WRITE);
}

/*
 * Linux setattr_prepare: may current make this change? EPERM for a new
 * owner or group it may not give, a mode change or explicit times on a
 * file it does not own. A mode change by someone outside the file's group
 * (without CAP_FSETID) loses S_ISGID, so nobody can make a file setgid to
 * a group they are not in.
 */
/*
 * Linux inode_newsize_ok: a file may not grow past RLIMIT_FSIZE (SIGXFSZ
 * to the caller, and EFBIG) nor past the largest size there is (EFBIG).
 * Shrinking is always allowed.
 */
static int inode_newsize_ok(const struct inode *inode, loff_t size)
{
	u64 limit = current->signal->rlim[RLIMIT_FSIZE].rlim_cur;

	if ((u64)size <= inode->i_size)
		return 0;
	if (limit != RLIM_INFINITY && (u64)size > limit) {
		send_sig(SIGXFSZ, current);
		return -EFBIG;
	}
	return (u64)size > MAX_LFS_FILESIZE ? -EFBIG : 0;
}

int setattr_prepare(const struct inode *inode, struct iattr *attr)
{
	unsigned v = attr->ia_valid;
	int err;

	if ((v & ATTR_SIZE) && (err = inode_newsize_ok(inode, attr->ia_size)))
		return err;

	if ((v & ATTR_UID) && !chown_ok(inode, attr->ia_uid))
		return -EPERM;
	if ((v & ATTR_GID) && !chgrp_ok(inode, attr->ia_gid))
		return -EPERM;
	if (v & ATTR_MODE) {
		gid_t gid = (v & ATTR_GID) ? attr->ia_gid : inode->i_gid;

		if (!inode_owner_or_capable(inode))
			return -EPERM;
		if (!in_group_p(gid) && !capable(CAP_FSETID))
			attr->ia_mode &= ~S_ISGID;
	}
	if ((v & ATTR_TIMES_SET) && !inode_owner_or_capable(inode))
		return -EPERM;
	return 0;
}
