/*
 * kernel/fork.c - new tasks: fork/vfork/clone (always with fork semantics:
 * the child gets a copy-on-write copy of the address space; linux-abi §11),
 * and kernel_thread for the first user process.
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
#include <cred.h>
#include <printk.h>
#include <string.h>
#include <errno.h>
#include <asm/switch_to.h>

#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_SETTLS 0x00080000
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CSIGNAL 0xff
#define PID_MAX 32768

struct switch_frame { u64 r15, r14, r13, r12, rbx, rbp, ret; };

static int last_pid;

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

void free_task(struct task_struct *t)
{
	nr_threads--;
	exit_posix_timers(t);
	flush_signal_queue(t);
	exit_creds(t);
	if (t->stack)
		kstack_free(t->stack);
	kfree(t);
}

/* A task with a kernel stack, linked under current, not yet runnable. */
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
	t->pid = pid;
	t->state = TASK_INTERRUPTIBLE;        /* becomes RUNNING in wake_up_new_task */
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->rt_queue);
	t->parent = current;
	list_add_tail(&t->sibling, &current->children);
	list_add_tail(&t->tasks, &task_list);
	return t;
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

static void wake_up_new_task(struct task_struct *t)
{
	t->state = TASK_INTERRUPTIBLE;
	wake_up_process(t);
}

/* Copy everything a fork child inherits, except the address space. */
static void copy_process_state(struct task_struct *t)
{
	struct task_struct *p = current;
	memcpy(t->comm, p->comm, sizeof(t->comm));
	t->pgrp = p->pgrp;
	t->nice = p->nice;
	t->session = p->session;
	t->fs_base = p->fs_base;
	fpu_save(&p->fpu);
	t->fpu = p->fpu;
	t->blocked = p->blocked;
	memcpy(t->sighand, p->sighand, sizeof(t->sighand));
	t->sas = p->sas;
	copy_creds(t);
	memcpy(t->rlim, p->rlim, sizeof(t->rlim));
	memcpy(t->cwd_path, p->cwd_path, sizeof(t->cwd_path));
	t->umask = p->umask;
	t->cwd = p->cwd ? igrab(p->cwd) : NULL;
	for (int fd = 0; fd < p->fd_end; fd++)
		if ((t->files[fd] = p->files[fd]))
			t->files[fd]->f_count++;
	memcpy(t->fd_cloexec, p->fd_cloexec, p->fd_end);
	t->fd_end = p->fd_end;
}

long do_fork(struct pt_regs *regs, u64 flags, u64 newsp)
{
	struct task_struct *t = alloc_task();
	struct pt_regs *cregs;
	if (!t)
		return -EAGAIN;
	/* CLONE_VM shares the address space (vfork, posix_spawn); else copy-on-write. */
	if (flags & CLONE_VM) {
		t->mm = current->mm;
		t->mm->users++;
	} else {
		t->mm = dup_mm(current->mm);
	}
	if (!t->mm) {
		list_del(&t->sibling);
		list_del(&t->tasks);
		free_task(t);
		return -ENOMEM;
	}
	copy_process_state(t);
	cregs = task_pt_regs(t);
	*cregs = *regs;
	cregs->rax = 0;                          /* the child sees fork() return 0 */
	if (newsp)
		cregs->rsp = newsp;
	set_switch_frame(t, ret_from_fork, 0, 0);
	if (flags & CLONE_VFORK) {
		t->vfork_parent = current;
		current->vfork_waiting = true;
	}
	wake_up_new_task(t);
	/* vfork: the parent waits until the child has exec'd or exited (mm_release). */
	while (current->vfork_waiting)
		sleep_on_uninterruptible(&current->vfork_waiting);
	return t->pid;
}

SYSCALL_DEFINE0(fork) { return do_fork(current_pt_regs(), 0, 0); }
SYSCALL_DEFINE0(vfork) { return do_fork(current_pt_regs(), CLONE_VM | CLONE_VFORK, 0); }

/* The task is done with the memory it may share with a vfork parent:
 * let the parent run again (Linux: mm_release, complete_vfork_done). */
void mm_release(struct task_struct *t)
{
	struct task_struct *p = t->vfork_parent;
	if (!p)
		return;
	t->vfork_parent = NULL;
	p->vfork_waiting = false;
	wake_up(&p->vfork_waiting);
}

/* clone: only process-style clones (fork, vfork, posix_spawn's CLONE_VM|CLONE_VFORK),
 * all given fork semantics; threads are refused. */
SYSCALL_DEFINE2(clone, unsigned long, clone_flags, unsigned long, newsp)
{
	if (clone_flags & CLONE_THREAD)
		return -EINVAL;
	return do_fork(current_pt_regs(), clone_flags, newsp);
}

/* A task that starts in the kernel running fn(arg), then enters user mode
 * with whatever fn left in its pt_regs (used once, for /sbin/init). */
struct task_struct *kernel_thread(int (*fn)(void *), void *arg)
{
	struct task_struct *t = alloc_task();
	if (!t)
		return NULL;
	copy_process_state(t);
	t->umask = INIT_UMASK;
	set_switch_frame(t, ret_from_kernel_thread, (u64)fn, (u64)arg);
	wake_up_new_task(t);
	return t;
}
