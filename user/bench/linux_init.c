/*
 * user/bench/linux_init.c - /init of the initramfs that tools/bench.py boots
 * on Debian's Linux kernel: run every program in /bench in name order, each in
 * a child (fork, execve, waitpid), with the same framing as faultline's
 * "init --run-tests":
 *
 *     @@@ BEGIN name
 *     ...the program's stdout and stderr...
 *     [exit N]  or  [signal N]
 *     @@@ DONE
 *
 * then power off.  The kernel opens /dev/console (a device node in the
 * initramfs; console=ttyS0) as fds 0-2 for /init; when that failed, mount
 * devtmpfs and open the console there.
 *
 * Before the programs run, vm.max_map_count goes from Linux's default 65530
 * to MAX_MAP_COUNT, so that the 100,000-VMA benchmarks can build their VMAs
 * (faultline has no such limit); a failure is printed, and those programs
 * then report ENOMEM themselves.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define DIR_NAME "/bench"
#define MAX_PROGS 64
#define MAX_MAP_COUNT "262144"

static void console_fds(void)
{
	int fd;
	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void raise_max_map_count(void)
{
	const char *path = "/proc/sys/vm/max_map_count";
	int fd;
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, MAX_MAP_COUNT "\n", sizeof(MAX_MAP_COUNT)) != sizeof(MAX_MAP_COUNT))
		perror("linux_init: cannot raise vm.max_map_count");
	else
		printf("linux_init: vm.max_map_count = %s\n", MAX_MAP_COUNT);
	if (fd >= 0)
		close(fd);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(void)
{
	static char *names[MAX_PROGS];
	char path[512];
	int n = 0;
	DIR *d;
	struct dirent *e;

	console_fds();
	setvbuf(stdout, NULL, _IONBF, 0);
	raise_max_map_count();
	d = opendir(DIR_NAME);
	if (!d) {
		perror(DIR_NAME);
	} else {
		while ((e = readdir(d)) && n < MAX_PROGS)
			if (e->d_name[0] != '.')
				names[n++] = strdup(e->d_name);
		closedir(d);
	}
	qsort(names, n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++) {
		char *argv[] = { path, NULL };
		char *envp[] = { "PATH=/bench", NULL };
		int st;
		pid_t pid;
		snprintf(path, sizeof(path), "%s/%s", DIR_NAME, names[i]);
		printf("@@@ BEGIN %s\n", names[i]);
		pid = fork();
		if (pid == 0) {
			execve(path, argv, envp);
			perror(path);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid)
			printf("[fork failed]\n");
		else if (WIFSIGNALED(st))
			printf("[signal %d]\n", WTERMSIG(st));
		else
			printf("[exit %d]\n", WEXITSTATUS(st));
		while (waitpid(-1, &st, WNOHANG) > 0)	/* orphans */
			;
	}
	printf("@@@ DONE\n");
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
