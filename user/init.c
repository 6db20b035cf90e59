/*
 * /sbin/init - the first user process.
 *
 * Usage (the kernel passes everything after " -- " on its command line):
 *   init                         start the shell /bin/sh on the console, forever:
 *                                a session leader with the console as its
 *                                controlling terminal (as getty and login
 *                                arrange on Linux), restarted when it fails
 *   init --run PROG [ARGS...]    run one program (tools/qrun): stdout on
 *                                /dev/ttyS1, stderr on /dev/ttyS2, stdin
 *                                /etc/qrun-stdin if the image has it (qrun
 *                                PROG < FILE), else /dev/null; then exit with
 *                                its status as a shell reports it (code, or
 *                                128+signal)
 *   init --run-argv FILE         as --run, with the argument vector read from
 *                                FILE (NUL-separated; tools/qrun writes it)
 * A program run by --run or --run-argv gets the environment PATH=/bin:/sbin
 * HOME=/, with /etc/qrun-env's NAME=VALUE strings (NUL-separated, from
 * qrun --env) added, a NAME given there replacing the default.
 *   init --run-tests DIR [NAME...] run every program in DIR (or only the NAMEs) in name order
 *                                (make test); each one's output is framed
 *                                by "@@@ BEGIN name" and "[exit N]" / "[signal N]",
 *                                then "@@@ FREE before after": free memory
 *                                (sysinfo) before the fork and after the wait,
 *                                which must be equal: a test must leak nothing
 *                                (each measurement first syncs and drops the
 *                                caches, so cached file pages do not count)
 *   init --tmpfs DIR ... MODE    first mount a tmpfs (mode 1777) on DIR, as
 *                                distributions mount /tmp and /dev/shm; then
 *                                MODE as above (tools/qrun: /tmp, /dev/shm)
 * When init exits, the kernel prints "init exited with code N" and powers off.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sysinfo.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TESTS 1024
#define MAX_ENV 1024
#define SHELL "/bin/sh"
#define QRUN_ENV "/etc/qrun-env"
#define QRUN_STDIN "/etc/qrun-stdin"

static char *const test_env[] = { "PATH=/bin:/sbin", "HOME=/", NULL };
/* The login shell's: busybox ash shows PS1 as "faultline:/# " (\w the
 * directory, \$ '#' for root); TERM names what vi and less may assume. */
static char *const shell_env[] = { "PATH=/bin:/sbin", "HOME=/", "TERM=vt100",
				   "PS1=faultline:\\w\\$ ", NULL };

static void redirect(int fd, const char *path, int flags)
{
	int f = open(path, flags);
	if (f < 0) {
		perror(path);
		return;
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
}

/* The status a shell would show in $?: the exit code, or 128 + signal. */
static int shell_status(int st)
{
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

static int spawn_wait(char *const argv[], char *const envp[])
{
	int st;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setpgid(0, 0);            /* its own process group, as a shell job gets */
		execve(argv[0], argv, envp);
		perror(argv[0]);
		_exit(127);
	}
	/* Reap whatever ends (orphans are init's too) until our child does. */
	for (pid_t r; (r = waitpid(-1, &st, 0)) != pid;)
		if (r < 0 && errno == ECHILD)
			return -1;
	return st;
}

/* Read FILE, NUL-separated strings, into vec (NULL-terminated): their
 * number, or -1 if it cannot be read.  buf holds the strings. */
static int read_strings(const char *file, char *buf, size_t size, char **vec, int max)
{
	int fd = open(file, O_RDONLY), n = 0;
	ssize_t len = 0, r;
	if (fd < 0)
		return -1;
	while (len < (ssize_t)size - 1 && (r = read(fd, buf + len, size - 1 - len)) > 0)
		len += r;
	close(fd);
	buf[len] = 0;
	for (char *p = buf; p < buf + len && n < max - 1; p += strlen(p) + 1)
		vec[n++] = p;
	vec[n] = NULL;
	return n;
}

/* The defaults, then /etc/qrun-env (qrun --env): a NAME there replaces the default's. */
static char **program_env(void)
{
	static char buf[65536];
	static char *extra[MAX_ENV], *env[MAX_ENV + 3];
	int n = 0, k = read_strings(QRUN_ENV, buf, sizeof(buf), extra, MAX_ENV);
	for (int i = 0; test_env[i]; i++) {
		size_t name_len = strchr(test_env[i], '=') - test_env[i] + 1;
		int replaced = 0;
		for (int j = 0; j < k; j++)
			replaced |= !strncmp(extra[j], test_env[i], name_len);
		if (!replaced)
			env[n++] = test_env[i];
	}
	for (int j = 0; j < k; j++)
		env[n++] = extra[j];
	env[n] = NULL;
	return env;
}

static int run_one(char **argv)
{
	int st;
	redirect(0, access(QRUN_STDIN, F_OK) ? "/dev/null" : QRUN_STDIN, O_RDONLY);
	redirect(1, "/dev/ttyS1", O_WRONLY);
	redirect(2, "/dev/ttyS2", O_WRONLY);
	st = spawn_wait(argv, program_env());
	return st < 0 ? 127 : shell_status(st);
}

/* Read a NUL-separated argument vector (arguments may hold spaces). */
static int run_argv_file(const char *file)
{
	static char buf[65536];
	static char *argv[1024];
	if (read_strings(file, buf, sizeof(buf), argv, 1024) <= 0) {
		perror(file);
		return 127;
	}
	return run_one(argv);
}

/* Linux's recipe: sync, then "3" into drop_caches empties the page cache and the unused inodes. */
static void drop_caches(void)
{
	int fd;
	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "3", 1) != 1)
			dprintf(2, "init: drop_caches: %s\n", strerror(errno));
		close(fd);
	}
}

