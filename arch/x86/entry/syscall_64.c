/*
 * arch/x86/entry/syscall_64.c - the system call table and its dispatcher.
 *
 * Linux x86-64 convention (linux-abi §2): number in rax, arguments in rdi,
 * rsi, rdx, r10, r8, r9; the result (or -errno in [-4095, -1]) in rax; the
 * syscall instruction leaves the return rip in rcx and rflags in r11.
 * Unknown numbers return -ENOSYS and are logged once each, by name.
 */
#include <sched.h>
#include <syscall.h>
#include <mm_types.h>
#include <mman.h>
#include <fs.h>
#include <printk.h>
#include <errno.h>
#include <asm/processor.h>

typedef long (*syscall_fn)(u64, u64, u64, u64, u64, u64);
typedef long (*syscall_regs_fn)(struct pt_regs *, u64, u64, u64);

#define NR_syscalls 335
#define SYSCALL_RFLAGS_MASK 0x257fd5UL   /* Linux's MSR_SYSCALL_MASK: IF, TF, DF, AC ... off */

/* Defined across kernel/, mm/, fs/; every one takes u64 arguments. */
#define X(name) long name();
X(sys_read) X(sys_write) X(sys_open) X(sys_close) X(sys_stat) X(sys_fstat) X(sys_lseek)
X(sys_mmap) X(sys_mprotect) X(sys_munmap) X(sys_brk) X(sys_rt_sigaction) X(sys_rt_sigprocmask)
X(sys_ioctl) X(sys_pread64) X(sys_readv) X(sys_writev) X(sys_access) X(sys_pipe) X(sys_sched_yield)
X(sys_madvise) X(sys_dup) X(sys_dup2) X(sys_pause) X(sys_nanosleep) X(sys_getpid) X(sys_exit)
X(sys_wait4) X(sys_kill) X(sys_uname) X(sys_fcntl) X(sys_getcwd) X(sys_chdir) X(sys_getrlimit)
X(sys_getrusage) X(sys_getuid) X(sys_getppid) X(sys_rt_sigpending) X(sys_rt_sigsuspend)
X(sys_arch_prctl) X(sys_setrlimit) X(sys_reboot) X(sys_gettid) X(sys_tkill) X(sys_time)
X(sys_getdents64) X(sys_set_tid_address) X(sys_clock_gettime) X(sys_clock_nanosleep)
X(sys_exit_group) X(sys_tgkill) X(sys_openat) X(sys_newfstatat) X(sys_dup3) X(sys_pipe2)
X(sys_prlimit64) X(sys_gettimeofday) X(sys_lstat) X(sys_sysinfo)
X(sys_rt_sigqueueinfo) X(sys_rt_sigtimedwait) X(sys_poll) X(sys_select) X(sys_getitimer)
X(sys_setitimer) X(sys_alarm) X(sys_waitid) X(sys_pwrite64) X(sys_clock_getres) X(sys_times)
X(sys_getrandom) X(sys_prctl) X(sys_sched_getaffinity) X(sys_sched_getscheduler)
X(sys_sched_get_priority_max) X(sys_sched_get_priority_min) X(sys_getpriority) X(sys_setpriority)
X(sys_fchdir) X(sys_fsync) X(sys_ftruncate) X(sys_truncate) X(sys_statx) X(sys_readlinkat)
X(sys_readlink) X(sys_faccessat) X(sys_getdents)
X(sys_timer_create) X(sys_timer_settime) X(sys_timer_gettime) X(sys_timer_getoverrun) X(sys_timer_delete) X(sys_getpgid) X(sys_getpgrp) X(sys_getsid) X(sys_setpgid) X(sys_setsid) X(sys_umask)
#undef X
long sys_fork(struct pt_regs *);
long sys_vfork(struct pt_regs *);
long sys_clone(struct pt_regs *, u64, u64);
long sys_execve(struct pt_regs *, u64, u64, u64);
long sys_rt_sigreturn(struct pt_regs *);
long sys_sigaltstack(u64, u64, struct pt_regs *);

