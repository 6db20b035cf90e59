/*
 * tools/fuzz/fuzz.c - a small trinity/syzkaller-style system-call fuzzer.
 *
 *     fuzz [-w WORKERS] [-H HANG_SECS] [-v] [-r] [-k] [-x BUG] SEED COUNT
 *
 * (tools/fuzz/README.md explains the options; tools/fuzz/run runs it on
 * faultline, `make fuzz` and the `make test` job use that.)
 *
 * One static musl binary that runs unchanged on faultline and on Linux.
 * The parent forks WORKERS worker processes (default 4); together they make
 * COUNT system calls, each worker COUNT/WORKERS of them.  Every call is
 * built from a table of signatures (SYSCALLS[] below): for each system call
 * the types of its arguments (an fd, a user pointer the kernel reads or
 * writes, a length, open flags, a path, a pid, a signal, ...).  A generator
 * per type picks a value that is sometimes valid and often not: closed or
 * huge fds, NULL / kernel / non-canonical pointers, pointers into PROT_NONE
 * or read-only pages, structures that straddle a page boundary into a page
 * the kernel may not touch, lengths around page sizes, unknown flag bits.
 * One pseudo-call, "touch", has a child read and write pages from user
 * mode, so the page-fault path itself is fuzzed after the mm calls.
 *
 * Reproducible: call I of worker W is generated from a random stream seeded
 * by (SEED, W, I) alone, so the same seed gives the same calls (as long as
 * the kernel behaves the same: a call's arguments may depend on what earlier
 * calls returned, such as the fd an open() gave).
 *
 * Surviving a crash: before each call a worker writes (index, number,
 * arguments) into a MAP_SHARED anonymous page the parent also maps; after
 * it, the result.  If a worker dies, the parent still has its last calls.
 * A worker killed by a signal is respawned (from the next call).  A worker
 * that makes no progress for HANG_SECS seconds is a problem: the parent
 * prints the seed and the last calls of every worker and exits 1.  With -v
 * every worker also writes each call to stderr *before* making it: when the
 * whole kernel hangs or panics, qrun still has that stream.
 *
 * "Unexpected death" is a problem too: a worker that has done nothing that
 * could legitimately get it killed (installed a signal handler, sent itself
 * a signal, changed its rlimits or its fs base, ...: see taint()) must not
 * die of a signal; on Linux it does not.  That catches a kernel that kills
 * a process inside fork() with SIGSEGV, for instance.
 *
 * Safety (it must be harmless when run natively as root on a Linux host):
 *  - paths are a fixed list of relative names inside a per-worker folder of
 *    a scratch directory made with mkdtemp under /tmp (never "..", never an
 *    absolute path), plus bad pointers; symlink targets come from the same
 *    list, so nothing ever leads outside the scratch directory;
 *  - memory-management calls (mmap MAP_FIXED, munmap, mprotect, mremap,
 *    madvise, ...) only touch a private "arena" the worker maps, clamped to
 *    it, or kernel / non-canonical addresses that every kernel refuses;
 *  - the kernel only writes into the arena or into a private argument
 *    buffer, each followed by pages the kernel may not write, so a huge
 *    length stops there with EFAULT;
 *  - signals go only to the worker itself or its own children (never pid 0,
 *    -1 or a process group), never a stop signal; no ioctl outside a fixed
 *    harmless list; no reboot, set*id to another user, capset, mount,
 *    clock setting, device nodes other than null/zero, MADV_HWPOISON, MAP_LOCKED/POPULATE of huge sizes,
 *    no execve of an existing file; RLIMIT_FSIZE caps every file at 4 MiB
 *    and fallocate lengths are small or invalid.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE		4096UL
#define MAX_WORKERS	16
#define RING		8		/* calls each worker keeps in the shared page */
#define ARENA_PAGES	4096		/* 16 MiB the mm calls may play with */
#define PATTERN_PAGES	512		/* its first pages: rw rw rw rw ro none (hole) rw */
#define ARGBUF_PAGES	16		/* the fuzzer's own argument buffer */
#define TRACE_FD	1000		/* the parent's stderr, in the workers (-v) */
#define HOME_FD		1001		/* the worker's own folder */
#define FILE_LIMIT	(4UL << 20)	/* RLIMIT_FSIZE of a worker */
#define TICK_USEC	100000		/* SIGALRM period: blocked calls end with EINTR */
#define MAX_CHILDREN	16

/* ---------------------------------------------------------------- raw syscalls
 * Workers never use libc after setup: a fuzzed arch_prctl(ARCH_SET_FS) may
 * have broken musl's thread pointer, and errno lives there. */
static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e, r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define sys0(n)			sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a)		sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b)		sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c)	sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d)	sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/*
 * fork, vfork and clone whose child exits at once without touching memory
 * (not even the stack: with CLONE_VM it shares the parent's).  The child's
 * path is all in this asm block: syscall returns 0 in the child, which then
 * calls exit(0).
 */
static long clone_and_exit(long nr, long a, long b, long c, long d, long e)
{
	register long r10 __asm__("r10") = d, r8 __asm__("r8") = e;
	long ret;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "mov $60, %%eax\n\t"
			 "xor %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "1:"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return ret;
}

/* ---------------------------------------------------------------- randomness */
static uint64_t rng;

static uint64_t mix(uint64_t z)		/* splitmix64's finaliser */
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd(void)
{
	rng += 0x9e3779b97f4a7c15ULL;
	return mix(rng);
}

/* Call `index` of worker `w` depends on (seed, w, index) and nothing else. */
static void seed_call(uint64_t seed, int w, uint64_t index)
{
	rng = mix(seed * 0x100000001b3ULL ^ mix((uint64_t)w << 48 ^ index));
}

static unsigned long rr(unsigned long n) { return n ? rnd() % n : 0; }
static int pct(int p) { return (int)rr(100) < p; }
#define PICK(a) ((a)[rr(sizeof(a) / sizeof((a)[0]))])

/* ---------------------------------------------------------------- shared state */
struct rec {				/* one call, as the parent prints it */
	uint64_t index;
	long nr;
	long args[6];
	long ret;
	int state;			/* 0 empty, 1 in the call, 2 returned */
};

struct wslot {				/* one worker's page in the shared area */
	int pid;
	int tainted;			/* may legitimately die of a signal */
	uint64_t next;			/* the call it is at (= calls done) */
	uint64_t end;			/* its last call + 1 */
	uint64_t clean;			/* calls it made untainted */
	struct rec ring[RING];		/* ring[i % RING]: call i */
	char pad[PAGE - 32 - RING * sizeof(struct rec)];
};

static struct wslot *shared;
static int parent_under_init;		/* the fuzzer's parent is init: run by tools/qrun */		/* MAP_SHARED | MAP_ANONYMOUS, WORKERS pages */

/* ---------------------------------------------------------------- argument types */
enum {
	T_NONE, T_FD, T_NEWFD, T_DIRFD, T_OUT, T_IN, T_LEN, T_PATH, T_OFLAGS, T_MODE,
	T_OFF, T_WHENCE, T_IOV, T_IOVCNT, T_PID, T_WPID, T_SIG, T_MMADDR, T_MMHINT,
	T_MMLEN, T_PROT, T_MAPFLAGS, T_MREMAP, T_MADV, T_MSYNC, T_BRK, T_TIMESPEC,
	T_TIMEVAL, T_ITIMERVAL, T_ITIMERSPEC, T_RLIMIT, T_RES, T_SIGACT, T_SIGSET,
	T_SSIZE, T_HOW, T_STACK, T_FCNTL, T_IOCTL, T_CLOCK, T_WOPT, T_IDTYPE,
	T_WHO, T_WHICH, T_INT, T_ULONG, T_UID, T_PRCTL, T_ARCH, T_POLLFD, T_NFDS,
	T_FDSET, T_SELN, T_DOM, T_STYPE, T_PROTO, T_SIGEV, T_TIMERID, T_XNAME,
	T_XFLAGS, T_ATFLAGS, T_DEV, T_RFLAGS, T_GRND, T_FALLOC, T_FLEN, T_TFLAGS,
	T_AMODE, T_MSEC, T_PIPEFL, T_SIGINFO, T_TID, T_PRIOW, T_NICE, T_LOCKOP,
	T_SECS, T_MASK, T_SIGSETPACK, T_SELF, T_TOUCH, T_KEEPID, T_NGROUPS,
};

/* Flags of a table entry. */
#define F_RETFD		0x01	/* returns a new fd: keep it in the pool */
#define F_SPECIAL	0x02	/* made by special_call(), not sys6() */
#define F_MM		0x04	/* an mm call: clamp its range to the arena */
#define F_TIMER		0x08	/* may replace our SIGALRM ticker: re-arm it */
#define F_MASK		0x10	/* may change the signal mask: restore it */
#define F_PIPEFDS	0x20	/* writes two fds through its first/last pointer */
#define F_TAINT		0x40	/* success may make a later death legitimate */
#define F_MAP		0x80	/* returns a new mapping: keep or unmap it */

struct sc {
	const char *name;
	long nr;
	unsigned char nargs, weight, flags;
	unsigned char t[6];
};

#define S(nm, w, fl, ...) { #nm, SYS_##nm, sizeof((unsigned char[]){__VA_ARGS__}), w, fl, { __VA_ARGS__ } }
#define S0(nm, w, fl) { #nm, SYS_##nm, 0, w, fl, { 0 } }

/*
 * The signatures.  weight: how often relative to the others (1..9).
 * The set*id calls get only ids that keep the worker root (T_KEEPID: -1,
 * "leave it", or 0), so it never locks itself out of its own folder or
 * loses the right to signal its children; setgroups may set any groups
 * (root reads and writes regardless); capset is left out (it could drop
 * the capabilities the other calls count on).
 * Left out on purpose: reboot, mount, settimeofday, ptrace, capset,
 * exit/exit_group (a worker is not meant to end itself), rt_sigreturn (it
 * would jump to whatever the stack holds), close_range (could close our
 * trace fd), mlock*, syslog, kexec, init_module, swapon, iopl.
 */
