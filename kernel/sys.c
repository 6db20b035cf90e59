/*
 * kernel/sys.c - small system calls about the process and the machine:
 * uname, rlimits, arch_prctl, clocks (reading and setting) and sleeping, reboot
 * (Linux: kernel/sys.c, kernel/time/, arch/x86/kernel/process_64.c).
 */
#include <syscalls.h>
#include <sched.h>
#include <signal.h>
#include <uaccess.h>
#include <power.h>
#include <printk.h>
#include <string.h>
#include <time.h>
#include <mm.h>
#include <errno.h>
#include <utsname.h>
#include <cred.h>
#include <asm/processor.h>
#include <loadavg.h>
#include "uapi/linux/timex.h"
#include "uapi/linux/fs.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define MAX_CLOCKS 8
#define CLOCK_TAI 11		/* atomic time: REALTIME plus the TAI offset, 0 until adjtimex sets one */
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc
#define LINUX_REBOOT_CMD_HALT 0xcdef0123

SYSCALL_DEFINE0(getpid) { return current->tgid; }
SYSCALL_DEFINE0(gettid) { return current->pid; }
SYSCALL_DEFINE0(getppid)
{
	struct task_struct *p = current->group_leader->parent;
	return p ? p->tgid : 0;
}
/* getuid and the other ids: kernel/setid.c */
SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr) { current->clear_child_tid = tidptr; return current->pid; }
SYSCALL_DEFINE0(sched_yield) { schedule(); return 0; }

SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	return copy_to_user(name, &init_uts_ns, sizeof(init_uts_ns)) ? -EFAULT : 0;
}

/* Linux sethostname/setdomainname: CAP_SYS_ADMIN (EPERM), then at most
 * __NEW_UTS_LEN bytes (EINVAL), then the copy (EFAULT); NUL-padded. */
static long set_uts_field(char *field, const char __user *name, int len)
{
	char tmp[__NEW_UTS_LEN];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	memset(field, 0, __NEW_UTS_LEN + 1);
	memcpy(field, tmp, len);
	return 0;
}

SYSCALL_DEFINE2(sethostname, char __user *, name, int, len)
{
	return set_uts_field(init_uts_ns.nodename, name, len);
}

SYSCALL_DEFINE2(setdomainname, char __user *, name, int, len)
{
	return set_uts_field(init_uts_ns.domainname, name, len);
}

/* ---------------------------------------------------------------- rlimits */
#define SYSCTL_NR_OPEN 1048576	/* Linux's fs.nr_open default */
/* Linux check_prlimit_permission: another process's limits need all of
 * its uids and gids to be the caller's real ones, or CAP_SYS_RESOURCE. */
static int may_prlimit(struct task_struct *t)
{
	const struct cred *c = current_cred(), *tc = t->cred;

	if (t->signal == current->signal)
		return 0;
	if (c->uid == tc->euid && c->uid == tc->suid && c->uid == tc->uid &&
	    c->gid == tc->egid && c->gid == tc->sgid && c->gid == tc->gid)
		return 0;
	return capable(CAP_SYS_RESOURCE) ? 0 : -EPERM;
}

/* Linux: do_prlimit(), shared by prlimit64, getrlimit and setrlimit.
 * Nothing is copied out when the change is refused. */
static long do_prlimit(pid_t pid, unsigned int resource, const struct rlimit __user *new_rlim,
		       struct rlimit __user *old_rlim)
{
	struct rlimit nl, *rlim;
	struct task_struct *t = pid ? find_task(pid) : current;
	long err;

	if (!t)
		return -ESRCH;
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim && copy_from_user(&nl, new_rlim, sizeof(nl)))
		return -EFAULT;
	if (new_rlim && nl.rlim_cur > nl.rlim_max)
		return -EINVAL;
	if (new_rlim && resource == RLIMIT_NOFILE && nl.rlim_max > SYSCTL_NR_OPEN)
		return -EPERM;		/* Linux: fs.nr_open caps RLIMIT_NOFILE, even for root */
	if (pid && (err = may_prlimit(t)))
		return err;
	rlim = &t->signal->rlim[resource];
	/* Only CAP_SYS_RESOURCE raises a hard limit (anyone may lower one). */
	if (new_rlim && nl.rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (old_rlim && copy_to_user(old_rlim, rlim, sizeof(nl)))
		return -EFAULT;
	if (new_rlim)
		*rlim = nl;
	return 0;
}

