/*
 * kernel/rseq.c - restartable sequences (Linux: kernel/rseq.c,
 * include/uapi/linux/rseq.h).
 *
 * A thread registers a struct rseq in its own memory.  The kernel keeps
 * its cpu_id fields current (faultline has one CPU: always 0), and when
 * the thread was preempted or is about to take a signal while its
 * instruction pointer is inside the critical section rseq->rseq_cs
 * describes, the kernel moves it to that section's abort_ip, so the
 * section either ran without interruption or not at all.  glibc (2.35 on)
 * registers every thread's area at start-up, so its programs ask for it
 * first thing.
 *
 * Anything wrong found in the user's structures at that point (unreadable
 * memory, a malformed rseq_cs, an abort_ip without the registered
 * signature in front) kills the thread with SIGSEGV, as on Linux.
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <asm/ptrace.h>
#include <errno.h>

#define ORIG_RSEQ_SIZE 32		/* Linux: the first struct rseq, and the least a thread may register */
#define RSEQ_ALIGN 32			/* __aligned(4 * sizeof(u64)) */
#define RSEQ_FLAG_UNREGISTER 1
#define RSEQ_SIG_BYTES 4		/* the signature word just before abort_ip */
#define RSEQ_CPU_ID 0			/* one CPU */
#define RSEQ_NODE_ID 0
#define RSEQ_MM_CID 0

/* Linux uapi: struct rseq's fields, by offset */
#define RSEQ_OFF_CPU_ID_START 0
#define RSEQ_OFF_CPU_ID 4
#define RSEQ_OFF_RSEQ_CS 8
#define RSEQ_OFF_NODE_ID 20
#define RSEQ_OFF_MM_CID 24

struct rseq_cs {			/* Linux uapi: what rseq->rseq_cs points at */
	u32 version, flags;
	u64 start_ip, post_commit_offset, abort_ip;
};

static bool bad_rseq_area(u64 uaddr, u32 len)
{
	if (len < ORIG_RSEQ_SIZE)
		return true;
	if (len == ORIG_RSEQ_SIZE)
		return uaddr % ORIG_RSEQ_SIZE != 0;
	return uaddr % RSEQ_ALIGN != 0;
}

/* Linux sys_rseq: EINVAL/EPERM/EBUSY in its order; unregistering needs the same area, length and signature. */
SYSCALL_DEFINE4(rseq, u64, uaddr, u32, len, int, flags, u32, sig)
{
	struct task_struct *t = current;

	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		if (t->rseq != uaddr || !t->rseq)
			return -EINVAL;
		if (len != t->rseq_len)
			return -EINVAL;
		if (sig != t->rseq_sig)
			return -EPERM;
		t->rseq = 0;
		t->rseq_len = t->rseq_sig = 0;
		return 0;
	}
	if (flags)
		return -EINVAL;
	if (t->rseq) {
		if (t->rseq != uaddr || len != t->rseq_len)
			return -EINVAL;
		return sig != t->rseq_sig ? -EPERM : -EBUSY;
	}
	if (bad_rseq_area(uaddr, len))
		return -EINVAL;
	if (!access_ok((void __user *)uaddr, len))
		return -EFAULT;
	t->rseq = uaddr;
	t->rseq_len = len;
	t->rseq_sig = sig;
	t->rseq_event = true;		/* the cpu fields are written on the way out */
	return 0;
}

static int put_u32_at(u64 base, u64 off, u32 v) { return put_user(v, (u32 __user *)(base + off)); }

/* Linux rseq_update_cpu_node_id. */
static int rseq_update_ids(u64 rs)
{
	if (put_u32_at(rs, RSEQ_OFF_CPU_ID_START, RSEQ_CPU_ID) || put_u32_at(rs, RSEQ_OFF_CPU_ID, RSEQ_CPU_ID) ||
	    put_u32_at(rs, RSEQ_OFF_NODE_ID, RSEQ_NODE_ID) || put_u32_at(rs, RSEQ_OFF_MM_CID, RSEQ_MM_CID))
		return -EFAULT;
	return 0;
}

/* Linux rseq_get_rseq_cs: read and check the descriptor (0 and *cs.start_ip 0: none). */
static int rseq_get_cs(u64 rs, struct rseq_cs *cs)
{
	u64 ptr;

	if (get_user(ptr, (u64 __user *)(rs + RSEQ_OFF_RSEQ_CS)))
		return -EFAULT;
	if (!ptr) {
		cs->start_ip = cs->post_commit_offset = 0;
		return 0;
	}
	if (ptr >= TASK_SIZE_MAX || copy_from_user(cs, (const void __user *)ptr, sizeof(*cs)))
		return -EFAULT;
	if (cs->version)
		return -EINVAL;
	if (cs->start_ip >= TASK_SIZE_MAX || cs->start_ip + cs->post_commit_offset >= TASK_SIZE_MAX ||
	    cs->start_ip + cs->post_commit_offset < cs->start_ip)
		return -EINVAL;
	if (cs->abort_ip >= TASK_SIZE_MAX || cs->abort_ip - cs->start_ip < cs->post_commit_offset)
		return -EINVAL;		/* the abort handler must lie outside the section */
	return 0;
}

/* Linux rseq_ip_fixup: inside the section, go to abort_ip (past a matching signature); clear rseq_cs. */
static int rseq_ip_fixup(u64 rs, struct pt_regs *regs)
{
	struct rseq_cs cs;
	u32 sig;
	int err = rseq_get_cs(rs, &cs);

	if (err || !cs.start_ip)
		return err;
	if (regs->rip - cs.start_ip >= cs.post_commit_offset) {
		/* outside: Linux clears the pointer lazily, so do the same */
		return put_user(0ULL, (u64 __user *)(rs + RSEQ_OFF_RSEQ_CS)) ? -EFAULT : 0;
	}
	if (get_user(sig, (u32 __user *)(cs.abort_ip - RSEQ_SIG_BYTES)))
		return -EFAULT;
	if (sig != current->rseq_sig)
		return -EINVAL;
	if (put_user(0ULL, (u64 __user *)(rs + RSEQ_OFF_RSEQ_CS)))
		return -EFAULT;
	regs->rip = cs.abort_ip;
	return 0;
}

/*
 * Linux __rseq_handle_notify_resume: after a preemption, and before a
 * signal frame is built (so the handler returns to abort_ip), restart an
 * interrupted section and refresh the cpu fields.
 */
void rseq_handle_notify_resume(struct pt_regs *regs)
{
	struct task_struct *t = current;

	if (!t->rseq || !t->rseq_event)
		return;
	t->rseq_event = false;
	if (rseq_ip_fixup(t->rseq, regs) || rseq_update_ids(t->rseq))
		force_sig_fault(SIGSEGV, SEGV_MAPERR, 0);	/* Linux: force_sigsegv */
}

/* Linux rseq_fork: a child sharing the memory starts unregistered; a process keeps the parent's area (its copy). */
void rseq_fork(struct task_struct *t, bool shares_mm)
{
	bool thread = shares_mm;	/* CLONE_VM: a thread, or vfork's child, as on Linux */

	t->rseq = thread ? 0 : current->rseq;
	t->rseq_len = thread ? 0 : current->rseq_len;
	t->rseq_sig = thread ? 0 : current->rseq_sig;
	t->rseq_event = !thread && current->rseq;
}

/* Linux rseq_execve: the new program has not registered anything. */
void rseq_execve(struct task_struct *t)
{
	t->rseq = 0;
	t->rseq_len = t->rseq_sig = 0;
	t->rseq_event = false;
}