static const struct sc SYSCALLS[] = {
	S(read, 9, 0, T_FD, T_OUT, T_LEN),
	S(write, 9, 0, T_FD, T_IN, T_LEN),
	S(open, 6, F_RETFD, T_PATH, T_OFLAGS, T_MODE),
	S(close, 4, 0, T_FD),
	S(stat, 4, 0, T_PATH, T_OUT),
	S(fstat, 4, 0, T_FD, T_OUT),
	S(lstat, 3, 0, T_PATH, T_OUT),
	S(poll, 4, 0, T_POLLFD, T_NFDS, T_MSEC),
	S(lseek, 4, 0, T_FD, T_OFF, T_WHENCE),
	S(mmap, 8, F_MM | F_MAP, T_MMHINT, T_MMLEN, T_PROT, T_MAPFLAGS, T_FD, T_OFF),
	S(mprotect, 7, F_MM, T_MMADDR, T_MMLEN, T_PROT),
	S(munmap, 6, F_MM, T_MMADDR, T_MMLEN),
	S(brk, 2, 0, T_BRK),
	S(rt_sigaction, 5, F_TAINT, T_SIG, T_SIGACT, T_OUT, T_SSIZE),
	S(rt_sigprocmask, 4, F_MASK, T_HOW, T_SIGSET, T_OUT, T_SSIZE),
	S(ioctl, 5, 0, T_FD, T_IOCTL, T_OUT),
	S(pread64, 5, 0, T_FD, T_OUT, T_LEN, T_OFF),
	S(pwrite64, 5, 0, T_FD, T_IN, T_LEN, T_OFF),
	S(readv, 7, 0, T_FD, T_IOV, T_IOVCNT),
	S(writev, 7, 0, T_FD, T_IOV, T_IOVCNT),
	S(access, 3, 0, T_PATH, T_AMODE),
	S(pipe, 3, F_PIPEFDS, T_OUT),
	S(select, 3, 0, T_SELN, T_FDSET, T_FDSET, T_FDSET, T_TIMEVAL),
	S0(sched_yield, 1, 0),
	S(mremap, 7, F_MM | F_MAP, T_MMADDR, T_MMLEN, T_MMLEN, T_MREMAP, T_MMADDR),
	S(msync, 3, F_MM, T_MMADDR, T_MMLEN, T_MSYNC),
	S(mincore, 3, 0, T_MMADDR, T_MMLEN, T_OUT),
	S(madvise, 5, F_MM, T_MMADDR, T_MMLEN, T_MADV),
	S(dup, 3, F_RETFD, T_FD),
	S(dup2, 3, F_RETFD, T_FD, T_NEWFD),
	S0(pause, 1, 0),
	S(nanosleep, 2, 0, T_TIMESPEC, T_OUT),
	S(getitimer, 2, 0, T_WHICH, T_OUT),
	S(alarm, 2, F_TIMER, T_SECS),
	S(setitimer, 3, F_TIMER | F_TAINT, T_WHICH, T_ITIMERVAL, T_OUT),
	S0(getpid, 1, 0),
	S(sendfile, 3, 0, T_FD, T_FD, T_OUT, T_LEN),
	S(socket, 3, F_RETFD, T_DOM, T_STYPE, T_PROTO),
	S(socketpair, 2, F_PIPEFDS, T_DOM, T_STYPE, T_PROTO, T_OUT),
	S(clone, 4, F_SPECIAL, T_ULONG, T_ULONG, T_OUT, T_OUT, T_ULONG),
	S0(fork, 4, F_SPECIAL),
	S0(vfork, 3, F_SPECIAL),
	S(execve, 2, F_SPECIAL, T_IN, T_IN, T_IN),
	S(wait4, 4, 0, T_WPID, T_OUT, T_WOPT, T_OUT),
	S(kill, 2, F_TAINT, T_PID, T_SIG),
	S(uname, 1, 0, T_OUT),
	S(fcntl, 6, F_RETFD | F_TAINT, T_FD, T_FCNTL, T_ULONG),
	S(flock, 2, 0, T_FD, T_LOCKOP),
	S(fsync, 2, 0, T_FD),
	S(fdatasync, 1, 0, T_FD),
	S(truncate, 3, 0, T_PATH, T_FLEN),
	S(ftruncate, 3, 0, T_FD, T_FLEN),
	S(getdents, 3, 0, T_FD, T_OUT, T_LEN),
	S(getcwd, 2, 0, T_OUT, T_LEN),
	S(chdir, 2, 0, T_PATH),
	S(fchdir, 2, 0, T_FD),
	S(rename, 3, 0, T_PATH, T_PATH),
	S(mkdir, 3, 0, T_PATH, T_MODE),
	S(rmdir, 3, 0, T_PATH),
	S(creat, 2, F_RETFD, T_PATH, T_MODE),
	S(link, 3, 0, T_PATH, T_PATH),
	S(unlink, 3, 0, T_PATH),
	S(symlink, 3, 0, T_PATH, T_PATH),
	S(readlink, 3, 0, T_PATH, T_OUT, T_LEN),
	S(chmod, 2, 0, T_PATH, T_MODE),
	S(fchmod, 2, 0, T_FD, T_MODE),
	S(chown, 2, 0, T_PATH, T_UID, T_UID),
	S(fchown, 2, 0, T_FD, T_UID, T_UID),
	S(lchown, 1, 0, T_PATH, T_UID, T_UID),
	S(umask, 1, 0, T_MODE),
	S(gettimeofday, 2, 0, T_OUT, T_OUT),
	S(getrlimit, 2, 0, T_RES, T_OUT),
	S(getrusage, 2, 0, T_WHO, T_OUT),
	S(sysinfo, 1, 0, T_OUT),
	S(times, 1, 0, T_OUT),
	S0(getuid, 1, 0), S0(getgid, 1, 0), S0(geteuid, 1, 0), S0(getegid, 1, 0),
	S(setuid, 1, 0, T_KEEPID), S(setgid, 1, 0, T_KEEPID),
	S(setreuid, 1, 0, T_KEEPID, T_KEEPID), S(setregid, 1, 0, T_KEEPID, T_KEEPID),
	S(setresuid, 1, 0, T_KEEPID, T_KEEPID, T_KEEPID), S(setresgid, 1, 0, T_KEEPID, T_KEEPID, T_KEEPID),
	S(getresuid, 1, 0, T_OUT, T_OUT, T_OUT), S(getresgid, 1, 0, T_OUT, T_OUT, T_OUT),
	S(setfsuid, 1, 0, T_KEEPID), S(setfsgid, 1, 0, T_KEEPID),
	S(getgroups, 2, 0, T_NGROUPS, T_OUT), S(setgroups, 2, 0, T_NGROUPS, T_IN),
	S(capget, 2, 0, T_IN, T_OUT),
	S(setpgid, 1, 0, T_SELF, T_SELF),
	S0(getppid, 1, 0), S0(getpgrp, 1, 0), S0(setsid, 1, 0), S0(gettid, 1, 0),
	S(getpgid, 1, 0, T_WPID),
	S(getsid, 1, 0, T_WPID),
	S(rt_sigpending, 2, 0, T_OUT, T_SSIZE),
	S(rt_sigtimedwait, 2, 0, T_MASK, T_OUT, T_TIMESPEC, T_SSIZE),
	S(rt_sigqueueinfo, 2, F_TAINT, T_SELF, T_SIG, T_SIGINFO),
	S(rt_sigsuspend, 1, 0, T_MASK, T_SSIZE),
	S(sigaltstack, 2, F_TAINT, T_STACK, T_OUT),
	S(utime, 1, 0, T_PATH, T_IN),
	S(utimes, 1, 0, T_PATH, T_IN),
	S(mknod, 2, 0, T_PATH, T_MODE, T_DEV),
	S(statfs, 2, 0, T_PATH, T_OUT),
	S(fstatfs, 2, 0, T_FD, T_OUT),
	S(getpriority, 1, 0, T_PRIOW, T_WPID),
	S(setpriority, 1, 0, T_PRIOW, T_WPID, T_NICE),
	S(sched_getscheduler, 1, 0, T_WPID),
	S(sched_get_priority_max, 1, 0, T_INT),
	S(sched_get_priority_min, 1, 0, T_INT),
	S(prctl, 3, F_TAINT, T_PRCTL, T_ULONG, T_ULONG, T_ULONG, T_ULONG),
	S(arch_prctl, 2, F_TAINT, T_ARCH, T_OUT),
	S(setrlimit, 2, F_TAINT, T_RES, T_RLIMIT),
	S0(sync, 1, 0),
	S(syncfs, 1, 0, T_FD),
	S(setxattr, 2, 0, T_PATH, T_XNAME, T_IN, T_LEN, T_XFLAGS),
	S(lsetxattr, 1, 0, T_PATH, T_XNAME, T_IN, T_LEN, T_XFLAGS),
	S(fsetxattr, 2, 0, T_FD, T_XNAME, T_IN, T_LEN, T_XFLAGS),
	S(getxattr, 2, 0, T_PATH, T_XNAME, T_OUT, T_LEN),
	S(lgetxattr, 1, 0, T_PATH, T_XNAME, T_OUT, T_LEN),
	S(fgetxattr, 2, 0, T_FD, T_XNAME, T_OUT, T_LEN),
	S(listxattr, 2, 0, T_PATH, T_OUT, T_LEN),
	S(llistxattr, 1, 0, T_PATH, T_OUT, T_LEN),
	S(flistxattr, 1, 0, T_FD, T_OUT, T_LEN),
	S(removexattr, 1, 0, T_PATH, T_XNAME),
	S(lremovexattr, 1, 0, T_PATH, T_XNAME),
	S(fremovexattr, 1, 0, T_FD, T_XNAME),
	S(tkill, 2, F_TAINT, T_TID, T_SIG),
	S(tgkill, 2, F_TAINT, T_SELF, T_TID, T_SIG),
	S(time, 1, 0, T_OUT),
	S(sched_getaffinity, 1, 0, T_WPID, T_LEN, T_OUT),
	S(set_tid_address, 1, 0, T_OUT),
	S(timer_create, 3, F_TAINT, T_CLOCK, T_SIGEV, T_OUT),
	S(timer_settime, 3, 0, T_TIMERID, T_TFLAGS, T_ITIMERSPEC, T_OUT),
	S(timer_gettime, 2, 0, T_TIMERID, T_OUT),
	S(timer_getoverrun, 1, 0, T_TIMERID),
	S(timer_delete, 2, 0, T_TIMERID),
	S(clock_gettime, 3, 0, T_CLOCK, T_OUT),
	S(clock_getres, 2, 0, T_CLOCK, T_OUT),
	S(clock_nanosleep, 2, 0, T_CLOCK, T_TFLAGS, T_TIMESPEC, T_OUT),
	S(waitid, 3, 0, T_IDTYPE, T_WPID, T_OUT, T_WOPT, T_OUT),
	S(openat, 6, F_RETFD, T_DIRFD, T_PATH, T_OFLAGS, T_MODE),
	S(mkdirat, 2, 0, T_DIRFD, T_PATH, T_MODE),
	S(mknodat, 1, 0, T_DIRFD, T_PATH, T_MODE, T_DEV),
	S(fchownat, 1, 0, T_DIRFD, T_PATH, T_UID, T_UID, T_ATFLAGS),
	S(newfstatat, 3, 0, T_DIRFD, T_PATH, T_OUT, T_ATFLAGS),
	S(unlinkat, 2, 0, T_DIRFD, T_PATH, T_ATFLAGS),
	S(renameat, 2, 0, T_DIRFD, T_PATH, T_DIRFD, T_PATH),
	S(linkat, 2, 0, T_DIRFD, T_PATH, T_DIRFD, T_PATH, T_ATFLAGS),
	S(symlinkat, 1, 0, T_PATH, T_DIRFD, T_PATH),
	S(readlinkat, 2, 0, T_DIRFD, T_PATH, T_OUT, T_LEN),
	S(fchmodat, 1, 0, T_DIRFD, T_PATH, T_MODE, T_ATFLAGS),
	S(faccessat, 2, 0, T_DIRFD, T_PATH, T_AMODE, T_ATFLAGS),
	S(faccessat2, 2, 0, T_DIRFD, T_PATH, T_AMODE, T_ATFLAGS),
	S(pselect6, 2, 0, T_SELN, T_FDSET, T_FDSET, T_FDSET, T_TIMESPEC, T_SIGSETPACK),
	S(ppoll, 2, 0, T_POLLFD, T_NFDS, T_TIMESPEC, T_MASK, T_SSIZE),
	/* The remote side is a vector of our own kind of buffers (ours or a child's: the same addresses). */
	S(process_vm_readv, 2, 0, T_PID, T_IOV, T_IOVCNT, T_IOV, T_IOVCNT, T_INT),
	S(process_vm_writev, 1, 0, T_PID, T_IOV, T_IOVCNT, T_IOV, T_IOVCNT, T_INT),
	S(utimensat, 2, 0, T_DIRFD, T_PATH, T_IN, T_ATFLAGS),
	S(fallocate, 2, 0, T_FD, T_FALLOC, T_OFF, T_FLEN),
	S(dup3, 2, F_RETFD, T_FD, T_NEWFD, T_PIPEFL),
	S(pipe2, 3, F_PIPEFDS, T_OUT, T_PIPEFL),
	S(prlimit64, 2, F_TAINT, T_SELF, T_RES, T_RLIMIT, T_OUT),
	S(renameat2, 1, 0, T_DIRFD, T_PATH, T_DIRFD, T_PATH, T_RFLAGS),
	S(getrandom, 2, 0, T_OUT, T_LEN, T_GRND),
	S(memfd_create, 1, F_RETFD, T_XNAME, T_PIPEFL),
	S(eventfd, 1, F_RETFD, T_ULONG),
	S(eventfd2, 2, F_RETFD, T_ULONG, T_PIPEFL),
	S(timerfd_create, 2, F_RETFD, T_CLOCK, T_PIPEFL),
	S(timerfd_settime, 2, 0, T_FD, T_TFLAGS, T_ITIMERSPEC, T_OUT),
	S(timerfd_gettime, 1, 0, T_FD, T_OUT),
	S(epoll_create, 1, F_RETFD, T_INT),
	S(epoll_create1, 2, F_RETFD, T_PIPEFL),
	S(epoll_ctl, 3, 0, T_FD, T_INT, T_FD, T_IN),
	S(epoll_wait, 2, 0, T_FD, T_OUT, T_INT, T_MSEC),
	S(epoll_pwait, 2, 0, T_FD, T_OUT, T_INT, T_MSEC, T_MASK, T_SSIZE),
	S(epoll_pwait2, 1, 0, T_FD, T_OUT, T_INT, T_TIMESPEC, T_MASK, T_SSIZE),
	S(statx, 2, 0, T_DIRFD, T_PATH, T_ATFLAGS, T_ULONG, T_OUT),
	{ "unknown", -1, 6, 2, F_SPECIAL, { T_ULONG, T_ULONG, T_ULONG, T_ULONG, T_ULONG, T_ULONG } },
	/* Not a system call: a child reads or writes six addresses from user
	 * mode (the page-fault path), the worker waits for it; "= status". */
	{ "touch", -2, 6, 8, F_SPECIAL, { T_TOUCH, T_TOUCH, T_TOUCH, T_TOUCH, T_TOUCH, T_TOUCH } },
};
#define NSYSCALLS (int)(sizeof(SYSCALLS) / sizeof(SYSCALLS[0]))

