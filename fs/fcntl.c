/*
 * fs/fcntl.c - who hears about a file's I/O: fcntl F_SETOWN, F_GETOWN,
 * F_SETOWN_EX, F_GETOWN_EX, F_SETSIG, F_GETSIG and the signal O_ASYNC
 * sends (Linux: fs/fcntl.c f_setown, f_getown_ex, send_sigio,
 * fasync_helper, kill_fasync).  The fcntl system call itself is in
 * file.c; it brings these commands here.
 *
 * An open file description has an owner (f_owner): a thread, a process or
 * a process group.  When O_ASYNC is set on it (F_SETFL), the file is on
 * its driver's fasync list, and the driver calls kill_fasync when input
 * arrives or room appears: the owner gets SIGIO, or the signal F_SETSIG
 * chose, which then carries si_code POLL_IN/POLL_OUT, si_band and si_fd.
 * Only pipes and FIFOs have fasync lists here.  Linux also checks that the
 * one who set the owner may signal it (sigio_perm); faultline does not.
 */
#include <syscalls.h>
#include <fs.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <errno.h>
#include "uapi/asm-generic/poll.h"

struct fasync_struct {
	struct fasync_struct *fa_next;
	struct file *fa_file;
	int fa_fd;			/* the descriptor that set O_ASYNC: si_fd */
};

struct f_owner_ex {			/* Linux uapi: F_SETOWN_EX / F_GETOWN_EX */
	int type;			/* F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP */
	int pid;
};

/* Linux band_table: si_band for POLL_IN .. POLL_HUP */
static const long band_table[] = {
	POLLIN | POLLRDNORM,			/* POLL_IN */
	POLLOUT | POLLWRNORM | POLLWRBAND,	/* POLL_OUT */
	POLLIN | POLLRDNORM | POLLMSG,		/* POLL_MSG */
	POLLERR,				/* POLL_ERR */
	POLLPRI | POLLRDBAND,			/* POLL_PRI */
	POLLHUP | POLLERR,			/* POLL_HUP */
};

/* Someone to signal: a live thread, or a process group with a member (Linux: find_vpid). */
static bool owner_exists(int type, int pid)
{
	struct task_struct *t;

	if (type != F_OWNER_PGRP)
		return find_task(pid) != NULL;
	list_for_each_entry(t, &task_list, tasks)
		if (t->signal && t->signal->pgrp == pid)
			return true;
	return false;
}

/* Linux __f_setown: pid 0 means nobody. */
static int f_setown(struct file *f, int type, int pid)
{
	if (pid && !owner_exists(type, pid))
		return -ESRCH;
	f->f_owner.pid_type = type;
	f->f_owner.pid = pid;
	return 0;
}

/* F_GETOWN: a process group is told as its negated id (Linux f_getown). */
static long f_getown(struct file *f)
{
	return f->f_owner.pid_type == F_OWNER_PGRP ? -f->f_owner.pid : f->f_owner.pid;
}

static long f_setown_ex(struct file *f, struct f_owner_ex __user *arg)
{
	struct f_owner_ex owner;

	if (copy_from_user(&owner, arg, sizeof(owner)))
		return -EFAULT;
	if (owner.type != F_OWNER_TID && owner.type != F_OWNER_PID && owner.type != F_OWNER_PGRP)
		return -EINVAL;
	return f_setown(f, owner.type, owner.pid);
}

static long f_getown_ex(struct file *f, struct f_owner_ex __user *arg)
{
	struct f_owner_ex owner = { .type = f->f_owner.pid_type, .pid = f->f_owner.pid };

	return copy_to_user(arg, &owner, sizeof(owner)) ? -EFAULT : 0;
}

/* fs/file.c's fcntl: the owner and signal commands. */
long fcntl_owner(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_SETOWN:
		if ((int)arg == INT_MIN)
			return -EINVAL;		/* Linux f_setown: no such group to negate */
		return (int)arg < 0 ? f_setown(f, F_OWNER_PGRP, -(int)arg) : f_setown(f, F_OWNER_PID, (int)arg);
	case F_GETOWN:
		return f_getown(f);
	case F_SETOWN_EX:
		return f_setown_ex(f, (struct f_owner_ex __user *)arg);
	case F_GETOWN_EX:
		return f_getown_ex(f, (struct f_owner_ex __user *)arg);
	case F_SETSIG:
		if (arg > _NSIG)
			return -EINVAL;		/* Linux valid_signal; 0 is SIGIO's default */
		f->f_owner.signum = arg;
		return 0;
	case F_GETSIG:
		return f->f_owner.signum;
	}
	return -EINVAL;
}

/* Linux send_sigio_to_task: F_SETSIG's signal with the poll facts, or a plain SIGIO. */
static void send_sigio_to_task(struct task_struct *t, const struct fown_struct *fown, int fd, int reason, bool thread)
{
	siginfo_t info = { .si_signo = SIGIO, .si_code = SI_KERNEL };
	int sig = SIGIO;

	if (fown->signum) {
		sig = fown->signum;
		info = (siginfo_t){ .si_signo = sig, .si_code = reason };
		info.poll.band = band_table[reason - POLL_IN];
		info.poll.fd = fd;
	}
	if (thread)
		send_signal_thread(t, sig, &info);
	else
		send_signal(t, sig, &info);
}

/* Linux send_sigio: to the owning thread, process, or every process of the group. */
static void send_sigio(const struct fown_struct *fown, int fd, int reason)
{
	struct task_struct *t;

	if (!fown->pid)
		return;
	if (fown->pid_type != F_OWNER_PGRP) {
		if ((t = find_task(fown->pid)))
			send_sigio_to_task(t, fown, fd, reason, fown->pid_type == F_OWNER_TID);
		return;
	}
	list_for_each_entry(t, &task_list, tasks)
		if (thread_group_leader(t) && t->state != TASK_DEAD && t->signal && t->signal->live &&
		    t->signal->pgrp == fown->pid)
			send_sigio_to_task(t, fown, fd, reason, false);
}

/* Linux fasync_helper: put @f on a driver's @list (O_ASYNC set) or take it off. */
int fasync_helper(int fd, struct file *f, bool on, struct fasync_struct **list)
{
	struct fasync_struct **pp, *fa;

	for (pp = list; (fa = *pp); pp = &fa->fa_next) {
		if (fa->fa_file != f)
			continue;
		if (on) {
			fa->fa_fd = fd;
			return 0;
		}
		*pp = fa->fa_next;
		kfree(fa);
		return 0;
	}
	if (!on)
		return 0;
	if (!(fa = kmalloc(sizeof(*fa), 0)))
		return -ENOMEM;
	*fa = (struct fasync_struct){ .fa_next = *list, .fa_file = f, .fa_fd = fd };
	*list = fa;
	return 0;
}

/* Linux kill_fasync: @reason (POLL_IN, POLL_OUT) to the owner of every file on @list. */
void kill_fasync(struct fasync_struct **list, int reason)
{
	for (struct fasync_struct *fa = *list; fa; fa = fa->fa_next)
		if (fa->fa_file->f_flags & FASYNC)
			send_sigio(&fa->fa_file->f_owner, fa->fa_fd, reason);
}
