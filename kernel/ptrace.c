/*
 * kernel/ptrace.c - who may look into another process's memory (Linux:
 * kernel/ptrace.c __ptrace_may_access).  ptrace(2) itself is not there
 * (ENOSYS); /proc/PID/mem and process_vm_readv/writev use this rule.
 *
 * A process may reach its own threads; another process only if the
 * caller's real uid and gid match all of the target's real, effective and
 * saved ids (so a set-user-ID program run by someone else is out of
 * reach), or with CAP_SYS_PTRACE.  Even then a process that is not
 * dumpable (prctl PR_SET_DUMPABLE 0, or after a change of identity: see
 * kernel/cred.c commit_creds) needs CAP_SYS_PTRACE.  Yama is not modelled.
 */
#include <cred.h>
#include <sched.h>
#include <mm_types.h>
#include <uapi/linux/prctl.h>

static bool ids_match(const struct cred *c, const struct cred *t)
{
	return c->uid == t->euid && c->uid == t->suid && c->uid == t->uid &&
	       c->gid == t->egid && c->gid == t->sgid && c->gid == t->gid;
}

bool ptrace_may_access(struct task_struct *task)
{
	if (task->tgid == current->tgid)
		return true;
	if (!ids_match(current_cred(), task->cred) && !capable(CAP_SYS_PTRACE))
		return false;
	return !task->mm || task->mm->dumpable == SUID_DUMP_USER || capable(CAP_SYS_PTRACE);
}