static const char *sc_name(long nr)
{
	static char buf[32];

	if (nr == -1)
		return "unknown";
	for (int i = 0; i < NSYSCALLS; i++)
		if (SYSCALLS[i].nr == nr)
			return SYSCALLS[i].name;
	snprintf(buf, sizeof buf, "syscall_%ld", nr);
	return buf;
}

/* ---------------------------------------------------------------- worker state */
static int W;				/* this worker's number */
static uint64_t SEED;
static int verbose;
static int results;			/* -r: each call's outcome on stderr, for diffs */

/*
 * -x NAME: steer clear of a kernel bug already found and reported, so that
 * a sweep finds the next one instead of the same one again.
 *   mmaphint  mmap without MAP_FIXED whose hint + length wraps past 2^64
 *             (faultline returns the hint and wrecks the address space;
 *             /work/scratch/fuzz-repros/mmap_kernel_hint.c)
 */
static int avoid_mmaphint;
static char *arena, *arena_end;		/* [arena, arena_end): the mm calls' playground */
static char *argbuf;			/* ARGBUF_PAGES rw, then none / rw / ro / none */
static long restorer;			/* musl's __restore_rt, for SA_RESTORER */
static long brk0;			/* the heap's start */
static long fs_base;			/* this worker's %fs base (musl's TLS) */
static int mypid;
static uint64_t sigmask_saved;		/* the worker's own signal mask */

static int basefd[24], nbase;		/* fds opened at setup (pipes, files, ...) */
static int f0_fd = -1;			/* f0, a regular file with data, among them */
static int newfd[16], nnew;		/* fds fuzzed calls returned, a ring */
static int children[MAX_CHILDREN], nchildren;
static uint64_t touched_sigs;		/* signals whose action a fuzzed call set */
static unsigned taint_what;		/* TW_*: what untaint() has to undo */
#define TW_SIG		0x01	/* signal actions (touched_sigs), signals to self */
#define TW_TIMER	0x02	/* POSIX timers, ITIMER_VIRTUAL/PROF */
#define TW_RLIMIT	0x04
#define TW_FD		0x08	/* an fd with an owner or a lease (SIGIO, SIGURG) */
#define TW_MISC		0x10	/* pdeathsig, sigaltstack, fs/gs base, cpuid */
static long saved_rlimits[16][2];	/* the worker's rlimits at setup */
static struct { long addr, len; } maps[4];	/* mappings outside the arena */
static int nmaps;

/* Paths: relative to the worker's own folder, never leaving it. */
static const char *const NAMES[] = {
	"f0", "f1", "f2", "d0", "d0/f3", "d0/d1", "d0/d1/f4", "l0", "l1", "l2",
	"p0", "s0", "nonexist", "d0/nonexist/x", "f0/x", "", ".", "d0/", "d0//f3",
	"l0/x", "t0", "t1", "d2", "d2/f5",
};

/* The kernel may not read or write here, whatever the length. */
static const unsigned long BAD_ADDRS[] = {
	0xffff800000000000UL, 0xffff888000000000UL, 0xffffffff81000000UL,
	0xffffffffff600000UL, 0xfffffffffffff000UL, 0xffffffffffffffffUL,
	0x0000800000000000UL, 0x8000000000000000UL, 0xdead000000000000UL,
	0x00007ffffffff000UL + 0x1000,	/* = TASK_SIZE */
};

/* ---------------------------------------------------------------- generators */

static long arena_page(void);
static void tick(int sig);


/* A length: around page sizes, zero, huge and "negative". */
static long gen_len(void)
{
	static const long L[] = { 0, 1, 2, 7, 8, 16, 64, 100, 255, 256, 511, 512, 1023,
		1024, 4095, 4096, 4097, 8191, 8192, 8193, 65536, 1 << 20,
		0x7fffffff, 0x80000000L, 0xffffffffL, -1, -4096, 1L << 48 };
	return pct(30) ? (long)rr(9000) : PICK(L);
}

/*
 * A user pointer.  The kernel may read or write through it, so it is never
 * the fuzzer's own data: the argument buffer, the arena, or an address no
 * kernel accepts.  Straddling pointers end a few bytes before a page the
 * kernel may not write (none/ro), so a structure is cut in two.
 */
static long gen_ptr(void)
{
	static const long small[] = { 0, 1, 8, 0xfff, 0x1000, 0x10000 };
	long ab = (long)argbuf, ae = ab + ARGBUF_PAGES * PAGE;

	switch (rr(20)) {
	case 0 ... 8:	return ab + (long)rr(256) * 8;		/* valid, aligned */
	case 9:		return ab + (long)rr(ARGBUF_PAGES * PAGE);	/* valid, any alignment */
	case 10 ... 12:	return arena_page() + (pct(20) ? (long)rr(PAGE) : 0);
	case 13:	return ae - 1 - (long)rr(64);		/* straddles into PROT_NONE */
	case 14:	return ae + PAGE + PAGE - 1 - (long)rr(64);	/* straddles into read-only */
	case 15:	return ae + 2 * PAGE + PAGE - 1 - (long)rr(64);	/* read-only, then none */
	case 16:	return ae;				/* PROT_NONE */
	case 17:	return PICK(small);
	default:	return (long)PICK(BAD_ADDRS) + (pct(20) ? (long)rr(PAGE) : 0);
	}
}

/* Fill the argument buffer with junk so "valid" structures are random. */
static void scribble(long p, size_t n)
{
	long ab = (long)argbuf, ae = ab + ARGBUF_PAGES * PAGE;

	if (p < ab || p + (long)n > ae)
		return;
	for (size_t i = 0; i < n; i += 8) {
		uint64_t v = rnd();
		memcpy((char *)p + i, &v, n - i < 8 ? n - i : 8);
	}
}

/* A pointer to a structure of `size` bytes: usually valid (and filled by
 * the caller), else any pointer. */
static long *gen_struct(size_t size)
{
	long p = pct(75) ? (long)argbuf + 2048 + (long)rr(64) * 64 : gen_ptr();

	if (p >= (long)argbuf && p + (long)size <= (long)argbuf + (long)(ARGBUF_PAGES * PAGE)) {
		scribble(p, size);
		return (long *)p;
	}
	return (long *)p;		/* not ours to fill */
}

static int ours(const long *p, size_t size)
{
	long ab = (long)argbuf;
	return (long)p >= ab && (long)p + (long)size <= ab + (long)(ARGBUF_PAGES * PAGE);
}

static int child_pid(void)
{
	/* Only a child that is certainly still ours (reaped or not): waitid
	 * with WNOWAIT leaves it as it is; ECHILD means it is gone. */
	while (nchildren) {
		int i = (int)rr(nchildren);
		char si[128];
		if (sys6(SYS_waitid, P_PID, children[i], (long)si, WEXITED | WNOHANG | WNOWAIT | __WALL, 0, 0) != -ECHILD)
			return children[i];
		children[i] = children[--nchildren];
	}
	return mypid;
}

static long gen_fd(void)
{
	static const long bad[] = { -1, -100, 1 << 20, 0x7fffffff, 4096, 999, 0, 1, 2 };

	switch (rr(10)) {
	case 0 ... 5:	return nbase ? basefd[rr(nbase)] : -1;
	case 6 ... 7:	return nnew ? newfd[rr(nnew)] : basefd[0];
	case 8:		return 0x100000000L | (nbase ? basefd[rr(nbase)] : 3);	/* upper half ignored */
	default:	return PICK(bad);
	}
}

static long gen_sig(void)
{
	static const long odd[] = { 0, 65, -1, 1000, SIGKILL, SIGSEGV, SIGUSR1, SIGCHLD };
	long s;

	if (pct(15))
		return PICK(odd);
	do
		s = 1 + (long)rr(64);
	while (s == SIGSTOP || s == SIGTSTP || s == SIGTTIN || s == SIGTTOU);
	return s;
}

/* A sigset: random, but never blocking SIGALRM when the call waits with it. */
static long gen_mask(int allow_alarm)
{
	long *p = gen_struct(16);
	/* The kernel reads 8 bytes (sigsetsize 8): a mask that straddles the
	 * end of our buffer still blocks what its first word says (seed 14:
	 * rt_sigsuspend with SIGALRM blocked waited for ever, on any kernel). */
	static long safe_copy;
	long word;
	struct iovec here = { &word, sizeof word }, there = { p, sizeof word };

	if (allow_alarm)
		return (long)p;
	if (ours(p, sizeof(long))) {
		p[0] &= ~(1L << (SIGALRM - 1));
		return (long)p;
	}
	/* Elsewhere (a read-only page of the arena): whatever it holds may block
	 * SIGALRM too (seed 14 again).  If it can be read at all, the call gets
	 * a copy without SIGALRM; if not, the kernel's EFAULT is what we want. */
	if (syscall(SYS_process_vm_readv, mypid, &here, 1, &there, 1, 0) != sizeof word)
		return (long)p;
	safe_copy = word & ~(1L << (SIGALRM - 1));
	return (long)&safe_copy;
}

/*
 * pselect6's sixth argument, { const sigset_t *ss; size_t ss_len }, where
 * the pack is not ours to write (a read-only page of the arena): what it
 * holds may point at a mask that blocks SIGALRM, and pselect6 with no fds
 * and no timeout then waits for ever, on Linux too (seed 1215).  If the
 * pack and its mask can be read, the call gets copies with SIGALRM let
 * through; if not, the kernel's EFAULT is what we want.
 */
static long safe_sigsetpack(long *p)
{
	static long pack[2], mask;
	struct iovec here = { pack, sizeof pack }, there = { p, sizeof pack };

	if (ours(p, sizeof pack) || syscall(SYS_process_vm_readv, mypid, &here, 1, &there, 1, 0) != sizeof pack)
		return (long)p;
	if (pack[0]) {
		struct iovec m_here = { &mask, sizeof mask }, m_there = { (void *)pack[0], sizeof mask };

		if (syscall(SYS_process_vm_readv, mypid, &m_here, 1, &m_there, 1, 0) == sizeof mask) {
			mask &= ~(1L << (SIGALRM - 1));
			pack[0] = (long)&mask;
		}
	}
	return (long)pack;
}

static void gen_timespec_at(long *t)
{
	static const long nsec[] = { 0, 1, 1000, 100000, 999999999, 1000000000, -1 };
	t[0] = pct(90) ? 0 : pct(50) ? 1 : PICK(((const long[]){ -1, 1L << 40, 0x7fffffffffffffffL }));
	t[1] = pct(70) ? (long)rr(1000000) : PICK(nsec);
}

static long gen_path(void)
{
	char *p = argbuf + ARGBUF_PAGES * PAGE - 8192 + (long)rr(8) * 512;

	switch (rr(20)) {
	case 0 ... 14:
		strcpy(p, PICK(NAMES));
		return (long)p;
	case 15: {				/* too long: a name over NAME_MAX, or a path over PATH_MAX */
		char *q = argbuf + 4096 + 64;
		size_t n = pct(50) ? 256 + rr(8) : 4096 + rr(8);
		memset(q, 'a', n);
		for (size_t i = 64; pct(50) && i < n; i += 64)
			q[i] = '/';
		q[n] = 0;
		return (long)q;
	}
	case 16: {				/* runs into the PROT_NONE page without a NUL */
		char *end = argbuf + ARGBUF_PAGES * PAGE;
		size_t n = 1 + rr(16);
		memset(end - n, 'f', n);
		return (long)(end - n);
	}
	default:
		return (long)PICK(BAD_ADDRS);
	}
}