/* Kernel objects in use: the sum of /proc/slabinfo's active_objs column. */
static unsigned long slab_objects(void)
{
	static char buf[4096];
	unsigned long total = 0, active;
	int fd = open("/proc/slabinfo", O_RDONLY), n;
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	for (char *line = strchr(buf, '\n'); line && *++line; line = strchr(line, '\n'))
		if (line[0] != '#' && sscanf(line, "%*s %lu", &active) == 1)
			total += active;
	return total;
}

static unsigned long free_bytes(void)
{
	struct sysinfo si;
	drop_caches();
	return sysinfo(&si) ? 0 : si.freeram * si.mem_unit;
}

/* Open every device node once: the kernel keeps a device's inode from its
 * first open on (a cache, like Linux's dentry cache), which must not count
 * against the first test that happens to open it. */
static void open_devices(void)
{
	static const char *const devs[] = {	/* drivers/char/mem.c, random.c, drivers/tty */
		"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
		"/dev/tty", "/dev/console", "/dev/ttyS0", "/dev/ttyS1", "/dev/ttyS2", "/dev/ttyS3",
	};
	for (unsigned i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		close(open(devs[i], O_RDONLY | O_NONBLOCK | O_NOCTTY));
}

/* Touch every page init's own fork/wait path uses, so that the measurements
 * around each test see only the test's memory. */
/* Make and remove a directory and a file in /tmp once: the file system
 * keeps the bitmaps and group descriptors it reads on the first allocation
 * cached, which must not count against the first test that writes. */
static void touch_file_system(void)
{
	const char *dir = "/tmp/.init-warm-up", *file = "/tmp/.init-warm-up/f";
	int fd;
	if (mkdir(dir, 0700) == 0 && (fd = open(file, O_WRONLY | O_CREAT, 0600)) >= 0) {
		if (write(fd, "x", 1) != 1)
			dprintf(2, "init: warm-up write: %s\n", strerror(errno));
		close(fd);
		unlink(file);
	}
	rmdir(dir);
}

/* One pipe, written and read: its first use sets up what every later pipe shares. */
static void touch_pipe(void)
{
	int p[2];
	char c = 'x';
	if (pipe(p))
		return;
	if (write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1)
		dprintf(2, "init: warm-up pipe: %s\n", strerror(errno));
	close(p[0]);
	close(p[1]);
}

static void warm_up(void)
{
	/* init's own pages, all resident now (text read in, data and bss
	 * copied): a page of init first used in the middle of the loop would
	 * otherwise count as the running test's */
	if (mlockall(MCL_CURRENT))
		dprintf(2, "init: mlockall: %s\n", strerror(errno));
	open_devices();
	touch_file_system();
	touch_pipe();
	slab_objects();		/* /proc/slabinfo's first open is counted here, not in a test */
	for (int i = 0; i < 2; i++) {
		pid_t pid = fork();
		int st;
		if (pid == 0)
			_exit(0);
		waitpid(pid, &st, 0);
	}
	free_bytes();
}

static int by_name(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

/* Is name among only[0..nonly)?  No list means every program. */
static int chosen(const char *name, char **only, int nonly)
{
	if (!nonly)
		return 1;
	for (int i = 0; i < nonly; i++)
		if (!strcmp(name, only[i]))
			return 1;
	return 0;
}

static int run_tests(const char *dir, char **only, int nonly)
{
	static char *names[MAX_TESTS];
	char path[512];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d) {
		perror(dir);
		return 1;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && chosen(e->d_name, only, nonly) && n++ < MAX_TESTS)
			names[n - 1] = strdup(e->d_name);
	closedir(d);
	if (n > MAX_TESTS) {		/* said, so the harness's "did not run" has a reason */
		fprintf(stderr, "init: %d programs in %s, only %d are run (MAX_TESTS)\n", n, dir, MAX_TESTS);
		n = MAX_TESTS;
	}
	qsort(names, n, sizeof(names[0]), by_name);
	redirect(0, "/dev/null", O_RDONLY);
	redirect(1, "/dev/ttyS1", O_WRONLY);
	redirect(2, "/dev/ttyS1", O_WRONLY);
	warm_up();
	for (int i = 0; i < n; i++) {
		char *argv[] = { path, NULL };
		unsigned long before, objs_before;
		int st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		dprintf(1, "@@@ BEGIN %s\n", names[i]);
		before = free_bytes();
		objs_before = slab_objects();
		st = spawn_wait(argv, test_env);
		if (st < 0)
			dprintf(1, "[fork failed]\n");
		else if (WIFSIGNALED(st))
			dprintf(1, "[signal %d]\n", WTERMSIG(st));
		else
			dprintf(1, "[exit %d]\n", WEXITSTATUS(st));
		while (waitpid(-1, &st, WNOHANG) > 0)   /* orphans the test left behind */
			;
		dprintf(1, "@@@ FREE %lu %lu\n", before, free_bytes());
		dprintf(1, "@@@ SLAB %lu %lu\n", objs_before, slab_objects());
	}
	dprintf(1, "@@@ DONE\n");
	return 0;
}

/* The shell in a session of its own, the console (our fd 0) its
 * controlling terminal and its group the foreground; then reap orphans
 * until it ends.  Its status, or -1. */
static int spawn_login_shell(char *const argv[])
{
	int st;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setsid();
		if (ioctl(0, TIOCSCTTY, 0))
			perror("init: TIOCSCTTY");
		execve(argv[0], argv, shell_env);
		perror(argv[0]);
		_exit(127);
	}
	for (pid_t r; (r = waitpid(-1, &st, 0)) != pid;)
		if (r < 0 && errno == ECHILD)
			return -1;
	return st;
}