/* struct rlimit64 and struct rlimit are the same two u64s on x86-64. */
SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource, const struct rlimit __user *, new_rlim,
		struct rlimit __user *, old_rlim)
{
	return do_prlimit(pid, resource, new_rlim, old_rlim);
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	return do_prlimit(0, resource, NULL, rlim);
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	return do_prlimit(0, resource, rlim, NULL);
}

/* Linux's defaults for the first process (include/asm-generic/resource.h). */
void init_rlimits(struct task_struct *t)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		t->signal->rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	t->signal->rlim[RLIMIT_STACK].rlim_cur = 8UL << 20;
	t->signal->rlim[RLIMIT_NOFILE] = (struct rlimit){ INR_OPEN_CUR, INR_OPEN_MAX };
	t->signal->rlim[4] = (struct rlimit){ 0, RLIM_INFINITY };   /* RLIMIT_CORE */
	t->signal->rlim[RLIMIT_NICE] = (struct rlimit){ 0, 0 };   /* as Linux's INIT_RLIMITS: only CAP_SYS_NICE lowers nice */
	t->signal->rlim[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };   /* as Linux's: only CAP_SYS_NICE enters a real-time policy */
}

/* ---------------------------------------------------------------- time */

static u64 clock_ns(clockid_t clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
		return ktime_get_real_ns();	/* kernel/time/timekeeping.c: the CMOS clock's date at boot */
	case CLOCK_TAI:
		return ktime_get_clocktai_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID: {
		u64 ns = 0;

		cpu_clock_get(clk == CLOCK_PROCESS_CPUTIME_ID ? CPUCLOCK_PROCESS_SELF : CPUCLOCK_THREAD_SELF, &ns);
		return ns;
	}
	default:
		return ktime_get_ns();
	}
}


/* Negative ids are Linux's CPU-time clocks of a thread or process (kernel/time/posix_cpu_clocks.c). */
static bool clock_valid(clockid_t clk) { return (clk >= 0 && clk < MAX_CLOCKS) || clk == CLOCK_TAI; }

