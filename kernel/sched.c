/*
 * kernel/sched.c - tasks and a preemptive round-robin scheduler.
 *
 * One run queue in FIFO order.  The PIT ticks HZ times a second; a task that
 * has used its time slice (TIMESLICE_TICKS) is moved to the back when it
 * next returns to user mode or when the tick interrupts user mode.  The
 * kernel itself is not preemptible: it gives up the CPU only in schedule().
 *
 * Sleeping: sleep_on(chan) marks the task INTERRUPTIBLE on chan (and/or a
 * deadline, wake_at_ns) and schedules; wake_up(chan) makes every sleeper on
 * chan runnable.  A pending signal also wakes a sleeper (then sleep_on
 * returns -EINTR).  When nothing is runnable the idle task (pid 0, which
 * booted the machine) halts until the next interrupt.
 */
#include <sched.h>
#include <mm_types.h>
#include <spinlock.h>
#include <asm/traps.h>
#include <time.h>
#include <printk.h>
#include <nmi.h>
#include <string.h>
#include <errno.h>
#include <uaccess.h>
#include <loadavg.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/sections.h>
#include <asm/switch_to.h>

#define TIMESLICE_TICKS 5

struct task_struct init_task;          /* pid 0: the boot CPU, then idle */
/* The boot task's process parts: what kernel_thread copies for init (Linux: init_signals, init_sighand, init_files, init_fs). */
static struct signal_struct init_signals;
static struct sighand_struct init_sighand = { .count = 1 };
static struct files_struct init_files = {
	.count = 1, .max_fds = NR_OPEN_DEFAULT, .fd = init_files.fd_array, .cloexec = init_files.cloexec_array,
};
static struct fs_struct init_fs = { .users = 1, .umask = INIT_UMASK };
struct task_struct *current;
LIST_HEAD(task_list);
static LIST_HEAD(run_queue);
static LIST_HEAD(dead_tasks);      /* exited and auto-reaped: freed once switched away from */
static int slice_left = TIMESLICE_TICKS;
bool need_resched;		/* the slice is over or a wakeup wants the CPU */

void sched_init(void)
{
	struct task_struct *t = &init_task;
	t->pid = 0;
	strlcpy(t->comm, "swapper/0", sizeof(t->comm));
	t->state = TASK_RUNNING;
	t->stack = init_stack;
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->pending.rt_queue);
	INIT_LIST_HEAD(&init_signals.thread_head);
	INIT_LIST_HEAD(&init_signals.shared_pending.rt_queue);
	init_signals.count = init_signals.live = 1;
	t->signal = &init_signals;
	t->sighand = &init_sighand;
	t->files = &init_files;
	t->fs = &init_fs;
	/* Before the first tick: the timer checks RLIMIT_CPU of every process,
	 * and kernel_thread copies these limits into init (Linux: INIT_RLIMITS
	 * in init_signals).  Zeroed limits would be "no CPU at all": SIGKILL. */
	init_rlimits(t);
	t->timer_slack_ns = t->default_timer_slack_ns = INIT_TIMER_SLACK_NS;
	list_add_tail(&t->thread_node, &init_signals.thread_head);
	t->group_leader = t;
	list_add_tail(&t->tasks, &task_list);
	fpu_init_state(&t->fpu);
	current = t;
}

static void enqueue(struct task_struct *t)
{
	if (t != &init_task && list_empty(&t->run_list))
		list_add_tail(&t->run_list, &run_queue);
}

void wake_up_process(struct task_struct *t)
{
	u64 flags = local_irq_save();
	if (t->state == TASK_INTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		t->wait_chan = NULL;
		t->wake_at_ns = 0;
		enqueue(t);
	} else if (t->state == TASK_RUNNING && t != current) {
		enqueue(t);
	}
	local_irq_restore(flags);
}

/* A signal woke t: let it run before the sender goes on, as CFS's wakeup
 * preemption usually does for a task that has been sleeping. */
void wake_up_process_preempt(struct task_struct *t)
{
	wake_up_process(t);
	if (t != current && current != &init_task && t->state == TASK_RUNNING)
		need_resched = true;
}

void wake_up(void *chan)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->state == TASK_INTERRUPTIBLE && t->wait_chan == chan && chan)
			wake_up_process(t);
	}
}

/*
 * The timer tick must not walk every task each time: with a few hundred
 * tasks (a fork bomb) under an emulator, the walk took longer than a tick,
 * the next tick was due before it ended, and the CPU did nothing but tick
 * (a livelock that looked like a hang).  Linux keeps timers in a wheel and
 * remembers the earliest expiry (timer_base->next_expiry); faultline keeps
 * only that: next_timer_ns, the earliest wall-clock deadline anyone waits
 * for - a sleeper's wake_at_ns (noted when it goes to sleep, in
 * schedule()), an ITIMER_REAL, a posix timer on a wall clock.  The tick
 * walks the tasks only once that time has come, and the walk notes the
 * next earliest.  Deadlines may be noted early (a walk that finds nothing
 * due); never late.  0 means "walk at the next tick".
 */