/* ---------------------------------------------------------------- mm calls */
SYSCALL_DEFINE6(mmap, u64, addr, u64, len, u64, prot, u64, flags, u64, fd, u64, off)
{
	struct file *file = NULL;
	if (off & ~PAGE_MASK)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS) && !(file = fget(fd)))
		return -EBADF;
	if (file && is_dev_zero(file->f_inode)) {
		file = NULL;                  /* /dev/zero maps as anonymous memory (Linux: mmap_zero) */
		flags |= MAP_ANONYMOUS;
	}
	return do_mmap(current->mm, addr, len, prot, flags, file, off >> PAGE_SHIFT);
}
SYSCALL_DEFINE2(munmap, u64, addr, u64, len) { return do_munmap(current->mm, addr, len); }
SYSCALL_DEFINE3(mprotect, u64, addr, u64, len, u64, prot) { return do_mprotect(current->mm, addr, len, prot); }
SYSCALL_DEFINE1(brk, u64, addr) { return do_brk(current->mm, addr); }
SYSCALL_DEFINE3(madvise, u64, addr, u64, len, u64, advice) { return do_madvise(current->mm, addr, len, advice); }
SYSCALL_DEFINE3(msync, u64, a, u64, l, u64, f) { return do_msync(current->mm, a, l, f); }
SYSCALL_DEFINE3(mincore, u64, a, u64, l, u64, v) { return do_mincore(current->mm, a, l, (u8 *)v); }
SYSCALL_DEFINE5(mremap, u64, old, u64, old_len, u64, new_len, u64, flags, u64, new_addr)
{
	return do_mremap(current->mm, old, old_len, new_len, flags, new_addr);
}
SYSCALL_DEFINE2(lstat, u64, path, u64, st) { return sys_stat(path, st); }

/* Calls that need the saved registers get them as their first argument. */
static long sys_sigaltstack_regs(struct pt_regs *r, u64 a, u64 b, u64 c) { return sys_sigaltstack(a, b, r); }
static long sys_fork_regs(struct pt_regs *r, u64 a, u64 b, u64 c) { return sys_fork(r); }
static long sys_vfork_regs(struct pt_regs *r, u64 a, u64 b, u64 c) { return sys_vfork(r); }
static long sys_clone_regs(struct pt_regs *r, u64 a, u64 b, u64 c) { return sys_clone(r, a, b); }
static long sys_rt_sigreturn_regs(struct pt_regs *r, u64 a, u64 b, u64 c) { return sys_rt_sigreturn(r); }

struct syscall_entry {
	const char *name;
	syscall_fn fn;
	syscall_regs_fn rfn;
};

/* Each handler takes as many u64 arguments as it uses; the x86-64 calling
 * convention makes the extra ones harmless, and gcc accepts the cast through
 * void (*)(void) as deliberate. */
#define AS_SYSCALL(f) ((syscall_fn)(void (*)(void))(f))
#define S(nr, n) [nr] = { #n, AS_SYSCALL(sys_##n), NULL }
#define R(nr, n, f) [nr] = { #n, NULL, f }
#define N(nr, n) [nr] = { #n, NULL, NULL }   /* known to exist, not implemented */

