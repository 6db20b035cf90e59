/*
 * kernel/fork.c - new tasks: fork, vfork, clone and clone3 (Linux:
 * kernel/fork.c copy_process), and kernel_thread for the first user process.
 *
 * What the child shares and what it copies is decided per part by the
 * clone flags: the address space (CLONE_VM, else a copy-on-write copy), the
 * descriptor table (CLONE_FILES), cwd and umask (CLONE_FS), the signal
 * actions (CLONE_SIGHAND), and the process itself (CLONE_THREAD: a new
 * thread of the caller's thread group, with the caller's tgid).  fork is
 * clone with none of them.
 *
 * A new task's kernel stack is laid out so that its first context switch
 * "returns" into ret_from_fork (or ret_from_kernel_thread), which leaves
 * through the normal return-to-user path with the pt_regs at the stack top:
 *
 *   stack + THREAD_SIZE ->  struct pt_regs    (the child's user registers)
 *                           return address    ret_from_fork
 *                           rbp rbx r12..r15  popped by __switch_to_asm
 *   task->sp           ->
 */
#include <syscalls.h>
#include <sched.h>
#include <mm_types.h>
#include <fs.h>
#include <signal.h>
#include <uaccess.h>
#include <cred.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <asm/switch_to.h>

/* clone flags (Linux: include/uapi/linux/sched.h) */
#define CSIGNAL 0x000000ff                /* the signal sent to the parent at exit */
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_PTRACE 0x00002000
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_UNTRACED 0x00800000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000
#define CLONE_IO 0x80000000UL
#define CLONE_NEWTIME 0x00000080              /* clone3 only */
#define CLONE_CLEAR_SIGHAND 0x100000000UL     /* clone3 only */
#define CLONE_INTO_CGROUP 0x200000000UL       /* clone3 only */

/* Namespaces, pidfds and cgroups are not here: a clean EINVAL rather than a wrong success. */
#define CLONE_UNSUPPORTED (CLONE_PIDFD | CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
			   CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME | CLONE_INTO_CGROUP)
#define CLONE_IGNORED (CLONE_PTRACE | CLONE_DETACHED | CLONE_UNTRACED | CLONE_SYSVSEM | CLONE_IO)
#define PID_MAX 32768

/* What one clone asks for, from clone's registers or clone3's struct (Linux: struct kernel_clone_args). */
struct kernel_clone_args {
	u64 flags;
	int __user *parent_tid;
	int __user *child_tid;
	int exit_signal;
	u64 stack;                        /* the child's rsp, 0: the caller's */
	u64 tls;
};


static int last_pid;

/* The pid handed out last (Linux: the pid namespace's idr cursor - 1, which /proc/loadavg shows). */
int last_allocated_pid(void)
{
	return last_pid;
}

