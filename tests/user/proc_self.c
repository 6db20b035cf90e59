/*
 * proc_self - a process reads itself through /proc (fs/proc), and every
 * line printed is a fact Linux gives the same way:
 *   /proc/self is a link to getpid(), thread-self to "PID/task/TID";
 *   /proc/999999 and /proc/self/nonexistent are ENOENT;
 *   /proc/self/maps: an anonymous mapping, a file mapping with a PROT_NONE
 *   page in its middle and a MAP_SHARED file mapping, each line shown with
 *   its addresses as offsets from the mapping's base, and dev:inode checked
 *   against stat() of the file; the [stack] line is there; each line's name
 *   starts at column 73 when it has one;
 *   /proc/self/status: Name, Umask (after umask(027)), State, Tgid ==
 *   getpid(), Pid, PPid == getppid(), SigBlk after blocking SIGUSR1 and
 *   SIGTERM, Threads (1, then 4 with three threads, then 1);
 *   /proc/self/stat: pid, (comm), state, ppid, pgrp, session, num_threads;
 *   statm's size is the total of maps' sizes;
 *   /proc/self/task lists one directory per thread, each tid one of ours;
 *   /proc/self/fd: a link per descriptor, the path of an opened file,
 *   "pipe:[N]" with N the pipe's st_ino, /dev/null; fdinfo's flags;
 *   comm written, read back (cut to 15 bytes); oom_score_adj written and read;
 *   cmdline is argv[0] with its NUL; exe is a link;
 *   /proc/meminfo's field names in order (the values vary), as far as
 *   HugePages_Total; /proc/sys/kernel/ostype is "Linux".
 */
#include "ftest.h"
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define MAPS_NAME_COLUMN 73
#define NTHREADS 3

static char *slurp(const char *path)
{
	static char buf[1 << 16];
	int fd = open(path, O_RDONLY), n, t = 0;

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	while ((n = read(fd, buf + t, sizeof(buf) - 1 - t)) > 0)
		t += n;
	buf[t] = '\0';
	close(fd);
	return buf;
}

/* The value after "Name:\t" in a status-style text. */
static const char *field(const char *text, const char *name, char *out, size_t size)
{
	const char *p = strstr(text, name);

	out[0] = '\0';
	if (!p)
		return out;
	p += strlen(name);
	while (*p == '\t' || *p == ' ')
		p++;
	snprintf(out, size, "%.*s", (int)strcspn(p, "\n"), p);
	return out;
}

static void show_link(const char *what, const char *path)
{
	char buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	printf("%-28s %s\n", what, n < 0 ? errno_name(errno) : buf);
}

/* The maps lines of [base, base + len), addresses as offsets from base. */
static void show_maps_range(const char *maps, unsigned long base, unsigned long len, const struct stat *st)
{
	for (const char *line = maps; *line; line = strchr(line, '\n') + 1) {
		unsigned long start, end, off, ino;
		unsigned maj, min;
		char perms[5];
		const char *nl = strchr(line, '\n');
		char name[128] = "(none)";

		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu", &start, &end, perms, &off, &maj, &min, &ino) != 7)
			break;
		if (start >= base && end <= base + len) {
			if (nl - line > MAPS_NAME_COLUMN && line[MAPS_NAME_COLUMN - 1] == ' ' && line[MAPS_NAME_COLUMN] != ' ')
				snprintf(name, sizeof(name), "%.*s", (int)(nl - line - MAPS_NAME_COLUMN), line + MAPS_NAME_COLUMN);
			printf("  +%05lx-+%05lx %s off %05lx dev:ino %s name@73 %s\n", start - base, end - base, perms, off,
			       st ? (makedev(maj, min) == st->st_dev && ino == st->st_ino ? "same as stat()" : "DIFFERENT")
				  : (maj || min || ino ? "nonzero" : "0"),
			       strrchr(name, '/') ? strrchr(name, '/') + 1 : name);
		}
		if (!nl)
			break;
	}
}

static char maps_copy[1 << 16];