/* An iovec array in the argument buffer, sometimes placed so that it runs
 * into the PROT_NONE page after it (element k is cut by the page end). */
static long gen_iov(long *cnt_hint)
{
	long ab = (long)argbuf, ae = ab + ARGBUF_PAGES * PAGE;
	long n = pct(70) ? 1 + (long)rr(8) : PICK(((const long[]){ 0, 16, 1024, 1025 }));
	long *iov;

	*cnt_hint = n;
	if (pct(8))
		return gen_ptr();
	if (pct(20)) {				/* straddles: only the first k fit */
		long k = (long)rr(n > 8 ? 8 : n + 1);
		iov = (long *)(ae - k * 16 - (pct(30) ? 8 : 0));
	} else {
		iov = (long *)(ab + 256 + (long)rr(16) * 16);
	}
	for (long i = 0; i < n && (long)(iov + 2 * i + 2) <= ae; i++) {
		iov[2 * i] = pct(80) ? ab + 4096 * 2 + (long)rr(4096) : gen_ptr();
		iov[2 * i + 1] = pct(70) ? (long)rr(5000) : gen_len();
	}
	return (long)iov;
}

static long arena_page(void)	/* mostly in the patterned part */
{
	return (long)arena + (long)rr(pct(80) ? PATTERN_PAGES : ARENA_PAGES) * PAGE;
}

static long gen_mmaddr(void)
{
	if (pct(8))
		return (long)PICK(BAD_ADDRS) & ~(long)(PAGE - 1);
	return arena_page() + (pct(5) ? 1 + (long)rr(PAGE - 1) : 0);
}

static long gen_mmlen(void)
{
	static const long L[] = { 0, 1, 4095, 4096, 4097, 8192, 3 * 4096, 16 * 4096,
		ARENA_PAGES * PAGE, -4096, -1, 1L << 46 };
	return pct(60) ? (long)(1 + rr(16)) * (long)PAGE : PICK(L);
}

/* Any value of a type (the structures it points to are filled here too). */
static long gen(int t, long *cnt_hint)
{
	long *p;

	switch (t) {
	case T_FD:	return gen_fd();
	case T_NEWFD:	return pct(50) ? gen_fd() : 200 + (long)rr(8);
	case T_DIRFD:	return pct(50) ? AT_FDCWD : gen_fd();
	case T_OUT:	return gen_ptr();
	case T_IN: {
		long q = gen_ptr();
		scribble(q, 64);
		return q;
	}
	case T_LEN:	return gen_len();
	case T_PATH:	return gen_path();
	case T_OFLAGS: {
		static const long bits[] = { O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK,
			O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, O_PATH, O_NOCTTY, O_SYNC, O_DSYNC,
			O_DIRECT, O_NOATIME, O_LARGEFILE, O_TMPFILE };
		long f = (long)rr(4);
		for (int i = 0, n = (int)rr(4); i < n; i++)
			f |= PICK(bits);
		if (pct(5))
			f |= 1L << rr(32);
		return f;
	}
	case T_MODE:	return pct(80) ? (long)rr(07777) : (long)rnd();
	case T_OFF: {
		static const long O[] = { 0, 0, 1, 4095, 4096, 4097, 1 << 20, 1L << 31, 1L << 40,
			-1, -4096, 0x7fffffffffffffffL, 0x7ffffffffffff000L };
		return pct(30) ? (long)rr(20000) : PICK(O);
	}
	case T_WHENCE:	return pct(90) ? (long)rr(5) : PICK(((const long[]){ 5, -1, 1 << 20 }));
	case T_IOV:	return gen_iov(cnt_hint);
	case T_IOVCNT:	return pct(80) ? *cnt_hint : PICK(((const long[]){ 0, 1, 1024, 1025, -1, 0x100000001L }));
	case T_PID:	return pct(70) ? (pct(50) ? mypid : child_pid()) : PICK(((const long[]){ 0x3fffffff, -0x80000000L, 0x40000000 }));
	case T_SELF:	return pct(60) ? mypid : pct(50) ? 0 : 0x3fffffff;
	case T_WPID:	return pct(60) ? PICK(((const long[]){ -1, 0, -1 })) : pct(50) ? child_pid() : PICK(((const long[]){ 1, 0x3fffffff, -0x3fffffff }));
	case T_TID:	return pct(80) ? mypid : PICK(((const long[]){ 0, -1, 0x3fffffff }));
	case T_SIG:	return gen_sig();
	case T_MMADDR:	return gen_mmaddr();
	case T_MMHINT:	return pct(40) ? 0 : gen_mmaddr();
	case T_MMLEN:	return gen_mmlen();
	case T_PROT:	return pct(85) ? (long)rr(8) : PICK(((const long[]){ PROT_GROWSDOWN | 3, PROT_GROWSUP | 1, 0x10, -1 }));
	case T_MAPFLAGS: {
		static const long bits[] = { MAP_ANONYMOUS, MAP_ANONYMOUS, MAP_FIXED, MAP_FIXED,
			MAP_NORESERVE, MAP_POPULATE, MAP_GROWSDOWN, MAP_STACK, MAP_FIXED_NOREPLACE,
			MAP_32BIT, 0x800000 /* faultline's MAP_NOFAULT */, 0x4000000 /* MAP_UNINITIALIZED */ };
		long f = PICK(((const long[]){ MAP_PRIVATE, MAP_PRIVATE, MAP_SHARED, MAP_SHARED_VALIDATE, 0 }));
		for (int i = 0, n = (int)rr(4); i < n; i++)
			f |= PICK(bits);
		if (pct(3))
			f |= 1L << (20 + rr(6));	/* unknown-ish high bits (clamped below) */
		return f;
	}
	case T_MREMAP:	return pct(90) ? (long)rr(8) : (long)rnd() & 0xff;
	case T_MADV:	return pct(90) ? PICK(((const long[]){ 0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15,
					16, 17, 18, 19, 20, 21, 22, 23, 24, 25 })) : 1000 + (long)rr(100);
	case T_MSYNC:	return (long)rr(8) | (pct(5) ? 8 : 0);
	case T_BRK:	return PICK(((const long[]){ 0, brk0, brk0 + 4096, brk0 + (1 << 20), brk0 - 4096,
					(long)0xffff800000000000UL, 1 }));
	case T_TIMESPEC:
		p = gen_struct(16);
		if (ours(p, 16))
			gen_timespec_at(p);
		return pct(10) ? 0 : (long)p;
	case T_TIMEVAL:
		p = gen_struct(16);
		if (ours(p, 16)) {
			gen_timespec_at(p);
			p[1] /= 1000;
		}
		return pct(10) ? 0 : (long)p;
	case T_ITIMERVAL: case T_ITIMERSPEC:
		p = gen_struct(32);
		if (ours(p, 32)) {
			gen_timespec_at(p);
			gen_timespec_at(p + 2);
			if (p[0] == 0 && p[1] > 0 && p[1] < 10000000)
				p[1] = 10000000;	/* interval >= 10 ms: a shorter one can keep
							 * a handler busy forever (a livelock) */
			if (t == T_ITIMERVAL) {
				p[1] /= 1000;
				p[3] /= 1000;
			}
		}
		return (long)p;
	case T_RLIMIT:
		p = gen_struct(16);
		if (ours(p, 16)) {
			static const long R[] = { 0, 1, 64, 1024, 4096, 1 << 20, -1, -2 };
			p[0] = PICK(R);
			p[1] = pct(70) ? -1 : PICK(R);
		}
		return (long)p;
	case T_RES:	return pct(90) ? (long)rr(16) : PICK(((const long[]){ 16, -1, 1000 }));
	case T_SIGACT:
		if (pct(15))
			return pct(50) ? 0 : gen_ptr();
		p = gen_struct(32);
		if (ours(p, 32)) {
			p[0] = PICK(((const long[]){ (long)SIG_DFL, (long)SIG_IGN, (long)tick, (long)tick,
						      0xdead000, (long)0xffffffff81000000UL }));
			p[1] = (long)(rnd() & 0xfc00000fL) | (pct(80) ? SA_RESTORER : 0);
			p[2] = pct(85) ? restorer : (long)PICK(BAD_ADDRS);
		}
		return (long)p;
	case T_SIGSET:	return pct(10) ? 0 : gen_mask(1);
	case T_MASK:	return gen_mask(0);
	case T_SSIZE:	return pct(85) ? 8 : PICK(((const long[]){ 0, 4, 16, 128, -1 }));
	case T_HOW:	return pct(90) ? (long)rr(3) : PICK(((const long[]){ 3, -1 }));
	case T_STACK:
		if (pct(20))
			return pct(50) ? 0 : gen_ptr();
		p = gen_struct(24);
		if (ours(p, 24)) {
			p[0] = pct(70) ? (long)arena + (long)rr(ARENA_PAGES) * PAGE : gen_ptr();
			p[1] = (long)rr(4);		/* 0, SS_ONSTACK 1, SS_DISABLE 2, 3 */
			if (pct(10))
				p[1] |= 1L << 31;	/* SS_AUTODISARM */
			p[2] = PICK(((const long[]){ 0, 2048, 8192, 65536, -1, 1 << 20 }));
		}
		return (long)p;
	case T_IOCTL: {
		/* Only requests harmless on any fd we have (pipes, files, sockets,
		 * /dev/null): never the FS_IOC_SET*, FIFREEZE or SIOCS* kind.  The
		 * unknown ones are _IOC(3, 'Z', nr, 222), which no handler of a
		 * regular file, pipe or socket knows. */
		static const long R[] = { 0x541b /* FIONREAD */, 0x5421 /* FIONBIO */,
			0x5451 /* FIOCLEX */, 0x5450 /* FIONCLEX */, 0x5452 /* FIOASYNC */,
			0x5401 /* TCGETS */, 0x5413 /* TIOCGWINSZ */, 0x540f /* TIOCGPGRP */,
			0x80086601 /* FS_IOC_GETFLAGS */, 2 /* FIGETBSZ */, 0x5460 /* FIOQSIZE */, 0 };
		return pct(80) ? PICK(R) : (long)(0xc0de5a00UL | rr(256));
	}
	case T_FCNTL: return PICK(((const long[]){ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 36, 37, 38,
					 1030, 1024, 1025, 1026, 1031, 1032, 1033, 1034, 12345, -1 }));
	case T_CLOCK:	return pct(85) ? (long)rr(12) : PICK(((const long[]){ -1, 100, -6, 0x7fffffff }));
	case T_WOPT:	return (long)(rnd() & (WNOHANG | WUNTRACED | WCONTINUED | WEXITED | WNOWAIT | __WALL | __WCLONE))
				| (pct(70) ? WNOHANG : 0) | (pct(3) ? 1L << rr(32) : 0);
	case T_IDTYPE:	return pct(90) ? (long)rr(4) : PICK(((const long[]){ 4, -1 }));
	case T_WHO:	return PICK(((const long[]){ 0, -1, 1, 2, -2 }));
	case T_WHICH:	return pct(90) ? (long)rr(3) : PICK(((const long[]){ 3, -1 }));
	case T_INT:	return pct(80) ? (long)rr(8) - 1 : (long)(int)rnd();
	case T_ULONG:	return pct(50) ? (long)rr(4096) : (long)rnd();
	case T_UID:	return PICK(((const long[]){ 0, 1000, 65534, -1, 0x7ffffffe }));
	case T_KEEPID:	return PICK(((const long[]){ 0, -1, 0xffffffffL }));	/* root stays root */
	case T_NGROUPS:	return pct(80) ? (long)rr(8) : PICK(((const long[]){ 65536, 65537, -1, 0x7fffffff }));
	case T_PRCTL:
		/* Harmless options; never PR_SET_MM, PR_SET_DUMPABLE, PR_SET_SECCOMP. */
		return pct(85) ? PICK(((const long[]){ 1, 2, 3, 7, 13, 15, 16, 19, 23, 25, 27, 29, 30,
						    36, 37, 38, 39, 40, 41, 42, 52 }))
			       : 1000 + (long)rr(1000);
	case T_ARCH:	return PICK(((const long[]){ 0x1001, 0x1002, 0x1003, 0x1004, 0x1003, 0x1004,
					 0x1011, 0x1012, 0x2000, 0 }));
	case T_POLLFD: {
		long n = pct(80) ? 1 + (long)rr(8) : 0;
		long ab = (long)argbuf, ae = ab + ARGBUF_PAGES * PAGE;
		long q = pct(20) ? ae - 8 * (long)rr(4) : ab + 512 + (long)rr(16) * 8;
		*cnt_hint = n;
		for (long i = 0; i < n && q + 8 * i + 8 <= ae; i++) {
			int *e = (int *)(q + 8 * i);
			e[0] = (int)gen_fd();
			e[1] = (int)(rnd() & 0xffff);	/* events (revents is the kernel's) */
		}
		return pct(8) ? gen_ptr() : q;
	}
	case T_NFDS:	return pct(85) ? *cnt_hint : PICK(((const long[]){ 0, 1 << 20, -1, 0x100000001L }));
	case T_FDSET: {
		if (pct(30))
			return 0;
		p = gen_struct(128);
		if (ours(p, 128))
			for (int i = 0; i < 16; i++)
				p[i] = i == 0 ? (long)rnd() & 0x1ff : 0;
		return (long)p;
	}
	case T_SELN:	return PICK(((const long[]){ 0, 1, 4, 8, 9, 16, 64, 1024, 1025, -1, 1L << 30 }));
	case T_DOM:	return PICK(((const long[]){ AF_UNIX, AF_UNIX, AF_INET, AF_INET6, 0, 200, -1 }));
	case T_STYPE:	return PICK(((const long[]){ SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, 0, 11 }))
				| (pct(30) ? SOCK_NONBLOCK : 0) | (pct(30) ? SOCK_CLOEXEC : 0);
	case T_PROTO:	return pct(80) ? 0 : PICK(((const long[]){ 6, 17, 255, -1 }));
	case T_SIGEV:
		if (pct(20))
			return pct(50) ? 0 : gen_ptr();
		p = gen_struct(64);
		if (ours(p, 64)) {
			int *q = (int *)p;
			q[2] = (int)gen_sig();		/* sigev_signo */
			q[3] = PICK(((const int[]){ 0, 1, 4, 2, 7 }));	/* SIGNAL NONE THREAD_ID THREAD ? */
			q[4] = pct(80) ? mypid : -1;	/* sigev_notify_thread_id */
		}
		return (long)p;
	case T_TIMERID:	return pct(85) ? (long)rr(4) : PICK(((const long[]){ -1, 1 << 20, 0x7fffffff }));
	case T_XNAME: {
		static const char *const X[] = { "user.fuzz", "user.a", "trusted.fuzz", "security.fuzz",
			"system.posix_acl_access", "", "noprefix", "user." };
		char *q = argbuf + 3000;
		if (pct(10))
			return gen_ptr();
		if (pct(5)) {
			memset(q, 'x', 300);
			memcpy(q, "user.", 5);
			q[300] = 0;
		} else {
			strcpy(q, PICK(X));
		}
		return (long)q;
	}
	case T_XFLAGS:	return pct(90) ? (long)rr(4) : (long)rnd();
	case T_ATFLAGS:	return (long)(rnd() & (0x100 | 0x200 | 0x400 | 0x800 | 0x1000 | 0x6000)) | (pct(3) ? 1L << rr(32) : 0);
	case T_DEV:	return PICK(((const long[]){ 0, 0x103, 0x105 }));	/* 1:3 null, 1:5 zero */
	case T_RFLAGS:	return pct(80) ? (long)rr(8) : (long)rnd();
	case T_GRND:	return pct(90) ? (long)rr(8) : (long)rnd();
	case T_FALLOC:	return PICK(((const long[]){ 0, 1, 3, 8, 0x10, 0x11, 0x20, 0x40, 0x80, -1 }));
	case T_FLEN:	return PICK(((const long[]){ 0, 1, 4095, 4096, 4097, 65536, 1 << 20, 3 << 20,
					 -1, 0x7fffffffffffffffL, 1L << 40 }));
	case T_TFLAGS:	return pct(90) ? (long)rr(2) : (long)rnd();
	case T_AMODE:	return pct(90) ? (long)rr(8) : (long)rnd();
	case T_MSEC:	return PICK(((const long[]){ 0, 0, 1, 10, -1, -2, 0x7fffffff }));
	case T_PIPEFL:	return (long)(rnd() & (O_CLOEXEC | O_NONBLOCK | O_DIRECT)) | (pct(5) ? 1L << rr(32) : 0);
	case T_SIGINFO:	return (long)gen_struct(128);
	case T_PRIOW:	return pct(90) ? 0 : PICK(((const long[]){ 1, 2, 3, -1 }));	/* see fixup */
	case T_NICE:	return (long)rr(40) - 20 + (pct(5) ? 1000 : 0);
	case T_LOCKOP:	return PICK(((const long[]){ 1, 2, 8, 5, 6, 4, 3, 0, 0x40 }));	/* LOCK_SH EX UN |NB */
	case T_SECS:	return pct(80) ? (long)rr(3) : (long)rnd();
	case T_TOUCH: {		/* an address to touch; the low bit: write */
		long addr = arena_page() + (long)rr(PAGE);
		if (nmaps && pct(25)) {
			int m = (int)rr(nmaps);
			addr = maps[m].addr + (long)rr((unsigned long)maps[m].len < (1UL << 24) ? maps[m].len : 4096);
		}
		return (addr & ~1L) | (long)rr(2);
	}
	case T_SIGSETPACK:
		p = gen_struct(16);
		if (ours(p, 16)) {
			static long no_alarm_mask;	/* blocks nothing */
			long m = pct(20) ? 0 : gen_mask(0);

			/* Both come from the same 64 slots: a mask in the pack's
			 * own words would become the pointer written over it,
			 * whose bits may block SIGALRM (seed 1215 on faultline). */
			if (m && m < (long)(p + 2) && m + (long)sizeof(long) > (long)p)
				m = (long)&no_alarm_mask;
			p[0] = m;
			p[1] = pct(85) ? 8 : 16;
		}
		return pct(20) ? 0 : safe_sigsetpack(p);
	}
	return 0;
}