static int alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		last_pid = last_pid + 1 >= PID_MAX ? 2 : last_pid + 1;
		if (!find_task(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

/*
 * Linux set_max_threads: tasks may take at most 1/8 of RAM in kernel
 * stacks, so a fork bomb gets EAGAIN long before memory runs out (root is
 * exempt from RLIMIT_NPROC, but not from this).  At least MIN_THREADS.
 */
#define MIN_THREADS 20
static u64 nr_threads;

static u64 max_threads(void)
{
	return MAX(nr_total_pages() / (8 * THREAD_SIZE / PAGE_SIZE), (u64)MIN_THREADS);
}

/* ---------------------------------------------------------------- shared parts */
/*
 * Linux sane_fdtable_size: a copied table is as big as its open
 * descriptors need (whole longs of them, rounded up to a power of two by
 * expand_files), not as big as the old one grew, so FDSize falls back to
 * 64 in a child once the high descriptors are closed.
 */
static int open_fds_end(const struct files_struct *files)
{
	int end = files->fd_end;

	while (end > 0 && !files->fd[end - 1])
		end--;
	return end;
}

struct files_struct *dup_fd(struct files_struct *old)
{
	int end = old ? open_fds_end(old) : 0;
	struct files_struct *n = alloc_files(MAX(ALIGN_UP(end, NR_OPEN_DEFAULT), NR_OPEN_DEFAULT));

	if (!n)
		return NULL;
	for (int fd = 0; fd < end; fd++)
		if ((n->fd[fd] = old->fd[fd]))
			n->fd[fd]->f_count++;
	if (old)
		memcpy(n->cloexec, old->cloexec, end);
	n->fd_end = end;
	return n;
}

void put_files_struct(struct files_struct *files)
{
	if (!files || --files->count)
		return;
	for (int fd = 0; fd < files->fd_end; fd++)
		if (files->fd[fd])
			filp_close(files->fd[fd], files);	/* the table's record locks go too */
	free_fdtable(files);
	kfree(files);
}

static struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *n = kzalloc(sizeof(*n));
	if (!n)
		return NULL;
	n->users = 1;
	n->umask = old ? old->umask : INIT_UMASK;
	if (old) {
		n->pwd = old->pwd ? igrab(old->pwd) : NULL;
		memcpy(n->pwd_path, old->pwd_path, sizeof(n->pwd_path));
	}
	return n;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (!fs || --fs->users)
		return;
	iput(fs->pwd);
	kfree(fs);
}

static struct sighand_struct *copy_sighand(struct sighand_struct *old)
{
	struct sighand_struct *n = kzalloc(sizeof(*n));
	if (n && old)
		memcpy(n->action, old->action, sizeof(n->action));
	if (n)
		n->count = 1;
	return n;
}

void put_sighand(struct sighand_struct *sh)
{
	if (sh && !--sh->count)
		kfree(sh);
}

/* A new process: one thread, the parent's group, session and limits. */
static struct signal_struct *copy_signal(struct signal_struct *old)
{
	struct signal_struct *n = kzalloc(sizeof(*n));
	if (!n)
		return NULL;
	INIT_LIST_HEAD(&n->thread_head);
	INIT_LIST_HEAD(&n->shared_pending.rt_queue);
	if (old) {
		n->pgrp = old->pgrp;
		n->session = old->session;
		memcpy(n->rlim, old->rlim, sizeof(n->rlim));
		n->oom_score_adj = old->oom_score_adj;   /* Linux copy_signal: inherited */
		n->autogroup = autogroup_get(old->autogroup);	/* Linux sched_autogroup_fork */
	}
	return n;
}

void put_signal_struct(struct signal_struct *sig)
{
	if (!sig || --sig->count)
		return;
	flush_sigqueue(&sig->shared_pending);
	autogroup_put(sig->autogroup);
	kfree(sig);
}

/* ---------------------------------------------------------------- tasks */
void free_task(struct task_struct *t)
{
	nr_threads--;
	flush_sigqueue(&t->pending);
	put_files_struct(t->files);
	put_fs_struct(t->fs);
	put_sighand(t->sighand);
	put_signal_struct(t->signal);
	exit_creds(t);
	if (t->stack)
		kstack_free(t->stack);
	kfree(t);
}

/* A task with a kernel stack and a pid, not yet linked anywhere. */
static struct task_struct *alloc_task(void)
{
	struct task_struct *t;
	int pid;
	if (nr_threads >= max_threads())
		return NULL;			/* fork: EAGAIN */
	t = kzalloc(sizeof(*t));
	pid = alloc_pid();
	if (!t || pid < 0 || !(t->stack = kstack_alloc())) {
		kfree(t);
		return NULL;
	}
	nr_threads++;
	t->pid = t->tgid = pid;
	t->group_leader = t;
	t->state = TASK_INTERRUPTIBLE;        /* becomes RUNNING in wake_up_new_task */
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->pending.rt_queue);
	return t;
}

/* Share or copy each part as the flags say; false if memory ran out
 * (what was taken is given back by free_task). */
