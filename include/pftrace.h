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
bool pftrace_wanted(void);       /* the boot option, or the current task's flag */
/* who: "user"/"kernel"; access: "read"/"write"/"fetch"; why: "not-present"/"protection" */
void pftrace_begin(int pid, u64 address, u64 ip, u64 err, const char *who, const char *access,
		   const char *why);
/*
 * Each of these returns at once when the current fault is not traced (all
 * of them, but for pftrace): make profile showed ~190 instructions per
 * fault going into formatting calls that did nothing.  They stay real
 * calls, not inline tests, so that gdb's "break do_read_fault" stops on the
 * function's own first line (tests/harness/gdb.py checks it).
 */
extern bool pftrace_active;      /* the current fault is being traced */
void pftrace_vma(const struct vm_area_struct *vma, u64 address);
void trace_fault_step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pftrace_end(void);

#endif