SYSCALL_DEFINE2(clock_gettime, const clockid_t, which_clock, struct timespec __user *, tp)
{
	struct timespec ts;
	u64 ns;

	if (which_clock < 0) {
		if (cpu_clock_get(which_clock, &ns))
			return -EINVAL;
	} else if (!clock_valid(which_clock)) {
		return -EINVAL;
	} else {
		ns = clock_ns(which_clock);
	}
	ts = ns_to_timespec(ns);
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* Linux's sys_tz: kept for gettimeofday, used by nothing else; UTC at boot. */
struct timezone { int tz_minuteswest, tz_dsttime; };
static struct timezone sys_tz;

SYSCALL_DEFINE2(gettimeofday, struct timeval __user *, tv, struct timezone __user *, tz)
{
	u64 ns = clock_ns(CLOCK_REALTIME);
	struct timeval ktv = ns_to_timeval(ns);
	if (tv && copy_to_user(tv, &ktv, sizeof(ktv)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &sys_tz, sizeof(sys_tz)))
		return -EFAULT;
	return 0;
}

/*
 * Linux timespec64_valid_settod: a valid timespec whose seconds leave 30
 * years of uptime before the kernel's signed 64-bit nanoseconds overflow.
 */
#define KTIME_SEC_MAX (0x7fffffffffffffffLL / (s64)NSEC_PER_SEC)	/* KTIME_MAX in seconds */
#define TIME_UPTIME_SEC_MAX (30LL * 365 * 24 * 3600)
#define TIME_SETTOD_SEC_MAX (KTIME_SEC_MAX - TIME_UPTIME_SEC_MAX)
#define TZ_MINUTES_MAX (15 * 60)	/* Linux: a zone within +-15 hours */

bool timespec_valid_settod(const struct timespec *ts)
{
	return timespec_valid(*ts) && (u64)ts->tv_sec < (u64)TIME_SETTOD_SEC_MAX;
}

/* Linux do_sys_settimeofday64: the range, then CAP_SYS_TIME (cap_settime),
 * then the zone's range; either part may be NULL. */
static long do_sys_settimeofday(const struct timespec *tv, const struct timezone *tz)
{
	if (tv && !timespec_valid_settod(tv))
		return -EINVAL;
	if (!capable(CAP_SYS_TIME))
		return -EPERM;
	if (tz) {
		if (tz->tz_minuteswest > TZ_MINUTES_MAX || tz->tz_minuteswest < -TZ_MINUTES_MAX)
			return -EINVAL;
		sys_tz = *tz;
	}
	return tv ? do_settimeofday64(timespec_to_ns(*tv)) : 0;
}

SYSCALL_DEFINE2(settimeofday, struct timeval __user *, tv, struct timezone __user *, tz)
{
	struct timespec ts;
	struct timeval ktv;
	struct timezone ktz;

	if (tv) {
		if (copy_from_user(&ktv, tv, sizeof(ktv)))
			return -EFAULT;
		if (ktv.tv_usec > (s64)USEC_PER_SEC || ktv.tv_usec < 0)
			return -EINVAL;	/* Linux's test: 1000000 gets through, to fail as 1e9 ns */
		ts = (struct timespec){ ktv.tv_sec, ktv.tv_usec * (s64)(NSEC_PER_SEC / USEC_PER_SEC) };
	}
	if (tz && copy_from_user(&ktz, tz, sizeof(ktz)))
		return -EFAULT;
	return do_sys_settimeofday(tv ? &ts : NULL, tz ? &ktz : NULL);
}

/*
 * Linux SYSCALL_DEFINE2(clock_settime): of the clocks faultline has, only
 * CLOCK_REALTIME has a setter (posix_clock_realtime_set); any other clock,
 * the process and thread CPU clocks included, is EINVAL before the
 * timespec is read.  (Linux's EPERM for a CPU clock, posix_cpu_clock_set,
 * is for the negative ids of another process's clock, absent here.)
 */
SYSCALL_DEFINE2(clock_settime, const clockid_t, which_clock, const struct timespec __user *, tp)
{
	struct timespec ts;

	if (which_clock != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&ts, tp, sizeof(ts)))
		return -EFAULT;
	return do_sys_settimeofday(&ts, NULL);
}

/*
 * Linux do_clock_adjtime: CLOCK_REALTIME is the only clock with a
 * clock_adj method (do_adjtimex); Linux's other clocks, up to
 * CLOCK_BOOTTIME_ALARM and CLOCK_TAI, and the CPU clocks' negative ids
 * (whatever task they name) are EOPNOTSUPP; an id with no clock, and a
 * clock device's descriptor (CLOCKFD, none here), EINVAL.  The struct is
 * read first (EFAULT) and written back only on success.
 */
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCKFD 3			/* Linux: (~fd << 3) | CLOCKFD names a clock device */
#define CLOCKFD_MASK 7

static int clock_adjtime_method(clockid_t which)
{
	if (which == CLOCK_REALTIME)
		return 0;
	if (which < 0)
		return (which & CLOCKFD_MASK) == CLOCKFD ? -EINVAL : -EOPNOTSUPP;
	return which <= CLOCK_BOOTTIME_ALARM || which == CLOCK_TAI ? -EOPNOTSUPP : -EINVAL;
}