static bool copy_parts(struct task_struct *t, u64 flags)
{
	struct task_struct *p = current;
	if (flags & CLONE_FILES) {
		t->files = p->files;
		t->files->count++;
	} else if (!(t->files = dup_fd(p->files))) {
		return false;
	}
	if (flags & CLONE_FS) {
		t->fs = p->fs;
		t->fs->users++;
	} else if (!(t->fs = copy_fs_struct(p->fs))) {
		return false;
	}
	if (flags & CLONE_SIGHAND) {
		t->sighand = p->sighand;
		t->sighand->count++;
	} else if (!(t->sighand = copy_sighand(p->sighand))) {
		return false;
	}
	if (flags & CLONE_THREAD) {
		t->signal = p->signal;
	} else if (!(t->signal = copy_signal(p->signal))) {
		return false;
	}
	t->signal->count++;
	return true;
}

/* Per-thread state a child inherits (Linux: dup_task_struct and friends). */
static void copy_thread_state(struct task_struct *t)
{
	struct task_struct *p = current;
	memcpy(t->comm, p->comm, sizeof(t->comm));
	t->pftrace = p->pftrace;          /* "pftrace PROG" traces PROG's children and threads too */
	t->nice = p->nice;
	t->ioprio = p->ioprio;		/* Linux copy_io: the child starts where the parent is */
	sched_fork_policy(t, p);
	t->fs_base = p->fs_base;
	fpu_save(&p->fpu);
	t->fpu = p->fpu;
	t->blocked = p->blocked;
	t->sas = p->sas;
	t->personality = p->personality;
	t->randomize = p->randomize;		/* Linux: task flags are copied */
	t->no_new_privs = p->no_new_privs;	/* Linux: task flags are copied; nothing clears it */
	/* Linux copy_process: the slack is inherited, and 0 later restores the
	 * creator's slack at fork, not 50 us.  pdeath_signal starts at 0. */
	t->timer_slack_ns = p->timer_slack_ns;
	t->default_timer_slack_ns = p->timer_slack_ns;
	copy_creds(t);
}

static void set_switch_frame(struct task_struct *t, void *entry, u64 rbx, u64 r12)
{
	struct switch_frame *f = (struct switch_frame *)task_pt_regs(t) - 1;
	memset(f, 0, sizeof(*f));
	f->ret = (u64)entry;
	f->rbx = rbx;
	f->r12 = r12;
	t->sp = (u64)f;
}

/* Link t into the task list, its thread group, and (a new process) under its parent. */
static void attach_task(struct task_struct *t, u64 flags)
{
	struct task_struct *leader = current->group_leader;
	if (flags & CLONE_THREAD) {
		t->tgid = current->tgid;
		t->group_leader = leader;
		t->parent = leader->parent;
		t->exit_signal = -1;
	} else {
		t->parent = (flags & CLONE_PARENT) ? leader->parent : current;
		list_add_tail(&t->sibling, &t->parent->children);
	}
	list_add_tail(&t->thread_node, &t->signal->thread_head);
	t->signal->live++;
	list_add_tail(&t->tasks, &task_list);
}

static void wake_up_new_task(struct task_struct *t)
{
	t->state = TASK_INTERRUPTIBLE;
	wake_up_process(t);
}

/* Linux copy_process's flag rules: threads need shared handlers, shared handlers a shared mm. */
static int check_clone_flags(u64 flags)
{
	if (flags & CLONE_UNSUPPORTED)
		return syscall_unsupported("clone flags", flags & CLONE_UNSUPPORTED, -EINVAL);
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && current->pid == 1)
		return -EINVAL;		/* init's siblings would have no parent to reap them */
	return 0;
}

