/*
 * include/stacktrace.h - where a task is in the kernel, as return
 * addresses (Linux: include/linux/stacktrace.h).  /proc/PID/stack prints
 * them; /proc/PID/wchan and stat's wchan field name the first.
 */
#ifndef _FAULTLINE_STACKTRACE_H
#define _FAULTLINE_STACKTRACE_H
#include <types.h>

struct task_struct;

/* linker.ld: the bounds of .sched.text, where the __sched functions live (Linux: asm-generic/sections.h). */
extern char __sched_text_start[], __sched_text_end[];

/* arch: call @consume for each return address of @task's kernel stack, innermost first, until it says stop. */
typedef bool (*stack_trace_consume_fn)(void *cookie, u64 addr);
void arch_stack_walk(stack_trace_consume_fn consume, void *cookie, struct task_struct *task);

/* Up to @size return addresses into @store, the scheduler's own frames left out; how many. */
unsigned int stack_trace_save_tsk(struct task_struct *task, u64 *store, unsigned int size);

/* Where a sleeping task waits: the first return address outside the scheduler, or 0 (running, or gone). */
u64 get_wchan(struct task_struct *task);

/* arch: the task is in a system call (not stopped by an interrupt or exception). */
bool task_in_syscall(struct task_struct *task);

#endif
