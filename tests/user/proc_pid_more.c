/*
 * The rest of /proc/PID as Linux 6.18 has it (fs/proc/base.c, pid_sched.c,
 * map_files.c, task_mmu.c; Linux fs/proc/base.c, task_mmu.c,
 * kernel/sched/debug.c, autogroup.c):
 *   - the entries of /proc/self and /proc/self/task/TID, and their modes
 *     (children only in a thread's directory; timers, autogroup,
 *     map_files, mountstats, coredump_filter... only in the process's);
 *   - sched: "comm (pid, #threads: N)", 67 dashes, load weight and prio
 *     following nice; schedstat's three numbers;
 *   - autogroup: a new session's group, its nice written and read back;
 *   - syscall: a child blocked in read(2) shows nr 0 with its fd and count;
 *     one stopped while spinning in user space shows -1; stack and wchan
 *     of a sleeping child name kernel functions, of a running task "0";
 *   - timers, newest first; children, oldest first; ksm files; cpuset;
 *     attr/ (no security module: EINVAL); mountstats' line format;
 *   - numa_maps of an anonymous mapping with 2 of 3 pages touched;
 *   - clear_refs: Referenced in smaps drops to 0 and counts new touches;
 *   - map_files: a file mapping's link reads as its path, leads to the
 *     file even after unlink, and only exact ranges without leading
 *     zeros exist.
 * Everything printed is free of addresses and pids.
 * build: musl glibc
 */
#include "ftest.h"
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <stdbool.h>

static const char *const linux_tgid[] = {
	"task", "fd", "map_files", "fdinfo", "ns", "net", "environ", "auxv", "status", "personality", "limits",
	"sched", "autogroup", "timens_offsets", "comm", "syscall", "cmdline", "stat", "statm", "maps",
	"numa_maps", "mem", "cwd", "root", "exe", "mounts", "mountinfo", "mountstats", "clear_refs", "smaps",
	"smaps_rollup", "pagemap", "attr", "wchan", "stack", "schedstat", "cpuset", "cgroup", "oom_score",
	"oom_adj", "oom_score_adj", "loginuid", "sessionid", "coredump_filter", "io", "uid_map", "gid_map",
	"projid_map", "setgroups", "timers", "timerslack_ns", "arch_status", "ksm_merging_pages", "ksm_stat",
	"children",
};
#define NR_NAMES (int)(sizeof(linux_tgid) / sizeof(linux_tgid[0]))

static int slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	if (n < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	close(fd);
	buf[total] = '\0';
	return total;
}

static int put(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), r;

	if (fd < 0)
		return -errno;
	r = write(fd, val, strlen(val));
	if (r < 0)
		r = -errno;
	close(fd);
	return r < 0 ? r : 0;
}

static const char *res(int r) { return r < 0 ? errno_name(-r) : "ok"; }

static bool in_dir(const char *dir, const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &st) == 0;
}

static bool listed(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bool found = false;

	while (d && (e = readdir(d)))
		found |= !strcmp(e->d_name, name);
	if (d)
		closedir(d);
	return found;
}

static void entries(void)
{
	char tdir[64];
	struct stat st;

	snprintf(tdir, sizeof(tdir), "/proc/self/task/%d", getpid());
	for (int i = 0; i < NR_NAMES; i++) {
		char path[128];
		const char *n = linux_tgid[i];

		snprintf(path, sizeof(path), "/proc/self/%s", n);
		if (lstat(path, &st) != 0 && lstat((snprintf(path, sizeof(path), "%s/%s", tdir, n), path), &st) != 0) {
			printf("%-18s missing\n", n);
			continue;
		}
		printf("%-18s %06o pid:%s%s task:%s%s\n", n, st.st_mode, in_dir("/proc/self", n) ? "y" : "n",
		       listed("/proc/self", n) ? "l" : "", in_dir(tdir, n) ? "y" : "n", listed(tdir, n) ? "l" : "");
	}
}

static void line_of(const char *text, const char *key, char *out, size_t size)
{
	const char *p = strstr(text, key);
	size_t n = 0;

	out[0] = '\0';
	if (!p)
		return;
	while (p[n] && p[n] != '\n' && n + 1 < size)
		n++;
	memcpy(out, p, n);
	out[n] = '\0';
}