static u64 next_timer_ns;

void timer_deadline(u64 ns)
{
	/* A tick between the test and the store would walk, note a nearer
	 * deadline, and then have it overwritten by this later one. */
	u64 flags = local_irq_save();

	if (ns && ns < next_timer_ns)
		next_timer_ns = ns;
	local_irq_restore(flags);
}

/* Linux clock_was_set: the wall clock jumped, so every wall-clock timer is looked at again. */
void clock_was_set(void)
{
	next_timer_ns = 0;
}

/* The walk: wake sleepers whose time came, fire wall-clock timers, note the next deadline. */
static void run_wall_timers(u64 now)
{
	struct task_struct *t;

	next_timer_ns = ~0ULL;
	list_for_each_entry(t, &task_list, tasks) {
		if (t->state == TASK_INTERRUPTIBLE && t->wake_at_ns) {
			if (t->wake_at_ns <= now)
				wake_up_process(t);
			else
				timer_deadline(t->wake_at_ns);
		}
		if (t->signal && thread_group_leader(t) && t->signal->live) {
			run_real_itimer(t, now);
			run_posix_wall_timers(t);
		}
	}
}

/* From the timer tick: the running process's CPU-time timers, then whatever wall-clock deadline came. */
static void wake_timers(void)
{
	struct task_struct *leader = current->group_leader;
	u64 now = ktime_get_ns();

	if (current != &init_task && leader->signal && leader->signal->live) {
		run_cpu_itimers(leader);
		run_posix_cpu_timers(leader);
	}
	if (now >= next_timer_ns)
		run_wall_timers(now);
}

static struct task_struct *pick_next(void)
{
	struct task_struct *t;
	if (list_empty(&run_queue))
		return &init_task;
	t = list_first_entry(&run_queue, struct task_struct, run_list);
	list_del(&t->run_list);
	return t;
}

/* A task cannot free the stack it runs on: whoever runs next does it. */
void release_task_later(struct task_struct *t)
{
	list_add_tail(&t->run_list, &dead_tasks);
}

static void finish_task_switch(void)
{
	while (!list_empty(&dead_tasks)) {
		struct task_struct *t = list_first_entry(&dead_tasks, struct task_struct, run_list);
		if (t == current)
			break;
		list_del(&t->run_list);
		free_task(t);
	}
}

/*
 * Linux task_sched_runtime: the CPU time a task has had, measured with the
 * clock at every switch rather than sampled by the timer tick (a tick lands
 * on whoever runs, and under an emulator ticks can arrive late and in
 * bursts, so sampling could report more CPU time than wall time passed).
 */
u64 task_sched_runtime(struct task_struct *t)
{
	return t->sum_exec_ns + (t == current ? ktime_get_ns() - t->exec_start : 0);
}

/* /proc/stat's ctxt and processes (Linux: nr_context_switches(), total_forks) */
u64 nr_context_switches;
u64 total_forks;

