/*
 * arch/x86/kernel/stacktrace.c - walking a task's kernel stack by its
 * frame pointers (Linux: arch/x86/kernel/stacktrace.c with the frame
 * pointer unwinder, arch/x86/kernel/unwind_frame.c).
 *
 * The kernel is built with -fno-omit-frame-pointer, so every function's
 * frame starts with the caller's rbp and, above it, the return address:
 *
 *   [rbp]      the caller's rbp          (the next frame)
 *   [rbp + 8]  the return address        (where the caller goes on)
 *
 * Where the walk starts:
 *   current          this function's own frame;
 *   a switched-out   its switch frame (asm/switch_to.h): the return
 *   task             address into the scheduler, then the rbp it saved.
 * Every frame must lie inside the task's own kernel stack and move up it,
 * and every return address must be kernel text, so a stack that changes
 * under the walk (or the user's rbp, met at the system-call entry) ends it
 * instead of sending it astray.  Reads are fault-tolerant all the same.
 */
#include <stacktrace.h>
#include <sched.h>
#include <uaccess.h>
#include <asm/switch_to.h>
#include <asm/sections.h>
#include <asm/proto.h>
#include <kallsyms.h>


#define MAX_FRAMES 64				/* Linux: MAX_STACK_TRACE_DEPTH for /proc/PID/stack */

static bool text_address(u64 a) { return a >= (u64)_text && a < (u64)_etext; }

/* @frame and the two words at it lie inside @task's kernel stack. */
static bool on_task_stack(struct task_struct *task, u64 frame)
{
	u64 lo = (u64)task->stack, hi = lo + THREAD_SIZE;

	return frame >= lo && frame + 2 * sizeof(u64) <= hi;
}

static void walk_frames(stack_trace_consume_fn consume, void *cookie, struct task_struct *task, u64 rbp)
{
	for (int depth = 0; depth < MAX_FRAMES && on_task_stack(task, rbp); depth++) {
		u64 frame[2];				/* saved rbp, return address */

		if (copy_from_kernel_nofault(frame, (void *)rbp, sizeof(frame)) || !text_address(frame[1]))
			return;
		if (!consume(cookie, frame[1]) || frame[0] <= rbp)
			return;				/* frames only move up the stack */
		rbp = frame[0];
	}
}

void arch_stack_walk(stack_trace_consume_fn consume, void *cookie, struct task_struct *task)
{
	struct switch_frame sf;

	if (task == current) {
		walk_frames(consume, cookie, task, (u64)__builtin_frame_address(0));
		return;
	}
	if (task->state == TASK_DEAD || task->state == TASK_ZOMBIE || !on_task_stack(task, task->sp) ||
	    copy_from_kernel_nofault(&sf, (void *)task->sp, sizeof(sf)) || !text_address(sf.ret))
		return;
	if (consume(cookie, sf.ret))
		walk_frames(consume, cookie, task, sf.rbp);
}

static bool keep_last(void *cookie, u64 addr)
{
	*(u64 *)cookie = addr;
	return true;
}

/*
 * The outermost return address says how the task entered the kernel: into
 * entry_SYSCALL_64 (after its call of do_syscall_64) for a system call,
 * into common_interrupt for an interrupt or an exception.  (Linux reads
 * pt_regs->orig_ax, which its trap entry sets to -1; faultline keeps the
 * error code there.)
 */
bool task_in_syscall(struct task_struct *task)
{
	u64 last = 0, size, off;

	arch_stack_walk(keep_last, &last, task);
	return last && kallsyms_lookup(last - 1, &size, &off) && last - 1 - off == (u64)entry_SYSCALL_64;
}