static void sched_file(void)
{
	static char buf[8192];
	char l[128], comm[32];
	int pid, threads;

	if (slurp("/proc/self/sched", buf, sizeof(buf)) < 0) {
		printf("sched: %s\n", errno_name(errno));
		return;
	}
	if (sscanf(buf, "%31s (%d, #threads: %d)", comm, &pid, &threads) == 3)
		printf("sched head: %s pid=self:%s threads=%d\n", comm, pid == getpid() ? "y" : "n", threads);
	line_of(buf, "\n-", l, sizeof(l));
	line_of(strchr(buf, '\n') + 1, "-", l, sizeof(l));
	printf("sched dashes: %zu\n", strlen(l));
	for (int round = 0; round < 2; round++) {
		const char *keys[] = { "se.load.weight", "policy ", "prio " };

		for (int i = 0; i < 3; i++) {
			line_of(buf, keys[i], l, sizeof(l));
			printf("sched: [%s]\n", l);
		}
		const char *timed[] = { "se.exec_start", "se.sum_exec_runtime", "nr_switches" };

		for (int i = 0; i < 3; i++) {
			line_of(buf, timed[i], l, sizeof(l));
			printf("sched has %s: %s (colon at %ld)\n", timed[i], l[0] ? "y" : "n",
			       l[0] ? strchr(l, ':') - l : -1L);
		}
		if (round == 0) {
			setpriority(PRIO_PROCESS, 0, 5);
			slurp("/proc/self/sched", buf, sizeof(buf));
		}
	}
	printf("sched write: %s\n", res(put("/proc/self/sched", "0")));
	slurp("/proc/self/schedstat", buf, sizeof(buf));
	unsigned long long a, b, c;
	printf("schedstat fields: %d\n", sscanf(buf, "%llu %llu %llu", &a, &b, &c));
}

static void autogroup(void)
{
	char buf[128];
	int st;
	pid_t p = fork();

	if (p == 0) {
		long id;
		int nice;

		setsid();
		slurp("/proc/self/autogroup", buf, sizeof(buf));
		if (sscanf(buf, "/autogroup-%ld nice %d", &id, &nice) == 2)
			printf("autogroup: id>0:%s nice %d\n", id > 0 ? "y" : "n", nice);
		printf("autogroup write 5: %s\n", res(put("/proc/self/autogroup", "5\n")));
		printf("autogroup write 20: %s\n", res(put("/proc/self/autogroup", "20")));
		printf("autogroup write x: %s\n", res(put("/proc/self/autogroup", "x")));
		slurp("/proc/self/autogroup", buf, sizeof(buf));
		printf("autogroup now: %s", strchr(buf, ' ') + 1);
		_exit(0);
	}
	waitpid(p, &st, 0);
}