/* ---------------------------------------------------------------- safety fixups */

static int in_arena(long a) { return a >= (long)arena && a < (long)arena_end; }

/* [a, a+len) must stay inside the arena unless len wraps around (then every
 * kernel refuses it before doing anything). */
static long clamp_len(long a, long len)
{
	if (in_arena(a) && len >= 0 && len > (long)arena_end - a)
		return (long)arena_end - a;
	return len;
}

/*
 * The last word on every generated call: rules that keep the fuzzer (and a
 * Linux host it runs on as root) safe, whatever the generators picked.
 */
static void fixup(const struct sc *s, long *a)
{
	switch (s->nr) {
	case SYS_mmap:
		/* (the kernel page-aligns the length first: 0xfffffffffffff000
		 * + 0xfff wraps too) */
		if (avoid_mmaphint && !(a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) &&
		    (unsigned long)a[0] + (((unsigned long)a[1] + PAGE - 1) & ~(PAGE - 1)) <= (unsigned long)a[0])
			a[0] = 0;
		a[3] &= ~(long)(MAP_LOCKED | MAP_HUGETLB | 0x400000 /* MAP_SYNC... */);
		a[3] &= ~(0x3fL << 26);			/* MAP_HUGE_SHIFT sizes */
		if ((a[3] & MAP_POPULATE) && (unsigned long)a[1] > (16UL << 20))
			a[1] = 16 << 20;
		if (!(a[3] & MAP_ANONYMOUS) && pct(50))
			a[4] = f0_fd;			/* a regular file, often */
		if (pct(70))
			a[5] &= ~(long)(PAGE - 1);
		/* Last, after every change to the length: a fixed mapping stays
		 * inside the arena (or at an address no kernel accepts). */
		if (a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
			if (!in_arena(a[0]) && (unsigned long)a[0] < 0x0000800000000000UL)
				a[0] = (long)arena;		/* a user address outside: no */
			a[1] = clamp_len(a[0], a[1]);
		}
		break;
	case SYS_mprotect: case SYS_munmap: case SYS_msync: case SYS_madvise:
		a[1] = clamp_len(a[0], a[1]);
		if (s->nr == SYS_madvise && (a[2] == 100 || a[2] == 101))	/* HWPOISON, SOFT_OFFLINE */
			a[2] = 4;
		break;
	case SYS_mremap:
		a[1] = clamp_len(a[0], a[1]);
		if (a[3] & MREMAP_FIXED) {
			if (!in_arena(a[4]))
				a[4] = (long)arena + (long)rr(ARENA_PAGES) * PAGE;
			a[2] = clamp_len(a[4], a[2]);
		}
		break;
	case SYS_mincore:
		a[1] = clamp_len(a[0], a[1]);
		break;
	case SYS_rt_sigaction:
		if (a[0] == SIGALRM)
			a[0] = SIGUSR2;		/* our ticker's */
		/* A handler that just returns, for a fault signal, would make the
		 * faulting instruction run again forever. */
		if ((a[0] == SIGSEGV || a[0] == SIGBUS || a[0] == SIGILL || a[0] == SIGFPE || a[0] == SIGTRAP)
		    && ours((long *)a[1], 8) && ((long *)a[1])[0] == (long)tick)
			((long *)a[1])[0] = (long)SIG_DFL;
		break;
	case SYS_prctl:
		if (pct(70))			/* many options write through arg2 */
			a[1] = gen_ptr();
		if (a[0] == 1 && pct(50))	/* PR_SET_PDEATHSIG: a real signal */
			a[1] = gen_sig();
		break;
	case SYS_arch_prctl:
		if (a[0] == 0x1002 && pct(60))	/* ARCH_SET_FS: usually a harmless value */
			a[1] = pct(50) ? fs_base : (long)PICK(BAD_ADDRS);
		if (a[0] == 0x1001 && pct(50))
			a[1] = 0;
		break;
	case SYS_setrlimit: case SYS_prlimit64: {
		int res = s->nr == SYS_setrlimit ? 0 : 1;
		if (a[res] == RLIMIT_FSIZE || a[res] == RLIMIT_CORE)
			a[res + 1] = 0;		/* read only: file size and core dumps stay capped */
		if (s->nr == SYS_prlimit64 && a[0] != mypid && a[0] != 0)
			a[2] = 0;
		break;
	}
	case SYS_fcntl:
		switch (a[1]) {
		case 0: case 1030:	a[2] = pct(70) ? (long)rr(300) : (long)rnd(); break;	/* DUPFD */
		case 4:			a[2] = gen(T_OFLAGS, NULL); break;
		case 5: case 6: case 7: case 36: case 37: case 38: {
			long *l = gen_struct(32);
			if (ours(l, 32)) {
				short *h = (short *)l;
				h[0] = (short)rr(4);	/* l_type: RD WR UN ? */
				h[1] = (short)rr(4);	/* l_whence */
				l[1] = (long)rr(8192) - (pct(10) ? 100000 : 0);
				l[2] = pct(30) ? 0 : (long)rr(8192);
				((int *)l)[6] = 0;	/* l_pid: 0 for OFD locks */
			}
			a[2] = (long)l;
			break;
		}
		case 8:			a[2] = pct(70) ? mypid : pct(50) ? child_pid() : 0x3fffffff; break;	/* SETOWN */
		case 10:		a[2] = gen_sig(); break;
		case 15: case 16: {	/* F_[SG]ETOWN_EX: {type, pid} */
			int *o = (int *)gen_struct(8);
			if (ours((long *)o, 8)) {
				o[0] = (int)rr(4);
				o[1] = pct(80) ? mypid : 0x3fffffff;
			}
			a[2] = (long)o;
			break;
		}
		case 1031:		a[2] = PICK(((const long[]){ 0, 4096, 65536, 1 << 20, -1 })); break;
		}
		break;
	case SYS_kill: case SYS_tkill: case SYS_rt_sigqueueinfo:
		if (a[0] == 0 || a[0] == -1)
			a[0] = mypid;
		if (a[0] != mypid && a[0] != 0x3fffffff && a[0] != -0x80000000L && a[0] != 0x40000000) {
			int ok = 0;	/* a child of ours, checked just now by child_pid() */
			for (int i = 0; i < nchildren; i++)
				ok |= children[i] == a[0];
			if (!ok)
				a[0] = mypid;
		}
		break;
	case SYS_setpriority: case SYS_getpriority:
		/* PRIO_PROCESS for ourselves or a child; PRIO_PGRP / PRIO_USER only
		 * with ids no process group or user has. */
		if (a[0] == 1 || a[0] == 2)
			a[1] = 0x7ffffff0;
		else if (a[1] == -1 || a[1] == -0x3fffffff || a[1] == 1)
			a[1] = mypid;
		break;
	case SYS_setpgid:
		break;				/* T_SELF: 0, ourselves or nobody */
	case SYS_mknod: case SYS_mknodat: {
		int m = s->nr == SYS_mknod ? 1 : 2;
		static const long types[] = { S_IFREG, S_IFIFO, S_IFSOCK, 0, S_IFCHR, S_IFDIR, 0170000 };
		a[m] = (a[m] & 07777) | PICK(types);	/* never a block device */
		if ((a[m] & S_IFMT) == S_IFCHR && a[m + 1] != 0x103 && a[m + 1] != 0x105)
			a[m + 1] = 0x103;
		break;
	}
	case SYS_fallocate:
		/* valid (offset, length) pairs stay small: no filling a host disk */
		if (a[2] >= 0 && a[3] >= 0 && a[2] <= 0x7fffffffffffffffL - a[3] && a[2] + a[3] > (long)FILE_LIMIT) {
			a[2] &= 0xfffff;
			a[3] &= 0x1fffff;
		}
		break;
	case SYS_ioctl:
		if (a[1] == 0x5421 || a[1] == 0x5452)	/* FIONBIO, FIOASYNC: an int pointer */
			scribble(a[2], 8);
		break;
	case SYS_sched_getaffinity:
		break;
	case SYS_clone: {
		/* Flags from fork-like combinations; the child exits at once in
		 * asm (see clone_and_exit), so even CLONE_VM is safe.  A child of
		 * CLONE_PARENT belongs to our parent: it must signal SIGCHLD. */
		static const long combos[] = { SIGCHLD, CLONE_VM | CLONE_VFORK | SIGCHLD,
			CLONE_VM | CLONE_FS | CLONE_FILES | SIGCHLD, CLONE_FILES | CLONE_SIGHAND,
			CLONE_THREAD | CLONE_SIGHAND | CLONE_VM, CLONE_THREAD,
			CLONE_SETTLS | SIGCHLD, CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
			CLONE_CHILD_SETTID | SIGCHLD, CLONE_PARENT | SIGCHLD, CLONE_SIGHAND,
			CLONE_PIDFD | SIGCHLD, 0 };
		long f = PICK(combos);
		if (pct(20))
			f = (f & ~0xffL) | (long)rr(65);	/* another exit signal */
		if (pct(5))
			f |= 1L << (32 + rr(4));		/* unknown high bits */
		if (f & CLONE_PARENT)
			f = (f & ~0xffL) | SIGCHLD;
		a[0] = f;
		a[1] = pct(80) ? 0 : (long)arena_end - 64;	/* a stack the child never uses */
		a[4] = (f & CLONE_SETTLS) ? (pct(50) ? fs_base : (long)PICK(BAD_ADDRS)) : 0;
		/* The tid pointers are written (PARENT_SETTID in our memory, CLEARTID
		 * in a CLONE_VM child's at exit): a spare word or a bad address,
		 * never the fuzzer's own data. */
		a[2] = pct(50) ? (long)argbuf + 16 : (long)PICK(BAD_ADDRS);
		a[3] = pct(50) ? (long)argbuf + 24 : (long)PICK(BAD_ADDRS);
		break;
	}
	case SYS_execve: {
		/* Bad pointers or a name that cannot be run: execve must fail.
		 * The names are ones no fuzzed call can create (not in NAMES). */
		static const char *const names[] = { "xnone", "d0", "", "xdir/x", "f0/x" };
		char *q = argbuf + 6000;
		a[0] = pct(50) ? (long)PICK(BAD_ADDRS) : (strcpy(q, PICK(names)), (long)q);
		if (pct(50)) {				/* argv/envp: arrays of pointers */
			long *v = (long *)(argbuf + 6200);
			for (int i = 0; i < 4; i++)
				v[i] = pct(25) ? 0 : gen_ptr();
			a[1] = (long)v;
		}
		break;
	}
	}
}