static struct task_struct *copy_process(struct kernel_clone_args *args, struct pt_regs *regs)
{
	struct task_struct *t = alloc_task();
	struct pt_regs *cregs;
	if (!t)
		return ERR_PTR(-EAGAIN);
	if (!copy_parts(t, args->flags)) {
		free_task(t);
		return ERR_PTR(-ENOMEM);
	}
	/* CLONE_VM shares the address space (threads, vfork, posix_spawn); else copy-on-write. */
	if (args->flags & CLONE_VM) {
		t->mm = current->mm;
		t->mm->users++;
	} else if (!(t->mm = dup_mm(current->mm))) {
		free_task(t);
		return ERR_PTR(-ENOMEM);
	}
	copy_thread_state(t);
	rseq_fork(t, args->flags & CLONE_VM);
	/* Linux copy_process: a thread (CLONE_VM without vfork) starts with no
	 * altstack, since its creator's altstack is in use by the creator. */
	if ((args->flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		t->sas = (stack_t){ .ss_flags = SS_DISABLE };
	t->exit_signal = args->exit_signal;
	cregs = task_pt_regs(t);
	*cregs = *regs;
	cregs->rax = 0;                          /* the child sees fork() return 0 */
	if (args->stack)
		cregs->rsp = args->stack;
	if (args->flags & CLONE_SETTLS)
		t->fs_base = args->tls;
	if (args->flags & CLONE_CHILD_SETTID)
		t->set_child_tid = args->child_tid;
	if (args->flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = args->child_tid;
	set_switch_frame(t, ret_from_fork, 0, 0);
	attach_task(t, args->flags);
	return t;
}

long kernel_clone(struct kernel_clone_args *args)
{
	struct task_struct *t;
	int err = check_clone_flags(args->flags), pid;
	if (err)
		return err;
	t = copy_process(args, current_pt_regs());
	if (IS_ERR(t))
		return PTR_ERR(t);
	pid = t->pid;
	/* Written in the parent's memory before the child runs (Linux: copy_process). */
	if (args->flags & CLONE_PARENT_SETTID)
		(void)put_user(pid, args->parent_tid);   /* a bad pointer is ignored, as Linux does */
	if (args->flags & CLONE_VFORK) {
		t->vfork_parent = current;
		current->vfork_waiting = true;
	}
	wake_up_new_task(t);
	/* vfork: the parent waits until the child has exec'd or exited (mm_release). */
	while (current->vfork_waiting)
		sleep_on_uninterruptible(&current->vfork_waiting);
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };
	return kernel_clone(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
	return kernel_clone(&args);
}

/* set_tid_address / CLONE_CHILD_CLEARTID: tell pthread_join we are gone
 * (Linux: mm_release; only if someone else still uses the memory). */
static void clear_child_tid(struct task_struct *t)
{
	int __user *tidptr = t->clear_child_tid;
	t->clear_child_tid = NULL;
	if (!tidptr || !t->mm || t->mm->users <= 1)
		return;
	if (!put_user(0, tidptr))
		futex_wake((u32 __user *)tidptr, true, 1, ~0u);
}

/* The task is done with its memory (exit, or exec about to replace it):
 * release its robust futexes, tell a joiner, and let a vfork parent run
 * again (Linux: mm_release, complete_vfork_done). */
void mm_release(struct task_struct *t)
{
	struct task_struct *p = t->vfork_parent;
	exit_robust_list(t);
	clear_child_tid(t);
	if (!p)
		return;
	t->vfork_parent = NULL;
	p->vfork_waiting = false;
	wake_up(&p->vfork_waiting);
}

/* x86-64's argument order: flags, stack, parent_tid, child_tid, tls (Linux: CONFIG_CLONE_BACKWARDS2 is not x86-64's). */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp, int __user *, parent_tidptr,
		int __user *, child_tidptr, unsigned long, tls)
{
	struct kernel_clone_args args = {
		.flags = (clone_flags & ~CSIGNAL) & 0xffffffffUL,
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
		.exit_signal = clone_flags & CSIGNAL,
		.stack = newsp,
		.tls = tls,
	};
	if (clone_flags & CLONE_PIDFD)
		return syscall_unsupported("clone flags", CLONE_PIDFD, -EINVAL);
	return kernel_clone(&args);
}

/* struct clone_args, version 0 (64 bytes) up to version 2 (Linux: include/uapi/linux/sched.h). */
struct clone_args {
	u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	u64 set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64

/* Linux copy_clone_args_from_user: bigger structs are fine if the extra bytes are zero. */
static int copy_clone_args(struct kernel_clone_args *k, const struct clone_args __user *uargs, size_t size)
{
	struct clone_args a = { 0 };
	if (size < CLONE_ARGS_SIZE_VER0 || size > PAGE_SIZE)
		return -EINVAL;
	for (size_t off = sizeof(a); off < size; off++) {
		u8 b;
		if (get_user(b, (const u8 __user *)uargs + off))
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if (copy_from_user(&a, uargs, MIN(size, sizeof(a))))
		return -EFAULT;
	if (a.set_tid || a.set_tid_size || (a.exit_signal & ~CSIGNAL) || a.exit_signal > _NSIG)
		return -EINVAL;
	if ((a.flags & (CLONE_DETACHED | CSIGNAL)) || (!a.stack != !a.stack_size))
		return -EINVAL;
	*k = (struct kernel_clone_args){
		.flags = a.flags,
		.parent_tid = (int __user *)a.parent_tid,
		.child_tid = (int __user *)a.child_tid,
		.exit_signal = a.exit_signal,
		.stack = a.stack ? a.stack + a.stack_size : 0,    /* the stack grows down from its top */
		.tls = a.tls,
	};
	return 0;
}

SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)
{
	struct kernel_clone_args args;
	int err = copy_clone_args(&args, uargs, size);
	if (err)
		return err;
	if (args.flags & CLONE_CLEAR_SIGHAND)	/* not yet: it resets handlers in the child */
		return syscall_unsupported("clone3 flags", CLONE_CLEAR_SIGHAND, -EINVAL);
	return kernel_clone(&args);
}

/* ---------------------------------------------------------------- unshare */
/* Signal actions of the caller's own, if it shares them (Linux: unshare_sighand, at exec). */
int unshare_sighand(void)
{
	struct sighand_struct *copy;
	if (current->sighand->count == 1)
		return 0;
	if (!(copy = copy_sighand(current->sighand)))
		return -ENOMEM;
	put_sighand(current->sighand);
	current->sighand = copy;
	return 0;
}

/* A descriptor table of the caller's own, if it shares one (Linux: unshare_files; exec uses it too). */
int unshare_files(void)
{
	struct files_struct *copy;
	if (current->files->count == 1)
		return 0;
	if (!(copy = dup_fd(current->files)))
		return -ENOMEM;
	put_files_struct(current->files);
	current->files = copy;
	return 0;
}

#define UNSHARE_NAMESPACES (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUSER | \
			    CLONE_NEWPID | CLONE_NEWCGROUP | CLONE_NEWTIME)
#define UNSHARE_KNOWN (CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM | \
		       UNSHARE_NAMESPACES)

/* Only one thread uses this process's parts (Linux: check_unshare_flags). */
static bool single_threaded(void)
{
	return current->signal->live == 1 && current->sighand->count == 1 && current->mm->users == 1;
}

/*
 * unshare: stop sharing the descriptor table or cwd/umask with the tasks
 * that share them now (Linux: ksys_unshare).  Unsharing threads, handlers
 * or memory is only possible when nothing shares them (then it is a no-op).
 */
SYSCALL_DEFINE1(unshare, unsigned long, flags)
{
	if (flags & ~(u64)UNSHARE_KNOWN)
		return -EINVAL;
	if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && !single_threaded())
		return -EINVAL;
	if (flags & UNSHARE_NAMESPACES)
		return syscall_unsupported("namespaces", flags & UNSHARE_NAMESPACES, -EINVAL);
	if ((flags & CLONE_FILES) && unshare_files())
		return -ENOMEM;
	if ((flags & CLONE_FS) && current->fs->users > 1) {
		struct fs_struct *copy = copy_fs_struct(current->fs);
		if (!copy)
			return -ENOMEM;
		put_fs_struct(current->fs);
		current->fs = copy;
	}
	return 0;
}

/* A task that starts in the kernel running fn(arg), then enters user mode
 * with whatever fn left in its pt_regs (used once, for /sbin/init). */
struct task_struct *kernel_thread(int (*fn)(void *), void *arg)
{
	struct task_struct *t = alloc_task();
	if (!t || !copy_parts(t, 0)) {
		if (t)
			free_task(t);
		return NULL;
	}
	copy_thread_state(t);
	t->exit_signal = SIGCHLD;
	t->fs->umask = INIT_UMASK;
	set_switch_frame(t, ret_from_kernel_thread, (u64)fn, (u64)arg);
	attach_task(t, 0);
	wake_up_new_task(t);
	return t;
}
