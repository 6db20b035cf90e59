/*
 * kernel/cred.c - the life of a struct cred, and who may signal whom
 * (Linux: kernel/cred.c; check_kill_permission from kernel/signal.c).
 *
 * The rules (Linux Documentation/security/credentials.rst):
 *  - a task's cred is read-only once installed; several tasks may share it;
 *  - to change its own credentials a task calls prepare_creds() for a
 *    private copy, edits it, and commit_creds() installs it (or
 *    abort_creds() drops it);
 *  - fork shares the parent's cred (copy_creds); exec prepares a copy that
 *    the set-user-ID bits may change, committed past the point of no return.
 * Linux keeps two pointers, real_cred (what others see) and cred (what the
 * task acts as, which override_creds changes for access(2)); faultline has
 * one, so an override is seen by others for its duration.  Nothing sleeps
 * under an override (faccessat walks the RAM disk), so nobody can look.
 */
#include <cred.h>
#include <sched.h>
#include <signal.h>
#include <mm.h>
#include <string.h>
#include <errno.h>
#include <mm_types.h>
#include <uapi/linux/prctl.h>

static struct group_info init_groups = { .usage = 1, .ngroups = 0 };

struct cred init_cred = {
	.usage = 1,			/* never freed */
	.cap_permitted = CAP_FULL_SET,
	.cap_effective = CAP_FULL_SET,
	.cap_bset = CAP_FULL_SET,
	.group_info = &init_groups,
};

void cred_init(void)
{
	init_task.cred = get_cred(&init_cred);
}

const struct cred *current_cred(void)
{
	return current->cred;
}

const struct cred *get_cred(const struct cred *cred)
{
	((struct cred *)cred)->usage++;
	return cred;
}

void put_cred(const struct cred *cred)
{
	struct cred *c = (struct cred *)cred;

	if (!c || --c->usage)
		return;
	put_group_info(c->group_info);
	kfree(c);
}

/* Linux prepare_creds: a copy of current's credentials the caller may change. */
struct cred *prepare_creds(void)
{
	struct cred *new = kmalloc(sizeof(*new), 0);

	if (!new)
		return NULL;
	*new = *current_cred();
	new->usage = 1;
	get_group_info(new->group_info);
	return new;
}

/* Linux is_dumpability_changed: an effective or fs id moves, or the
 * permitted set gains a capability. */
bool is_dumpability_changed(const struct cred *old, const struct cred *new)
{
	return old->euid != new->euid || old->egid != new->egid || old->fsuid != new->fsuid ||
	       old->fsgid != new->fsgid || (new->cap_permitted & ~old->cap_permitted);
}

/*
 * Linux commit_creds: install @new (the caller's reference passes to the
 * task).  A change of identity makes the process non-dumpable (suid_dumpable
 * is 0) and forgets the parent-death signal, so that neither a core file
 * nor the old parent reaches what the new identity may hold.
 */
int commit_creds(struct cred *new)
{
	const struct cred *old = current->cred;

	if (is_dumpability_changed(old, new)) {
		if (current->mm)
			current->mm->dumpable = SUID_DUMP_DISABLE;
		current->pdeath_signal = 0;
	}
	current->cred = new;
	put_cred(old);
	return 0;
}

void abort_creds(struct cred *new)
{
	put_cred(new);
}

/* Linux copy_creds without CLONE_THREAD's special case: the child shares the parent's cred. */
void copy_creds(struct task_struct *child)
{
	child->cred = get_cred(current->cred);
}

void exit_creds(struct task_struct *t)
{
	put_cred(t->cred);
	t->cred = NULL;
}

/* Linux override_creds: act as @new until revert_creds; returns what to revert to. */
const struct cred *override_creds(const struct cred *new)
{
	const struct cred *old = current->cred;

	current->cred = get_cred(new);
	return old;
}

void revert_creds(const struct cred *old)
{
	const struct cred *override = current->cred;

	current->cred = old;
	put_cred(override);
}

/* ------------------------------------------------------------ signals */

/*
 * Linux kill_ok_by_cred: the sender's real or effective uid is the
 * target's real or saved uid (not its effective one: a set-user-ID program
 * cannot be signalled by whoever it acts for, but by whoever started it),
 * or the sender has CAP_KILL.
 */
bool kill_ok_by_cred(const struct task_struct *t)
{
	const struct cred *cred = current_cred(), *tcred = t->cred;

	return cred->euid == tcred->suid || cred->euid == tcred->uid || cred->uid == tcred->suid ||
	       cred->uid == tcred->uid || capable(CAP_KILL);
}

/*
 * Linux check_kill_permission for a user-sent signal: EPERM unless the
 * credentials allow it; SIGCONT may also go to any task of the sender's
 * session (so a shell can continue a set-user-ID job it stopped).
 */
int check_kill_permission(int sig, struct task_struct *t)
{
	if (kill_ok_by_cred(t))
		return 0;
	if (sig == SIGCONT && t->signal->session == current->signal->session)
		return 0;
	return -EPERM;
}