/* Reap orphans and restart the shell when it exits (as a classic init does). */
static int console_loop(void)
{
	char *argv[] = { SHELL, NULL };
	for (;;) {
		int st = spawn_login_shell(argv);
		if (st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
			return 0;            /* "exit" in the shell powers off */
		printf("init: %s ended (status %d); restarting it\n", SHELL, shell_status(st));
	}
}

/* World-writable and sticky, as /tmp must be; no nosuid or nodev, so that
 * programs run from /tmp behave as from a /tmp on the root file system. */
#define TMPFS_OPTIONS "mode=1777"

/* --tmpfs DIR: a failed mount is said, and the run goes on with DIR as it was. */
static void mount_tmpfs(const char *dir)
{
	if (mount("tmpfs", dir, "tmpfs", 0, TMPFS_OPTIONS) < 0)
		dprintf(2, "init: mount tmpfs on %s: %s\n", dir, strerror(errno));
}

int main(int argc, char **argv)
{
	while (argc >= 3 && !strcmp(argv[1], "--tmpfs")) {
		mount_tmpfs(argv[2]);
		argv[2] = argv[0];
		argv += 2;
		argc -= 2;
	}
	if (argc >= 3 && !strcmp(argv[1], "--run"))
		return run_one(argv + 2);
	if (argc >= 3 && !strcmp(argv[1], "--run-argv"))
		return run_argv_file(argv[2]);
	if (argc >= 3 && !strcmp(argv[1], "--run-tests"))
		return run_tests(argv[2], argv + 3, argc - 3);
	return console_loop();
}
