/*
 * kernel/groups.c - supplementary groups: getgroups, setgroups and the
 * membership test file permissions use (Linux: kernel/groups.c).
 *
 * A group list belongs to a cred and is shared and counted like it. It is
 * kept sorted, as Linux's groups_sort does, so membership is a bisection;
 * getgroups therefore returns the groups sorted, duplicates kept.
 */
#include <syscalls.h>
#include <cred.h>
#include <sched.h>
#include <uaccess.h>
#include <mm.h>
#include <errno.h>

struct group_info *groups_alloc(int ngroups)
{
	struct group_info *gi = kmalloc(sizeof(*gi) + (size_t)ngroups * sizeof(gid_t), 0);

	if (!gi)
		return NULL;
	gi->usage = 1;
	gi->ngroups = ngroups;
	return gi;
}

void put_group_info(struct group_info *gi)
{
	if (gi && !--gi->usage)
		kfree(gi);
}

/* Shell sort, as Linux's groups_sort (sort() with gid_cmp): no recursion, no extra memory. */
static void groups_sort(struct group_info *gi)
{
	for (int gap = gi->ngroups / 2; gap > 0; gap /= 2)
		for (int i = gap; i < gi->ngroups; i++)
			for (int j = i - gap; j >= 0 && gi->gid[j] > gi->gid[j + gap]; j -= gap) {
				gid_t t = gi->gid[j];

				gi->gid[j] = gi->gid[j + gap];
				gi->gid[j + gap] = t;
			}
}

bool groups_search(const struct group_info *gi, gid_t gid)
{
	int lo = 0, hi = gi ? gi->ngroups : 0;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (gi->gid[mid] == gid)
			return true;
		if (gi->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Linux in_group_p: file permission checks ask about fsgid. */
bool in_group_p(gid_t gid)
{
	const struct cred *cred = current_cred();

	return gid == cred->fsgid || groups_search(cred->group_info, gid);
}

/* Linux in_egroup_p: the effective gid, for what is not a file access. */
bool in_egroup_p(gid_t gid)
{
	const struct cred *cred = current_cred();

	return gid == cred->egid || groups_search(cred->group_info, gid);
}

/* Linux sys_getgroups: 0 asks for the count; a smaller buffer is EINVAL. */
SYSCALL_DEFINE2(getgroups, int, gidsetsize, gid_t __user *, grouplist)
{
	const struct group_info *gi = current_cred()->group_info;

	if (gidsetsize < 0)
		return -EINVAL;
	if (!gidsetsize)
		return gi->ngroups;
	if (gi->ngroups > gidsetsize)
		return -EINVAL;
	if (copy_to_user(grouplist, gi->gid, gi->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return gi->ngroups;
}

/*
 * Linux sys_setgroups, in its order: CAP_SETGID first (EPERM), then the
 * size (EINVAL above NGROUPS_MAX), then the copy (EFAULT). An id of -1 is
 * not refused: Linux's make_kgid maps it to INVALID_GID and stores it.
 */
SYSCALL_DEFINE2(setgroups, int, gidsetsize, gid_t __user *, grouplist)
{
	struct group_info *gi;
	struct cred *new;

	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned)gidsetsize > NGROUPS_MAX)
		return -EINVAL;
	if (!(gi = groups_alloc(gidsetsize)))
		return -ENOMEM;
	if (copy_from_user(gi->gid, grouplist, gidsetsize * sizeof(gid_t))) {
		put_group_info(gi);
		return -EFAULT;
	}
	groups_sort(gi);
	if (!(new = prepare_creds())) {
		put_group_info(gi);
		return -ENOMEM;
	}
	put_group_info(new->group_info);
	new->group_info = gi;
	return commit_creds(new);
}
