/*
 * mm/pftrace.c - the page-fault trace: one kernel-log line per fault, e.g.
 *
 *   pf: pid 7 addr 0x7ffd1000 ip 0x401136 err 0x6 [user write not-present]
 *       vma [[stack] rw- growsdown] 0x7ffd2000-0x7fff0000 (next above)
 *       -> expand_stack -> handle_mm_fault -> do_anonymous_page
 *
 * (printed on one line).  Two switches turn it on:
 *  - "pftrace" on the command line traces every task into the kernel log,
 *    from the first fault of init on (in the spirit of SerenityOS's
 *    PAGE_FAULT_DEBUG switch);
 *  - a task's own flag, task->pftrace, set by writing 1 to /proc/PID/pftrace
 *    (the pftrace command does it for itself, then execs the program, like
 *    strace), inherited by children and threads.  Those lines go to the trace
 *    channel (kernel/printk.c: ttyS3 when the machine has it), not the console.
 * The line is built in a buffer while the fault runs and printed once at the
 * end, so a fault taken while printing cannot interleave with it.
 */
#include <pftrace.h>
#include <mm_types.h>
#include <printk.h>
#include <cmdline.h>
#include <sched.h>

#define PFTRACE_LINE 384

bool pftrace;                   /* "pftrace" on the command line */
bool pftrace_active;            /* this fault is being traced */
static int set_pftrace(const char *v)
{
	pftrace = true;
	return 0;
}
__setup("pftrace", set_pftrace);

static struct {
	char buf[PFTRACE_LINE];
	int len;
	bool to_channel;        /* ... for its task's flag, not the boot option */
} trace;

/* Is the current fault one to trace?  The boot option, or the task's flag. */
static void trace_vprintf(const char *fmt, va_list ap)
{
	if (!pftrace_active || trace.len >= (int)sizeof(trace.buf))
		return;
	trace.len += vsnprintf(trace.buf + trace.len, sizeof(trace.buf) - trace.len, fmt, ap);
}

static void trace_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	trace_vprintf(fmt, ap);
	va_end(ap);
}

void pftrace_begin(int pid, u64 address, u64 ip, u64 err, const char *who, const char *access,
		   const char *why)
{
	trace.len = 0;
	pftrace_active = pftrace_wanted();
	trace.to_channel = !pftrace;
	trace_printf("pf: pid %d addr %#lx ip %#lx err %#lx [%s %s %s]", pid, address, ip, err, who,
		     access, why);
}

/* find_vma's answer: the VMA holding address, or the next one above it. */
void (pftrace_vma)(const struct vm_area_struct *vma, u64 address)
{
	if (!pftrace_active)
		return;
	if (!vma) {
		trace_printf(" vma [none]");
		return;
	}
	trace_printf(" vma [%s%s%s%s%s] %#lx-%#lx%s", vma->vm_name ? vma->vm_name : vma->vm_file ? "file" : "anon",
		     vma->vm_flags & VM_READ ? " r" : " -", vma->vm_flags & VM_WRITE ? "w" : "-",
		     vma->vm_flags & VM_EXEC ? "x" : "-",
		     vma->vm_flags & VM_GROWSDOWN ? " growsdown" : "",
		     vma->vm_start, vma->vm_end, vma->vm_start > address ? " (next above)" : "");
}

void (trace_fault_step)(const char *fmt, ...)
{
	va_list ap;
	if (!pftrace_active)
		return;
	trace_printf(" -> ");
	va_start(ap, fmt);
	trace_vprintf(fmt, ap);
	va_end(ap);
}

void (pftrace_end)(void)
{
	if (!pftrace_active)
		return;
	if (trace.len) {
		if (trace.to_channel)
			trace_channel_write(trace.buf);
		else
			pr_info("%s\n", trace.buf);
	}
	trace.len = 0;
	pftrace_active = false;
}
