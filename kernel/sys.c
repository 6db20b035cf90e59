/*
 * kernel/sys.c - small system calls about the process and the machine:
 * ids, uname, rlimits, arch_prctl, clocks and sleeping, reboot
 * (Linux: kernel/sys.c, kernel/time/, arch/x86/kernel/process_64.c).
 */
#include <syscalls.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <power.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <mm.h>
#include <errno.h>
#include <asm/processor.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define MAX_CLOCKS 8
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc
#define LINUX_REBOOT_CMD_HALT 0xcdef0123
/* The wall clock starts at a fixed date: faultline has no RTC driver. */
#define BOOT_EPOCH_SEC 1764000000UL

SYSCALL_DEFINE0(getpid) { return current->pid; }
SYSCALL_DEFINE0(gettid) { return current->pid; }
SYSCALL_DEFINE0(getppid) { return current->parent ? current->parent->pid : 0; }
/* Everyone is root, as in the test host. */
SYSCALL_DEFINE0(getuid) { return 0; }
SYSCALL_DEFINE0(getgid) { return 0; }
SYSCALL_DEFINE0(geteuid) { return 0; }
SYSCALL_DEFINE0(getegid) { return 0; }
SYSCALL_DEFINE1(set_tid_address, u64, uaddr) { current->clear_child_tid = uaddr; return current->pid; }
SYSCALL_DEFINE0(sched_yield) { schedule(); return 0; }

struct new_utsname { char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65]; };

SYSCALL_DEFINE1(uname, u64, ubuf)
{
	struct new_utsname u;
	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "faultline", sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-faultline", sizeof(u.release));
	strlcpy(u.version, "#1 faultline teaching kernel", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domainname, "(none)", sizeof(u.domainname));
	return copy_to_user((void *)ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(arch_prctl, u64, code, u64, addr)
{
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= TASK_SIZE_MAX)
			return -EPERM;
		current->fs_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->fs_base, (u64 *)addr);
	case ARCH_SET_GS:
		return addr >= TASK_SIZE_MAX ? -EPERM : 0;   /* the kernel never uses GS */
	case ARCH_GET_GS:
		return put_user(0UL, (u64 *)addr);
	default:
		return -EINVAL;
	}
}

/* ---------------------------------------------------------------- rlimits */
SYSCALL_DEFINE4(prlimit64, u64, pid, u64, res, u64, unew, u64, uold)
{
	struct rlimit nl;
	struct task_struct *t = pid ? find_task(pid) : current;
	if (!t)
		return -ESRCH;
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (unew && copy_from_user(&nl, (void *)unew, sizeof(nl)))
		return -EFAULT;
	if (unew && nl.rlim_cur > nl.rlim_max)
		return -EINVAL;
	if (uold && copy_to_user((void *)uold, &t->rlim[res], sizeof(nl)))
		return -EFAULT;
	if (unew)
		t->rlim[res] = nl;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, u64, res, u64, uold) { return __do_sys_prlimit64(0, res, 0, uold); }
SYSCALL_DEFINE2(setrlimit, u64, res, u64, unew) { return __do_sys_prlimit64(0, res, unew, 0); }

/* Linux's defaults for the first process (include/asm-generic/resource.h). */
void init_rlimits(struct task_struct *t)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		t->rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	t->rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	t->rlim[RLIMIT_NOFILE] = (struct rlimit){ NR_OPEN, 4096 };   /* Linux: 1024 / 4096 */
	t->rlim[4] = (struct rlimit){ 0, RLIM_INFINITY };   /* RLIMIT_CORE */
}

/* ---------------------------------------------------------------- time */

static u64 clock_ns(int clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
		return BOOT_EPOCH_SEC * NSEC_PER_SEC + ktime_get_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return current->utime_ns + current->stime_ns;
	default:
		return ktime_get_ns();
	}
}