static void blocked_child(void)
{
	char path[64], buf[4096], c;
	int pfd[2], st, fields;
	long nr, a[6];
	pid_t p;

	pipe(pfd);
	p = fork();
	if (p == 0) {
		read(pfd[0], &c, 1);	/* 1 byte from fd pfd[0] */
		_exit(0);
	}
	usleep(200000);
	snprintf(path, sizeof(path), "/proc/%d/syscall", p);
	slurp(path, buf, sizeof(buf));
	fields = sscanf(buf, "%ld %lx %lx %lx %lx %lx %lx", &nr, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5]);
	printf("blocked syscall: nr %ld fd-is-pipe %s count %ld fields %d\n", nr, a[0] == pfd[0] ? "y" : "n", a[2],
	       fields);
	snprintf(path, sizeof(path), "/proc/%d/stack", p);
	int n = slurp(path, buf, sizeof(buf));
	int lines = 0, good = 0;
	for (char *l = buf; n > 0 && *l; l = strchr(l, '\n') + 1) {
		lines++;
		good += !strncmp(l, "[<0>] ", 6) && strchr(l, '+') && strchr(l, '/');
		if (!strchr(l, '\n'))
			break;
	}
	printf("blocked stack: lines>0 %s all well-formed %s\n", lines > 0 ? "y" : "n", lines == good ? "y" : "n");
	snprintf(path, sizeof(path), "/proc/%d/wchan", p);
	slurp(path, buf, sizeof(buf));
	printf("blocked wchan: named %s\n", strcmp(buf, "0") && buf[0] ? "y" : "n");
	write(pfd[1], "x", 1);
	waitpid(p, &st, 0);
	close(pfd[0]);
	close(pfd[1]);

	p = fork();
	if (p == 0)
		for (;;)
			;
	usleep(100000);
	kill(p, SIGSTOP);
	waitpid(p, &st, WUNTRACED);
	snprintf(path, sizeof(path), "/proc/%d/syscall", p);
	slurp(path, buf, sizeof(buf));
	fields = sscanf(buf, "%ld %lx %lx %lx", &nr, &a[0], &a[1], &a[2]);
	printf("stopped in user space: syscall %ld, fields %d\n", nr, fields);
	kill(p, SIGKILL);
	waitpid(p, &st, 0);

	slurp("/proc/self/syscall", buf, sizeof(buf));
	fields = sscanf(buf, "%ld %lx %lx %lx %lx %lx %lx", &nr, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5]);
	printf("own syscall: nr %ld fields %d\n", nr, fields);
	slurp("/proc/self/wchan", buf, sizeof(buf));
	printf("own wchan: [%s]\n", buf);
}

static void timers(void)
{
	static char buf[4096];
	struct sigevent ev = { 0 };
	timer_t t1, t2;
	char *p;

	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_ptr = (void *)0x1234;
	timer_create(CLOCK_MONOTONIC, &ev, &t1);
	ev.sigev_notify = SIGEV_NONE;
	timer_create(CLOCK_REALTIME, &ev, &t2);
	slurp("/proc/self/timers", buf, sizeof(buf));
	for (p = buf; (p = strstr(p, "pid.")); p += 4) {	/* the pid, as "N" */
		char *e = p + 4;

		while (*e >= '0' && *e <= '9')
			e++;
		p[4] = 'N';
		memmove(p + 5, e, strlen(e) + 1);
	}
	printf("timers:\n%s", buf);
	timer_delete(t1);
	timer_delete(t2);
}

static void children(void)
{
	char path[64], buf[256], want[256];
	pid_t a = fork(), b;
	int st;

	if (a == 0)
		_exit(0);
	b = fork();
	if (b == 0)
		_exit(0);
	usleep(100000);		/* both zombies now */
	snprintf(path, sizeof(path), "/proc/self/task/%d/children", getpid());
	slurp(path, buf, sizeof(buf));
	snprintf(want, sizeof(want), "%d %d ", a, b);
	printf("children: %s\n", strcmp(buf, want) ? buf : "first second (zombies, oldest first)");
	waitpid(a, &st, 0);
	waitpid(b, &st, 0);
	slurp(path, buf, sizeof(buf));
	printf("children after reaping: [%s]\n", buf);
}

static void small_files(void)
{
	char buf[1024];
	struct dirent *e;
	DIR *d;

	printf("cpuset: %s", slurp("/proc/self/cpuset", buf, sizeof(buf)) >= 0 ? buf : "error\n");
	printf("ksm_merging_pages: %s", slurp("/proc/self/ksm_merging_pages", buf, sizeof(buf)) >= 0 ? buf : "error\n");
	printf("ksm_stat:\n%s", slurp("/proc/self/ksm_stat", buf, sizeof(buf)) >= 0 ? buf : "error\n");
	printf("arch_status bytes: %d\n", slurp("/proc/self/arch_status", buf, sizeof(buf)));
	printf("attr:");
	if ((d = opendir("/proc/self/attr"))) {
		while ((e = readdir(d)))
			if (e->d_name[0] != '.')
				printf(" %s", e->d_name);
		closedir(d);
	}
	printf("\nattr/current read: %s\n", res(slurp("/proc/self/attr/current", buf, sizeof(buf))));
	printf("attr/current write: %s\n", res(put("/proc/self/attr/current", "x")));
	printf("clear_refs read: %s\n", res(slurp("/proc/self/clear_refs", buf, sizeof(buf))));
	slurp("/proc/self/mountstats", buf, sizeof(buf));
	char dev[128], mnt[128], type[64];
	printf("mountstats first line parses: %s, root: %s\n",
	       sscanf(buf, "device %127s mounted on %127s with fstype %63s", dev, mnt, type) == 3 ? "y" : "n",
	       strstr(buf, " mounted on / with fstype ") ? "y" : "n");
}

