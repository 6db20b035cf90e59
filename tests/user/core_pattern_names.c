/*
 * core_pattern_names - /proc/sys/kernel/core_pattern names the core file
 * (Linux fs/coredump.c format_corename, kernel/sysctl.c proc_dostring;
 * LTP madvise08), and madvise(MADV_DONTDUMP) leaves memory out of it:
 *   - a write keeps the text up to the first newline, at most 127 bytes
 *     (the rest is dropped, the write still succeeds);
 *   - an absolute pattern puts the core there; %% is '%', %p the pid,
 *     %i the thread id, %s the signal, %u and %g the ids, %e the name
 *     with '/' made '!'; an unknown %z and a '%' at the end add nothing;
 *   - a mapping marked MADV_DONTDUMP is not in the dump, one marked
 *     MADV_DODUMP again is (smaps shows the mark as "dd").
 * The pattern is put back.  Pids are printed as PID.
 * build: musl
 */
#define _GNU_SOURCE
#include "fsutil.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#define PATTERN "/proc/sys/kernel/core_pattern"
#define MARK_LEN (4 * PAGE_SIZE)

static char dir[64] = "/tmp/corepatXXXXXX";
static char saved[256];

static void put_pattern(const char *s)
{
	int fd = open(PATTERN, O_WRONLY);
	long r = fd < 0 ? -1 : write(fd, s, strlen(s));

	if (r < 0)
		printf("write pattern: %s\n", errno_name(errno));
	if (fd >= 0)
		close(fd);
}

static void get_pattern(char *buf, size_t n)
{
	int fd = open(PATTERN, O_RDONLY);
	long r = fd < 0 ? -1 : read(fd, buf, n - 1);

	buf[r > 0 ? r : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

/* The marker's byte i: made where it is needed, so no copy of it lies in memory before. */
static unsigned char mark_byte(size_t i) { return (unsigned char)(i * 131 + (i >> 8) * 7 + 1); }

/* "dd" in the smaps VmFlags line of the mapping holding @addr. */
static int smaps_dd(void *addr)
{
	char line[512];
	FILE *f = fopen("/proc/self/smaps", "r");
	unsigned long a = (unsigned long)addr, lo, hi;
	int in = 0, dd = -1;

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
			in = lo <= a && a < hi;
		else if (in && !strncmp(line, "VmFlags:", 8)) {
			dd = strstr(line, " dd") != NULL;
			break;
		}
	}
	if (f)
		fclose(f);
	return dd;
}

/* A child that maps the marker, gives @advice (or none: -1) and aborts; its pid. */
static pid_t dump_child(int advice, const char *comm)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		unsigned char *m = mmap(NULL, MARK_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		struct rlimit r;

		getrlimit(RLIMIT_CORE, &r);
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_CORE, &r);
		prctl(PR_SET_NAME, comm);
		for (size_t i = 0; i < MARK_LEN; i++)
			m[i] = mark_byte(i);
		if (advice >= 0) {
			printf("  madvise: %s\n", madvise(m, MARK_LEN, advice) ? errno_name(errno) : "ok");
			printf("  smaps dd: %d\n", smaps_dd(m));
		}
		fflush(stdout);
		abort();
	}
	waitpid(pid, &status, 0);
	printf("  child: %s, core %s\n", WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "exited",
	       WCOREDUMP(status) ? "dumped" : "not dumped");
	return pid;
}

/* Is the marker in the file? */
static const char *has_mark(const char *path)
{
	int fd = open(path, O_RDONLY);
	static unsigned char buf[1 << 16];
	size_t have = 0, want = 0;
	long n;

	if (fd < 0)
		return errno_name(errno);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (long i = 0; i < n; i++) {
			want = buf[i] == mark_byte(want) ? want + 1 : buf[i] == mark_byte(0);
			have = want > have ? want : have;
		}
	close(fd);
	return have == MARK_LEN ? "marker found" : "no marker";
}

/* The names in dir, the child's pid shown as PID; each removed. */
static void list_dir(pid_t pid)
{
	char spid[16], path[400];
	DIR *d = opendir(dir);
	struct dirent *e;

	snprintf(spid, sizeof(spid), "%d", pid);
	while (d && (e = readdir(d))) {
		char shown[256] = "", *at;
		const char *s = e->d_name;

		if (e->d_name[0] == '.')
			continue;
		while ((at = strstr(s, spid))) {
			strncat(shown, s, at - s);
			strcat(shown, "PID");
			s = at + strlen(spid);
		}
		strcat(shown, s);
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		printf("  file %s: %s\n", shown, has_mark(path));
		unlink(path);
	}
	if (d)
		closedir(d);
}

static void show_pattern(const char *what)
{
	char p[256];

	get_pattern(p, sizeof(p));
	printf("%s: [%zu] %s", what, strlen(p), p);
}

int main(void)
{
	char pat[300], longp[200];
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	get_pattern(saved, sizeof(saved));
	if (!mkdtemp(dir))
		return 1;
	memset(longp, 'a', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	put_pattern(longp);
	show_pattern("200 bytes written");
	put_pattern("abc\ndef");
	show_pattern("abc\\ndef written");

	snprintf(pat, sizeof(pat), "%s/c%%%%-%%p-%%s-%%u-%%g-%%z-%%e%%", dir);
	put_pattern(pat);
	printf("names:\n");
	pid = dump_child(-1, "a/b");
	list_dir(pid);

	snprintf(pat, sizeof(pat), "%s/d-%%i\n", dir);
	put_pattern(pat);
	printf("MADV_DONTDUMP:\n");
	list_dir(dump_child(MADV_DONTDUMP, "x"));
	printf("MADV_DONTDUMP then MADV_DODUMP:\n");
	pid = fork();
	if (pid == 0) {
		/* the mark is set and cleared in one child: DODUMP undoes it */
		unsigned char *m = mmap(NULL, MARK_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		madvise(m, MARK_LEN, MADV_DONTDUMP);
		printf("  smaps dd after DONTDUMP: %d\n", smaps_dd(m));
		madvise(m, MARK_LEN, MADV_DODUMP);
		printf("  smaps dd after DODUMP: %d\n", smaps_dd(m));
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	list_dir(dump_child(MADV_DODUMP, "x"));
	printf("no advice:\n");
	list_dir(dump_child(-1, "x"));

	put_pattern(saved);
	rmdir(dir);
	return 0;
}