static void maps_test(void)
{
	const char *path = "proc_self.data";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char page[4096] = { 1 };
	struct stat st;
	char *anon, *file, *shared;
	unsigned long size_kb = 0;
	char *maps;

	for (int i = 0; i < 4; i++)
		write(fd, page, sizeof(page));
	fstat(fd, &st);
	anon = mmap(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	file = mmap(NULL, 3 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, PAGE_SIZE);
	mprotect(file + PAGE_SIZE, PAGE_SIZE, PROT_NONE);
	shared = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	anon[0] = shared[0] = 1;
	maps = strcpy(maps_copy, slurp("/proc/self/maps"));	/* no malloc: it could map memory */
	printf("anonymous, 3 pages:\n");
	show_maps_range(maps, (unsigned long)anon, 3 * PAGE_SIZE, NULL);
	printf("file at offset 4096, middle page PROT_NONE:\n");
	show_maps_range(maps, (unsigned long)file, 3 * PAGE_SIZE, &st);
	printf("MAP_SHARED file:\n");
	show_maps_range(maps, (unsigned long)shared, 2 * PAGE_SIZE, &st);
	printf("[stack] line: %s\n", strstr(maps, " [stack]\n") ? "yes" : "no");
	for (const char *l = maps; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		unsigned long s, e;
		if (sscanf(l, "%lx-%lx", &s, &e) == 2 && e <= 0x800000000000UL)	/* not [vsyscall]: statm leaves it out */
			size_kb += (e - s) / 1024;
	}
	{
		unsigned long statm_size;
		sscanf(slurp("/proc/self/statm"), "%lu", &statm_size);
		printf("statm size == total of maps: %s\n", statm_size * 4 == size_kb ? "yes" : "no");
	}
	munmap(anon, 3 * PAGE_SIZE);
	munmap(file, 3 * PAGE_SIZE);
	munmap(shared, 2 * PAGE_SIZE);
	close(fd);
	unlink(path);
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int started, release_threads;
static pid_t tids[NTHREADS];

static void *thread_main(void *arg)
{
	pthread_mutex_lock(&mu);
	tids[(long)arg] = gettid();
	started++;
	pthread_cond_broadcast(&cv);
	while (!release_threads)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static int is_our_tid(int tid)
{
	if (tid == getpid())
		return 1;
	for (int i = 0; i < NTHREADS; i++)
		if (tids[i] == tid)
			return 1;
	return 0;
}

static void threads_test(void)
{
	pthread_t th[NTHREADS];
	char v[64];
	int n = 0, ours = 0;
	DIR *d;
	struct dirent *e;

	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&th[i], NULL, thread_main, (void *)i);
	pthread_mutex_lock(&mu);
	while (started < NTHREADS)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	printf("Threads with 3 more: %s\n", field(slurp("/proc/self/status"), "\nThreads:", v, sizeof(v)));
	d = opendir("/proc/self/task");
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		ours += is_our_tid(atoi(e->d_name)) && e->d_type == DT_DIR;
	}
	if (d)
		closedir(d);
	printf("task/ entries: %d, ours and directories: %d\n", n, ours);
	{
		char path[64];
		snprintf(path, sizeof(path), "/proc/self/task/%d/status", tids[0]);
		field(slurp(path), "\nPid:", v, sizeof(v));
		printf("task/TID/status Pid == tid: %s\n", atoi(v) == tids[0] ? "yes" : "no");
		field(slurp(path), "\nTgid:", v, sizeof(v));
		printf("task/TID/status Tgid == getpid: %s\n", atoi(v) == getpid() ? "yes" : "no");
	}
	pthread_mutex_lock(&mu);
	release_threads = 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	printf("Threads after join: %s\n", field(slurp("/proc/self/status"), "\nThreads:", v, sizeof(v)));
}

static void status_test(void)
{
	char *s, v[128];
	sigset_t set;

	umask(027);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	s = slurp("/proc/self/status");
	printf("Name: %s\n", field(s, "Name:", v, sizeof(v)));
	printf("Umask: %s\n", field(s, "Umask:", v, sizeof(v)));
	printf("State: %s\n", field(s, "State:", v, sizeof(v)));
	printf("Tgid == getpid: %s\n", atoi(field(s, "Tgid:", v, sizeof(v))) == getpid() ? "yes" : "no");
	printf("Pid == getpid: %s\n", atoi(field(s, "\nPid:", v, sizeof(v))) == getpid() ? "yes" : "no");
	printf("PPid == getppid: %s\n", atoi(field(s, "PPid:", v, sizeof(v))) == getppid() ? "yes" : "no");
	printf("SigBlk: %s\n", field(s, "SigBlk:", v, sizeof(v)));
	printf("Threads: %s\n", field(s, "\nThreads:", v, sizeof(v)));
	printf("VmRSS present: %s\n", strstr(s, "\nVmRSS:\t") && strstr(s, " kB\n") ? "yes" : "no");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	umask(022);
}

static void stat_test(void)
{
	char *s = slurp("/proc/self/stat"), comm[64], state;
	int pid, ppid, pgrp, session, nthreads;
	char *close = strrchr(s, ')');

	sscanf(s, "%d (%63[^)])", &pid, comm);
	sscanf(close + 2, "%c %d %d %d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %d", &state, &ppid, &pgrp,
	       &session, &nthreads);
	printf("stat: pid ok %d, comm %s, state %c, ppid ok %d, pgrp ok %d, session ok %d, threads %d\n",
	       pid == getpid(), comm, state, ppid == getppid(), pgrp == getpgrp(), session == getsid(0), nthreads);
	{
		int fields = 2;		/* pid and (comm), then one per space */
		for (const char *p = close + 1; *p; p++)
			fields += *p == ' ';
		printf("stat fields: %d\n", fields);
	}
}

static void fd_test(void)
{
	int fd = open("/proc/self/exe", O_RDONLY), p[2], nul = open("/dev/null", O_WRONLY);
	int data = open("proc_self.fdtest", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	char path[64], want[64], buf[256], v[64];
	struct stat st;
	ssize_t n;

	pipe(p);
	fstat(p[0], &st);
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	n = readlink(path, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	printf("fd/pipe read end == pipe:[st_ino]: %s\n", !strcmp(buf, want) ? "yes" : buf);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	n = readlink(path, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	printf("fd/pipe write end == pipe:[st_ino]: %s\n", !strcmp(buf, want) ? "yes" : buf);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", nul);
	show_link("fd of /dev/null:", path);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", data);
	n = readlink(path, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	printf("fd of a file ends in its name: %s\n", strstr(buf, "/proc_self.fdtest") ? "yes" : buf);
	lstat(path, &st);
	printf("fd link mode of O_RDWR: %o, of /dev/null O_WRONLY: ", st.st_mode & 0777);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", nul);
	lstat(path, &st);
	printf("%o\n", st.st_mode & 0777);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", data);
	printf("fdinfo flags of O_RDWR|O_CLOEXEC: %s\n", field(slurp(path), "flags:", v, sizeof(v)));
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", p[1]);
	printf("fdinfo flags of a pipe's write end: %s\n", field(slurp(path), "flags:", v, sizeof(v)));
	write(data, "12345", 5);
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", data);
	printf("fdinfo pos after writing 5: %s\n", field(slurp(path), "pos:", v, sizeof(v)));
	printf("open of fd 999 entry: %s\n", open("/proc/self/fd/999", O_RDONLY) < 0 ? errno_name(errno) : "opened");
	close(fd);
	close(p[0]);
	close(p[1]);
	close(nul);
	close(data);
	unlink("proc_self.fdtest");
}

static void comm_oom_test(void)
{
	int fd = open("/proc/self/comm", O_WRONLY);
	char v[64];

	write(fd, "a-very-long-name-for-a-task\n", 28);
	close(fd);
	printf("comm after writing a long name: %s", slurp("/proc/self/comm"));
	printf("status Name: %s\n", field(slurp("/proc/self/status"), "Name:", v, sizeof(v)));
	fd = open("/proc/self/comm", O_WRONLY);
	write(fd, "proc_self", 9);
	close(fd);
	printf("oom_score_adj before: %s", slurp("/proc/self/oom_score_adj"));
	fd = open("/proc/self/oom_score_adj", O_WRONLY);
	printf("write 500: %ld\n", (long)write(fd, "500", 3));
	printf("write 5000: %s\n", write(fd, "5000", 4) < 0 ? errno_name(errno) : "accepted");
	close(fd);
	printf("oom_score_adj after: %s", slurp("/proc/self/oom_score_adj"));
}

static void meminfo_names(void)
{
	char *s = slurp("/proc/meminfo");

	printf("meminfo fields:");
	for (char *l = s; *l; l = strchr(l, '\n') + 1) {
		int n = strcspn(l, ":");
		printf(" %.*s", n, l);
		if (!strncmp(l, "HugePages_Total", 15) || !strchr(l, '\n'))
			break;
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	char buf[64], want[64];
	ssize_t n;
	struct stat st;
	char *cmd;

	(void)argc;
	setvbuf(stdout, NULL, _IONBF, 0);
	n = readlink("/proc/self", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%d", getpid());
	printf("/proc/self -> getpid(): %s\n", !strcmp(buf, want) ? "yes" : buf);
	n = readlink("/proc/thread-self", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	snprintf(want, sizeof(want), "%d/task/%d", getpid(), gettid());
	printf("/proc/thread-self -> PID/task/TID: %s\n", !strcmp(buf, want) ? "yes" : buf);
	printf("lstat /proc/self is a link: %s\n", !lstat("/proc/self", &st) && S_ISLNK(st.st_mode) ? "yes" : "no");
	printf("stat /proc/self is a directory: %s\n", !stat("/proc/self", &st) && S_ISDIR(st.st_mode) ? "yes" : "no");
	printf("stat /proc/999999: %s\n", stat("/proc/999999", &st) ? errno_name(errno) : "exists");
	printf("stat /proc/self/nonexistent: %s\n", stat("/proc/self/nonexistent", &st) ? errno_name(errno) : "exists");
	printf("open /proc/999999/status: %s\n", open("/proc/999999/status", O_RDONLY) < 0 ? errno_name(errno) : "opened");
	cmd = slurp("/proc/self/cmdline");
	printf("cmdline is argv[0]: %s\n", !strcmp(cmd, argv[0]) ? "yes" : "no");
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	printf("exe is a link to a path: %s\n", n > 0 && buf[0] == '/' ? "yes" : "no");
	printf("ostype: %s", slurp("/proc/sys/kernel/ostype"));
	status_test();
	stat_test();
	maps_test();
	threads_test();
	fd_test();
	comm_oom_test();
	meminfo_names();
	return 0;
}