static long smaps_referenced(void *addr)
{
	static char buf[65536];
	char want[32];
	char *p;
	long kb = -1;

	slurp("/proc/self/smaps", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%08lx-", (unsigned long)addr);
	if ((p = strstr(buf, want)) && (p = strstr(p, "Referenced:")))
		sscanf(p, "Referenced: %ld", &kb);
	return kb;
}

static void numa_and_refs(void)
{
	static char buf[65536];
	char want[32], line[256];
	/* a fifth page, PROT_NONE, keeps the four from merging with a neighbour above */
	char *m = mmap(NULL, 5 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	mprotect(m + 4 * 4096, 4096, PROT_NONE);
	m[0] = 1;
	m[4096] = 1;
	slurp("/proc/self/numa_maps", buf, sizeof(buf));
	snprintf(want, sizeof(want), "%lx ", (unsigned long)m);
	line_of(buf, want, line, sizeof(line));
	printf("numa_maps: %s\n", line[0] ? strchr(line, ' ') + 1 : "(none)");
	m[2 * 4096] = 1;
	printf("Referenced after touching 3 pages: %ld kB\n", smaps_referenced(m));
	printf("clear_refs 1: %s\n", res(put("/proc/self/clear_refs", "1")));
	printf("Referenced after clear_refs: %ld kB\n", smaps_referenced(m));
	/* a first touch makes a new PTE, accessed; an old page still in the TLB may not be seen (Linux does not flush) */
	m[3 * 4096] = 1;
	printf("Referenced after touching the fourth: %ld kB\n", smaps_referenced(m));
	printf("clear_refs 0: %s, 6: %s, 5: %s, 4: %s\n", res(put("/proc/self/clear_refs", "0")),
	       res(put("/proc/self/clear_refs", "6")), res(put("/proc/self/clear_refs", "5")),
	       res(put("/proc/self/clear_refs", "4")));
	munmap(m, 5 * 4096);
}

static void map_files(void)
{
	char path[128], link[256], name[64], buf[16];
	const char *file = "/tmp/proc_pid_more.map";
	struct stat a, b;
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *m;

	write(fd, "mapped text", 11);
	m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	snprintf(name, sizeof(name), "%lx-%lx", (unsigned long)m, (unsigned long)m + 4096);
	printf("map_files lists it: %s\n", listed("/proc/self/map_files", name) ? "y" : "n");
	snprintf(path, sizeof(path), "/proc/self/map_files/%s", name);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	printf("readlink: %s\n", n > 0 ? link : errno_name(errno));
	lstat(path, &a);
	printf("link mode: %06o\n", a.st_mode);
	fstat(fd, &b);
	stat(path, &a);
	printf("stat through it is the file: %s\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev ? "y" : "n");
	close(fd);
	unlink(file);
	n = readlink(path, link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	printf("readlink after unlink: %s\n", n > 0 ? link : errno_name(errno));
	fd = open(path, O_RDONLY);
	memset(buf, 0, sizeof(buf));
	printf("open after unlink: %s, reads [%.11s]\n", fd >= 0 ? "ok" : errno_name(errno),
	       fd >= 0 && read(fd, buf, 11) == 11 ? buf : "");
	close(fd);
	snprintf(path, sizeof(path), "/proc/self/map_files/0%s", name);
	printf("leading zero: %s\n", access(path, F_OK) ? errno_name(errno) : "ok");
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx", (unsigned long)m, (unsigned long)m + 8192);
	printf("wrong end: %s\n", access(path, F_OK) ? errno_name(errno) : "ok");
	munmap(m, 4096);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	entries();
	sched_file();
	autogroup();
	blocked_child();
	timers();
	children();
	small_files();
	numa_and_refs();
	map_files();
	return 0;
}
