/*
 * fs/signalfd.c - signalfd(2): blocked signals read from a descriptor, so
 * an event loop can wait for them with poll or epoll (Linux: fs/signalfd.c).
 *
 * The descriptor holds only a mask.  Reading takes signals of that mask
 * from the reader's own pending sets (its thread's, then its process's),
 * exactly as delivery would, and returns each as a 128-byte
 * struct signalfd_siginfo; the signals should be blocked, or a handler
 * may take them first.  It blocks (unless O_NONBLOCK) until one is
 * pending; poll says POLLIN while one is.
 */
#include <syscalls.h>
#include <fs.h>
#include <mm.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <string.h>
#include <errno.h>
#include <proc_fs.h>
#include <uapi/asm-generic/poll.h>

#define SFD_CLOEXEC O_CLOEXEC		/* Linux uapi/linux/signalfd.h */
#define SFD_NONBLOCK O_NONBLOCK

/* struct signalfd_siginfo, 128 bytes (Linux uapi/linux/signalfd.h) */
struct signalfd_siginfo {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 __pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 __pad[28];
};

struct signalfd_ctx { sigset_t sigmask; };

static bool is_fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* The siginfo fields that mean something for this kind of signal (Linux:
 * signalfd_copyinfo by siginfo_layout). */
static void fill_ssi(struct signalfd_siginfo *s, const siginfo_t *in)
{
	u64 value;
	memset(s, 0, sizeof(*s));
	s->ssi_signo = in->si_signo;
	s->ssi_errno = in->si_errno;
	s->ssi_code = in->si_code;
	memcpy(&value, in->_pad + 8, sizeof(value));	/* si_value, after pid and uid */
	if (in->si_code == SI_TIMER) {
		s->ssi_tid = in->timer.tid;
		s->ssi_overrun = in->timer.overrun;
		s->ssi_ptr = in->timer.value;
		s->ssi_int = (s32)in->timer.value;
	} else if (in->si_code > 0 && in->si_code != SI_KERNEL && in->si_signo == SIGCHLD) {
		s->ssi_pid = in->chld.pid;
		s->ssi_uid = in->chld.uid;
		s->ssi_status = in->chld.status;
		s->ssi_utime = in->chld.utime;
		s->ssi_stime = in->chld.stime;
	} else if (in->si_code > 0 && in->si_code != SI_KERNEL && is_fault_signal(in->si_signo)) {
		s->ssi_addr = in->fault.addr;
	} else {
		s->ssi_pid = in->kill.pid;
		s->ssi_uid = in->kill.uid;
		if (in->si_code < 0) {			/* sigqueue, tkill: a value came with it */
			s->ssi_ptr = value;
			s->ssi_int = (s32)value;
		}
	}
}

/* One signal of the mask, waiting for it unless O_NONBLOCK. */
static int signalfd_dequeue(struct file *f, siginfo_t *info, bool nonblock)
{
	struct signalfd_ctx *ctx = f->private_data;
	int sig;
	for (;;) {
		if ((sig = dequeue_signal_mask(ctx->sigmask, info)))
			return sig;
		if (nonblock)
			return -EAGAIN;
		if (signal_pending())
			return -ERESTARTSYS;
		sleep_on_waitset(ctx->sigmask);
	}
}

static ssize_t signalfd_read(struct file *f, char __user *ubuf, size_t n)
{
	size_t done = 0;
	if (n < sizeof(struct signalfd_siginfo))
		return -EINVAL;
	/* Linux: as many as fit; only the first may wait. */
	while (n - done >= sizeof(struct signalfd_siginfo)) {
		struct signalfd_siginfo ssi;
		siginfo_t info;
		int sig = signalfd_dequeue(f, &info, done || (f->f_flags & O_NONBLOCK));
		if (sig < 0)
			return done ? (ssize_t)done : sig;
		fill_ssi(&ssi, &info);
		if (copy_to_user(ubuf + done, &ssi, sizeof(ssi)))
			return done ? (ssize_t)done : -EFAULT;
		done += sizeof(ssi);
	}
	return done;
}

static unsigned signalfd_poll(struct file *f)
{
	struct signalfd_ctx *ctx = f->private_data;
	return (current_pending() & ctx->sigmask) ? POLLIN : 0;
}

static void signalfd_release(struct file *f)
{
	kfree(f->private_data);
}

/* Linux signalfd_show_fdinfo: the signals it reads (SIGKILL and SIGSTOP never), as status prints a set. */
static void signalfd_show_fdinfo(struct seq_file *m, struct file *f)
{
	struct signalfd_ctx *ctx = f->private_data;

	seq_printf(m, "sigmask:\t%016lx\n", (u64)ctx->sigmask);
}

static const struct file_operations signalfd_fops = {
	.read = signalfd_read, .poll = signalfd_poll, .release = signalfd_release,
	.show_fdinfo = signalfd_show_fdinfo,
};

/* Linux do_signalfd4: a new descriptor for fd -1, else a new mask for an existing signalfd. */
static long do_signalfd4(int ufd, const sigset_t __user *user_mask, size_t sizemask, int flags)
{
	struct signalfd_ctx *ctx;
	sigset_t mask;
	struct file *f;
	int fd;
	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, user_mask, sizeof(mask)))
		return -EFAULT;
	mask &= ~SIG_KERNEL_ONLY_MASK;		/* SIGKILL and SIGSTOP cannot be read */
	if (ufd != -1) {
		if (!(f = fget(ufd)))		/* borrowed from the table, no reference */
			return -EBADF;
		if (f->f_op != &signalfd_fops)
			return -EINVAL;
		((struct signalfd_ctx *)f->private_data)->sigmask = mask;
		return ufd;
	}
	if (!(ctx = kzalloc(sizeof(*ctx))))
		return -ENOMEM;
	ctx->sigmask = mask;
	fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx, O_RDWR | (flags & (O_NONBLOCK | O_CLOEXEC)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

SYSCALL_DEFINE4(signalfd4, int, ufd, const sigset_t __user *, user_mask, size_t, sizemask, int, flags)
{
	return do_signalfd4(ufd, user_mask, sizemask, flags);
}

SYSCALL_DEFINE3(signalfd, int, ufd, const sigset_t __user *, user_mask, size_t, sizemask)
{
	return do_signalfd4(ufd, user_mask, sizemask, 0);
}
