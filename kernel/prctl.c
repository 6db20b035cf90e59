/*
 * kernel/prctl.c - prctl(2): small settings of the calling thread or
 * process (Linux: kernel/sys.c SYSCALL_DEFINE5(prctl)).
 *
 *   option                     what it keeps                 scope
 *   PR_SET/GET_NAME            comm, 16 bytes                thread
 *   PR_SET/GET_PDEATHSIG       a signal sent when the parent thread
 *                              exits (kernel/exit.c)         thread; 0 after
 *                              fork, and after an exec or a commit_creds
 *                              that changes identity (fs/exec.c, kernel/cred.c)
 *   PR_SET/GET_DUMPABLE        0 or 1: core files, ptrace    the mm; 0 after
 *                              a change of identity or a set-id exec
 *   PR_SET/GET_TIMERSLACK      nanoseconds; 0 = the default  thread, inherited
 *                              (also /proc/PID/timerslack_ns)
 *   PR_SET/GET_CHILD_SUBREAPER orphans below come to us      process
 *   PR_SET/GET_NO_NEW_PRIVS    exec grants nothing           thread, inherited,
 *                              never cleared
 *   PR_GET_TID_ADDRESS         set_tid_address's pointer     thread
 *   PR_SET/GET_THP_DISABLE     a flag (there are no huge     the mm, kept over
 *                              pages to disable)             fork and exec
 *   PR_GET/SET_TIMING          statistical only
 *   capabilities (CAPBSET_*, CAP_AMBIENT, SECUREBITS, KEEPCAPS):
 *                              kernel/capability.c cap_task_prctl.
 *
 * Anything else is EINVAL, as Linux says for an option it does not know
 * (seccomp, TSC, SPECULATION_CTRL, SET_MM, ... are not here).
 */
#include <syscalls.h>
#include <sched.h>
#include <cred.h>
#include <mm_types.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <uapi/linux/prctl.h>

static long set_name(const char __user *uname)
{
	char name[TASK_COMM_LEN];

	if (strncpy_from_user(name, uname, sizeof(name)) < 0 &&
	    copy_from_user(name, uname, sizeof(name) - 1))
		return -EFAULT;
	name[sizeof(name) - 1] = 0;
	strlcpy(current->comm, name, sizeof(current->comm));
	return 0;
}

/* Linux valid_signal: 0 (none) up to _NSIG. */
static long set_pdeathsig(unsigned long sig)
{
	if (sig > _NSIG)
		return -EINVAL;
	current->pdeath_signal = sig;
	return 0;
}

static long set_dumpable(unsigned long how)
{
	if (how != SUID_DUMP_DISABLE && how != SUID_DUMP_USER)
		return -EINVAL;		/* 2 (SUID_DUMP_ROOT) is the sysctl's alone */
	current->mm->dumpable = how;
	return 0;
}

/* Linux: 0 restores the slack this thread started with. */
static long set_timerslack(unsigned long ns)
{
	current->timer_slack_ns = ns ? ns : current->default_timer_slack_ns;
	return 0;
}

/*
 * Linux keeps is_child_subreaper and, in every descendant, a
 * has_child_subreaper hint that spares find_new_reaper the walk up;
 * kernel/exit.c walks the ancestors every time instead.
 */
static long set_child_subreaper(unsigned long on)
{
	current->signal->is_child_subreaper = on != 0;
	return 0;
}

/* Linux: the only value is 1, and the unused arguments must be 0. */
static long set_no_new_privs(unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)
{
	if (arg2 != 1 || arg3 || arg4 || arg5)
		return -EINVAL;
	current->no_new_privs = true;
	return 0;
}

/* Linux 6.1: arg2 says on or off, the other arguments must be 0. */
static long set_thp_disable(unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)
{
	if (arg3 || arg4 || arg5)
		return -EINVAL;
	current->mm->disable_thp = arg2 != 0;
	return 0;
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3, unsigned long, arg4,
		unsigned long, arg5)
{
	long err = cap_task_prctl(option, arg2, arg3, arg4, arg5);

	if (err != -ENOSYS)
		return err;
	switch (option) {
	case PR_SET_NAME:
		return set_name((const char __user *)arg2);
	case PR_GET_NAME:
		return copy_to_user((char __user *)arg2, current->comm, sizeof(current->comm)) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		return set_pdeathsig(arg2);
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2);
	case PR_GET_DUMPABLE:
		return current->mm->dumpable;
	case PR_SET_DUMPABLE:
		return set_dumpable(arg2);
	case PR_GET_TIMING:
		return PR_TIMING_STATISTICAL;
	case PR_SET_TIMING:
		return arg2 == PR_TIMING_STATISTICAL ? 0 : -EINVAL;
	case PR_SET_TIMERSLACK:
		return set_timerslack(arg2);
	case PR_GET_TIMERSLACK:
		return current->timer_slack_ns;
	case PR_SET_CHILD_SUBREAPER:
		return set_child_subreaper(arg2);
	case PR_GET_CHILD_SUBREAPER:
		return put_user((int)current->signal->is_child_subreaper, (int __user *)arg2);
	case PR_SET_NO_NEW_PRIVS:
		return set_no_new_privs(arg2, arg3, arg4, arg5);
	case PR_GET_NO_NEW_PRIVS:
		return (arg2 || arg3 || arg4 || arg5) ? -EINVAL : current->no_new_privs;
	case PR_SET_THP_DISABLE:
		return set_thp_disable(arg2, arg3, arg4, arg5);
	case PR_GET_THP_DISABLE:
		return (arg2 || arg3 || arg4 || arg5) ? -EINVAL : current->mm->disable_thp;
	case PR_GET_TID_ADDRESS:
		return put_user((u64)current->clear_child_tid, (u64 __user *)arg2);
	default:
		return -EINVAL;
	}
}