static const struct syscall_entry syscall_table[NR_syscalls] = {
	S(0, read), S(1, write), S(2, open), S(3, close), S(4, stat), S(5, fstat), S(6, lstat),
	S(7, poll), S(8, lseek), S(9, mmap), S(10, mprotect), S(11, munmap), S(12, brk),
	S(13, rt_sigaction), S(14, rt_sigprocmask), R(15, rt_sigreturn, sys_rt_sigreturn_regs),
	S(16, ioctl), S(17, pread64), S(18, pwrite64), S(19, readv), S(20, writev), S(21, access),
	S(22, pipe), S(23, select), S(24, sched_yield), S(25, mremap), S(26, msync), S(27, mincore),
	S(28, madvise), S(32, dup), S(33, dup2), S(34, pause), S(35, nanosleep), S(36, getitimer), S(37, alarm), S(38, setitimer), S(39, getpid),
	R(56, clone, sys_clone_regs), R(57, fork, sys_fork_regs), R(58, vfork, sys_vfork_regs),
	R(59, execve, sys_execve), S(60, exit), S(61, wait4), S(62, kill),
	S(63, uname), S(72, fcntl), S(74, fsync), [75] = { "fdatasync", AS_SYSCALL(sys_fsync), NULL }, S(76, truncate), S(77, ftruncate),
	S(78, getdents), S(79, getcwd), S(80, chdir), S(81, fchdir), N(82, rename), N(83, mkdir),
	N(84, rmdir), N(87, unlink), S(89, readlink), S(95, umask), S(96, gettimeofday),
	S(97, getrlimit), S(98, getrusage), S(99, sysinfo), S(100, times), [102] = { "getuid", AS_SYSCALL(sys_getuid), NULL },
	[104] = { "getgid", AS_SYSCALL(sys_getuid), NULL }, [107] = { "geteuid", AS_SYSCALL(sys_getuid), NULL },
	[108] = { "getegid", AS_SYSCALL(sys_getuid), NULL }, S(109, setpgid), S(110, getppid),
	S(111, getpgrp), S(112, setsid), S(121, getpgid), S(124, getsid), S(127, rt_sigpending), S(128, rt_sigtimedwait),
	S(129, rt_sigqueueinfo), S(130, rt_sigsuspend), S(140, getpriority), S(141, setpriority), S(145, sched_getscheduler),
	S(146, sched_get_priority_max), S(147, sched_get_priority_min), S(157, prctl), R(131, sigaltstack, sys_sigaltstack_regs),
	S(158, arch_prctl), S(160, setrlimit), S(169, reboot), S(186, gettid), S(200, tkill),
	S(201, time), N(202, futex), S(204, sched_getaffinity), S(217, getdents64), S(218, set_tid_address), S(222, timer_create), S(223, timer_settime),
	S(224, timer_gettime), S(225, timer_getoverrun), S(226, timer_delete), S(228, clock_gettime), S(229, clock_getres),
	S(230, clock_nanosleep), S(231, exit_group), S(234, tgkill), S(247, waitid), S(257, openat), N(258, mkdirat),
	S(262, newfstatat), N(263, unlinkat), N(264, renameat), S(267, readlinkat), S(269, faccessat),
	N(273, set_robust_list), S(292, dup3), S(293, pipe2), S(302, prlimit64), S(318, getrandom),
	S(332, statx), N(334, rseq),
};

static u8 enosys_logged[NR_syscalls + 1];

static long enosys(u64 nr)
{
	u64 slot = nr < NR_syscalls ? nr : NR_syscalls;
	if (!enosys_logged[slot]) {
		enosys_logged[slot] = 1;
		if (nr < NR_syscalls && syscall_table[nr].name)
			pr_warn("%s[%d]: syscall %s (%lu) not implemented: -ENOSYS\n", current->comm,
				current->pid, syscall_table[nr].name, nr);
		else
			pr_warn("%s[%d]: unknown syscall %lu: -ENOSYS\n", current->comm, current->pid, nr);
	}
	return -ENOSYS;
}

static long dispatch(struct pt_regs *regs, u64 nr)
{
	const struct syscall_entry *e;
	if (nr >= NR_syscalls)
		return enosys(nr);
	e = &syscall_table[nr];
	if (e->fn)
		return e->fn(regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8, regs->r9);
	if (e->rfn)
		return e->rfn(regs, regs->rdi, regs->rsi, regs->rdx);
	return enosys(nr);
}

/* SYSRET is only safe back to the exact state the syscall left (Linux's
 * checks in entry_SYSCALL_64): same rip/rflags in rcx/r11, user selectors,
 * a canonical rip below the top guard page, and no TF/RF to honour. */
static bool sysret_ok(struct pt_regs *regs)
{
	return regs->rcx == regs->rip && regs->r11 == regs->eflags && regs->cs == __USER_CS &&
	       regs->ss == __USER_DS && regs->rip < TASK_SIZE_MAX &&
	       !(regs->eflags & (X86_EFLAGS_TF | X86_EFLAGS_RF));
}

int do_syscall_64(struct pt_regs *regs)
{
	local_irq_enable();
	/* Only the low 32 bits name the call (Linux >= 5.x treats it as an int). */
	regs->rax = dispatch(regs, (u32)regs->orig_rax);
	syscall_exit_to_user_mode(regs);
	return sysret_ok(regs);
}

void entry_SYSCALL_64(void);

void syscall_init(void)
{
	/* STAR[47:32]: syscall CS = 0x10 (SS 0x18); STAR[63:48]: sysret CS = 0x23+16 = 0x33, SS = 0x2b. */
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, SYSCALL_RFLAGS_MASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