SYSCALL_DEFINE2(clock_gettime, u64, clk, u64, uts)
{
	struct timespec ts;
	if (clk >= MAX_CLOCKS)
		return -EINVAL;
	ts = ns_to_timespec(clock_ns(clk));
	return copy_to_user((void *)uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(gettimeofday, u64, utv, u64, utz)
{
	u64 ns = clock_ns(CLOCK_REALTIME);
	struct timeval tv = ns_to_timeval(ns);
	if (utv && copy_to_user((void *)utv, &tv, sizeof(tv)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(time, u64, ut)
{
	s64 t = clock_ns(CLOCK_REALTIME) / NSEC_PER_SEC;
	if (ut && put_user(t, (s64 *)ut))
		return -EFAULT;
	return t;
}

/* nanosleep is never restarted: a signal ends it with -EINTR and the time left. */
SYSCALL_DEFINE2(nanosleep, u64, ureq, u64, urem)
{
	struct timespec req, rem;
	u64 deadline;
	if (copy_from_user(&req, (void *)ureq, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(req))
		return -EINVAL;
	deadline = ktime_get_ns() + timespec_to_ns(req);
	while (ktime_get_ns() < deadline) {
		current->wake_at_ns = deadline;
		if (sleep_on(NULL)) {
			u64 left = deadline > ktime_get_ns() ? deadline - ktime_get_ns() : 0;
			rem = ns_to_timespec(left);
			if (urem && copy_to_user((void *)urem, &rem, sizeof(rem)))
				return -EFAULT;
			return -EINTR;
		}
	}
	return 0;
}

#define TIMER_ABSTIME 1

/* clock_nanosleep returns the error instead of setting errno (POSIX). */
SYSCALL_DEFINE4(clock_nanosleep, u64, clk, u64, flags, u64, ureq, u64, urem)
{
	struct timespec req;
	u64 target, cur;
	if (clk >= MAX_CLOCKS || clk == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (!(flags & TIMER_ABSTIME))
		return __do_sys_nanosleep(ureq, urem);
	if (copy_from_user(&req, (void *)ureq, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(req))
		return -EINVAL;
	target = timespec_to_ns(req);
	/* An absolute deadline on clk: sleep until that clock reaches it. */
	while ((cur = clock_ns(clk)) < target) {
		current->wake_at_ns = ktime_get_ns() + (target - cur);
		if (sleep_on(NULL))
			return -EINTR;
	}
	return 0;
}

SYSCALL_DEFINE4(reboot, u64, magic1, u64, magic2, u64, cmd, u64, arg)
{
	if (magic1 != LINUX_REBOOT_MAGIC1)
		return -EINVAL;
	if (cmd == LINUX_REBOOT_CMD_POWER_OFF || cmd == LINUX_REBOOT_CMD_HALT || cmd == LINUX_REBOOT_CMD_RESTART) {
		pr_info("reboot: Power down\n");
		machine_power_off(EXIT_SUCCESS_CODE);
	}
	return -EINVAL;
}

/* sysinfo(2): init uses freeram to check that every test gave back all its pages. */
struct sysinfo {
	s64 uptime;
	u64 loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u64 totalhigh, freehigh;
	u32 mem_unit;
	char _f[4];
};

SYSCALL_DEFINE1(sysinfo, u64, uinfo)
{
	struct sysinfo si;
	struct list_head *p;
	memset(&si, 0, sizeof(si));
	si.uptime = ktime_get_ns() / NSEC_PER_SEC;
	si.totalram = nr_total_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	list_for_each(p, &task_list)
		si.procs++;
	si.mem_unit = 1;
	return copy_to_user((void *)uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

/* ---------------------------------------------------------------- process groups */
SYSCALL_DEFINE1(getpgid, u64, pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;
	return t ? t->pgrp : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp) { return current->pgrp; }

SYSCALL_DEFINE1(getsid, u64, pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;
	return t ? t->session : -ESRCH;
}

static bool pgrp_in_session(int pgrp, int session)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->pgrp == pgrp && t->session == session && t->state != TASK_DEAD)
			return true;
	}
	return false;
}

/* setpgid: on ourselves or a child, within our session (POSIX; Linux kernel/sys.c). */
SYSCALL_DEFINE2(setpgid, u64, upid, u64, upgid)
{
	int pid = upid ? (int)upid : current->pid, pgid = upgid ? (int)upgid : pid;
	struct task_struct *t = find_task(pid);
	if (pgid < 0)
		return -EINVAL;
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (t->session != current->session)
		return -EPERM;
	if (t->pid == t->session)
		return -EPERM;                  /* a session leader keeps its group */
	if (pgid != t->pid && !pgrp_in_session(pgid, current->session))
		return -EPERM;
	t->pgrp = pgid;
	return 0;
}

SYSCALL_DEFINE0(setsid)
{
	if (current->pgrp == current->pid)
		return -EPERM;                  /* a group leader cannot start a session */
	current->session = current->pgrp = current->pid;
	return current->pid;
}

SYSCALL_DEFINE1(umask, u64, mask)
{
	static u32 umask_value = 022;   /* one for all: the file system is read-only */
	u32 old = umask_value;
	umask_value = mask & 0777;
	return old;
}

/* Precise clocks tick in nanoseconds; the _COARSE ones advance once per
 * timer tick (Linux: hrtimer_resolution, and LOW_RES_NSEC for coarse). */
SYSCALL_DEFINE2(clock_getres, u64, clk, u64, uts)
{
	struct timespec res = { 0, 1 };
	if (clk >= MAX_CLOCKS)
		return -EINVAL;
	if (clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE)
		res.tv_nsec = NSEC_PER_SEC / HZ;
	if (uts && copy_to_user((void *)uts, &res, sizeof(res)))
		return -EFAULT;
	return 0;
}

/* times(2): CPU time in clock ticks (CLK_TCK = HZ = 100); returns ticks since boot. */
struct tms { s64 tms_utime, tms_stime, tms_cutime, tms_cstime; };

SYSCALL_DEFINE1(times, u64, ubuf)
{
	const u64 tick = NSEC_PER_SEC / HZ;
	struct tms t = { current->utime_ns / tick, current->stime_ns / tick,
			 current->cutime_ns / tick, current->cstime_ns / tick };
	if (ubuf && copy_to_user((void *)ubuf, &t, sizeof(t)))
		return -EFAULT;
	return ktime_get_ns() / tick + 1;       /* never 0: 0 would look like an error to some callers */
}