static void account_switch(struct task_struct *prev, struct task_struct *next)
{
	u64 now = ktime_get_ns();

	/* Linux __schedule: a switch away from a task that sleeps is voluntary (nvcsw). */
	if (prev->state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	nr_context_switches++;
	prev->sum_exec_ns += now - prev->exec_start;
	next->exec_start = now;
}

static void __sched context_switch(struct task_struct *prev, struct task_struct *next)
{
	account_switch(prev, next);
	if (prev->rseq)
		prev->rseq_event = true;	/* Linux rseq_preempt: its section, if any, restarts */
	fpu_save(&prev->fpu);
	if (next->mm != prev->mm && next->mm)
		switch_mm(next->mm);
	tss_set_rsp0((u64)next->stack + THREAD_SIZE);
	wrmsr(MSR_FS_BASE, next->fs_base);
	current = next;
	__switch_to_asm(&prev->sp, next->sp);
	/* back in prev, switched to by someone else */
	fpu_restore(&current->fpu);
	finish_task_switch();
}

void __sched schedule(void)
{
	u64 flags;

	/* Linux __schedule_bug: sleeping with a spinlock held would leave
	 * another CPU spinning on it (include/spinlock.h). */
	if (in_atomic())
		panic("BUG: scheduling while atomic: %s/%d/0x%08x", current->comm, current->pid, spinlock_depth);
	flags = local_irq_save();
	struct task_struct *prev = current, *next;
	touch_softlockup_watchdog();
	need_resched = false;
	slice_left = TIMESLICE_TICKS;
	if (prev->state == TASK_RUNNING && prev != &init_task)
		enqueue(prev);
	else if (prev->state == TASK_INTERRUPTIBLE)
		timer_deadline(prev->wake_at_ns);	/* a sleep with a time limit: the tick must look then */
	next = pick_next();          /* init_task (idle) when nothing else can run */
	if (next != prev)
		context_switch(prev, next);
	local_irq_restore(flags);
}

/* The idle loop: pid 0 after boot. */
__noreturn void cpu_idle(void)
{
	for (;;) {
		touch_softlockup_watchdog();    /* idle is not stuck */
		local_irq_disable();
		if (!list_empty(&run_queue)) {
			schedule();
			local_irq_enable();
			continue;
		}
		safe_halt();                    /* sti's shadow covers hlt: no lost wakeup */
	}
}

/* A new task's first run: the switch frame returned into ret_from_fork. */
void schedule_tail(void)
{
	current->start_time = ktime_get_ns();	/* Linux sets it in copy_process; the first run is as near */
	total_forks++;
	fpu_restore(&current->fpu);
	finish_task_switch();
	local_irq_enable();
	/* CLONE_CHILD_SETTID: in the child's own memory (Linux: schedule_tail). */
	if (current->set_child_tid)
		(void)put_user(current->pid, current->set_child_tid);
}

u64 kcpustat[NR_CPUSTATS];

/*
 * Charge the tick to user or kernel time of the task it interrupted, but
 * never more than the task has really run since the last charge: under an
 * emulator, ticks the host could not deliver in time arrive in a burst, and
 * sampling each of them as a full tick would make a 20 ms ITIMER_VIRTUAL
 * expire between two system calls (Linux scales sampled times the same way
 * to the measured runtime: cputime_adjust).
 */
static u64 tick_charge(struct task_struct *t)
{
	u64 ran = task_sched_runtime(t), charged = t->utime_ns + t->stime_ns;
	return ran > charged ? MIN((u64)(NSEC_PER_SEC / HZ), ran - charged) : 0;
}

void scheduler_tick(bool user)
{
	if (current != &init_task) {
		u64 ns = tick_charge(current);
		if (user)
			current->utime_ns += ns;
		else
			current->stime_ns += ns;
	}
	/* Linux account_process_tick: the CPU's time, for /proc/stat's cpu line */
	kcpustat[current == &init_task ? CPUTIME_IDLE : user ? CPUTIME_USER : CPUTIME_SYSTEM] += NSEC_PER_SEC / HZ;
	wake_timers();
	calc_global_load_tick();
	if (--slice_left <= 0)
		need_resched = true;
}

bool should_resched(void) { return need_resched && !list_empty(&run_queue); }

/* Sleep until wake_up(chan), ignoring signals (a vfork parent waits like this). */
void __sched sleep_on_uninterruptible(void *chan)
{
	u64 flags = local_irq_save();
	current->state = TASK_INTERRUPTIBLE;
	current->wait_chan = chan;
	schedule();
	current->wait_chan = NULL;
	local_irq_restore(flags);
}

/* rt_sigtimedwait: sleep until a signal of set (or any deliverable one) or the deadline. */
void __sched sleep_on_waitset(sigset_t set)
{
	u64 flags = local_irq_save();
	current->waiting_set = set;
	if (!((current->pending.signal | current->signal->shared_pending.signal) & set) && !signal_pending_task(current)) {
		current->state = TASK_INTERRUPTIBLE;
		current->wait_chan = NULL;
		schedule();
	}
	current->waiting_set = 0;
	current->wake_at_ns = 0;
	local_irq_restore(flags);
}

int __sched sleep_on(void *chan)
{
	u64 flags = local_irq_save();
	current->state = TASK_INTERRUPTIBLE;
	current->wait_chan = chan;
	if (signal_pending_task(current)) {
		current->state = TASK_RUNNING;
		current->wait_chan = NULL;
		current->wake_at_ns = 0;
		local_irq_restore(flags);
		return -EINTR;
	}
	schedule();
	current->wait_chan = NULL;
	current->wake_at_ns = 0;
	local_irq_restore(flags);
	return signal_pending_task(current) ? -EINTR : 0;
}

/* A process by its pid: the leader of the thread group with that tgid. */
struct task_struct *find_task_by_tgid(int tgid)
{
	struct task_struct *t = find_task(tgid);
	return t && thread_group_leader(t) ? t : NULL;
}

/* The process of any thread whose id is @pid: kill(2) and rt_sigqueueinfo
 * accept a thread's id and signal its whole process (Linux kill_pid_info:
 * pid_task(pid, PIDTYPE_PID), then group_send_sig_info). */
struct task_struct *find_process_of_tid(int pid)
{
	struct task_struct *t = find_task(pid);
	return t ? t->group_leader : NULL;
}

struct task_struct *find_task(int pid)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->pid == pid && t->state != TASK_DEAD && t->pid)
			return t;
	}
	return NULL;
}