SYSCALL_DEFINE2(clock_adjtime, const clockid_t, which_clock, struct __kernel_timex __user *, utx)
{
	struct __kernel_timex ktx;
	int err;

	if (copy_from_user(&ktx, utx, sizeof(ktx)))
		return -EFAULT;
	err = clock_adjtime_method(which_clock);
	if (!err)
		err = do_adjtimex(&ktx);
	if (err >= 0 && copy_to_user(utx, &ktx, sizeof(ktx)))
		return -EFAULT;
	return err;
}

SYSCALL_DEFINE1(time, time_t __user *, tloc)
{
	time_t t = clock_ns(CLOCK_REALTIME) / NSEC_PER_SEC;
	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/* A relative sleep, never restarted: a signal ends it with -EINTR and the
 * time left in *rmtp (Linux: hrtimer_nanosleep, shared by nanosleep and
 * clock_nanosleep). */
static long do_nanosleep(const struct timespec __user *rqtp, struct timespec __user *rmtp)
{
	struct timespec req, rem;
	u64 deadline;
	if (copy_from_user(&req, rqtp, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(req))
		return -EINVAL;
	deadline = ktime_get_ns() + timespec_to_ns(req);
	while (ktime_get_ns() < deadline) {
		current->wake_at_ns = deadline;
		if (sleep_on(NULL)) {
			u64 left = deadline > ktime_get_ns() ? deadline - ktime_get_ns() : 0;
			rem = ns_to_timespec(left);
			if (rmtp && copy_to_user(rmtp, &rem, sizeof(rem)))
				return -EFAULT;
			return -EINTR;
		}
	}
	return 0;
}

SYSCALL_DEFINE2(nanosleep, struct timespec __user *, rqtp, struct timespec __user *, rmtp)
{
	return do_nanosleep(rqtp, rmtp);
}

#define TIMER_ABSTIME 1

/* Linux: only the clocks whose k_clock has an nsleep method can be slept on
 * (kernel/time/posix-timers.c SYSCALL_DEFINE4(clock_nanosleep) returns
 * -EOPNOTSUPP for the others, before reading the timespec): a thread's own
 * CPU clock, MONOTONIC_RAW and the COARSE clocks have none. */
static bool clock_can_sleep(clockid_t clk)
{
	switch (clk) {
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return false;
	default:
		return true;
	}
}

/* clock_nanosleep returns the error instead of setting errno (POSIX). */
SYSCALL_DEFINE4(clock_nanosleep, const clockid_t, which_clock, int, flags, const struct timespec __user *, rqtp,
		struct timespec __user *, rmtp)
{
	clockid_t clk = which_clock;
	struct timespec req;
	u64 target, cur;
	if (!clock_valid(clk))
		return -EINVAL;
	if (!clock_can_sleep(clk))
		return -EOPNOTSUPP;
	if (!(flags & TIMER_ABSTIME))
		return do_nanosleep(rqtp, rmtp);
	if (copy_from_user(&req, rqtp, sizeof(req)))
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

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	if (magic1 != (int)LINUX_REBOOT_MAGIC1)
		return -EINVAL;
	if (cmd == LINUX_REBOOT_CMD_POWER_OFF || cmd == LINUX_REBOOT_CMD_HALT || cmd == LINUX_REBOOT_CMD_RESTART) {
		pr_info("reboot: Power down\n");
		machine_power_off(EXIT_SUCCESS_CODE);
	}
	return -EINVAL;
}

/* sysinfo(2): init uses freeram to check that every test gave back all its pages.
 * Linux do_sysinfo: uptime rounded up to whole seconds, the load averages
 * with SI_LOAD_SHIFT fraction bits, procs the number of threads. */
#define SI_LOAD_SHIFT 16
struct sysinfo {
	s64 uptime;
	u64 loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u64 totalhigh, freehigh;
	u32 mem_unit;
	char _f[4];
};

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo si;
	struct list_head *p;
	u64 up = ktime_get_ns();

	memset(&si, 0, sizeof(si));
	si.uptime = up / NSEC_PER_SEC + (up % NSEC_PER_SEC != 0);
	for (int i = 0; i < LOADAVG_NR; i++)
		si.loads[i] = avenrun[i] << (SI_LOAD_SHIFT - FSHIFT);
	si.totalram = nr_total_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	list_for_each(p, &task_list)
		si.procs++;
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

/* ---------------------------------------------------------------- process groups */
SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;
	return t ? t->signal->pgrp : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp) { return current->signal->pgrp; }

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct task_struct *t = pid ? find_task(pid) : current;
	return t ? t->signal->session : -ESRCH;
}

