/*
 * drivers/tty/tty_jobctrl.c - the controlling terminal and job control
 * (Linux: drivers/tty/tty_jobctrl.c).
 *
 * A terminal belongs to at most one session (tty->session) and has a
 * foreground process group (tty->pgrp).  A process's controlling terminal
 * is the terminal of its session: Linux keeps a pointer in signal_struct,
 * faultline compares session ids, which is the same thing while a session
 * has one terminal.  When the session leader has exited, the terminal is
 * free again: disassociate_ctty, called by the leader's exit, clears it
 * and hangs up the foreground group (SIGHUP, then SIGCONT), as Linux's.
 *
 * The rules are Linux's __tty_check_change: a member of a background
 * group of the terminal's session that reads it gets SIGTTIN, and one
 * that changes its settings (or writes under TOSTOP) gets SIGTTOU; the call
 * returns -ERESTARTSYS, so it runs again after SIGCONT.  If the signal is
 * ignored or blocked, a read fails with EIO and a change goes ahead; an
 * orphaned group (nobody left to continue it) gets EIO instead of a stop.
 */
#include <tty.h>
#include <fs.h>
#include <sched.h>
#include <signal.h>
#include <cred.h>
#include <uaccess.h>
#include <errno.h>

/* Does the session's leader still run? (it led it: its pid is the id) */
static bool session_alive(int sid)
{
	struct task_struct *t = find_task_by_tgid(sid);
	return t && t->signal && t->signal->live && t->signal->session == sid;
}

/* The session tty is the controlling terminal of, or 0. */
static int tty_session(struct tty_struct *tty)
{
	if (tty->session && !session_alive(tty->session))
		tty->session = tty->pgrp = 0;
	return tty->session;
}

bool tty_is_ctty(struct tty_struct *tty)
{
	return tty_session(tty) && tty->session == current->signal->session;
}

static bool is_session_leader(void) { return current->signal->session == current->tgid; }

/* Blocked or ignored: the signal would not stop us (Linux: is_ignored). */
static bool is_ignored(int sig)
{
	return (current->blocked & sigmask(sig)) || current->sighand->action[sig - 1].handler == SIG_IGN;
}

/*
 * No member of pgrp has a parent in another group of the same session, so
 * no shell is left to continue it after a stop (POSIX's orphaned process
 * group; Linux: will_become_orphaned_pgrp, in kernel/exit.c; init does not
 * count as such a parent).
 */
static bool pgrp_orphaned(int pgrp)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		struct task_struct *parent;
		if (!t->pid || !thread_group_leader(t) || !t->signal || !t->signal->live ||
		    t->signal->pgrp != pgrp)
			continue;
		parent = t->parent;
		if (parent && parent->tgid != 1 && parent->signal &&
		    parent->signal->pgrp != pgrp && parent->signal->session == t->signal->session)
			return false;
	}
	return true;
}

/* A background caller gets sig (Linux: __tty_check_change). */
static int check_change(struct tty_struct *tty, int sig)
{
	int pgrp = current->signal->pgrp;
	if (!tty_is_ctty(tty) || !tty->pgrp || pgrp == tty->pgrp)
		return 0;
	if (is_ignored(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(pgrp))
		return -EIO;
	kill_pgrp(pgrp, sig, 1);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty) { return check_change(tty, SIGTTOU); }
int job_control_read(struct tty_struct *tty) { return check_change(tty, SIGTTIN); }

/* The keyboard's signals, SIGWINCH: to the foreground group (Linux: isig, __isig). */
void tty_isig(struct tty_struct *tty, int sig)
{
	if (tty_session(tty) && tty->pgrp)
		kill_pgrp(tty->pgrp, sig, 1);
}

/* TIOCSCTTY: a session leader without a terminal takes this one; a
 * terminal another session holds only with arg 1 and CAP_SYS_ADMIN
 * (Linux: tiocsctty).  The foreground group becomes the caller's. */
static long tiocsctty(struct tty_struct *tty, struct file *f, u64 arg)
{
	if (is_session_leader() && tty_is_ctty(tty))
		return 0;
	if (!is_session_leader() || get_current_tty())
		return -EPERM;
	if (tty_session(tty) && !(arg == 1 && capable(CAP_SYS_ADMIN)))
		return -EPERM;
	if ((f->f_flags & O_ACCMODE) == O_WRONLY && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	tty->session = current->signal->session;
	tty->pgrp = current->signal->pgrp;
	return 0;
}

/* The session leader lets its terminal go (TIOCNOTTY, or its exit): the
 * foreground group gets SIGHUP and SIGCONT (Linux: disassociate_ctty). */
void disassociate_ctty(void)
{
	struct tty_struct *tty = get_current_tty();
	int pgrp;
	if (!tty || !is_session_leader())
		return;
	pgrp = tty->pgrp;
	tty->session = tty->pgrp = 0;
	if (pgrp) {
		kill_pgrp(pgrp, SIGHUP, 1);
		kill_pgrp(pgrp, SIGCONT, 1);
	}
}

/* TIOCNOTTY: another member cannot drop it alone here: the terminal is the session's. */
static long tiocnotty(struct tty_struct *tty)
{
	if (!tty_is_ctty(tty))
		return -ENOTTY;
	disassociate_ctty();
	return 0;
}

/* Is some process of our session in pgrp? */
static bool pgrp_in_our_session(int pgrp)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->pid && t->signal && t->signal->live && t->signal->pgrp == pgrp)
			return t->signal->session == current->signal->session;
	}
	return false;
}

static bool pgrp_exists(int pgrp)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->pid && t->signal && t->signal->live && t->signal->pgrp == pgrp)
			return true;
	}
	return false;
}

/* TIOCSPGRP: a group of the caller's session becomes the foreground (Linux: tiocspgrp). */
static long tiocspgrp(struct tty_struct *tty, u64 arg)
{
	int pgrp, err = tty_check_change(tty);
	if (err)
		return err;
	if (copy_from_user(&pgrp, (void __user *)arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (!tty_is_ctty(tty))
		return -ENOTTY;
	if (!pgrp_exists(pgrp))
		return -ESRCH;
	if (!pgrp_in_our_session(pgrp))
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

static long put_pid(u64 arg, int v)
{
	return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

/* Job-control ioctls; -ENOIOCTLCMD for the others (Linux: tty_jobctrl_ioctl). */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *f, unsigned cmd, u64 arg)
{
	switch (cmd) {
	case TIOCNOTTY:
		return tiocnotty(tty);
	case TIOCSCTTY:
		return tiocsctty(tty, f, arg);
	case TIOCGPGRP:
		return tty_is_ctty(tty) ? put_pid(arg, tty->pgrp) : -ENOTTY;
	case TIOCSPGRP:
		return tiocspgrp(tty, arg);
	case TIOCGSID:
		return tty_is_ctty(tty) ? put_pid(arg, tty->session) : -ENOTTY;
	}
	return -ENOIOCTLCMD;
}
