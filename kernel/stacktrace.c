/*
 * kernel/stacktrace.c - a task's kernel stack as a list of return
 * addresses, without the scheduler's own frames (Linux:
 * kernel/stacktrace.c stack_trace_save_tsk, kernel/sched/core.c
 * get_wchan).
 *
 * A sleeping task's innermost frames are always the same: schedule() and
 * the sleep_on() that called it.  Linux puts those functions in their own
 * section (__sched, .sched.text) and leaves them out of another task's
 * trace, so the first line says what the task waits for (pipe_read,
 * do_wait...).  The walk itself is the architecture's (arch_stack_walk).
 */
#include <stacktrace.h>
#include <sched.h>

struct trace_store { u64 *store; unsigned int size, len, skip; bool skip_sched; };

/* Linux in_sched_functions: the address is in a __sched function. */
static bool in_sched_functions(u64 addr)
{
	return addr >= (u64)__sched_text_start && addr < (u64)__sched_text_end;
}

static bool store_entry(void *cookie, u64 addr)
{
	struct trace_store *c = cookie;

	if (c->skip_sched && in_sched_functions(addr))
		return true;
	if (c->skip) {
		c->skip--;
		return true;
	}
	c->store[c->len++] = addr;
	return c->len < c->size;
}

unsigned int stack_trace_save_tsk(struct task_struct *task, u64 *store, unsigned int size)
{
	/*
	 * Linux: another task's trace leaves the scheduler out; the caller's
	 * own starts at its caller (this function's frame is not news).
	 */
	struct trace_store c = { .store = store, .size = size, .skip = task == current, .skip_sched = task != current };

	if (size)
		arch_stack_walk(store_entry, &c, task);
	return c.len;
}

/* Linux __get_wchan: only a task that is not running has a place it waits at. */
u64 get_wchan(struct task_struct *task)
{
	u64 addr;

	if (task == current || task->state == TASK_RUNNING)
		return 0;
	return stack_trace_save_tsk(task, &addr, 1) ? addr : 0;
}
