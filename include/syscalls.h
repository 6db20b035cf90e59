/*
 * include/syscalls.h - how a system call is defined (Linux:
 * include/linux/syscalls.h and arch/x86/include/asm/syscall_wrapper.h).
 *
 *   SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
 *   { ... }
 *
 * gives two functions:
 *   __x64_sys_read(const struct pt_regs *regs)   what the table calls: takes
 *                                                the arguments from the saved
 *                                                registers (rdi, rsi, rdx,
 *                                                r10, r8, r9: the x86-64
 *                                                syscall convention) and casts
 *                                                each to its declared type;
 *   __do_sys_read(unsigned int fd, char __user *buf, size_t count)
 *                                                the body, static, with the
 *                                                real prototype, so the
 *                                                compiler checks every use.
 * Every __x64_sys_* is declared here from the one list,
 * arch/x86/entry/syscalls/syscall_64.h, which also gives the names for the
 * "not implemented" log line.  Calls that need the saved registers (fork,
 * clone, execve, rt_sigreturn, sigaltstack) use current_pt_regs(), as Linux's do.
 */
#ifndef _FAULTLINE_SYSCALLS_H
#define _FAULTLINE_SYSCALLS_H
#include "types.h"
#include <asm/ptrace.h>

#define __SC_ARG1(r) ((r)->rdi)
#define __SC_ARG2(r) ((r)->rsi)
#define __SC_ARG3(r) ((r)->rdx)
#define __SC_ARG4(r) ((r)->r10)
#define __SC_ARG5(r) ((r)->r8)
#define __SC_ARG6(r) ((r)->r9)

#define __SYSCALL_WRAPPER(name, ...) \
	long __x64_sys_##name(const struct pt_regs *regs) { (void)regs; return __do_sys_##name(__VA_ARGS__); }

/* arch/x86/entry/syscall_64.c: log (once per program and call) a flag faultline lacks, return err */
long syscall_unsupported(const char *what, u64 bits, long err);

#define SYSCALL_DEFINE0(name) \
	static long __do_sys_##name(void); \
	long __x64_sys_##name(const struct pt_regs *regs) { (void)regs; return __do_sys_##name(); } \
	static long __do_sys_##name(void)
#define SYSCALL_DEFINE1(name, t1, a1) \
	static long __do_sys_##name(t1 a1); \
	__SYSCALL_WRAPPER(name, (t1)__SC_ARG1(regs)) \
	static long __do_sys_##name(t1 a1)
#define SYSCALL_DEFINE2(name, t1, a1, t2, a2) \
	static long __do_sys_##name(t1 a1, t2 a2); \
	__SYSCALL_WRAPPER(name, (t1)__SC_ARG1(regs), (t2)__SC_ARG2(regs)) \
	static long __do_sys_##name(t1 a1, t2 a2)
#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3); \
	__SYSCALL_WRAPPER(name, (t1)__SC_ARG1(regs), (t2)__SC_ARG2(regs), (t3)__SC_ARG3(regs)) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3)
#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4); \
	__SYSCALL_WRAPPER(name, (t1)__SC_ARG1(regs), (t2)__SC_ARG2(regs), (t3)__SC_ARG3(regs), \
			  (t4)__SC_ARG4(regs)) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)
#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5); \
	__SYSCALL_WRAPPER(name, (t1)__SC_ARG1(regs), (t2)__SC_ARG2(regs), (t3)__SC_ARG3(regs), \
			  (t4)__SC_ARG4(regs), (t5)__SC_ARG5(regs)) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)
#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6); \
	__SYSCALL_WRAPPER(name, (t1)__SC_ARG1(regs), (t2)__SC_ARG2(regs), (t3)__SC_ARG3(regs), \
			  (t4)__SC_ARG4(regs), (t5)__SC_ARG5(regs), (t6)__SC_ARG6(regs)) \
	static long __do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)

/* One declaration per implemented call, from the one list. */
#define __SYSCALL(nr, name) long __x64_sys_##name(const struct pt_regs *regs);
#define __SYSCALL_NI(nr, name)
#include "../arch/x86/entry/syscalls/syscall_64.h"
#undef __SYSCALL
#undef __SYSCALL_NI

#endif