/* A range the fuzzer lets a memory call change: inside the arena, or one
 * that every kernel refuses (wraps around, or lies above TASK_SIZE). */
static int range_ok(long addr, long len)
{
	unsigned long a = (unsigned long)addr, l = (unsigned long)len;

	if (a + l < a || a >= 0x0000800000000000UL || len < 0)
		return 1;
	return a >= (unsigned long)arena && a + l <= (unsigned long)arena_end;
}

/* The safety net under fixup(): a fixed mapping or a change outside the
 * arena would be the fuzzer's own bug (it could wreck itself, or a Linux
 * host's process), so the worker stops with status 4 instead. */
static void check_mm(const struct sc *s, const long *a)
{
	int ok = 1;

	switch (s->nr) {
	case SYS_mmap:
		ok = !(a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE)) || range_ok(a[0], a[1]);
		break;
	case SYS_mprotect: case SYS_munmap: case SYS_madvise: case SYS_msync:
		ok = range_ok(a[0], a[1]);
		break;
	case SYS_mremap:
		ok = range_ok(a[0], a[1]) && (!(a[3] & MREMAP_FIXED) || range_ok(a[4], a[2]));
		break;
	}
	if (!ok)
		sys1(SYS_exit_group, 4);
}

/* ---------------------------------------------------------------- worker */

static void tick(int sig) { (void)sig; }

static void arm_ticker(void)
{
	long it[4] = { 0, TICK_USEC, 0, TICK_USEC };	/* interval, value */
	sys3(SYS_setitimer, ITIMER_REAL, it, 0);
}

static void add_newfd(int fd)
{
	if (fd < 3 || fd == TRACE_FD || fd == HOME_FD)
		return;
	for (int i = 0; i < nbase; i++)
		if (basefd[i] == fd)
			return;
	for (int i = 0; i < nnew; i++)
		if (newfd[i] == fd)
			return;
	if (nnew == 16) {
		int victim = (int)rr(16);
		sys1(SYS_close, newfd[victim]);
		newfd[victim] = fd;
		return;
	}
	newfd[nnew++] = fd;
}

static void add_map(long addr, long len)
{
	if (in_arena(addr))
		return;
	if (nmaps == 4) {
		sys2(SYS_munmap, maps[0].addr, maps[0].len);
		memmove(maps, maps + 1, 3 * sizeof maps[0]);
		nmaps--;
	}
	maps[nmaps].addr = addr;
	maps[nmaps++].len = len;
}

static void reap(int all)
{
	int st;
	long pid;

	while ((pid = sys4(SYS_wait4, -1, &st, __WALL | (all ? 0 : WNOHANG), 0)) > 0)
		for (int i = 0; i < nchildren; i++)
			if (children[i] == pid)
				children[i] = children[--nchildren];
	if (all)
		nchildren = 0;
}

static void add_child(long pid)
{
	if (pid <= 0)
		return;
	if (nchildren == MAX_CHILDREN)
		reap(0);
	if (nchildren < MAX_CHILDREN)
		children[nchildren++] = (int)pid;
}

/* The fd pool: pipes (blocking and not), files, a folder, a socket pair,
 * /dev/null and /dev/zero, and a number that was an fd and is closed. */
static void open_pool(void)
{
	int p[2];

	for (int i = 0; i < nbase; i++)
		if (basefd[i] >= 0)
			sys1(SYS_close, basefd[i]);
	nbase = 0;
	/* Fixed slots: a failed open leaves -1 in its slot, so the pool has the
	 * same shape (and a seed the same calls) on a kernel that lacks, say,
	 * AF_UNIX socket pairs. */
#define ADD(fd) do { long _f = (fd); basefd[nbase++] = _f >= 0 ? (int)_f : -1; } while (0)
	p[0] = p[1] = -1;
	sys2(SYS_pipe2, p, O_NONBLOCK);
	ADD(p[0]); ADD(p[1]);
	p[0] = p[1] = -1;
	sys2(SYS_pipe2, p, 0);
	ADD(p[0]); ADD(p[1]);
	ADD(sys3(SYS_open, "f0", O_RDWR | O_CREAT, 0644));
	ADD(sys3(SYS_open, "f1", O_RDONLY | O_CREAT, 0644));
	ADD(sys3(SYS_open, "f2", O_WRONLY | O_APPEND | O_CREAT, 0644));
	ADD(sys3(SYS_open, "d0/f3", O_RDWR | O_CREAT | O_NONBLOCK, 0600));
	ADD(sys3(SYS_open, ".", O_RDONLY | O_DIRECTORY, 0));
	ADD(sys3(SYS_open, "d0", O_RDONLY | O_DIRECTORY, 0));
	ADD(sys3(SYS_open, "/dev/null", O_RDWR, 0));
	ADD(sys3(SYS_open, "/dev/zero", O_RDONLY, 0));
	p[0] = p[1] = -1;
	sys4(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, p);
	ADD(p[0]); ADD(p[1]);
	long c = sys3(SYS_open, "f0", O_RDONLY, 0);
	if (c >= 0)
		sys1(SYS_close, c);
	ADD(c);				/* closed: EBADF */
#undef ADD
	/* something to read in f0 and in the blocking pipe */
	f0_fd = basefd[4];
	sys3(SYS_write, basefd[3], "some data", 9);
	sys4(SYS_pwrite64, f0_fd, argbuf, 3 * PAGE + 5, 0);
}

/* Set up the worker's own world in its own folder of the scratch directory. */
static size_t fmt_hex(char *o, unsigned long v);