static bool pgrp_in_session(int pgrp, int session)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->signal->pgrp == pgrp && t->signal->session == session && t->state != TASK_DEAD)
			return true;
	}
	return false;
}

/* Some live process is in group @pgrp, in any session (Linux: pid_task(pgrp, PIDTYPE_PGID)). */
static bool pgrp_exists(int pgrp)
{
	struct list_head *p;
	list_for_each(p, &task_list) {
		struct task_struct *t = list_entry(p, struct task_struct, tasks);
		if (t->signal->pgrp == pgrp && t->state != TASK_DEAD)
			return true;
	}
	return false;
}

/* setpgid: on ourselves or a child, within our session (POSIX; Linux kernel/sys.c). */
SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *t;
	if (!pid)
		pid = current->pid;
	if (!pgid)
		pgid = pid;
	t = find_task(pid);
	if (pgid < 0)
		return -EINVAL;
	if (!t || (t != current && t->parent != current))
		return -ESRCH;
	if (t->signal->session != current->signal->session)
		return -EPERM;
	if (t != current && t->did_exec)
		return -EACCES;                 /* a child that has exec'd is its own (Linux: PF_FORKNOEXEC) */
	if (t->pid == t->signal->session)
		return -EPERM;                  /* a session leader keeps its group */
	if (pgid != t->pid && !pgrp_in_session(pgid, current->signal->session))
		return -EPERM;
	t->signal->pgrp = pgid;
	return 0;
}

SYSCALL_DEFINE0(setsid)
{
	if (pgrp_exists(current->pid))
		return -EPERM;                  /* a group named by our pid exists: we lead it, or did (Linux ksys_setsid) */
	current->signal->session = current->signal->pgrp = current->pid;
	sched_autogroup_create_attach(current);	/* Linux ksys_setsid: a new session, a new group */
	return current->pid;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	u32 old = current->fs->umask;
	current->fs->umask = mask & 0777;
	return old;
}

/* Precise clocks tick in nanoseconds; the _COARSE ones advance once per
 * timer tick (Linux: hrtimer_resolution, and LOW_RES_NSEC for coarse). */
SYSCALL_DEFINE2(clock_getres, const clockid_t, which_clock, struct timespec __user *, tp)
{
	struct timespec res = { 0, 1 };
	u64 ns;

	if (which_clock < 0) {
		if (cpu_clock_getres(which_clock, &ns))
			return -EINVAL;
		res.tv_nsec = (s64)ns;
	} else if (!clock_valid(which_clock)) {
		return -EINVAL;
	}
	if (which_clock == CLOCK_REALTIME_COARSE || which_clock == CLOCK_MONOTONIC_COARSE)
		res.tv_nsec = NSEC_PER_SEC / HZ;
	if (tp && copy_to_user(tp, &res, sizeof(res)))
		return -EFAULT;
	return 0;
}

/* times(2): CPU time in clock ticks (CLK_TCK = HZ = 100); returns ticks since boot. */
struct tms { s64 tms_utime, tms_stime, tms_cutime, tms_cstime; };

SYSCALL_DEFINE1(times, struct tms __user *, tbuf)
{
	const u64 tick = NSEC_PER_SEC / HZ;
	struct tms t = { current->utime_ns / tick, current->stime_ns / tick,
			 current->signal->cutime_ns / tick, current->signal->cstime_ns / tick };
	if (tbuf && copy_to_user(tbuf, &t, sizeof(t)))
		return -EFAULT;
	return ktime_get_ns() / tick + 1;       /* never 0: 0 would look like an error to some callers */
}
