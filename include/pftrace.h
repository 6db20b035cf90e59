/*
 * include/pftrace.h - one line per page fault in the kernel log, built as the
 * fault walks its path (mm/pftrace.c).  Boot with "pftrace" to trace every
 * task, or write 1 to /proc/PID/pftrace (the pftrace command) to trace one.
 *
 * Every step of the path reports itself the same way, from whichever layer
 * it is in: trace_fault_step("do_anonymous_page").  The arch fault handler
 * opens the line (pftrace_begin), the VMA lookup adds the VMA it found
 * (pftrace_vma), and the line is printed when the fault is done (pftrace_end).
 */
#ifndef _FAULTLINE_PFTRACE_H
#define _FAULTLINE_PFTRACE_H
#include "types.h"

struct vm_area_struct;

extern bool pftrace;             /* the boot option: every task */
/* The boot option, or the current task's flag (a macro: the caller has current). */
#define pftrace_wanted() (pftrace || (current && current->pftrace))
/* who: "user"/"kernel"; access: "read"/"write"/"fetch"; why: "not-present"/"protection" */
void pftrace_begin(int pid, u64 address, u64 ip, u64 err, const char *who, const char *access,
		   const char *why);
/*
 * Each of these calls the function of the same name only when the current
 * fault is traced (almost never: make profile showed an untraced fault
 * spending ~40 instructions in calls that returned at once, the variadic
 * trace_fault_step most).  Macros and not inline functions, so that the
 * line table keeps the caller's lines and gdb's "break do_read_fault"
 * stops on the function's own first line (tests/harness/gdb.py checks it).
 * The name in parentheses, "(trace_fault_step)(...)", is the function:
 * a function-like macro only expands when its name is followed by "(".
 */
extern bool pftrace_active;      /* the current fault is being traced */
void (pftrace_vma)(const struct vm_area_struct *vma, u64 address);
void (trace_fault_step)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void (pftrace_end)(void);
#define pftrace_vma(vma, address) do { if (pftrace_active) (pftrace_vma)(vma, address); } while (0)
#define trace_fault_step(...) do { if (pftrace_active) (trace_fault_step)(__VA_ARGS__); } while (0)
#define pftrace_end() do { if (pftrace_active) (pftrace_end)(); } while (0)

#endif