static void worker_setup(int w)
{
	char dir[32];

	/* The ticker first: SIGALRM every TICK_USEC, no SA_RESTART, so a
	 * blocking call returns EINTR instead of hanging the worker (even
	 * here: an earlier life of this worker may have made "f1" a FIFO). */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tick;
	sigaction(SIGALRM, &sa, NULL);
	arm_ticker();
	signal(SIGHUP, SIG_DFL);	/* the parent ignores it; a worker may die of it */
	/* Under qrun (the parent's parent is init) each worker gets a group of
	 * its own: its parent, in another group of the session, keeps it from
	 * being orphaned, so a stopped worker is not hung up with the others.
	 * In a terminal the workers stay in the shell's foreground group. */
	if (getppid() > 1 && parent_under_init)
		setpgid(0, 0);

	mypid = getpid();
	snprintf(dir, sizeof dir, "w%d", w);
	mkdir(dir, 0755);
	if (chdir(dir) || dup2(open(".", O_RDONLY | O_DIRECTORY), HOME_FD) < 0)
		_exit(3);
	mkdir("d0", 0755);
	mkdir("d0/d1", 0755);
	close(open("d0/f3", O_CREAT | O_WRONLY, 0644));
	symlink("f0", "l0");
	symlink("nonexist", "l1");
	symlink("l2", "l2");			/* a loop: ELOOP */
	mkfifo("p0", 0644);

	/* Whatever fds we inherited (faultline's init and a Linux shell differ)
	 * are closed, so the pool gets the same numbers on every kernel. */
	for (int fd = 3; fd < 64; fd++)
		close(fd);
	int null = open("/dev/null", O_RDWR);
	if (!verbose && !results)
		dup2(null, TRACE_FD);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	close(null);

	/* The arena, then one PROT_NONE page nothing ever unmaps: every kernel
	 * write that starts in the arena stops there.  The first PATTERN_PAGES
	 * go rw rw rw rw ro none (unmapped) rw, so pointers often straddle a
	 * boundary; the rest is one rw stretch. */
	arena = mmap(NULL, (ARENA_PAGES + 1) * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	argbuf = mmap(NULL, (ARGBUF_PAGES + 4) * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (arena == MAP_FAILED || argbuf == MAP_FAILED)
		_exit(3);
	arena_end = arena + ARENA_PAGES * PAGE;
	mprotect(arena, ARENA_PAGES * PAGE, PROT_READ | PROT_WRITE);
	for (int i = 0; i < PATTERN_PAGES; i++) {
		int prot[8] = { 3, 3, 3, 3, 1, 0, -1, 3 };
		if (prot[i % 8] >= 0 && prot[i % 8] != 3)
			mprotect(arena + i * PAGE, PAGE, prot[i % 8]);
		else if (prot[i % 8] < 0)
			munmap(arena + i * PAGE, PAGE);
	}
	/* argbuf: ARGBUF_PAGES rw | none | rw | ro | none */
	mprotect(argbuf + ARGBUF_PAGES * PAGE, PAGE, PROT_NONE);
	mprotect(argbuf + (ARGBUF_PAGES + 2) * PAGE, PAGE, PROT_READ);
	mprotect(argbuf + (ARGBUF_PAGES + 3) * PAGE, PAGE, PROT_NONE);
	for (size_t i = 0; i < ARGBUF_PAGES * PAGE; i++)
		argbuf[i] = (char)('A' + i % 26);	/* never "#!" or "\177ELF" */

	long k[4];
	sys4(SYS_rt_sigaction, SIGALRM, 0, k, 8);
	restorer = k[2];			/* musl's __restore_rt */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit fl = { FILE_LIMIT, FILE_LIMIT }, core = { 0, 0 };
	setrlimit(RLIMIT_FSIZE, &fl);
	setrlimit(RLIMIT_CORE, &core);
	for (int r = 0; r < 16; r++)
		sys2(SYS_getrlimit, r, saved_rlimits[r]);
	brk0 = sys1(SYS_brk, 0);
	sys2(SYS_arch_prctl, 0x1003, &fs_base);
	sigmask_saved = 0;
	sys4(SYS_rt_sigprocmask, SIG_SETMASK, &sigmask_saved, 0, 8);
	open_pool();
	if (verbose) {			/* where things are, for reading a trace */
		char line[120];
		size_t n = 0;
		memcpy(line, "w? arena ", 9);
		line[1] = (char)('0' + w % 10);
		n = 9;
		n += fmt_hex(line + n, (unsigned long)arena);
		memcpy(line + n, " - ", 3);
		n += 3;
		n += fmt_hex(line + n, (unsigned long)arena_end);
		memcpy(line + n, " argbuf ", 8);
		n += 8;
		n += fmt_hex(line + n, (unsigned long)argbuf);
		line[n++] = '\n';
		sys3(SYS_write, TRACE_FD, line, n);
	}
}

/*
 * Things a worker can do to itself that make dying of a signal legitimate.
 * Called twice: before the call (a signal to ourselves may kill us before
 * it returns) and after it.  After it, failure does not count: Linux
 * installs a new sigaction, sigaltstack, itimer or rlimit first and fails
 * with EFAULT only when it then copies the old one out.
 */
static void taint(const struct sc *s, const long *a, long ret, int before)
{
	int t = 0;
	unsigned what = TW_MISC;

	switch (s->nr) {
	case SYS_kill: case SYS_tkill: case SYS_rt_sigqueueinfo:
		t = before && a[0] == mypid && a[1] != 0; what = TW_SIG; break;
	case SYS_tgkill:	t = before && a[2] != 0; what = TW_SIG; break;
	/* these may fire before the call even returns */
	case SYS_setitimer:	t = before && a[0] != ITIMER_REAL; what = TW_TIMER; break;
	case SYS_setrlimit: case SYS_prlimit64: t = before; what = TW_RLIMIT; break;
	}
	if (!before && ret != -EINVAL && ret != -EBADF && ret != -ENOSYS) switch (s->nr) {
	case SYS_rt_sigaction:
		t = a[1] != 0;
		what = TW_SIG;
		if (t && a[0] >= 1 && a[0] <= 64)
			touched_sigs |= 1ULL << (a[0] - 1);
		break;
	case SYS_setitimer:	t = a[0] != ITIMER_REAL; what = TW_TIMER; break;
	case SYS_timer_create:	t = 1; what = TW_TIMER; break;
	case SYS_setrlimit: case SYS_prlimit64: t = 1; what = TW_RLIMIT; break;
	case SYS_kill: case SYS_tkill: case SYS_rt_sigqueueinfo: case SYS_tgkill: break;
	case SYS_fcntl:
		t = a[1] == 8 || a[1] == 10 || a[1] == 15 || a[1] == 1026 || a[1] == 1024;
		what = TW_FD;
		break;
	case SYS_prctl:		t = a[0] == 1; break;
	case SYS_arch_prctl:	t = a[0] == 0x1001 || a[0] == 0x1002 || a[0] == 0x1012; break;
	default:		t = 1; break;	/* sigaltstack, setrlimit, timer_create, ... */
	}
	if (t) {
		shared[W].tainted = 1;
		taint_what |= what;
	}
}

/*
 * Undo everything taint() counts, so that the worker is again one that no
 * signal may kill: a kernel that kills it anyway (say with SIGSEGV inside
 * fork()) is then caught.  Done every 16 calls while tainted.
 */
static void untaint(void)
{
	long zero[4] = { 0 }, dfl[4] = { (long)SIG_DFL, 0, 0, 0 }, ign[4] = { (long)SIG_IGN, 0, 0, 0 };
	long ss[3] = { 0, SS_DISABLE, 0 };

	/* 1. Stop what could still send a signal: timers, children (their
	 * exit signals), fds with an owner (SIGIO), the parent-death signal. */
	if (taint_what & TW_TIMER) {
		for (int t = 0; t < 8; t++)
			sys1(SYS_timer_delete, t);
		sys3(SYS_setitimer, ITIMER_VIRTUAL, zero, 0);
		sys3(SYS_setitimer, ITIMER_PROF, zero, 0);
	}
	if (taint_what & TW_MISC)
		sys2(SYS_prctl, PR_SET_PDEATHSIG, 0);
	reap(0);
	if (nchildren)
		return;				/* a child still to come: later */
	if (taint_what & TW_RLIMIT)
		for (int r = 0; r < 16; r++)	/* before open_pool: RLIMIT_NOFILE */
			if (sys2(SYS_setrlimit, r, saved_rlimits[r]) && r != RLIMIT_NPROC)
				return;		/* cannot raise it back: stay tainted */
	if (taint_what & TW_FD) {
		for (int i = 0; i < nnew; i++)
			sys1(SYS_close, newfd[i]);
		nnew = 0;
		open_pool();
	}
	sys0(SYS_getpid);			/* pending signals arrive here */

	/* 2. Back to the state worker_setup() left. */
	for (int sig = 1; sig <= 64; sig++)
		if (touched_sigs & (1ULL << (sig - 1)))
			sys4(SYS_rt_sigaction, sig, sig == SIGPIPE || sig == SIGXFSZ ? ign : dfl, 0, 8);
	touched_sigs = 0;
	if (taint_what & TW_MISC) {
		sys2(SYS_sigaltstack, ss, 0);
		sys2(SYS_arch_prctl, 0x1002, fs_base);	/* ARCH_SET_FS */
		sys2(SYS_arch_prctl, 0x1001, 0);	/* ARCH_SET_GS */
		sys2(SYS_arch_prctl, 0x1012, 1);	/* ARCH_SET_CPUID: cpuid allowed */
	}
	sys4(SYS_rt_sigprocmask, SIG_SETMASK, &sigmask_saved, 0, 8);
	sys0(SYS_getpid);
	taint_what = 0;
	shared[W].tainted = 0;
}

/* fork / vfork / clone / execve / unknown numbers: made here. */
static long special_call(const struct sc *s, long *a)
{
	switch (s->nr) {
	case SYS_fork: {
		long pid = sys0(SYS_fork);
		if (pid == 0) {
			/* The child writes a few arena pages (copy-on-write,
			 * maybe a fault that kills it) and exits.  A fault must
			 * kill it, whatever handler the worker installed. */
			long dfl[4] = { (long)SIG_DFL, 0, 0, 0 };
			sys4(SYS_rt_sigaction, SIGSEGV, dfl, 0, 8);
			sys4(SYS_rt_sigaction, SIGBUS, dfl, 0, 8);
			for (int i = 0; i < 4; i++) {
				volatile char *p = arena + rr(ARENA_PAGES) * PAGE;
				if ((((p - arena) / PAGE) % 8) < 4)
					*p = 1;
			}
			sys1(SYS_exit, 0);
		}
		add_child(pid);
		return pid;
	}
	case SYS_vfork: {
		long pid = clone_and_exit(SYS_vfork, 0, 0, 0, 0, 0);
		add_child(pid);
		return pid;
	}
	case SYS_clone: {
		long f = a[0];		/* settled by fixup() */
		if ((f & 0xff) != SIGCHLD && (f & 0xff) != 0)
			shared[W].tainted = 1;	/* the child's death signals us with it */
		long pid = clone_and_exit(SYS_clone, a[0], a[1], a[2], a[3], a[4]);
		if (!(f & (CLONE_THREAD | CLONE_PARENT)))
			add_child(pid);
		if ((f & CLONE_PIDFD) && pid > 0 && ours((long *)a[2], 4))
			add_newfd(*(int *)a[2]);
		return pid;
	}
	case SYS_execve:
		return sys3(SYS_execve, a[0], a[1], a[2]);
	case -2: {				/* touch: user-mode faults in a child */
		long pid = sys0(SYS_fork), r;
		int st = 0;
		if (pid == 0) {
			long dfl[4] = { (long)SIG_DFL, 0, 0, 0 };
			sys4(SYS_rt_sigaction, SIGSEGV, dfl, 0, 8);
			sys4(SYS_rt_sigaction, SIGBUS, dfl, 0, 8);
			for (int k = 0; k < 6; k++) {
				volatile char *p = (volatile char *)(a[k] & ~1L);
				if (a[k] & 1)
					*p = (char)k;
				else
					(void)*p;
			}
			sys1(SYS_exit, 0);
		}
		if (pid < 0)
			return pid;
		/* Wait however long it takes (the ticker's EINTR just loops):
		 * a fault that never ends shows as a worker without progress. */
		while ((r = sys4(SYS_wait4, pid, &st, __WALL, 0)) == -EINTR)
			;
		return r == pid ? st : r;
	}
	default: {				/* an unknown number */
		/* The low 32 bits decide on Linux (and the x32 bit 0x40000000
		 * must stay clear, or an x32 kernel would run a real call);
		 * 335 and 336 are Linux's uretprobe/uprobe (SIGILL outside a probe),
		 * so the gap used is 340..423. */
		static const long lo[] = { 340, 400, 423, 600, 1000, 0x3fffffff, 0xffffffff, 0x80000000L };
		long nr = pct(80) ? 340 + (long)rr(84) : PICK(lo);
		if (pct(10))
			nr |= (long)rnd() & ~0xffffffffL;	/* garbage upper half */
		shared[W].ring[shared[W].next % RING].nr = nr;	/* the record names it */
		return sys6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	}
}

static int pick_syscall(void)
{
	static int total;

	if (!total)
		for (int i = 0; i < NSYSCALLS; i++)
			total += SYSCALLS[i].weight;
	int r = (int)rr(total);
	for (int i = 0; i < NSYSCALLS; i++)
		if ((r -= SYSCALLS[i].weight) < 0)
			return i;
	return 0;
}

/* A line for the trace: "w1 #42 read(0x5, 0x7f..., 0x1000)" (no printf:
 * it may need the TLS a fuzzed arch_prctl broke). */
static size_t fmt_hex(char *o, unsigned long v)
{
	char t[20];
	size_t n = 0, k = 0;

	o[n++] = '0';
	o[n++] = 'x';
	do
		t[k++] = "0123456789abcdef"[v & 15];
	while (v >>= 4);
	while (k)
		o[n++] = t[--k];
	return n;
}

static size_t fmt_call(char *o, const struct rec *r, int w)
{
	size_t n = 0;
	const char *name = sc_name(r->nr);

	o[n++] = 'w';
	o[n++] = (char)('0' + w % 10);
	o[n++] = ' ';
	o[n++] = '#';
	n += fmt_hex(o + n, r->index);
	o[n++] = ' ';
	while (*name)
		o[n++] = *name++;
	o[n++] = '(';
	const struct sc *s = NULL;
	for (int i = 0; i < NSYSCALLS; i++)
		if (SYSCALLS[i].nr == r->nr)
			s = &SYSCALLS[i];
	int nargs = s ? s->nargs : 6;
	if (s && s->nr == SYS_clone)
		nargs = 5;
	for (int i = 0; i < nargs; i++) {
		if (i) {
			o[n++] = ',';
			o[n++] = ' ';
		}
		n += fmt_hex(o + n, (unsigned long)r->args[i]);
	}
	o[n++] = ')';
	return n;
}

static void worker(int w, uint64_t start, uint64_t end)
{
	struct wslot *me = &shared[w];
	char line[400];

	W = w;
	worker_setup(w);
	for (uint64_t i = start; i < end; i++) {
		struct rec *r = &me->ring[i % RING];
		long cnt = 1;
		long a[6] = { 0 };

		seed_call(SEED, w, i);
		const struct sc *s = &SYSCALLS[pick_syscall()];
		for (int k = 0; k < s->nargs; k++)
			a[k] = gen(s->t[k], &cnt);
		fixup(s, a);
		check_mm(s, a);

		/* Record the call where a crash cannot lose it, then make it. */
		r->state = 0;
		r->index = i;
		r->nr = s->nr;
		memcpy(r->args, a, sizeof a);
		r->ret = 0;
		r->state = 1;
		me->next = i;
		me->clean += !me->tainted;
		if (verbose) {
			size_t n = fmt_call(line, r, w);
			line[n++] = '\n';
			sys3(SYS_write, TRACE_FD, line, n);
		}

		if (s->flags & F_TAINT)
			taint(s, a, 0, 1);
		long ret = (s->flags & F_SPECIAL) ? special_call(s, a)
						  : sys6(s->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		memcpy(r->args, a, sizeof a);	/* special calls settle some at the last moment */
		r->ret = ret;
		r->state = 2;
		if (results) {			/* "w0 #2a read -> -9" or "-> ok" (no values: they differ) */
			size_t n = 0;
			const char *nm = sc_name(r->nr);
			line[n++] = 'w';
			line[n++] = (char)('0' + w % 10);
			line[n++] = ' ';
			n += fmt_hex(line + n, i);
			line[n++] = ' ';
			while (*nm)
				line[n++] = *nm++;
			memcpy(line + n, " -> ", 4);
			n += 4;
			if (ret < 0 && ret > -4096) {
				line[n++] = '-';
				if (-ret >= 100) line[n++] = (char)('0' + -ret / 100);
				if (-ret >= 10) line[n++] = (char)('0' + -ret / 10 % 10);
				line[n++] = (char)('0' + -ret % 10);
			} else {
				memcpy(line + n, "ok", 2);
				n += 2;
			}
			line[n++] = '\n';
			sys3(SYS_write, TRACE_FD, line, n);
		}

		/* Bookkeeping that keeps the next calls meaningful. */
		if (s->flags & F_TAINT)
			taint(s, a, ret, 0);
		if ((s->flags & F_RETFD) && ret >= 0 && (s->nr != SYS_fcntl || a[1] == 0 || a[1] == 1030))
			add_newfd((int)ret);
		if ((s->flags & F_PIPEFDS) && ret == 0) {
			long p = s->nr == SYS_socketpair ? a[3] : a[0];
			if (ours((long *)p, 8)) {
				add_newfd(((int *)p)[0]);
				add_newfd(((int *)p)[1]);
			}
		}
		if ((s->flags & F_MAP) && ret > 0 && (unsigned long)ret < 0xfffffffffffff000UL)
			add_map(ret, s->nr == SYS_mmap ? a[1] : a[2]);
		if (s->flags & F_TIMER)
			arm_ticker();
		if (s->flags & F_MASK)
			sys4(SYS_rt_sigprocmask, SIG_SETMASK, &sigmask_saved, 0, 8);
		if ((i & 255) == 255)
			sys1(SYS_fchdir, HOME_FD);	/* back to our folder now and then */
		if ((i & 31) == 31)
			reap(0);
		if ((i & 15) == 15 && me->tainted)
			untaint();
		if ((i & 1023) == 1023)
			open_pool();
		me->next = i + 1;
	}
	reap(0);
	sys1(SYS_exit_group, 0);
}

/* ---------------------------------------------------------------- parent */

static const char *errname(long ret)
{
	static char buf[24];
	if (ret < 0 && ret > -4096) {
		snprintf(buf, sizeof buf, "-%s", strerror((int)-ret));
		return buf;
	}
	snprintf(buf, sizeof buf, "%#lx", (unsigned long)ret);
	return buf;
}

static void print_rec(FILE *f, const char *prefix, const struct rec *r, int w)
{
	char line[400];

	if (!r->state)
		return;
	line[fmt_call(line, r, w)] = 0;
	if (r->state == 2)
		fprintf(f, "%s%s = %s\n", prefix, line, errname(r->ret));
	else
		fprintf(f, "%s%s   <- in this call\n", prefix, line);
}

static void print_last_calls(FILE *f, int w)
{
	struct wslot *s = &shared[w];
	uint64_t next = s->next;

	fprintf(f, "fuzz:   worker %d (pid %d), last calls:\n", w, s->pid);
	for (uint64_t i = next >= RING - 1 ? next - (RING - 1) : 0; i <= next; i++) {
		struct rec r = s->ring[i % RING];
		if (r.index == i)
			print_rec(f, "fuzz:     ", &r, w);
	}
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static char scratch[64];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)ftw;
	if (flag == FTW_DP || flag == FTW_D)
		return rmdir(path), 0;
	return unlink(path), 0;
}

static int chmod_dirs(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)ftw;
	if (flag == FTW_D || flag == FTW_DNR)
		chmod(path, 0700);
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz [-w WORKERS] [-H HANG_SECS] [-v] [-r] [-k] [-x BUG] SEED COUNT\n"
			"  -w  worker processes (default 4)\n"
			"  -H  a worker with no progress for this long is hung (default 20 s)\n"
			"  -v  trace each call on stderr before it is made\n"
			"  -r  write each call's outcome (ok or -errno) on stderr, to diff two kernels\n"
			"  -k  keep the scratch directory\n"
			"  -x  mmaphint: avoid a known kernel bug (see the comment at avoid_mmaphint)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int nworkers = 4, keep = 0, opt;
	double hang = 20;

	while ((opt = getopt(argc, argv, "w:H:vrkx:")) != -1) {
		switch (opt) {
		case 'w': nworkers = atoi(optarg); break;
		case 'H': hang = atof(optarg); break;
		case 'v': verbose = 1; break;
		case 'r': results = 1; break;
		case 'x':
			if (!strcmp(optarg, "mmaphint"))
				avoid_mmaphint = 1;
			else
				usage();
			break;
		case 'k': keep = 1; break;
		default: usage();
		}
	}
	if (argc - optind != 2 || nworkers < 1 || nworkers > MAX_WORKERS)
		usage();
	SEED = strtoull(argv[optind], NULL, 0);
	uint64_t count = strtoull(argv[optind + 1], NULL, 0);

	setvbuf(stdout, NULL, _IOLBF, 0);
	shared = mmap(NULL, nworkers * sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) {
		perror("fuzz: mmap");
		return 1;
	}
	strcpy(scratch, "/tmp/fuzz.XXXXXX");
	if (!mkdtemp(scratch) || chdir(scratch)) {
		perror("fuzz: scratch directory");
		return 1;
	}
	if (verbose || results)
		dup2(2, TRACE_FD);
	signal(SIGPIPE, SIG_IGN);
	/* Under tools/qrun our parent is init, so our process group is orphaned
	 * (POSIX, and Linux's will_become_orphaned_pgrp, do not count init): a
	 * worker stopped by a signal it made for itself (a timer's sigevent
	 * from memory we do not own) and a later exit send the whole group
	 * SIGHUP and SIGCONT, as Linux would.  The workers take it; we watch. */
	signal(SIGHUP, SIG_IGN);
	parent_under_init = getppid() == 1;
	printf("fuzz: seed %llu: %llu calls, %d workers, scratch %s\n", (unsigned long long)SEED,
	       (unsigned long long)count, nworkers, scratch);

	/* Worker w makes calls [w*per, (w+1)*per). */
	uint64_t per = count / nworkers, total = 0;
	double last_progress[MAX_WORKERS];
	uint64_t last_next[MAX_WORKERS];
	int alive = 0, respawned = 0, problems = 0, deaths_by_sig[65] = { 0 };

	for (int w = 0; w < nworkers; w++) {
		shared[w].next = w * per;
		shared[w].end = w == nworkers - 1 ? count : (w + 1) * per;
	}
	for (int w = 0; w < nworkers; w++) {
		if (shared[w].next >= shared[w].end)
			continue;
		int pid = fork();
		if (pid == 0)
			worker(w, shared[w].next, shared[w].end);
		shared[w].pid = pid;
		last_progress[w] = now();
		last_next[w] = shared[w].next;
		alive++;
	}

	while (alive) {
		int st;
		int pid = waitpid(-1, &st, WNOHANG | WUNTRACED | __WALL);

		if (pid > 0) {
			int w = -1;
			for (int i = 0; i < nworkers; i++)
				if (shared[i].pid == pid)
					w = i;
			if (w < 0)
				continue;		/* a CLONE_PARENT child of a worker */
			if (WIFSTOPPED(st)) {
				kill(pid, SIGCONT);
				continue;
			}
			if (WIFEXITED(st)) {
				shared[w].pid = 0;
				alive--;
				if (WEXITSTATUS(st)) {
					printf("fuzz: PROBLEM: seed %llu: worker %d exited with status %d%s\n",
					       (unsigned long long)SEED, w, WEXITSTATUS(st),
					       WEXITSTATUS(st) == 4 ? " (a fuzzer bug: a memory call outside the arena)" : "");
					print_last_calls(stdout, w);
					problems++;
				}
				continue;
			}
			/* Killed by a signal: record it, respawn from the next call. */
			int sig = WTERMSIG(st);
			struct rec last = shared[w].ring[shared[w].next % RING];
			deaths_by_sig[sig < 65 ? sig : 0]++;
			if (!shared[w].tainted) {
				printf("fuzz: PROBLEM: seed %llu: worker %d (pid %d) killed by signal %d (%s) "
				       "though nothing it did should get it killed\n",
				       (unsigned long long)SEED, w, pid, sig, strsignal(sig));
				print_last_calls(stdout, w);
				problems++;
			} else if (verbose) {
				printf("fuzz: worker %d (pid %d) killed by signal %d in: ", w, pid, sig);
				print_rec(stdout, "", &last, w);
			}
			shared[w].next++;
			shared[w].tainted = 0;
			shared[w].pid = 0;
			alive--;
			if (shared[w].next < shared[w].end) {
				int np = fork();
				if (np == 0)
					worker(w, shared[w].next, shared[w].end);
				shared[w].pid = np;
				respawned++;
				alive++;
				last_progress[w] = now();
			}
			continue;
		}

		/* Nobody exited: look for a worker without progress. */
		struct timespec ts = { 0, 20 * 1000 * 1000 };
		nanosleep(&ts, NULL);
		double t = now();
		for (int w = 0; w < nworkers; w++) {
			if (!shared[w].pid)
				continue;
			if (shared[w].next != last_next[w]) {
				last_next[w] = shared[w].next;
				last_progress[w] = t;
			} else if (t - last_progress[w] > hang) {
				printf("fuzz: PROBLEM: seed %llu: worker %d (pid %d) made no progress for %.0f s\n",
				       (unsigned long long)SEED, w, shared[w].pid, t - last_progress[w]);
				for (int v = 0; v < nworkers; v++)
					print_last_calls(stdout, v);
				problems++;
				for (int v = 0; v < nworkers; v++)
					if (shared[v].pid)
						kill(shared[v].pid, SIGKILL);
				alive = 0;
				break;
			}
		}
	}
	uint64_t clean = 0;
	for (int w = 0; w < nworkers; w++) {
		total += shared[w].next - (w * per);
		clean += shared[w].clean;
	}
	if (!problems)
		while (waitpid(-1, NULL, WNOHANG | __WALL) > 0)
			;
	if (!keep && !problems) {
		nftw(scratch, chmod_dirs, 16, FTW_PHYS);
		nftw(scratch, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	}
	printf("fuzz: deaths by signal:");
	for (int s = 1; s < 65; s++)
		if (deaths_by_sig[s])
			printf(" %d:%d", s, deaths_by_sig[s]);
	printf("; %llu calls made by untainted workers\n", (unsigned long long)clean);
	printf("fuzz: seed %llu: %llu calls, %d workers respawned, %d problems\n", (unsigned long long)SEED,
	       (unsigned long long)total, respawned, problems);
	fflush(stdout);
	_exit(problems ? 1 : 0);
}
